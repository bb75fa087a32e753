/**
 * What a scheme's coverage rules mean: whether a batch may be submitted on a day, the
 * period it covers, and the waiting period (免责期) of each plan.
 */
import { addDays, addMonths, addYears, compareDates, formatIsoDate, isWithin, parseIsoDate, type IsoDate, type Period } from '../dates';
import type { EnrollmentTypeRule } from './coverageSchema';
import { findEnrollmentType } from './lookup';
import type { Plan, WaitingPeriod } from './planSchema';
import { ENROLLMENT_TYPE_LABELS, type EnrollmentType } from './primitives';
import type { Scheme } from './schemeSchema';

export type CoverageProblemCode =
  | 'enrollmentTypeNotOffered'
  | 'outsideWindow'
  | 'requestedStartMissing'
  | 'requestedStartTooEarly'
  | 'policyPeriodMissing'
  | 'startAfterCoverageYear';

export interface CoverageProblem {
  code: CoverageProblemCode;
  message: string;
  hint: string;
}

export interface CoverRequest {
  /** The day the batch is (or was) submitted / applied for. */
  submissionDate: IsoDate;
  /** The effective date the clerk asked for, or the one the association set. */
  requestedStart?: IsoDate;
  /** The policy in force that a supplementary enrollment joins. */
  policyPeriod?: Period;
}

export type CoverResolution =
  | { ok: true; rule: EnrollmentTypeRule; cover: Period }
  /** The start is set by the association later; the cover is not known yet. */
  | { ok: true; rule: EnrollmentTypeRule; cover: null }
  | { ok: false; problem: CoverageProblem };

function typeLabel(scheme: Scheme, type: EnrollmentType): string {
  return findEnrollmentType(scheme, type)?.label ?? ENROLLMENT_TYPE_LABELS[type];
}

/** The rule for the type, or a problem when the scheme does not offer it. */
export function enrollmentTypeRule(scheme: Scheme, type: EnrollmentType): { ok: true; rule: EnrollmentTypeRule } | { ok: false; problem: CoverageProblem } {
  const rule = findEnrollmentType(scheme, type);
  if (rule) return { ok: true, rule };
  const offered = scheme.enrollmentTypes.map((t) => t.label).join('、');
  return {
    ok: false,
    problem: {
      code: 'enrollmentTypeNotOffered',
      message: `${scheme.association.shortName}${scheme.yearLabel}方案不办理${ENROLLMENT_TYPE_LABELS[type]}`,
      hint: `请选择本方案提供的参保类型：${offered}`,
    },
  };
}

/** Whether the type may be submitted on `date` (inside one of its windows, if it has any). */
export function checkSubmissionDate(scheme: Scheme, type: EnrollmentType, date: IsoDate): CoverageProblem | null {
  const found = enrollmentTypeRule(scheme, type);
  if (!found.ok) return found.problem;
  const { rule } = found;
  if (rule.windows.length === 0 || rule.windows.some((w) => isWithin(date, w))) return null;
  const windows = rule.windows.map((w) => `${w.start} 至 ${w.end}`).join('，');
  return {
    code: 'outsideWindow',
    message: `${date} 不在${typeLabel(scheme, type)}办理时间内（${windows}）`,
    hint: '请在办理时间内提交，或改用当前开放的参保类型',
  };
}

/**
 * The enrollment window as the batch's check sees it on `date`: nothing when open; before
 * the type's first window opens, a warning (the clerk may prepare the roster, and submits
 * once it opens); after its last window closed, an error naming the types open that day.
 */
export interface WindowFinding {
  code: 'enrollmentTypeNotOffered' | 'outsideWindow' | 'windowNotYetOpen';
  severity: 'error' | 'warning';
  message: string;
  hint: string;
}

export function windowFinding(scheme: Scheme, type: EnrollmentType, date: IsoDate): WindowFinding | null {
  const found = enrollmentTypeRule(scheme, type);
  if (!found.ok) return { code: 'enrollmentTypeNotOffered', severity: 'error', message: found.problem.message, hint: found.problem.hint };
  const { windows } = found.rule;
  if (windows.length === 0 || windows.some((w) => isWithin(date, w))) return null;
  const label = typeLabel(scheme, type);
  const next = windows.filter((w) => compareDates(w.start, date) > 0).sort((a, b) => compareDates(a.start, b.start))[0];
  if (next) {
    return {
      code: 'windowNotYetOpen',
      severity: 'warning',
      message: `${label}办理时间为 ${next.start} 至 ${next.end}，尚未开始`,
      hint: `可先准备名单并校验，${next.start} 起提交`,
    };
  }
  const open = scheme.enrollmentTypes.filter((t) => t.type !== type && t.windows.some((w) => isWithin(date, w))).map((t) => t.label);
  const windowsText = windows.map((w) => `${w.start} 至 ${w.end}`).join('，');
  return {
    code: 'outsideWindow',
    severity: 'error',
    message: `${label}办理时间（${windowsText}）已结束`,
    hint: open.length > 0 ? `今天可办理：${open.join('、')}，请改用该参保类型` : '本保障年度已不能办理，请使用下一年度的方案',
  };
}

