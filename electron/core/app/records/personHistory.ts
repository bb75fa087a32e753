/**
 * 个人保单查询 (Shenzhen): one person's enrollments across batches, units and coverage years,
 * found by document number or name in what this machine holds. Read through the records
 * query, so a person's plans and premium are the same here as there.
 */
import type { EnrollmentRecord, PersonEnrollment, PersonHistory, PersonHistoryView, ValidIn } from '../../../../shared/api';
import { BATCH_STATES } from '../../../../shared/domain/batch';
import { compareDates } from '../../../../shared/domain/dates';
import { compactCellText } from '../../../../shared/domain/roster';
import type { CoreContext } from '../coreContext';
import { searchRecords } from './recordsQuery';

/** Every batch the clerk kept, withdrawn ones too (the history shows them); deleted ones are gone. */
const HISTORY_STATES = BATCH_STATES.filter((s) => s !== 'deleted');
const PAGE = 1000;
/** Enough for any one person many times over; a name shared by more persons asks for a narrower search. */
const MAX_RECORDS = 5000;
const MAX_PERSONS = 50;

/** A query that reads as a document number (ID, passport, permit): matched whole, not as part of a longer one. */
function asDocumentNumber(query: string): string | null {
  const compact = compactCellText(query).toUpperCase();
  return /^[0-9A-Z]{8,20}$/.test(compact) && /\d{6}/.test(compact) ? compact : null;
}

function toEnrollment(r: EnrollmentRecord): PersonEnrollment {
  const e: PersonEnrollment = {
    personId: r.personId,
    unitId: r.unitId,
    unitName: r.unitName,
    batch: r.batch,
    schemeId: r.schemeId,
    enrollmentType: r.enrollmentType,
    enrollmentTypeLabel: r.enrollmentTypeLabel,
    coverageYear: r.coverageYear,
    cover: r.cover,
    planText: r.planText,
    premiumFen: r.premiumFen,
  };
  if (r.rejection) e.rejection = r.rejection;
  return e;
}

export function personHistory(ctx: CoreContext, input: ValidIn<'records.person'>): PersonHistoryView {
  const docNumber = asDocumentNumber(input.query);
  const search = docNumber ?? input.query.trim();
  const found: EnrollmentRecord[] = [];
  let truncated = false;
  for (let offset = 0; ; offset += PAGE) {
    const page = searchRecords(ctx, { search, states: [...HISTORY_STATES], offset, limit: PAGE, ...(input.unitId ? { unitId: input.unitId } : {}) });
    found.push(...page.records);
    if (offset + PAGE >= page.total) break;
    if (found.length >= MAX_RECORDS) {
      truncated = true;
      break;
    }
  }
  // A whole document number finds that person only; part of one (no exact match) finds every number containing it.
  const exact = docNumber ? found.filter((r) => r.documentNumber?.toUpperCase() === docNumber) : [];
  const matching = exact.length > 0 ? exact : found;

  const persons = new Map<string, PersonHistory>();
  for (const r of matching) {
    // Without a document number the name is all there is to tell persons apart.
    const key = r.documentNumber ? `doc:${r.documentNumber.toUpperCase()}` : `name:${r.name ?? ''}`;
    let person = persons.get(key);
    if (!person) {
      person = { documentNumber: r.documentNumber, name: r.name, enrollments: [] };
      persons.set(key, person);
    }
    person.enrollments.push(toEnrollment(r));
  }
  const list = [...persons.values()];
  for (const p of list) {
    // A stable sort: equal ones keep the records query's order (the newest batch first).
    p.enrollments.sort(
      (a, b) =>
        compareDates(b.coverageYear.start, a.coverageYear.start) ||
        compareDates(b.cover?.start ?? b.coverageYear.start, a.cover?.start ?? a.coverageYear.start),
    );
    // The latest enrollment's name: a name corrected later wins.
    p.name = p.enrollments.map((e) => matching.find((r) => r.personId === e.personId)?.name).find((n) => n) ?? p.name;
  }
  list.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'zh-CN') || (a.documentNumber ?? '').localeCompare(b.documentNumber ?? ''));
  if (list.length > MAX_PERSONS) truncated = true;
  return { persons: list.slice(0, MAX_PERSONS), truncated };
}
