/**
 * A person's own effective date (生效日期 / 保全生效日期) on a supplementary enrollment
 * (保全): new hires join the policy in force each from their own day, which must be a real
 * date, not before the day the enrollment is submitted, and inside the policy's period.
 * Other enrollment types take the batch's cover and ignore the column.
 */
import { compareDates, type IsoDate, type Period } from '../dates';
import type { EnrollmentType } from '../scheme';
import { parseRosterDate } from './excelDates';
import type { RosterFinding } from './findings';

export interface EffectiveDateContext {
  enrollmentType: EnrollmentType;
  submissionDate: IsoDate;
  /** The policy in force the persons join (保全). */
  policyPeriod?: Period;
}

export interface EffectiveDateCheck {
  /** The person's own first day of cover, when the row gives a valid one. */
  start: IsoDate | null;
  /** The cell as stored (a parsed date in ISO form). */
  value: string | undefined;
  findings: RosterFinding[];
}

const HINT_FORMAT = '请按 2025-07-01 的格式填写，或留空以使用批次的生效日期';

export function checkEffectiveDate(raw: string | undefined, ctx: EffectiveDateContext): EffectiveDateCheck {
  const text = raw?.trim() ?? '';
  if (text === '' || ctx.enrollmentType !== 'supplementary') return { start: null, value: raw, findings: [] };
  const date = parseRosterDate(text);
  if (date === null) {
    return { start: null, value: raw, findings: [{ code: 'effectiveDateInvalid', severity: 'error', message: `生效日期“${text}”不是有效日期`, hint: HINT_FORMAT, field: 'effectiveDate' }] };
  }
  const findings: RosterFinding[] = [];
  if (compareDates(date, ctx.submissionDate) < 0) {
    findings.push({ code: 'effectiveDateTooEarly', severity: 'error', message: `生效日期 ${date} 早于提交日期 ${ctx.submissionDate}`, hint: '保全生效日期不能早于提交日期，请重新填写', field: 'effectiveDate' });
  }
  const policy = ctx.policyPeriod;
  if (policy && compareDates(date, policy.start) < 0) {
    findings.push({ code: 'effectiveDateBeforePolicy', severity: 'error', message: `生效日期 ${date} 早于所补充保单的生效日期 ${policy.start}`, hint: `请填写 ${policy.start} 至 ${policy.end} 之间的日期`, field: 'effectiveDate' });
  }
  if (policy && compareDates(date, policy.end) > 0) {
    findings.push({ code: 'effectiveDateAfterPolicy', severity: 'error', message: `生效日期 ${date} 晚于所补充保单的到期日 ${policy.end}`, hint: '该日期已超出保单期限，请在新保单中参保', field: 'effectiveDate' });
  }
  return { start: findings.length === 0 ? date : null, value: date, findings };
}

/** The same context with the person's own cover start; one object per start, so eligibility stays memoised. */
const derived = new WeakMap<object, Map<IsoDate, unknown>>();
export function withCoverStart<C extends { coverStart: IsoDate | null }>(ctx: C, start: IsoDate): C {
  let byStart = derived.get(ctx);
  if (!byStart) derived.set(ctx, (byStart = new Map()));
  let found = byStart.get(start) as C | undefined;
  if (!found) byStart.set(start, (found = { ...ctx, coverStart: start }));
  return found;
}
