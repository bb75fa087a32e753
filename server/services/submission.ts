/**
 * Receiving a batch (提交 / 重新提交 / 保全): the server re-checks what it receives with the
 * domain's own pure checks, adds the checks only it can make (the unit's other batches, and
 * persons enrolled by another unit this coverage year), prices the enrolled persons, and
 * moves the batch through the lifecycle: submit → acknowledge (待审核), then rejectPersons
 * (审核不通过) when anyone failed.
 *
 * In two steps: `prepareSubmission` reads the roster, checks every row and prices it outside
 * any transaction; `applySubmission`, in the action's short transaction, claims the persons
 * (occupancy claims in document-number order), applies the unit rules and writes.
 */
import { batchStateLabel, type BatchEvent } from '../../shared/domain/batch';
import { checkSelection, type PlanChoice } from '../../shared/domain/eligibility';
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
import type { ClaimPlace, Holder } from '../store/occupancyStore';
import { batchView, rejectedPersonOf } from './batchView';
import { applyTransition, checkTransition, clerkActor, staffActor } from './lifecycle';
import { ndjsonLines } from './ndjsonLines';
import { claimPlace, HOLDING_STATES } from './occupancy';

const ROWS_PER_SLICE = 250;
/** Who holds a person, past the unit's daily number of named answers. */
const ANONYMOUS_HOLDER = '其他单位';

export type SubmissionRequest = (ValidSubmitBatchRequest | ValidSubmitSupplementaryRequest) & { enrollmentType: EnrollmentType };

/** The clerk's steps from where the server's copy stands back to 待发送, replayed so the history stays legal. */
function resubmissionChain(batch: BatchRecord): BatchEvent[] | null {
  if (batch.state === 'personsRejected') return ['editRoster', 'passCheck', 'confirmPremium', 'submit'];
  if (batch.state === 'withdrawn') return ['reopen', 'passCheck', 'confirmPremium', 'submit'];
  return null;
}

async function rowsOf(ctx: ServerContext, unit: UnitRecord, req: SubmissionRequest): Promise<{ rows: ValidWireRosterRow[]; uploadId: string | null }> {
  if ('rows' in req.roster) return { rows: req.roster.rows, uploadId: null };
  const upload = await ctx.uploads.get(unit.id, req.roster.uploadId);
  // Another unit's upload reads as a missing one.
  if (!upload) throw refuse('uploadNotReady', '找不到该名单上传，请重新上传名单', { field: 'roster.uploadId' });
  if (upload.state === 'used') throw refuse('uploadAlreadyUsed', '该名单上传已用于另一次提交，请重新上传名单', { field: 'roster.uploadId' });
  if (upload.state !== 'complete') throw refuse('uploadNotReady', '名单尚未上传完成', { field: 'roster.uploadId' });
  if (upload.expiresAt < isoAt(ctx.clock)) throw refuse('uploadExpired', '名单上传已过期，请重新上传', { field: 'roster.uploadId' });
  // Every line passed the row schema when the upload completed, and chunks cannot change after that.
  const rows: ValidWireRosterRow[] = [];
  for await (const line of ndjsonLines(ctx.uploads.chunks(upload.id))) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as ValidWireRosterRow;
    rows.push({ ...row, sourceRow: row.sourceRow ?? null });
  }
  return { rows, uploadId: upload.id };
}

