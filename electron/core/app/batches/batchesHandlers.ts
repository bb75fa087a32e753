/**
 * batches.* and pricing.quote: creating a batch, choosing plans, confirming the premium,
 * and the clerk's lifecycle commands. Every command that must reach the association writes
 * its outbox action in the same transaction as the state change it reports.
 */
import type { BatchDetail, OperationHandlers, ValidIn } from '../../../../shared/api';
import { ENROLLMENT_TYPE_LABELS } from '../../../../shared/domain/batch';
import { checkSelection, type PlanChoice } from '../../../../shared/domain/eligibility';
import { checkSubmissionDate, enrollmentTypeRule, type Scheme } from '../../../../shared/domain/scheme';
import type { BatchPatch, BatchRecord } from '../../store';
import { applyEvent } from './batchTransitions';
import { schemeOf, storeCall, today, type CoreContext } from '../coreContext';
import { CoreError, notFound } from '../../coreError';
import { quoteBatch } from './pricing';
import { supplementsOf } from './supplements';
import { beginRosterEdit, recheckBatch } from '../roster/rosterChecks';

export function batchDetail(ctx: CoreContext, batchId: string): BatchDetail {
  const detail = ctx.store.batches.detail(batchId);
  if (!detail) throw notFound('批次', batchId);
  return detail;
}

/** The plans of the unit's central enrollment this year, which an instant one may have to copy. */
function centralSelection(ctx: CoreContext, batch: BatchRecord): PlanChoice[] | undefined {
  const central = ctx.store.batches
    .list({ unitId: batch.unitId, schemeId: batch.schemeId, enrollmentTypes: ['central'] })
    .find((b) => b.id !== batch.id && b.coverageYear.start === batch.coverageYear.start && !['withdrawn', 'deleted'].includes(b.state));
  return central?.selection;
}

function refuseInvalidSelection(ctx: CoreContext, scheme: Scheme, batch: BatchRecord, selection: readonly PlanChoice[]): void {
  if (scheme.selectionScope !== 'batch' || selection.length === 0) return;
  const central = centralSelection(ctx, batch);
  const errors = checkSelection(scheme, selection, { enrollmentType: batch.enrollmentType, scope: 'batch', ...(central ? { centralSelection: central } : {}) }).filter(
    (v) => v.severity === 'error',
  );
  if (errors.length > 0) {
    const details = errors.map((v) => ({ code: v.code, message: v.message, hint: v.hint, field: 'selection', data: { planCodes: v.planCodes, ...(v.ruleIndex !== undefined ? { ruleIndex: v.ruleIndex } : {}) } }));
    throw new CoreError('SELECTION_RULE', errors.map((v) => `${v.message}（${v.hint}）`).join('；'), 422, 'selection', details);
  }
}

function hasRoster(ctx: CoreContext, batch: BatchRecord): boolean {
  return ctx.store.persons.count(batch.id) > 0 || batch.headCountLines.length > 0;
}

