/**
 * Running the roster checks of shared/domain/roster against what the store knows: the
 * batch's plans and dates, the unit's other open batches of the year, and the persons the
 * server reported as enrolled elsewhere. The check itself stays pure; this file gathers its
 * inputs and writes its results.
 */
import type { RosterCheckSummary } from '../../../../shared/api';
import { batchStateLabel, isRosterEditable } from '../../../../shared/domain/batch';
import {
  checkRosterRow,
  duplicateFindings,
  unitFindings,
  type AcrossPerson,
  type DuplicateLookups,
  type OccupyingUnit,
  type OtherBatchEntry,
  type RawRosterRow,
  type RosterFinding,
  type RowCheck,
  type RowCheckContext,
} from '../../../../shared/domain/roster';
import { earliestSubmissionDate, resolveCover, type Scheme } from '../../../../shared/domain/scheme';
import type { BatchRecord, NewPerson } from '../../store';
import { applyEvent } from '../batches/batchTransitions';
import { schemeOf, today, type CoreContext } from '../coreContext';
import { CoreError } from '../../coreError';

/** What the row checks need to know of the batch. */
export function rowCheckContext(ctx: CoreContext, batch: BatchRecord, scheme: Scheme): RowCheckContext {
  // Ages and cover are taken on the day the batch can be sent at the earliest (a roster prepared before the window opens).
  const day = today(ctx);
  const submissionDate = earliestSubmissionDate(scheme, batch.enrollmentType, day);
  // 保全: the policy in force bounds each person's own effective date and ends the cover.
  const policyPeriod = batch.policyBatchId ? (ctx.store.batches.get(batch.policyBatchId)?.cover ?? undefined) : undefined;
  let coverStart = batch.cover?.start ?? null;
  if (!coverStart) {
    const resolved = resolveCover(scheme, batch.enrollmentType, {
      submissionDate,
      ...(batch.requestedStart ? { requestedStart: batch.requestedStart } : {}),
      ...(policyPeriod ? { policyPeriod } : {}),
    });
    if (resolved.ok && resolved.cover) coverStart = resolved.cover.start;
  }
  const rctx: RowCheckContext = {
    scheme,
    enrollmentType: batch.enrollmentType,
    today: day,
    submissionDate,
    coverStart,
    selection: batch.selection,
    overAgeCommitmentSigned: batch.overAgeCommitmentAt !== null,
    ...(policyPeriod ? { policyPeriod } : {}),
  };
  return rctx;
}

/** The unit's other open batches of the year and the server's occupied list, for these numbers. */
export function duplicateLookups(ctx: CoreContext, batch: BatchRecord, docNumbers: readonly string[]): DuplicateLookups {
  const wanted = [...new Set(docNumbers.filter((d) => d !== ''))];
  const otherBatches = new Map<string, OtherBatchEntry>();
  const occupied = new Map<string, OccupyingUnit>();
  if (wanted.length === 0) return { otherBatches, occupied };
  for (const m of ctx.store.persons.findInOtherOpenBatches(batch.id, wanted)) {
    if (!otherBatches.has(m.docNumber)) otherBatches.set(m.docNumber, { batchTitle: m.batchTitle, stateLabel: batchStateLabel(m.batchState) });
  }
  for (const o of ctx.store.occupied.find(wanted, batch.coverageYear)) {
    const contact = o.contact ? `${o.contact.name} ${o.contact.phone}` : undefined;
    occupied.set(o.docNumber, { unitName: o.unitName, ...(contact ? { contact } : {}) });
  }
  return { otherBatches, occupied };
}

export function toNewPerson(check: RowCheck, sourceRow: number | null, extraFindings: readonly RosterFinding[] = []): NewPerson {
  return {
    sourceRow,
    values: check.values,
    docNumber: check.person.documentNumber || null,
    name: check.person.name || null,
    findings: [...check.findings, ...extraFindings],
  };
}

