/**
 * Fixed texts of notices, commitments and confirmations, and how ID numbers are masked
 * on printouts.
 */
import { z } from 'zod';
import { nonNegativeIntSchema, textSchema } from './primitives';

export const documentTextSchema = z.strictObject({
  title: textSchema,
  paragraphs: z.array(textSchema).min(1, { error: '至少需要 1 段' }),
});
export type DocumentText = z.infer<typeof documentTextSchema>;

export const documentTextsSchema = z.strictObject({
  /** 缴费通知单. */
  paymentNotice: documentTextSchema,
  /** 参保确认书 / 电子保单. */
  confirmation: documentTextSchema,
  /** 告知书 the clerk reads and accepts before submitting (Shenzhen). */
  enrollmentNotice: documentTextSchema.optional(),
  /** 承诺书 confirmed when the roster is submitted. */
  rosterCommitment: documentTextSchema.optional(),
  /** Commitment for over-age persons kept on the roster (Shanghai). */
  overAgeCommitment: documentTextSchema.optional(),
  /** 提前开票承诺书 (Shenzhen). */
  earlyInvoiceCommitment: documentTextSchema.optional(),
  /** The question asked when the clerk marks an unknown person as insured and in service (Shanghai 设置在职). */
  setInServiceConfirmation: textSchema.optional(),
});
export type DocumentTexts = z.infer<typeof documentTextsSchema>;

export const maskRuleSchema = z.strictObject({
  onPrintouts: z.boolean(),
  keepStart: nonNegativeIntSchema,
  keepEnd: nonNegativeIntSchema,
});
export type MaskRule = z.infer<typeof maskRuleSchema>;

export const maskingPolicySchema = z.strictObject({
  documentNumber: maskRuleSchema,
  bankCard: maskRuleSchema,
});
export type MaskingPolicy = z.infer<typeof maskingPolicySchema>;
