/**
 * One transfer paying several batches (Suzhou 合并支付, Shanghai 缴费凭证 with 选择批次):
 * `recordPayment` (POST /v1/payments) names the batches by the client's ids, carries ONE
 * voucher, and the server records one payment with each batch's share and the refund.
 */
import { z } from 'zod';
import { isoDate, positiveFen, text } from '../api/primitives';
import { base64File, batchViewSchema } from './batches';
import { MAX_PROOF_BYTES } from './limits';
import { MAX_BATCHES_PER_PAYMENT, paymentBatchIds, refundDetails as refundDetailsSchema } from '../api/paymentInputs';

export { MAX_BATCHES_PER_PAYMENT, refundDetailsSchema };
export type RefundDetails = z.input<typeof refundDetailsSchema>;

export const paymentRecordRequestSchema = z.strictObject({
  /** The client's batch ids, each once, all the unit's own and awaiting payment (待缴费). */
  batchIds: paymentBatchIds,
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
