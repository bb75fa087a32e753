/**
 * Payment-notice helpers: the due date and the remark the payer writes.
 */
import { addDays, addMonths, compareDates, minDate, type IsoDate } from '../dates';
import type { EnrollmentType } from './primitives';
import type { Scheme } from './schemeSchema';

/** The last day to pay for a premium confirmed on `confirmedOn`; null when the scheme sets no deadline. */
export function paymentDueDate(scheme: Scheme, type: EnrollmentType, confirmedOn: IsoDate): IsoDate | null {
  let due: IsoDate | null = null;
  for (const d of scheme.payment.deadlines) {
    if (d.enrollmentTypes && !d.enrollmentTypes.includes(type)) continue;
    const date = d.kind === 'daysAfterConfirmation' ? addDays(confirmedOn, d.days) : d.date;
    due = due === null ? date : minDate(due, date);
  }
  return due;
}

/**
 * The last day of the monthly payment window that `day` falls in or comes before (Qingdao:
 * 每月 1 日至 25 日; a payment after the 25th belongs to next month's window). A window's last
 * day beyond a short month's end is that month's end.
 */
export function monthlyWindowEnd(window: { lastDay: number }, day: IsoDate): IsoDate {
  const endIn = (first: IsoDate) => {
    const monthEnd = addDays(addMonths(first, 1), -1);
    const end = `${first.slice(0, 8)}${String(window.lastDay).padStart(2, '0')}`;
    return Number(monthEnd.slice(8)) < window.lastDay ? monthEnd : end;
  };
  const thisMonth = endIn(`${day.slice(0, 8)}01`);
  return compareDates(day, thisMonth) <= 0 ? thisMonth : endIn(addMonths(`${day.slice(0, 8)}01`, 1));
}

/** The last day to pay: the scheme's deadline after the premium was confirmed, or the monthly window's end, whichever is sooner. */
export function paymentDueOn(scheme: Scheme, type: EnrollmentType, confirmedOn: IsoDate, today: IsoDate): IsoDate | null {
  const byDeadline = paymentDueDate(scheme, type, confirmedOn);
  const window = scheme.payment.monthlyWindow;
  const byWindow = window ? monthlyWindowEnd(window, today) : null;
  if (byDeadline && byWindow) return minDate(byDeadline, byWindow);
  return byDeadline ?? byWindow;
}

export interface RemarkValues {
  unitName: string;
  unitCode?: string;
  batchNo?: string;
}

/** The transfer remark, e.g. 单位名称 filled in: placeholders without a value are dropped. */
export function paymentRemark(scheme: Scheme, values: RemarkValues): string {
  return scheme.payment.remarkTemplate
    .replace(/\{unitName\}/g, values.unitName)
    .replace(/\{unitCode\}/g, values.unitCode ?? '')
    .replace(/\{batchNo\}/g, values.batchNo ?? '')
    .trim();
}