function create(ctx: CoreContext, input: ValidIn<'batches.create'>): BatchDetail {
  const unit = storeCall(() => ctx.store.units.require(input.unitId));
  const scheme = schemeOf(ctx, input.schemeId);
  const typeRule = enrollmentTypeRule(scheme, input.enrollmentType);
  if (!typeRule.ok) throw new CoreError('NOT_OFFERED', `${typeRule.problem.message}（${typeRule.problem.hint}）`, 422, 'enrollmentType');
  let policy: BatchRecord | null = null;
  if (input.policyBatchId) {
    policy = ctx.store.batches.get(input.policyBatchId);
    if (!policy || policy.unitId !== unit.id) throw notFound('要补充的保单', input.policyBatchId);
    if (policy.state !== 'inForce' && policy.state !== 'awaitingEffect') {
      throw new CoreError('POLICY_NOT_IN_FORCE', '只能为已生效（或待生效）的保单办理保全', 422, 'policyBatchId');
    }
    if (policy.schemeId !== scheme.id) throw new CoreError('VALIDATION', '保全须使用原保单的保障方案', 422, 'schemeId');
  }
  const title = input.title ?? `${scheme.yearLabel}${typeRule.rule.label ?? ENROLLMENT_TYPE_LABELS[input.enrollmentType]}（${today(ctx)}）`;
  const batch = ctx.store.batches.create(
    {
      unitId: unit.id,
      schemeId: scheme.id,
      schemeVersion: scheme.version,
      coverageYear: scheme.coverageYear,
      enrollmentType: input.enrollmentType,
      title,
      ...(input.requestedStart ? { requestedStart: input.requestedStart } : {}),
      ...(input.policyBatchId ? { policyBatchId: input.policyBatchId } : {}),
      // New hires join the policy's plans (保全): the clerk starts from them and may narrow them.
      ...(policy && policy.selection.length > 0 ? { selection: policy.selection } : {}),
      ...(policy?.contact ? { contact: policy.contact } : {}),
      // Qingdao asks the unit's head counts with each enrollment: start from the profile's.
      ...(unit.headCounts ? { headCounts: unit.headCounts } : {}),
    },
    ctx.clerk(),
  );
  return batchDetail(ctx, batch.id);
}

const BEFORE_SUBMISSION = ['draft', 'rosterToCheck', 'checkFailed', 'checkPassed', 'premiumConfirmed', 'personsRejected', 'withdrawn'] as const;

function update(ctx: CoreContext, input: ValidIn<'batches.update'>): BatchDetail {
  const batch = storeCall(() => ctx.store.batches.require(input.batchId));
  if (!(BEFORE_SUBMISSION as readonly string[]).includes(batch.state)) {
    throw new CoreError('NOT_EDITABLE', '批次已提交给互助会，不能再修改；如需修改，请先撤回批次', 409);
  }
  const scheme = schemeOf(ctx, batch.schemeId, batch.schemeVersion);
  if (input.selection) refuseInvalidSelection(ctx, scheme, batch, input.selection);

  const patch: BatchPatch = {};
  if (input.title !== undefined) patch.title = input.title;
  if (input.selection !== undefined) patch.selection = input.selection;
  if (input.headCountLines !== undefined) patch.headCountLines = input.headCountLines;
  if (input.requestedStart !== undefined) patch.requestedStart = input.requestedStart;
  if (input.contact !== undefined) patch.contact = input.contact;
  if (input.headCounts !== undefined) patch.headCounts = input.headCounts;
  if (input.socialSecurityTotals !== undefined) patch.socialSecurityTotals = input.socialSecurityTotals;
  if (input.overAgeCommitment !== undefined) patch.overAgeCommitmentAt = input.overAgeCommitment ? ctx.now().toISOString() : null;

  // What the checks or the premium depend on sends a checked batch back through the checks.
  const affectsChecks = ['selection', 'headCountLines', 'requestedStart', 'headCounts', 'socialSecurityTotals', 'overAgeCommitment'].some(
    (k) => (input as Record<string, unknown>)[k] !== undefined,
  );
  ctx.store.transaction(() => {
    let current = batch;
    if (affectsChecks && current.state === 'premiumConfirmed') current = applyEvent(ctx, current.id, 'changePlans');
    if (affectsChecks && current.state !== 'draft' && current.state !== 'withdrawn') current = beginRosterEdit(ctx, current);
    ctx.store.batches.update(current.id, patch, ctx.clerk());
  });
  const updated = ctx.store.batches.require(batch.id);
  if (affectsChecks && hasRoster(ctx, updated) && updated.state === 'rosterToCheck') recheckBatch(ctx, batch.id);
  return batchDetail(ctx, batch.id);
}

function confirmPremium(ctx: CoreContext, batch: BatchRecord): void {
  const scheme = schemeOf(ctx, batch.schemeId, batch.schemeVersion);
  if (scheme.selectionScope === 'batch' && batch.selection.length === 0) throw new CoreError('NO_PLANS', '请先选择保障项目', 422, 'selection');
  refuseInvalidSelection(ctx, scheme, batch, batch.selection);
  const quote = quoteBatch(ctx, batch);
  if (quote.totalFen === 0) throw new CoreError('NOTHING_TO_PAY', '没有可计费的参保人员，不能确认保费', 422);
  ctx.store.transaction(() => {
    applyEvent(ctx, batch.id, 'confirmPremium', {}, { patch: { premium: quote, payableFen: quote.payableFen } });
  });
}

