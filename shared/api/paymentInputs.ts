/** Inputs of the payment operations that pay several batches with one transfer (合并缴费). */
import { z } from 'zod';
import { fileUpload, id, isoDate, positiveFen, text, typeError } from './primitives';

/** The most batches one transfer may pay (as the wire allows). */
export const MAX_BATCHES_PER_PAYMENT = 50;

/** Shanghai 退款信息: where the difference of an overpayment goes back (API, wire and server alike). */
export const refundDetails = z.strictObject({
  accountName: text(100),
  accountNumber: z.string({ error: typeError('必须是银行账号') }).trim().regex(/^\d{6,32}$/, { error: '必须是 6 到 32 位数字的银行账号' }),
  bank: text(100),
  amountFen: positiveFen,
  /** 退款帐户类别. */
  accountType: text(20).optional(),
  /** 退款方式. */
  method: text(20).optional(),
});

/** The batches one transfer pays, each once (the API and the wire check the same list). */
export const paymentBatchIds = z
  .array(id)
  .min(1, { error: '至少选择 1 个批次' })
  .max(MAX_BATCHES_PER_PAYMENT, { error: `一次缴费至多 ${MAX_BATCHES_PER_PAYMENT} 个批次` })
  .refine((ids) => new Set(ids).size === ids.length, { error: '同一批次不能选择两次' });

export const recordPaymentInput = z.strictObject({
  /** The batches this transfer pays: the same unit and scheme, each awaiting payment (待缴费). */
  batchIds: paymentBatchIds,
  /** 付款单位. */
  payer: text(100),
  amountFen: positiveFen,
  /** 缴费方式. */
  method: text(20).optional(),
  /** 收款帐户类别. */
  accountType: text(20).optional(),
  paidOn: isoDate.optional(),
  proof: fileUpload,
  /** When more was paid than the batches together: where the difference goes back. */
  refund: refundDetails.optional(),
});