/** The plans of the unit's central enrollment this coverage year, if it took part in one. */
async function centralSelection(ctx: ServerContext, unit: UnitRecord, scheme: Scheme, exceptBatchId: string | null): Promise<PlanChoice[] | undefined> {
  const central = (await ctx.batches.ofUnitYear(unit.id, scheme.id, scheme.coverageYear.start))
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

/** Refuses an illegal resubmission with the lifecycle's own words. */
function checkResubmission(existing: BatchRecord, unit: UnitRecord, req: SubmissionRequest, policy: BatchRecord | null, at: string): void {
  if (existing.schemeId !== req.schemeId || existing.enrollmentType !== req.enrollmentType || existing.policyBatchId !== (policy?.id ?? null)) {
    throw refuse('validationFailed', '重新提交的批次与原批次的保障方案、参保类型或所补充的保单不一致', { field: 'clientBatchId' });
  }
  if (!resubmissionChain(existing)) {
    checkTransition(existing, 'editRoster', { at, actor: clerkActor(unit.name) });
    throw refuse('illegalTransition', `批次当前状态为“${batchStateLabel(existing.state)}”，不能重新提交`);
  }
}

export interface SubmissionResult {
  status: 200 | 201;
  view: BatchView;
}

/** Everything about a submission that needs no lock: the roster read, each row checked, the whole priced. */
export interface PreparedSubmission {
  req: SubmissionRequest;
  scheme: Scheme;
  policy: BatchRecord | null;
  existingId: string | null;
  today: string;
  selection: PlanChoice[];
  cover: BatchRecord['cover'];
  rows: ValidWireRosterRow[];
  uploadId: string | null;
  headCountOnly: number;
  checks: RowCheck[];
  place: ClaimPlace;
  /** The price if every row that passed its own checks is enrolled. */
  quote: { totalFen: number; payableFen: number };
}

function priceOf(p: Pick<PreparedSubmission, 'req' | 'scheme' | 'today' | 'cover' | 'policy' | 'selection' | 'checks'>, enrolledSeqs: readonly number[]): { totalFen: number; payableFen: number } {
  const { req, scheme } = p;
  if (enrolledSeqs.length + req.headCountLines.reduce((n, l) => n + l.headCount, 0) === 0) return { totalFen: 0, payableFen: 0 };
  try {
    const quote = priceBatch(scheme, {
      enrollmentType: req.enrollmentType,
      submissionDate: p.today,
      ...(p.cover ? { cover: p.cover } : {}),
      ...(req.requestedStart ? { requestedStart: req.requestedStart } : {}),
      ...(p.policy?.cover ? { policyPeriod: p.policy.cover } : {}),
      ...(scheme.selectionScope === 'batch' ? { selection: p.selection } : {}),
      persons: enrolledSeqs.map((seq) => {
        const person = p.checks[seq - 1]!.person;
        return { id: String(seq), selection: person.plans, ...(person.coverStart ? { coverStart: person.coverStart } : {}) };
      }),
      headCountLines: req.headCountLines,
    });
    return { totalFen: quote.totalFen, payableFen: quote.payableFen };
  } catch (error) {
    if (error instanceof PricingError) throw refuse('pricingFailed', error.message);
    throw error;
  }
}

/** Outside the transaction: every refusal that depends only on the request and the scheme, and the row checks. */
export async function prepareSubmission(ctx: ServerContext, unit: UnitRecord, req: SubmissionRequest, policy: BatchRecord | null): Promise<PreparedSubmission> {
  const stored = await ctx.schemes.get(req.schemeId, req.schemeVersion);
  if (!stored) throw refuse('unknownScheme', `保障方案 ${req.schemeId} 第 ${req.schemeVersion} 版不存在`, { field: 'schemeVersion' });
  const scheme = stored.scheme;
  const at = isoAt(ctx.clock);
  const today = todayAt(ctx.clock);
  const type = req.enrollmentType;

  const existing = await ctx.batches.byClientId(unit.id, req.clientBatchId);
  // Refuse an illegal resubmission before any heavy work.
  if (existing) checkResubmission(existing, unit, req, policy, at);

  const windowProblem = checkSubmissionDate(scheme, type, today);
  if (windowProblem) throw refuse(windowProblem.code, windowProblem.message, { details: [windowProblem] });

  let selection: PlanChoice[] = req.selection;
  if (scheme.selectionScope === 'batch') {
    const central = copiesCentral(scheme, type) ? await centralSelection(ctx, unit, scheme, existing?.id ?? null) : undefined;
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

  const { rows, uploadId } = await rowsOf(ctx, unit, req);
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
  const checks: RowCheck[] = [];
  for (const [i, r] of rows.entries()) {
    // A large roster is checked in slices, so the instance keeps answering other requests meanwhile.
    if (i > 0 && i % ROWS_PER_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
    checks.push(checkRosterRow(r.values, rowCtx));
  }
  // Duplicates within the roster are known now; other batches' holders only under the claims' lock.
  const inRoster = duplicateFindings(checks.map((c, i) => ({ documentNumber: c.person.documentNumber, sourceRow: rows[i]!.sourceRow })));
  checks.forEach((c, i) => c.findings.push(...inRoster[i]!));
  const prepared = { req, scheme, policy, existingId: existing?.id ?? null, today, selection, cover, rows, uploadId, headCountOnly, checks, place: claimPlace(scheme, unit.id) };
  const passing = checks.flatMap((c, i) => (reasonsOf(c).length === 0 ? [i + 1] : []));
  return { ...prepared, quote: priceOf(prepared, passing) };
}

/**
 * Claims the candidates for the batch; returns the numbers held by another batch and their
 * holders. A holder that let go between the claim and the look-up is claimed again.
 */
async function claimPersons(ctx: ServerContext, place: ClaimPlace, batchId: string, candidates: readonly string[]): Promise<{ refused: string[]; holders: Holder[] }> {
  const holders: Holder[] = [];
  let pending = [...candidates];
  for (let attempt = 0; pending.length > 0; attempt++) {
    const claimed = await ctx.occupancy.claim(place, batchId, pending);
    const found = (await ctx.occupancy.holders(place, pending.filter((d) => !claimed.has(d)))).filter((h) => h.batchId !== batchId);
    holders.push(...found);
    const held = new Set(found.map((h) => h.docNumber));
    // Refused, yet nobody else holds it: released meanwhile (or this batch's own claim from before).
    pending = pending.filter((d) => !claimed.has(d) && !held.has(d));
    const own = new Set((await ctx.occupancy.holders(place, pending)).filter((h) => h.batchId === batchId).map((h) => h.docNumber));
    pending = pending.filter((d) => !own.has(d));
    if (attempt >= 3 && pending.length > 0) throw new Error('占用登记反复冲突');
  }
  return { refused: holders.map((h) => h.docNumber), holders };
}

/** Inside the action's transaction; every refusal throws before anything is kept. */
export async function applySubmission(ctx: ServerContext, unit: UnitRecord, p: PreparedSubmission): Promise<SubmissionResult> {
  const { req, scheme, checks, rows, headCountOnly } = p;
  const at = isoAt(ctx.clock);
  const type = req.enrollmentType;

  // Locked now: a withdrawal or a second submission of this batch waits for this one.
  const existing = await ctx.batches.byClientId(unit.id, req.clientBatchId);
  if (existing) checkResubmission(existing, unit, req, p.policy, at);
  if ((existing?.id ?? null) !== p.existingId) throw refuse('validationFailed', '该批次刚被另一次提交创建，请稍后重试', { field: 'clientBatchId' });
  const batchId = existing?.id ?? `PC${p.today.replaceAll('-', '')}${String(await ctx.batches.nextNumber()).padStart(5, '0')}`;

  // What only the server knows: who else holds these persons this coverage year.
  const candidates = checks.flatMap((c) => (reasonsOf(c).length === 0 && c.person.documentNumber !== '' ? [c.person.documentNumber] : []));
  const { refused, holders } = await claimPersons(ctx, p.place, batchId, candidates);
  const otherBatches = new Map<string, OtherBatchEntry>();
  const occupied = new Map<string, OccupyingUnit & { unitId: string; named: boolean }>();
  // The holder's name and handler contact are shown up to a daily number of answers a unit; past it, only that the person is taken.
  let namesLeft = ctx.limits.namedOccupancyAnswersPerDay - (await ctx.occupancy.namedAnswersSince(unit.id, new Date(ctx.clock().getTime() - 24 * 3600_000).toISOString()));
  for (const h of holders) {
    if (h.unitId === unit.id) {
      otherBatches.set(h.docNumber, { batchTitle: h.batchTitle, stateLabel: batchStateLabel(h.state) });
    } else if (namesLeft-- > 0) {
      const holder = (await ctx.units.get(h.unitId))!;
      occupied.set(h.docNumber, { unitId: holder.id, unitName: holder.name, contact: `${holder.profile.handler.name} ${holder.profile.handler.phone}`, named: true });
    } else {
      occupied.set(h.docNumber, { unitId: h.unitId, unitName: ANONYMOUS_HOLDER, named: false });
    }
  }
  await ctx.occupancy.recordAnswers(unit.id, p.place, [...occupied].map(([docNumber, o]) => ({ docNumber, holderUnitId: o.unitId, named: o.named })), at);
  if (otherBatches.size + occupied.size > 0) {
    const elsewhere = duplicateFindings(
      checks.map((c, i) => ({ documentNumber: otherBatches.has(c.person.documentNumber) || occupied.has(c.person.documentNumber) ? c.person.documentNumber : '', sourceRow: rows[i]!.sourceRow })),
      { otherBatches, occupied },
    );
    checks.forEach((c, i) => c.findings.push(...elsewhere[i]!.filter((f) => f.code !== 'duplicateInBatch')));
  }

  const unitYear = (await ctx.batches.ofUnitYear(unit.id, scheme.id, scheme.coverageYear.start)).filter((b) => b.id !== existing?.id && HOLDING_STATES.includes(b.state));
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
  // Claims of a resubmission's dropped persons go; the rest are this batch's now.
  await ctx.occupancy.keepOnly(batchId, enrolled.map((e) => e.docNumber));
  const { totalFen, payableFen } = refused.length === 0 ? p.quote : priceOf(p, enrolled.map((e) => e.seq));

  const batch: BatchRecord = {
    id: batchId,
    unitId: unit.id,
    clientBatchId: req.clientBatchId,
    schemeId: scheme.id,
    schemeVersion: scheme.version,
    coverageYear: scheme.coverageYear,
    enrollmentType: type,
    title: req.title,
    state: existing?.state ?? 'premiumConfirmed',
    selection: p.selection,
    headCountLines: req.headCountLines,
    requestedStart: req.requestedStart ?? null,
    cover: p.cover,
    policyBatchId: p.policy?.id ?? null,
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
    await ctx.batches.updateSubmission(batch);
    for (const event of resubmissionChain(existing)!) {
      await applyTransition(ctx, batch, event, event === 'passCheck' ? { actor: { kind: 'system' }, check: { persons: rows.length + headCountOnly, errorRows: 0 } } : { actor: clerk });
    }
  } else {
    await ctx.batches.insert(batch);
    await applyTransition(ctx, batch, 'submit', { actor: clerk });
  }
  await ctx.batches.replacePersons(batch.id, persons);
  if (p.uploadId) await ctx.uploads.markUsed(p.uploadId, batch.id);

  await applyTransition(ctx, batch, 'acknowledge', { actor: staffActor() });
  for (const [docNumber, holder] of occupied) {
    await ctx.occupancy.rememberNotice(scheme.id, scheme.coverageYear.start, docNumber, unit.id);
    if (!holder.named) continue;
    const handler = (await ctx.units.get(holder.unitId))!.profile.handler;
    await ctx.changes.append(unit.id, at, {
      kind: 'occupied',
      schemeId: scheme.id,
      coverageYear: scheme.coverageYear,
      docNumber,
      unitName: holder.unitName,
      contact: { name: handler.name, phone: handler.phone },
    });
  }
  if (rejected.length > 0) {
    const list: RejectedPerson[] = rejected.map(rejectedPersonOf);
    await ctx.changes.append(unit.id, at, { kind: 'personsRejected', batchId: batch.clientBatchId, serverBatchId: batch.id, persons: list });
    await applyTransition(ctx, batch, 'rejectPersons', { actor: staffActor(), reason: `${rejected.length} 人未通过审核，请修改后重新提交` });
  }
  return { status: existing ? 200 : 201, view: await batchView(ctx, (await ctx.batches.get(batch.id))!) };
}