/** The day a batch of this type can be submitted at the earliest, from `today`: its window's first day when that is still ahead. */
export function earliestSubmissionDate(scheme: Scheme, type: EnrollmentType, today: IsoDate): IsoDate {
  const rule = findEnrollmentType(scheme, type);
  if (!rule || rule.windows.length === 0 || rule.windows.some((w) => isWithin(today, w))) return today;
  const next = rule.windows.filter((w) => compareDates(w.start, today) > 0).sort((a, b) => compareDates(a.start, b.start))[0];
  return next?.start ?? today;
}

function firstOfNextMonth(date: IsoDate): IsoDate {
  const p = parseIsoDate(date)!;
  return p.month === 12 ? formatIsoDate({ year: p.year + 1, month: 1, day: 1 }) : formatIsoDate({ year: p.year, month: p.month + 1, day: 1 });
}

/**
 * The cover period of a batch of this type submitted on `request.submissionDate`.
 * Does not check the submission window (see `checkSubmissionDate`), so a batch already
 * submitted can still be priced after its window closed.
 */
export function resolveCover(scheme: Scheme, type: EnrollmentType, request: CoverRequest): CoverResolution {
  const found = enrollmentTypeRule(scheme, type);
  if (!found.ok) return found;
  const { rule } = found;
  const label = typeLabel(scheme, type);

  let start: IsoDate | null;
  switch (rule.coverStart) {
    case 'coverageYearStart':
      start = scheme.coverageYear.start;
      break;
    case 'dayAfterSubmission':
      start = addDays(request.submissionDate, 1);
      break;
    case 'submissionDate':
      start = request.submissionDate;
      break;
    case 'firstOfNextMonth':
      start = firstOfNextMonth(request.submissionDate);
      break;
    case 'requested':
      if (request.requestedStart !== undefined && compareDates(request.requestedStart, request.submissionDate) < 0) {
        return {
          ok: false,
          problem: {
            code: 'requestedStartTooEarly',
            message: `生效日期 ${request.requestedStart} 早于提交日期 ${request.submissionDate}`,
            hint: '生效日期不能早于提交日期，请重新选择',
          },
        };
      }
      start = request.requestedStart ?? null;
      break;
    case 'setByAssociation':
      start = request.requestedStart ?? null;
      break;
  }
  if (start === null) return { ok: true, rule, cover: null };

  let end: IsoDate;
  switch (rule.coverEnd) {
    case 'coverageYearEnd':
      end = scheme.coverageYear.end;
      break;
    case 'oneYearFromStart':
      end = addDays(addYears(start, 1), -1);
      break;
    case 'policyEnd':
      if (!request.policyPeriod) {
        return {
          ok: false,
          problem: { code: 'policyPeriodMissing', message: `${label}须指明所加入的在保保单`, hint: '请选择要补充人员的已生效保单' },
        };
      }
      end = request.policyPeriod.end;
      break;
  }
  if (compareDates(start, end) > 0) {
    return {
      ok: false,
      problem: {
        code: 'startAfterCoverageYear',
        message: `保障开始日期 ${start} 晚于保障结束日期 ${end}`,
        hint: '该日期已超出本保障年度，请使用下一年度的方案办理',
      },
    };
  }
  return { ok: true, rule, cover: { start, end } };
}

/** Whether the cover lasts at most `months` months: its last day falls before the start plus `months`. */
export function coverWithinMonths(cover: Period, months: number): boolean {
  return compareDates(cover.end, addMonths(cover.start, months)) < 0;
}

export function waitingPeriodFor(plan: Plan, type: EnrollmentType): WaitingPeriod | undefined {
  return plan.waitingPeriods.find((w) => w.enrollmentTypes.includes(type));
}

export interface WaitingPeriodSpan {
  /** First and last day of the waiting period. */
  period: Period;
  /** The first day benefits are paid. */
  benefitsFrom: IsoDate;
  /** e.g. 30天免责期 or 2个月免责期. */
  label: string;
  note?: string;
}

/** The waiting period of a plan for a cover starting on `coverStart`; null when there is none. */
export function waitingPeriodSpan(plan: Plan, type: EnrollmentType, coverStart: IsoDate): WaitingPeriodSpan | null {
  const w = waitingPeriodFor(plan, type);
  if (!w) return null;
  const benefitsFrom = w.days !== undefined ? addDays(coverStart, w.days) : addMonths(coverStart, w.months ?? 0);
  const label = w.days !== undefined ? `${w.days}天免责期` : `${w.months}个月免责期`;
  return { period: { start: coverStart, end: addDays(benefitsFrom, -1) }, benefitsFrom, label, ...(w.note ? { note: w.note } : {}) };
}
