/**
 * Receiving a batch (提交 / 重新提交 / 保全): the server re-checks what it receives with the
 * domain's own pure checks, adds the checks only it can make (the unit's other batches, and
 * persons enrolled by another unit this coverage year), prices the enrolled persons, and
 * moves the batch through the lifecycle: submit → acknowledge (待审核), then rejectPersons
 * (审核不通过) when anyone failed.
 */
import { batchStateLabel, type BatchEvent } from '../../shared/domain/batch';
import { checkSelection, hasUnitRule, type PlanChoice } from '../../shared/domain/eligibility';
import { PricingError, priceBatch } from '../../shared/domain/pricing';
import { checkRosterRow, duplicateFindings, unitFindings, type OccupyingUnit, type OtherBatchEntry, type RowCheck } from '../../shared/domain/roster';
import { checkSubmissionDate, resolveCover, type EnrollmentType, type Scheme } from '../../shared/domain/scheme';
import {
  type BatchView,
  type RejectedPerson,
  type ValidSubmitBatchRequest,
  type ValidSubmitSupplementaryRequest,
  type ValidWireRosterRow,
  type WireReason,
} from '../../shared/wire';
import { isoAt, todayAt } from '../clock';
import type { ServerContext } from '../context';
import { refuse } from '../http/wireHttpError';
import type { BatchRecord, PersonRecord } from '../store/batchesStore';
import type { UnitRecord } from '../store/unitsStore';
import { batchView, rejectedPersonOf } from './batchView';
import { applyTransition, checkTransition, clerkActor, staffActor } from './lifecycle';
import { HOLDING_STATES, rememberNotice } from './occupancy';

export type SubmissionRequest = (ValidSubmitBatchRequest | ValidSubmitSupplementaryRequest) & { enrollmentType: EnrollmentType };

/** The clerk's steps from where the server's copy stands back to 待发送, replayed so the history stays legal. */
function resubmissionChain(batch: BatchRecord): BatchEvent[] | null {
  if (batch.state === 'personsRejected') return ['editRoster', 'passCheck', 'confirmPremium', 'submit'];
  if (batch.state === 'withdrawn') return ['reopen', 'passCheck', 'confirmPremium', 'submit'];
  return null;
}

function rowsOf(ctx: ServerContext, unit: UnitRecord, req: SubmissionRequest): { rows: ValidWireRosterRow[]; uploadId: string | null } {
  if ('rows' in req.roster) return { rows: req.roster.rows, uploadId: null };
  const upload = ctx.uploads.get(unit.id, req.roster.uploadId);
  // Another unit's upload reads as a missing one.
  if (!upload) throw refuse('uploadNotReady', '找不到该名单上传，请重新上传名单', { field: 'roster.uploadId' });
  if (upload.state === 'used') throw refuse('uploadAlreadyUsed', '该名单上传已用于另一次提交，请重新上传名单', { field: 'roster.uploadId' });
  if (upload.state !== 'complete') throw refuse('uploadNotReady', '名单尚未上传完成', { field: 'roster.uploadId' });
  if (upload.expiresAt < isoAt(ctx.clock)) throw refuse('uploadExpired', '名单上传已过期，请重新上传', { field: 'roster.uploadId' });
  // Every line passed the row schema when the upload completed, and chunks cannot change after that.
  const text = Buffer.concat([...ctx.uploads.chunks(upload.id)]).toString('utf8');
  const rows: ValidWireRosterRow[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as ValidWireRosterRow;
    rows.push({ ...row, sourceRow: row.sourceRow ?? null });
  }
  return { rows, uploadId: upload.id };
}

/** The plans of the unit's central enrollment this coverage year, if it took part in one. */
function centralSelection(ctx: ServerContext, unit: UnitRecord, scheme: Scheme, exceptBatchId: string | null): PlanChoice[] | undefined {
  const central = ctx.batches
    .ofUnitYear(unit.id, scheme.id, scheme.coverageYear.start)
    .filter((b) => b.enrollmentType === 'central' && b.id !== exceptBatchId && HOLDING_STATES.includes(b.state))
    .at(-1);
  return central?.selection;
}

function copiesCentral(scheme: Scheme, type: EnrollmentType): boolean {
  return scheme.selectionRules.some((r) => r.kind === 'copyFromCentral' && r.enrollmentTypes.includes(type));
}

function reasonsOf(check: RowCheck): WireReason[] {
  return check.findings
    .filter((f) => f.severity === 'error')
    .map((f) => (f.hint ? { code: f.code, message: f.message, hint: f.hint } : { code: f.code, message: f.message }));
}

function nextBatchId(ctx: ServerContext, today: string): string {
  return `PC${today.replaceAll('-', '')}${String(ctx.batches.count() + 1).padStart(5, '0')}`;
}

export interface SubmissionResult {
  status: 200 | 201;
  view: BatchView;
}

