/**
 * Last year's roster as the suggested list of a new batch (Shanghai 获取上年度建议名单, seed
 * 002): the persons the unit had enrolled in the coverage year before the batch's, compared
 * with the batch's roster, and taken into it through the same checks as an import. Taken
 * rows keep a mark (是否建议名单 = 是) that later checks and edits do not remove.
 */
import type { FieldChange, NewRosterPerson, SuggestedList, SuggestedPerson, TakeSuggestedResult, ValidIn } from '../../../../shared/api';
import { FIELD_LABELS } from '../../../../shared/api';
import { addYears, compareDates, type Period } from '../../../../shared/domain/dates';
import { readSocialSecurity, type RawRosterRow, type RosterField } from '../../../../shared/domain/roster';
import type { Scheme } from '../../../../shared/domain/scheme';
import type { BatchRecord, PersonRecord } from '../../store';
import { schemeOf, storeCall, type CoreContext } from '../coreContext';
import { CoreError } from '../../coreError';
import { APPROVED_STATES, batchRef, isEnrolledRow, schemeOfBatch } from '../records/enrolledPersons';
import { assertRosterEditable, checkSummary } from './rosterChecks';
import { commitIntake, planIntake, withPlans } from './import/commitIntake';

/**
 * What a person is, rather than what the unit chose for them that year: these carry over
 * to the new year and are compared. Plans, shares, effective dates and remarks do not.
 */
export const PERSON_FIELDS: readonly RosterField[] = [
  'name',
  'documentType',
  'gender',
  'birthDate',
  'phone',
  'bankCard',
  'bankName',
  'socialSecurity',
  'socialSecurityCode',
  'employmentStatus',
  'medicalInService',
  'employeeNo',
  'department',
  'newEmploymentForm',
];

interface LastYearPerson {
  row: PersonRecord & { docNumber: string };
  batch: BatchRecord;
}

interface PreviousYear {
  year: Period | null;
  batches: BatchRecord[];
  persons: Map<string, LastYearPerson>;
}

function associationOf(ctx: CoreContext, batch: BatchRecord): string | null {
  return schemeOfBatch(ctx, batch)?.association.name ?? null;
}

/**
 * The unit's approved batches of the coverage year before this batch's: a year that ended
 * before this one starts, and not more than a year before (two years back is no "last
 * year"). Only the same association's batches count, where the scheme says which that is.
 */
function previousYear(ctx: CoreContext, batch: BatchRecord): PreviousYear {
  const association = associationOf(ctx, batch);
  const earliestEnd = addYears(batch.coverageYear.start, -1);
  const candidates = ctx.store.batches
    .list({ unitId: batch.unitId, states: APPROVED_STATES })
    .filter((b) => compareDates(b.coverageYear.end, batch.coverageYear.start) < 0 && compareDates(b.coverageYear.end, earliestEnd) >= 0)
    .filter((b) => {
      const other = associationOf(ctx, b);
      return association === null || other === null || other === association;
    });
  const latestStart = candidates.map((b) => b.coverageYear.start).sort(compareDates).at(-1);
  const batches = candidates
    .filter((b) => b.coverageYear.start === latestStart)
    .sort((a, b) => compareDates(a.cover?.start ?? a.coverageYear.start, b.cover?.start ?? b.coverageYear.start) || a.createdAt.localeCompare(b.createdAt));
  // A person in several of last year's batches (central, then instant or supplementary): the latest row holds the latest data.
  const persons = new Map<string, LastYearPerson>();
  for (const b of batches) {
    for (const row of ctx.store.persons.allRows(b.id)) if (isEnrolledRow(row)) persons.set(row.docNumber, { row, batch: b });
  }
  return { year: batches[0]?.coverageYear ?? null, batches, persons };
}

function filled(value: string | undefined): string | null {
  const v = value?.trim();
  return v ? v : null;
}

function fieldLabel(scheme: Scheme, field: RosterField): string {
  const column = scheme.roster.columns.find((c) => c.key === field);
  if (!column) return FIELD_LABELS[field] ?? field;
  const header = column.header.replace(/^[*＊\s]+/, '');
  const bracket = header.search(/[(（[【]/);
  return bracket > 0 ? header.slice(0, bracket).trim() : header;
}

/** Fields filled on both sides with different values; a value missing on one side is no change. */
export function personChanges(scheme: Scheme, previous: RawRosterRow, current: RawRosterRow): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of PERSON_FIELDS) {
    const before = filled(previous[field]);
    const now = filled(current[field]);
    if (before !== null && now !== null && before !== now) changes.push({ field, label: fieldLabel(scheme, field), previous: before, current: now });
  }
  return changes;
}

function assertOffered(batch: BatchRecord): void {
  if (batch.enrollmentType === 'supplementary') {
    throw new CoreError('NOT_OFFERED', '保全（保单补充）只办理新入职人员，不能获取上年度建议名单', 422);
  }
}