/** One row checked in its batch: its own checks plus duplicates against the rest of the roster (the earlier row of a number is the one kept). */
export function checkRowInBatch(ctx: CoreContext, batch: BatchRecord, values: RawRosterRow, excludePersonId?: string): RowCheck {
  const scheme = schemeOf(ctx, batch.schemeId, batch.schemeVersion);
  const check = checkRosterRow(values, rowCheckContext(ctx, batch, scheme));
  const doc = check.person.documentNumber;
  if (doc) {
    const lookups = duplicateLookups(ctx, batch, [doc]);
    const same = ctx.store.persons.withDocNumber(batch.id, doc);
    // A row typed in goes last; an edited row keeps its place.
    const self = excludePersonId ? same.find((r) => r.id === excludePersonId) : undefined;
    const selfPlace = { documentNumber: doc, sourceRow: self?.sourceRow ?? null, serial: self?.serial ?? ctx.store.persons.count(batch.id) + 1 };
    const places = [...same.filter((r) => r.id !== excludePersonId).map((r) => ({ documentNumber: doc, sourceRow: r.sourceRow, serial: r.serial })), selfPlace].sort((a, b) => a.serial - b.serial);
    check.findings.push(...duplicateFindings(places, lookups)[places.indexOf(selfPlace)]!);
  }
  return check;
}

export function assertRosterEditable(batch: BatchRecord): void {
  if (!isRosterEditable(batch.state)) {
    throw new CoreError('NOT_EDITABLE', `批次当前状态为“${batchStateLabel(batch.state)}”，不能修改清册`, 409);
  }
}

/** Sends a checked batch back to 清册待校验 before its roster changes; refuses when the state does not allow edits. */
export function beginRosterEdit(ctx: CoreContext, batch: BatchRecord): BatchRecord {
  assertRosterEditable(batch);
  if (batch.state === 'rosterToCheck') return batch;
  return applyEvent(ctx, batch.id, 'editRoster');
}

export interface FullCheck {
  checks: RowCheck[];
  unitFindings: RosterFinding[];
}

/** Each row's own checks. */
export function checkEach(ctx: CoreContext, batch: BatchRecord, rows: readonly { values: RawRosterRow }[]): RowCheck[] {
  const rctx = rowCheckContext(ctx, batch, schemeOf(ctx, batch.schemeId, batch.schemeVersion));
  return rows.map((r) => checkRosterRow(r.values, rctx));
}

/** The checks across rows: duplicates among `checks` and against the store (added to each row), and the unit rules. */
export function checkAcross(ctx: CoreContext, batch: BatchRecord, checks: readonly { person: AcrossPerson; findings: RosterFinding[] }[], sourceRows: readonly (number | null)[]): RosterFinding[] {
  const scheme = schemeOf(ctx, batch.schemeId, batch.schemeVersion);
  const places = checks.map((c, i) => ({ documentNumber: c.person.documentNumber, sourceRow: sourceRows[i] ?? null }));
  const lookups = duplicateLookups(ctx, batch, places.map((p) => p.documentNumber));
  duplicateFindings(places, lookups).forEach((found, i) => checks[i]!.findings.push(...found));
  return unitFindings(scheme, checks.map((c) => c.person), {
    enrollmentType: batch.enrollmentType,
    headCountPersons: batch.headCountLines.reduce((n, l) => n + l.headCount, 0),
    ...(batch.headCounts ? { headCounts: { ...batch.headCounts } } : {}),
    ...(batch.socialSecurityTotals ? { socialSecurityTotals: batch.socialSecurityTotals } : {}),
    unitSocialSecurityCodes: ctx.store.units.get(batch.unitId)?.socialSecurityCodes ?? [],
    // Until it is sent, the batch is judged against its window on the day it is checked.
    ...(SUBMITTED_STATES.includes(batch.state as (typeof SUBMITTED_STATES)[number]) ? {} : { checkDate: today(ctx) }),
    unitHasPolicyThisYear: unitHasPolicyThisYear(ctx, batch),
    renewalsThisYear: renewalsThisYear(ctx, batch),
  });
}