function submit(ctx: CoreContext, batch: BatchRecord): void {
  const scheme = schemeOf(ctx, batch.schemeId, batch.schemeVersion);
  const problem = checkSubmissionDate(scheme, batch.enrollmentType, today(ctx));
  if (problem) throw new CoreError(problem.code, `${problem.message}（${problem.hint}）`, 422, undefined, [{ code: problem.code, message: problem.message, hint: problem.hint, data: { enrollmentType: batch.enrollmentType, date: today(ctx) } }]);
  ctx.store.transaction(() => {
    applyEvent(ctx, batch.id, 'submit', {}, { outbox: { kind: 'submitBatch', batchId: batch.id, unitId: batch.unitId, payload: { batchId: batch.id, payableFen: batch.payableFen } } });
  });
}

function cancelSubmission(ctx: CoreContext, batch: BatchRecord): void {
  ctx.store.transaction(() => {
    const unsent = ctx.store.outbox.unsentAction(batch.id, 'submitBatch');
    const notYetSent = unsent !== null && ctx.store.outbox.cancelUnsent(unsent.id);
    applyEvent(ctx, batch.id, 'cancelSubmission', { notYetSent });
  });
}

function withdraw(ctx: CoreContext, batch: BatchRecord, reason: string): void {
  ctx.store.transaction(() => {
    const unsent = ctx.store.outbox.unsentAction(batch.id, 'submitBatch');
    // Never sent: the association never saw it, so there is nothing to tell it.
    if (unsent && ctx.store.outbox.cancelUnsent(unsent.id)) {
      applyEvent(ctx, batch.id, 'withdraw', { reason });
      return;
    }
    applyEvent(ctx, batch.id, 'withdraw', { reason }, { outbox: { kind: 'withdrawBatch', batchId: batch.id, unitId: batch.unitId, payload: { batchId: batch.id, reason } } });
  });
}

function transition(ctx: CoreContext, input: ValidIn<'batches.transition'>): BatchDetail {
  const batch = storeCall(() => ctx.store.batches.require(input.batchId));
  switch (input.event) {
    case 'confirmPremium':
      confirmPremium(ctx, batch);
      break;
    case 'submit':
      submit(ctx, batch);
      break;
    case 'cancelSubmission':
      cancelSubmission(ctx, batch);
      break;
    case 'withdraw':
      withdraw(ctx, batch, input.reason!);
      break;
    case 'changePlans':
    case 'reopen':
    case 'delete':
      ctx.store.transaction(() => applyEvent(ctx, batch.id, input.event, input.reason ? { reason: input.reason } : {}));
      break;
  }
  return batchDetail(ctx, batch.id);
}

export function batchesHandlers(ctx: CoreContext): Pick<OperationHandlers, 'batches.create' | 'batches.get' | 'batches.list' | 'batches.update' | 'batches.transition' | 'batches.supplements' | 'pricing.quote'> {
  return {
    'batches.create': async (input) => create(ctx, input),
    'batches.get': async ({ batchId }) => batchDetail(ctx, batchId),
    'batches.list': async (filter) => ctx.store.batches.listSummaries(filter),
    'batches.update': async (input) => update(ctx, input),
    'batches.transition': async (input) => transition(ctx, input),
    'batches.supplements': async ({ batchId }) => supplementsOf(ctx, batchId),
    'pricing.quote': async ({ batchId, selection }) => {
      const batch = storeCall(() => ctx.store.batches.require(batchId));
      if (selection) refuseInvalidSelection(ctx, schemeOf(ctx, batch.schemeId, batch.schemeVersion), batch, selection);
      return quoteBatch(ctx, batch, selection);
    },
  };
}