export function suggestedList(ctx: CoreContext, batchId: string): SuggestedList {
  const batch = storeCall(() => ctx.store.batches.require(batchId));
  assertOffered(batch);
  const scheme = schemeOf(ctx, batch.schemeId, batch.schemeVersion);
  const previous = previousYear(ctx, batch);
  const roster = ctx.store.persons.allRows(batchId);
  const rosterByDoc = new Map<string, PersonRecord>();
  for (const row of roster) if (row.docNumber && !rosterByDoc.has(row.docNumber)) rosterByDoc.set(row.docNumber, row);

  const persons: SuggestedPerson[] = [...previous.persons.values()].map(({ row, batch: source }) => {
    const current = rosterByDoc.get(row.docNumber);
    const changes = current ? personChanges(scheme, row.values, current.values) : [];
    const person: SuggestedPerson = {
      documentNumber: row.docNumber,
      name: row.name ?? row.values.name ?? '',
      values: row.values,
      sourceBatchId: source.id,
      status: !current ? 'notInRoster' : changes.length > 0 ? 'changed' : 'unchanged',
      changes,
    };
    if (current) person.rowId = current.id;
    return person;
  });
  const newInRoster: NewRosterPerson[] = roster
    .filter((r) => !r.docNumber || !previous.persons.has(r.docNumber))
    .map((r) => ({ rowId: r.id, documentNumber: r.docNumber, name: r.name }));
  const count = (status: SuggestedPerson['status']) => persons.filter((p) => p.status === status).length;
  return {
    batchId,
    previousCoverageYear: previous.year,
    sourceBatches: previous.batches.map(batchRef),
    persons,
    newInRoster,
    counts: { lastYear: persons.length, notInRoster: count('notInRoster'), unchanged: count('unchanged'), changed: count('changed'), newInRoster: newInRoster.length },
  };
}

/**
 * Last year's row as this year's: the person's own fields the scheme has columns for.
 * Where the scheme keeps 职退情况 and last year's row did not say, it is read off the
 * social-security answer as seed 002 does: 在职 with social security, else “-” (unknown in
 * past rosters, for the clerk to confirm with 设置在职).
 */
function carriedValues(scheme: Scheme, previous: RawRosterRow): RawRosterRow {
  const columns = new Set(scheme.roster.columns.map((c) => c.key));
  const values: RawRosterRow = {};
  for (const field of ['documentNumber', ...PERSON_FIELDS] as RosterField[]) {
    const v = filled(previous[field]);
    if (v !== null && columns.has(field)) values[field] = v;
  }
  if (columns.has('employmentStatus') && values.employmentStatus === undefined) {
    values.employmentStatus = values.socialSecurity && readSocialSecurity(values.socialSecurity) === 'yes' ? '在职' : '-';
  }
  return values;
}

function normaliseDocNumber(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

export function takeSuggested(ctx: CoreContext, input: ValidIn<'roster.takeSuggested'>): TakeSuggestedResult {
  const batch = storeCall(() => ctx.store.batches.require(input.batchId));
  assertOffered(batch);
  assertRosterEditable(batch);
  const scheme = schemeOf(ctx, batch.schemeId, batch.schemeVersion);
  const previous = previousYear(ctx, batch);
  if (previous.persons.size === 0) throw new CoreError('NO_SUGGESTED_LIST', '本单位上一保障年度没有已参保的人员，没有建议名单可取', 422);
  const stored = ctx.store.persons.allRows(batch.id);
  const inRoster = new Set(stored.flatMap((r) => (r.docNumber ? [r.docNumber] : [])));

  const wanted = input.documentNumbers ? [...new Set(input.documentNumbers.map(normaliseDocNumber))] : [...previous.persons.keys()];
  const skipped: TakeSuggestedResult['skipped'] = [];
  const taken: LastYearPerson[] = [];
  for (const doc of wanted) {
    const person = previous.persons.get(doc);
    if (!person) skipped.push({ documentNumber: doc, reason: '不在上年度建议名单中' });
    else if (inRoster.has(doc)) {
      if (input.documentNumbers) skipped.push({ documentNumber: doc, reason: '已在本批次清册中' });
    } else taken.push(person);
  }
  if (taken.length > 0) {
    const incoming = taken.map(({ row, batch: source }) => ({
      sourceRow: null,
      values: withPlans(carriedValues(scheme, row.values), input.planCodes),
      suggestedFrom: source.id,
    }));
    const plan = planIntake(ctx, batch, stored, incoming);
    storeCall(() => commitIntake(ctx, batch.id, plan, { replace: false, actor: ctx.clerk() }));
  }
  return { taken: taken.length, skipped, check: checkSummary(ctx, batch.id) };
}