/** Every row of `rows` checked together: row checks, duplicates among them and against the store, unit rules. */
export function checkRows(ctx: CoreContext, batch: BatchRecord, rows: readonly { values: RawRosterRow; sourceRow: number | null }[]): FullCheck {
  const checks = checkEach(ctx, batch, rows);
  return { checks, unitFindings: checkAcross(ctx, batch, checks, rows.map((r) => r.sourceRow)) };
}

const POLICY_STATES = ['awaitingPayment', 'paymentProofUploaded', 'paymentConfirmed', 'awaitingEffect', 'inForce'] as const;
const SUBMITTED_STATES = ['queued', 'underReview', 'personsRejected', ...POLICY_STATES] as const;

function sameYearOthers(ctx: CoreContext, batch: BatchRecord, states: readonly BatchRecord['state'][]): BatchRecord[] {
  return ctx.store.batches
    .list({ unitId: batch.unitId, schemeId: batch.schemeId, states })
    .filter((b) => b.id !== batch.id && b.coverageYear.start === batch.coverageYear.start);
}

function unitHasPolicyThisYear(ctx: CoreContext, batch: BatchRecord): boolean {
  return sameYearOthers(ctx, batch, POLICY_STATES).length > 0;
}

function renewalsThisYear(ctx: CoreContext, batch: BatchRecord): number {
  return sameYearOthers(ctx, batch, SUBMITTED_STATES).filter((b) => b.enrollmentType === 'renewal').length;
}

/** Re-checks the whole stored roster, writes every row's findings, and moves the batch to 清册校验通过 or 不通过. */
export function recheckBatch(ctx: CoreContext, batchId: string): RosterCheckSummary {
  const batch = ctx.store.batches.require(batchId);
  const rows = ctx.store.persons.allRows(batchId);
  const result = checkRows(ctx, batch, rows);
  ctx.store.transaction(() => {
    // A batch of head-count entries only (无名单) never had a roster imported to leave 暂存 by: checking it does.
    if (batch.state === 'draft' && rows.length === 0 && batch.headCountLines.length > 0) beginRosterEdit(ctx, batch);
    ctx.store.persons.setFindings(batchId, rows.map((r, i) => ({ personId: r.id, findings: result.checks[i]!.findings })));
    ctx.store.batches.update(batchId, { unitFindings: result.unitFindings }, ctx.clerk());
    settleCheckState(ctx, batchId);
  });
  return checkSummary(ctx, batchId);
}

/** After a full check: passCheck or failCheck as the rows and unit rules say, when the state allows and differs. */
export function settleCheckState(ctx: CoreContext, batchId: string): void {
  const batch = ctx.store.batches.require(batchId);
  const counts = ctx.store.persons.verdictCounts(batchId);
  // A row the association refused counts as failing until the clerk fixes or removes it.
  counts.error += ctx.store.persons.rejectedWithoutError(batchId);
  const headCountPersons = batch.headCountLines.reduce((n, l) => n + l.headCount, 0);
  const unitErrors = batch.unitFindings.some((f) => f.severity === 'error') ? 1 : 0;
  const persons = counts.total + headCountPersons;
  // A unit-rule failure counts as one failing "row": the batch cannot pass until it is fixed.
  const check = { persons: Math.max(persons, unitErrors), errorRows: Math.min(counts.error + unitErrors, Math.max(persons, unitErrors)) };
  const passes = persons > 0 && check.errorRows === 0;
  if (passes && (batch.state === 'rosterToCheck' || batch.state === 'checkFailed')) applyEvent(ctx, batchId, 'passCheck', { check });
  else if (!passes && (batch.state === 'rosterToCheck' || batch.state === 'checkPassed' || batch.state === 'premiumConfirmed')) applyEvent(ctx, batchId, 'failCheck', { check });
}

export function checkSummary(ctx: CoreContext, batchId: string): RosterCheckSummary {
  const batch = ctx.store.batches.require(batchId);
  const summary = ctx.store.batches.summary(batchId)!;
  return {
    batchId,
    state: batch.state,
    counts: summary.counts,
    byCode: ctx.store.persons.findingCounts(batchId),
    unitFindings: batch.unitFindings,
  };
}
