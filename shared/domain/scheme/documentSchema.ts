/**
 * Fixed texts of notices, commitments and confirmations, and how ID numbers are masked
 * on printouts.
 */
import { z } from 'zod';
import { BATCH_STATES } from '../batch/states';
import { ASSOCIATION_FACTS, DOCUMENT_KINDS } from '../documents/kinds';
import { nonNegativeIntSchema, textSchema } from './primitives';

export const documentTextSchema = z.strictObject({
  title: textSchema,
  paragraphs: z.array(textSchema).min(1, { error: '至少需要 1 段' }),
});
export type DocumentText = z.infer<typeof documentTextSchema>;

/** When one kind of document may be printed, and the label its own number goes by. */
export const printRuleSchema = z.strictObject({
  /** The batch states in which it prints; in any other only a preview exists. */
  states: z.array(z.enum(BATCH_STATES)).min(1, { error: '至少需要 1 个状态' }),
  /** What the association must have done first (given its number, set the cover, confirmed the payment). */
  needs: z.array(z.enum(ASSOCIATION_FACTS)).default([]),
  /** The document's number as the manual names it (保单号, 确认书号, 申请书号, 参保批次号). */
  numberLabel: textSchema,
  /**
   * The date the document bears: `firstPrint` (fixed when first printed) or
   * `paymentConfirmed` (the association's 确认日期).
   */
  issuedOn: z.enum(['firstPrint', 'paymentConfirmed']).default('firstPrint'),
});
export type PrintRule = z.infer<typeof printRuleSchema>;

export const documentTextsSchema = z.strictObject({
  /**
   * The kinds this scheme offers, each with when it may be printed; a kind not listed is not
   * offered (a scheme from before printing rules offers none until its association publishes them).
   */
  printing: z.partialRecord(z.enum(DOCUMENT_KINDS), printRuleSchema).default({}),
  /** 缴费通知单. */
  paymentNotice: documentTextSchema,
  /** 参保确认书 / 电子保单 / 保单, where the manual has one. */
  confirmation: documentTextSchema.optional(),
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
