/**
 * Payment-notice helpers: the due date and the remark the payer writes.
 */
import { addDays, minDate, type IsoDate } from '../dates';
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
