/**
 * The checks across rows (SPEC 3.3): the same person twice in the batch, in another open
 * batch of the unit's for the same coverage year, or enrolled by another unit this year
 * ("被某单位占用", known from the server); and the unit-level rules on the whole roster.
 */
import { checkUnitRules, socialSecurityGroups, type UnitFacts } from '../eligibility';
import type { IsoDate } from '../dates';
import { windowFinding, type HeadCountKey, type Scheme } from '../scheme';
import { checkRosterRow, type CheckedPerson, type RowCheck, type RowCheckContext } from './checkRow';
import type { RawRosterRow } from './fields';
import type { RosterFinding } from './findings';

/** Where another open batch of the same unit and coverage year already has the person. */
export interface OtherBatchEntry {
  batchTitle: string;
  stateLabel: string;
}

/** The unit that has enrolled the person this coverage year, as the server reported it. */
export interface OccupyingUnit {
  unitName: string;
  /** 经办人 and phone, so the clerk can call them (the Shanghai manual shows them). */
  contact?: string;
}

export interface DuplicateLookups {
  otherBatches?: ReadonlyMap<string, OtherBatchEntry>;
  occupied?: ReadonlyMap<string, OccupyingUnit>;
}

export interface RowPlace {
  documentNumber: string;
  /** The sheet row, or null for a person typed in. */
  sourceRow: number | null;
  /** The row's 序号 in the roster grid; its place in the list (from 1) unless given. */
  serial?: number;
}

function placeText(p: RowPlace, index: number): string {
  const serial = p.serial ?? index + 1;
  return p.sourceRow !== null ? `序号 ${serial}（文件第 ${p.sourceRow} 行）` : `序号 ${serial}（手工录入）`;
}

/**
 * Duplicate findings per row, in the order of `rows` (the roster's order): the first row
 * of a document number is kept, each later one is refused naming the kept row's 序号.
 */
export function duplicateFindings(rows: readonly RowPlace[], lookups: DuplicateLookups = {}): RosterFinding[][] {
  const first = new Map<string, number>();
  rows.forEach((r, i) => {
    if (r.documentNumber && !first.has(r.documentNumber)) first.set(r.documentNumber, i);
  });
  return rows.map((r, i) => {
    const out: RosterFinding[] = [];
    if (!r.documentNumber) return out;
    const kept = first.get(r.documentNumber)!;
    if (kept !== i) {
      const keptSerial = rows[kept]!.serial ?? kept + 1;
      out.push({
        code: 'duplicateInBatch',
        severity: 'error',
        message: `证件号码与本批次${placeText(rows[kept]!, kept)}重复，已保留序号 ${keptSerial} 的一行`,
        hint: '同一人只能保留一行，请删除本行或改正证件号码',
        field: 'documentNumber',
      });
    }
    const other = lookups.otherBatches?.get(r.documentNumber);
    if (other) {
      out.push({
        code: 'duplicateInUnitBatch',
        severity: 'error',
        message: `该人员已在本单位同一保障年度的批次“${other.batchTitle}”（${other.stateLabel}）中`,
        hint: '同一保障年度内不能重复参保，请从其中一个批次中移除',
        field: 'documentNumber',
      });
    }
    const occupied = lookups.occupied?.get(r.documentNumber);
    if (occupied) {
      out.push({
        code: 'occupiedElsewhere',
        severity: 'error',
        message: `该人员本年度已由“${occupied.unitName}”参保（被该单位占用）`,
        hint: `一人一年度只能参保一次，此人不能随本单位参保${occupied.contact ? `；可联系对方单位经办人：${occupied.contact}` : ''}`,
        field: 'documentNumber',
      });
    }
    return out;
  });
}

export interface UnitCheckInput extends Omit<UnitFacts, 'personCount' | 'socialSecurityGroups' | 'headCounts'> {
  /** 无名单 persons entered as counts only (Qingdao). */
  headCountPersons?: number;
  headCounts?: Partial<Record<HeadCountKey, number>>;
  /** 社保在职人员总数 per social-security code, where known (the ratio rule's denominator). */
  socialSecurityTotals?: Readonly<Record<string, number>>;
  /** The unit's own social-security codes (单位社保编码): with exactly one, persons marked 有社保 count towards it. */
  unitSocialSecurityCodes?: readonly string[];
  /** The day the batch is checked: its enrollment type's window is judged on it (omitted: not judged). */
  checkDate?: IsoDate;
}

/** What the checks across rows (duplicates, unit rules) read of a checked person. */
export interface AcrossPerson {
  documentNumber: string;
  socialSecurity: CheckedPerson['socialSecurity'];
  socialSecurityCode?: string;
  /** Only whether there are any counts (NO_PLANS when none). */
  plans: readonly CheckedPerson['plans'][number][];
}

const NO_PLANS: AcrossPerson['plans'] = Object.freeze([]);

/** A person as the checks across rows need it, without the rest (an import of 100,000 rows keeps this much of each until it is stored). */
export function acrossPerson(p: CheckedPerson): AcrossPerson {
  const out: AcrossPerson = { documentNumber: p.documentNumber, socialSecurity: p.socialSecurity, plans: p.plans.length > 0 ? p.plans : NO_PLANS };
  if (p.socialSecurityCode !== undefined) out.socialSecurityCode = p.socialSecurityCode;
  return out;
}

/** The unit-level rules over the checked persons who can be enrolled. */
export function unitFindings(scheme: Scheme, persons: readonly AcrossPerson[], input: UnitCheckInput): RosterFinding[] {
  const enrollable = persons.filter((p) => p.plans.length > 0 || scheme.selectionScope === 'batch');
  const ss = socialSecurityGroups(enrollable, input.socialSecurityTotals ?? {}, input.unitSocialSecurityCodes ?? []);
  const facts: UnitFacts = {
    ...input,
    personCount: enrollable.length + (input.headCountPersons ?? 0),
    socialSecurityGroups: ss.groups,
    socialSecurityGap: ss.gap,
  };
  if (input.headCounts) facts.headCounts = input.headCounts;
  const found: RosterFinding[] = checkUnitRules(scheme, facts).map((f) => ({ code: f.code, severity: f.severity, message: f.message, hint: f.hint, ...(f.data ? { data: f.data } : {}) }));
  const window = input.checkDate ? windowFinding(scheme, input.enrollmentType, input.checkDate) : null;
  if (window) found.unshift({ code: window.code, severity: window.severity, message: window.message, hint: window.hint });
  return found;
}

export interface RosterRowInput {
  values: RawRosterRow;
  sourceRow: number | null;
}

export interface RosterCheckResult {
  rows: RowCheck[];
  unitFindings: RosterFinding[];
}

/** Every row check, the duplicate checks across rows, and the unit rules: a whole batch re-checked. */
export function checkRoster(rows: readonly RosterRowInput[], ctx: RowCheckContext, lookups: DuplicateLookups, unit: UnitCheckInput): RosterCheckResult {
  const checked = rows.map((r) => checkRosterRow(r.values, ctx));
  const dupes = duplicateFindings(
    checked.map((c, i) => ({ documentNumber: c.person.documentNumber, sourceRow: rows[i]!.sourceRow })),
    lookups,
  );
  checked.forEach((c, i) => c.findings.push(...dupes[i]!));
  return { rows: checked, unitFindings: unitFindings(ctx.scheme, checked.map((c) => c.person), unit) };
}
