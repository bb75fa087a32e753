/**
 * One transfer paying several batches (Suzhou 合并支付, Shanghai 缴费凭证 with 选择批次):
 * `recordPayment` (POST /v1/payments) names the batches by the client's ids, carries ONE
 * voucher, and the server records one payment with each batch's share and the refund.
 */
import { z } from 'zod';
import { id, isoDate, positiveFen, text, typeError } from '../api/primitives';
import { base64File, batchViewSchema } from './batches';
import { MAX_PROOF_BYTES } from './limits';

/** The most batches one transfer may pay. */
export const MAX_BATCHES_PER_PAYMENT = 50;

/** Shanghai 退款信息: where the difference goes back. */
export const refundDetailsSchema = z.strictObject({
  accountName: text(100),
  accountNumber: z.string({ error: typeError('必须是银行账号') }).trim().regex(/^\d{6,32}$/, { error: '必须是 6 到 32 位数字的银行账号' }),
  bank: text(100),
  amountFen: positiveFen,
  /** 退款帐户类别 (对公 / 对私 …). */
  accountType: text(20).optional(),
  /** 退款方式 (原路退回, 转账 …). */
  method: text(20).optional(),
});
export type RefundDetails = z.input<typeof refundDetailsSchema>;

export const paymentRecordRequestSchema = z.strictObject({
  /** The client's batch ids, each once, all the unit's own and awaiting payment (待缴费). */
  batchIds: z
    .array(id)
    .min(1, { error: '至少选择 1 个批次' })
    .max(MAX_BATCHES_PER_PAYMENT, { error: `一次缴费至多 ${MAX_BATCHES_PER_PAYMENT} 个批次` })
    .refine((ids) => new Set(ids).size === ids.length, { error: '同一批次不能选择两次' }),
  /** 付款单位. */
  payer: text(100),
  amountFen: positiveFen,
  /** 缴费方式. */
  method: text(20).optional(),
  /** 收款帐户类别 (Shanghai: 在职 …). */
  accountType: text(20).optional(),
  paidOn: isoDate.optional(),
  proof: base64File(MAX_PROOF_BYTES),
  refund: refundDetailsSchema.optional(),
});
export type PaymentRecordRequest = z.input<typeof paymentRecordRequestSchema>;
export type ValidPaymentRecordRequest = z.output<typeof paymentRecordRequestSchema>;

/** The server's answer: the payment, its share per batch and each batch as it now stands. */
export const paymentRecordViewSchema = z.object({
  paymentId: z.string(),
  payer: z.string(),
  amountFen: z.number().int(),
  method: z.string().optional(),
  accountType: z.string().optional(),
  paidOn: z.string().optional(),
  proofName: z.string(),
  proofBytes: z.number().int(),
  uploadedAt: z.string(),
  refund: z
    .object({ accountName: z.string(), accountNumber: z.string(), bank: z.string(), amountFen: z.number().int(), accountType: z.string().optional(), method: z.string().optional() })
    .optional(),
  allocations: z.array(z.object({ batchId: z.string(), serverBatchId: z.string(), amountFen: z.number().int() })),
  batches: z.array(batchViewSchema),
});
export type PaymentRecordView = z.infer<typeof paymentRecordViewSchema>;
