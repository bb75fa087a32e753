/**
 * The coverage year and, per enrollment type, when it may be submitted, when its cover
 * starts and ends, and how a batch priced outside the full year is charged.
 */
import { z } from 'zod';
import { enrollmentTypeSchema, periodSchema, positiveIntSchema, textSchema, typeError } from './primitives';

/**
 * - `coverageYearStart`: the first day of the coverage year (central enrollment, renewal)
 * - `dayAfterSubmission`: Shanghai instant enrollment (提交参保名单的次日起)
 * - `submissionDate`: the application day (Suzhou off-season: 开始时间选择申请当天日期)
 * - `firstOfNextMonth`: the first day of the month after submission
 * - `requested`: a date the clerk enters (Shenzhen 保单生效日期, 保全生效日期); when absent the association sets it
 * - `setByAssociation`: set by the association at review or payment (Qingdao 生效日期)
 */
export const COVER_START_KINDS = [
  'coverageYearStart',
  'dayAfterSubmission',
  'submissionDate',
  'firstOfNextMonth',
  'requested',
  'setByAssociation',
] as const;
export type CoverStartKind = (typeof COVER_START_KINDS)[number];

/**
 * - `coverageYearEnd`: the last day of the coverage year (Shanghai 3月31日24时, Suzhou 9月30日)
 * - `oneYearFromStart`: the day before the start's anniversary (一年期)
 * - `policyEnd`: the end of the policy in force that the persons join (保全)
 */
export const COVER_END_KINDS = ['coverageYearEnd', 'oneYearFromStart', 'policyEnd'] as const;
export type CoverEndKind = (typeof COVER_END_KINDS)[number];

export const pricingModeSchema = z.discriminatedUnion('kind', [
  /** The full annual price whatever the length of cover. */
  z.strictObject({ kind: z.literal('full') }),
  /** Half the price when the cover is at most `maxMonths` months (Shanghai: 保障期小于等于半年). */
  z.strictObject({ kind: z.literal('halfIfShort'), maxMonths: positiveIntSchema }),
  /** Per month of cover, a started month counting whole (Suzhou: 按照实际参保月份数收取). */
  z.strictObject({ kind: z.literal('monthly') }),
]);
export type PricingMode = z.infer<typeof pricingModeSchema>;

export const enrollmentTypeRuleSchema = z.strictObject({
  type: enrollmentTypeSchema,
  /** The association's own name for it, e.g. 新参保（即时） for Suzhou's off-season new units. */
  label: textSchema,
  /** Submission windows; empty: any day of the coverage year. */
  windows: z.array(periodSchema).default([]),
  coverStart: z.enum(COVER_START_KINDS, { error: typeError(`必须是以下之一：${COVER_START_KINDS.join('、')}`) }),
  coverEnd: z.enum(COVER_END_KINDS, { error: typeError(`必须是以下之一：${COVER_END_KINDS.join('、')}`) }),
  pricing: pricingModeSchema,
  description: textSchema.optional(),
});
export type EnrollmentTypeRule = z.infer<typeof enrollmentTypeRuleSchema>;

/** Wuxi's renewal reminders: on the given day of each month, persons whose cover ends within the window. */
export const renewalReminderSchema = z.strictObject({
  daysBefore: positiveIntSchema,
  daysAfter: positiveIntSchema,
  dayOfMonth: positiveIntSchema.max(28, { error: '必须是 1 到 28 的整数' }),
  description: textSchema.optional(),
});
export type RenewalReminder = z.infer<typeof renewalReminderSchema>;
