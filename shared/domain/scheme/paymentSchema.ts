/**
 * Payment details for the payment notice, fee sources and subsidies.
 */
import { z } from 'zod';
import {
  codeSchema,
  enrollmentTypeSchema,
  fenSchema,
  isoDateSchema,
  positiveIntSchema,
  textSchema,
} from './primitives';

export const paymentDeadlineSchema = z.discriminatedUnion('kind', [
  /** Within N days of confirming the premium (Shanghai: 提交确认保费后，请于15天内). */
  z.strictObject({
    kind: z.literal('daysAfterConfirmation'),
    days: positiveIntSchema,
    enrollmentTypes: z.array(enrollmentTypeSchema).min(1, { error: '至少需要 1 项' }).optional(),
  }),
  /** No later than a fixed date (Shanghai central enrollment 2020: 5月26日). */
  z.strictObject({
    kind: z.literal('fixedDate'),
    date: isoDateSchema,
    enrollmentTypes: z.array(enrollmentTypeSchema).min(1, { error: '至少需要 1 项' }).optional(),
  }),
]);
export type PaymentDeadline = z.infer<typeof paymentDeadlineSchema>;

/** Payments accepted on these days of each month (Qingdao: 每月 1 日至 25 日). */
export const monthlyPaymentWindowSchema = z
  .strictObject({
    firstDay: positiveIntSchema.max(31, { error: '必须是 1 到 31 的整数' }),
    lastDay: positiveIntSchema.max(31, { error: '必须是 1 到 31 的整数' }),
    /** What happens to later payments. */
    lateNote: textSchema.optional(),
  })
  .refine((w) => w.firstDay <= w.lastDay, { error: '起始日不能晚于截止日' });
export type MonthlyPaymentWindow = z.infer<typeof monthlyPaymentWindowSchema>;

export const paymentDetailsSchema = z.strictObject({
  /** 收款单位 / 户名. */
  payee: textSchema,
  accountName: textSchema,
  /** Absent when the manual does not publish it; the notice then says to ask the association. */
  accountNumber: textSchema.optional(),
  bank: textSchema.optional(),
  /** 行号 (Qingdao: 104452000028). */
  bankCode: textSchema.optional(),
  /** 缴费方式, e.g. 转账、支票、电汇. */
  methods: z.array(textSchema).default([]),
  /**
   * What the payer writes in the transfer's remark, with placeholders {unitName},
   * {unitCode} and {batchNo}.
   */
  remarkTemplate: textSchema,
  deadlines: z.array(paymentDeadlineSchema).default([]),
  monthlyWindow: monthlyPaymentWindowSchema.optional(),
  notes: z.array(textSchema).default([]),
});
export type PaymentDetails = z.infer<typeof paymentDetailsSchema>;

/** Where the unit's money comes from (Qingdao 会费来源: 工会经费 / 行政经费 / 会员自付); invoices are split by it. */
export const feeSourceSchema = z.strictObject({ code: codeSchema, name: textSchema });
export type FeeSource = z.infer<typeof feeSourceSchema>;

/** A kind of reduction the association grants (Qingdao: 补贴, 赠险). */
export const subsidyKindSchema = z.strictObject({ code: codeSchema, name: textSchema });
export type SubsidyKind = z.infer<typeof subsidyKindSchema>;

/** A standing subsidy the scheme itself grants; one-off grants come with the batch (pricing input). */
export const subsidyRuleSchema = z
  .strictObject({
    code: codeSchema,
    name: textSchema,
    kind: codeSchema,
    /** Omitted: every plan. */
    planCodes: z.array(codeSchema).min(1, { error: '至少需要 1 项' }).optional(),
    perPersonFen: fenSchema.optional(),
    perShareFen: fenSchema.optional(),
    enrollmentTypes: z.array(enrollmentTypeSchema).min(1, { error: '至少需要 1 项' }).optional(),
    /** Only for 新就业形态 persons and head-count lines. */
    newEmploymentFormOnly: z.boolean().default(false),
  })
  .refine((r) => (r.perPersonFen === undefined) !== (r.perShareFen === undefined), {
    error: 'perPersonFen 与 perShareFen 必须且只能填写一项',
  });
export type SubsidyRule = z.infer<typeof subsidyRuleSchema>;

export const subsidiesSchema = z.strictObject({
  kinds: z.array(subsidyKindSchema).default([]),
  rules: z.array(subsidyRuleSchema).default([]),
});
export type Subsidies = z.infer<typeof subsidiesSchema>;