/** Runs inside the idempotent action's transaction; every refusal throws before anything is kept. */
export function receiveSubmission(ctx: ServerContext, unit: UnitRecord, req: SubmissionRequest, policy: BatchRecord | null): SubmissionResult {
  const stored = ctx.schemes.get(req.schemeId, req.schemeVersion);
  if (!stored) throw refuse('unknownScheme', `保障方案 ${req.schemeId} 第 ${req.schemeVersion} 版不存在`, { field: 'schemeVersion' });
  const scheme = stored.scheme;
  const at = isoAt(ctx.clock);
  const today = todayAt(ctx.clock);
  const type = req.enrollmentType;

  const existing = ctx.batches.byClientId(unit.id, req.clientBatchId);
  if (existing) {
    if (existing.schemeId !== req.schemeId || existing.enrollmentType !== type || existing.policyBatchId !== (policy?.id ?? null)) {
      throw refuse('validationFailed', '重新提交的批次与原批次的保障方案、参保类型或所补充的保单不一致', { field: 'clientBatchId' });
    }
    // Refuse an illegal resubmission before any heavy work, with the lifecycle's own words.
    if (!resubmissionChain(existing)) {
      checkTransition(existing, 'editRoster', { at, actor: clerkActor(unit.name) });
      throw refuse('illegalTransition', `批次当前状态为“${batchStateLabel(existing.state)}”，不能重新提交`);
    }
  }

  const windowProblem = checkSubmissionDate(scheme, type, today);
  if (windowProblem) throw refuse(windowProblem.code, windowProblem.message, { details: [windowProblem] });

  let selection: PlanChoice[] = req.selection;
  if (scheme.selectionScope === 'batch') {
    const central = copiesCentral(scheme, type) ? centralSelection(ctx, unit, scheme, existing?.id ?? null) : undefined;
    if (central && selection.length === 0) selection = central.map((c) => ({ ...c }));
    const errors = checkSelection(scheme, selection, { enrollmentType: type, scope: 'batch', ...(central ? { centralSelection: central } : {}) }).filter(
      (v) => v.severity === 'error',
    );
    if (errors.length > 0) {
      const copy = errors.find((v) => v.code === 'copyFromCentral');
      const first = copy ?? errors[0]!;
      throw refuse(copy ? 'copyFromCentral' : 'selectionInvalid', first.message, {
        field: 'selection',
        details: errors.map((v) => ({ code: v.code, message: v.message, hint: v.hint })),
      });
    }
  }

  const coverRequest = {
    submissionDate: today,
    ...(req.requestedStart ? { requestedStart: req.requestedStart } : {}),
    ...(policy?.cover ? { policyPeriod: policy.cover } : {}),
  };
  const resolved = resolveCover(scheme, type, coverRequest);
  if (!resolved.ok) throw refuse(resolved.problem.code, resolved.problem.message, { details: [resolved.problem] });
  const cover = resolved.cover;

  const { rows, uploadId } = rowsOf(ctx, unit, req);
  const headCountOnly = req.headCountLines.reduce((n, l) => n + l.headCount, 0);
  if (rows.length + headCountOnly === 0) throw refuse('rosterEmpty', '清册中没有参保人员', { field: 'roster' });

  const rowCtx = {
    scheme,
    enrollmentType: type,
    today,
    submissionDate: today,
    coverStart: cover?.start ?? null,
    selection,
    overAgeCommitmentSigned: req.overAgeCommitmentSigned,
    ...(policy?.cover ? { policyPeriod: policy.cover } : {}),
  };
  const checks = rows.map((r) => checkRosterRow(r.values, rowCtx));

  // What only the server knows: who else holds these persons this coverage year.
  const docNumbers = checks.map((c) => c.person.documentNumber).filter((d) => d !== '');
  const holders = ctx.batches.holders(docNumbers, scheme.id, scheme.coverageYear.start, HOLDING_STATES, existing?.id ?? null);
  const otherBatches = new Map<string, OtherBatchEntry>();
  const occupied = new Map<string, OccupyingUnit & { unitId: string }>();
  const crossUnit = hasUnitRule(scheme, 'onePolicyPerPersonPerYear');
  for (const h of holders) {
    if (h.unitId === unit.id) {
      if (!otherBatches.has(h.docNumber)) otherBatches.set(h.docNumber, { batchTitle: h.batchTitle, stateLabel: batchStateLabel(h.state) });
    } else if (crossUnit && !occupied.has(h.docNumber)) {
      const holder = ctx.units.get(h.unitId)!;
      occupied.set(h.docNumber, { unitId: holder.id, unitName: holder.name, contact: `${holder.profile.handler.name} ${holder.profile.handler.phone}` });
    }
  }
  const dupes = duplicateFindings(
    checks.map((c, i) => ({ documentNumber: c.person.documentNumber, sourceRow: rows[i]!.sourceRow })),
    { otherBatches, occupied },
  );
  checks.forEach((c, i) => c.findings.push(...dupes[i]!));

  const unitYear = ctx.batches
    .ofUnitYear(unit.id, scheme.id, scheme.coverageYear.start)
    .filter((b) => b.id !== existing?.id && HOLDING_STATES.includes(b.state));
  const unitErrors = unitFindings(
    scheme,
    checks.map((c) => c.person),
    {
      enrollmentType: type,
      headCountPersons: headCountOnly,
      ...(req.headCounts ? { headCounts: req.headCounts } : {}),
      ...(req.socialSecurityTotals ? { socialSecurityTotals: req.socialSecurityTotals } : {}),
      unitHasPolicyThisYear: unitYear.length > 0,
      renewalsThisYear: unitYear.filter((b) => b.enrollmentType === 'renewal').length,
      changesPolicyInForce: type === 'supplementary',
    },
  ).filter((f) => f.severity === 'error');
  if (unitErrors.length > 0) {
    throw refuse('unitRuleFailed', unitErrors[0]!.message, {
      details: unitErrors.map((f) => (f.hint ? { code: f.code, message: f.message, hint: f.hint } : { code: f.code, message: f.message })),
    });
  }

  const persons: PersonRecord[] = checks.map((c, i) => {
    const reasons = reasonsOf(c);
    return {
      seq: i + 1,
      rowId: rows[i]!.rowId ?? null,
      sourceRow: rows[i]!.sourceRow,
      docNumber: c.person.documentNumber || (c.values.documentNumber ?? ''),
      name: c.person.name || (c.values.name ?? ''),
      values: c.values as Record<string, string>,
      status: reasons.length > 0 ? 'rejected' : 'enrolled',
      reasons,
    };
  });
  const enrolled = persons.filter((p) => p.status === 'enrolled');
  const rejected = persons.filter((p) => p.status === 'rejected');

  let totalFen = 0;
  let payableFen = 0;
  if (enrolled.length + headCountOnly > 0) {
    try {
      const quote = priceBatch(scheme, {
        enrollmentType: type,
        submissionDate: today,
        ...(cover ? { cover } : {}),
        ...(req.requestedStart ? { requestedStart: req.requestedStart } : {}),
        ...(policy?.cover ? { policyPeriod: policy.cover } : {}),
        ...(scheme.selectionScope === 'batch' ? { selection } : {}),
        persons: enrolled.map((p) => {
          const person = checks[p.seq - 1]!.person;
          return { id: String(p.seq), selection: person.plans, ...(person.coverStart ? { coverStart: person.coverStart } : {}) };
        }),
        headCountLines: req.headCountLines,
      });
      totalFen = quote.totalFen;
      payableFen = quote.payableFen;
    } catch (error) {
      if (error instanceof PricingError) throw refuse('pricingFailed', error.message);
      throw error;
    }
  }

  const batch: BatchRecord = {
    id: existing?.id ?? nextBatchId(ctx, today),
    unitId: unit.id,
    clientBatchId: req.clientBatchId,
    schemeId: scheme.id,
    schemeVersion: scheme.version,
    coverageYear: scheme.coverageYear,
    enrollmentType: type,
    title: req.title,
    state: existing?.state ?? 'premiumConfirmed',
    selection,
    headCountLines: req.headCountLines,
    requestedStart: req.requestedStart ?? null,
    cover,
    policyBatchId: policy?.id ?? null,
    policyNumber: existing?.policyNumber ?? null,
    contact: req.contact ?? null,
    headCounts: req.headCounts ?? null,
    overAgeCommitment: req.overAgeCommitmentSigned,
    submittedCount: rows.length,
    headCountOnly,
    totalFen,
    payableFen,
    submittedAt: at,
    updatedAt: at,
  };

  const clerk = clerkActor(unit.name);
  if (existing) {
    ctx.batches.updateSubmission(batch);
    for (const event of resubmissionChain(existing)!) {
      applyTransition(ctx, batch, event, event === 'passCheck' ? { actor: { kind: 'system' }, check: { persons: rows.length + headCountOnly, errorRows: 0 } } : { actor: clerk });
    }
  } else {
    ctx.batches.insert(batch);
    applyTransition(ctx, batch, 'submit', { actor: clerk });
  }
  ctx.batches.replacePersons(batch.id, persons);
  if (uploadId) ctx.uploads.markUsed(uploadId, batch.id);

  applyTransition(ctx, batch, 'acknowledge', { actor: staffActor() });
  for (const [docNumber, holder] of occupied) {
    if (!persons.some((p) => p.docNumber === docNumber)) continue;
    const handler = ctx.units.get(holder.unitId)!.profile.handler;
    ctx.changes.append(unit.id, at, {
      kind: 'occupied',
      schemeId: scheme.id,
      coverageYear: scheme.coverageYear,
      docNumber,
      unitName: holder.unitName,
      contact: { name: handler.name, phone: handler.phone },
    });
    rememberNotice(ctx, unit.id, scheme.id, scheme.coverageYear, docNumber);
  }
  if (rejected.length > 0) {
    const list: RejectedPerson[] = rejected.map(rejectedPersonOf);
    ctx.changes.append(unit.id, at, { kind: 'personsRejected', batchId: batch.clientBatchId, serverBatchId: batch.id, persons: list });
    applyTransition(ctx, batch, 'rejectPersons', { actor: staffActor(), reason: `${rejected.length} 人未通过审核，请修改后重新提交` });
  }
  return { status: existing ? 200 : 201, view: batchView(ctx, ctx.batches.get(batch.id)!) };
}

