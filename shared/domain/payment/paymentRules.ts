/**
 * The money rules of paying for batches (Shanghai 缴费凭证, Suzhou 上传底单): what is paid
 * must cover what is payable; an overpayment is refunded, and the refund details must name
 * exactly the difference. One transfer may pay several batches (Suzhou and Shanghai let a
 * unit pay its batches together): each batch is covered in turn, the rest is the refund.
 */
import { formatYuan, type Fen } from '../money';

export type PaymentProblemCode = 'paymentTooLow' | 'refundRequired' | 'refundMismatch' | 'nothingPayable';

export interface PaymentProblem {
  code: PaymentProblemCode;
  message: string;
  field: string;
}

export interface PaymentAllocation {
  /** Each batch's share of the transfer: exactly its payable. */
  perBatch: { batchId: string; amountFen: Fen }[];
  /** What goes back to the payer. */
  refundFen: Fen;
}

export type PaymentCheck = { ok: true; allocation: PaymentAllocation } | { ok: false; problem: PaymentProblem };

export function checkPayment(
  amountFen: Fen,
  batches: readonly { batchId: string; payableFen: Fen }[],
  refund: { amountFen: Fen } | undefined,
): PaymentCheck {
  const due = batches.reduce((sum, b) => sum + b.payableFen, 0);
  if (batches.length === 0 || due <= 0) return { ok: false, problem: { code: 'nothingPayable', message: '所选批次没有应缴保费', field: 'batchIds' } };
  const several = batches.length > 1 ? `${batches.length} 个批次合计` : '';
  if (amountFen < due) {
    return { ok: false, problem: { code: 'paymentTooLow', message: `缴费金额 ${formatYuan(amountFen)} 元少于${several}应缴保费 ${formatYuan(due)} 元`, field: 'amountFen' } };
  }
  const excess = amountFen - due;
  if (excess > 0 && !refund) {
    return { ok: false, problem: { code: 'refundRequired', message: `缴费金额超出${several}应缴保费 ${formatYuan(excess)} 元，须填写退款信息`, field: 'refund' } };
  }
  if (refund && refund.amountFen !== excess) {
    const message = excess === 0 ? '缴费金额与应缴保费一致，无需填写退款信息' : `退款金额应为超出部分 ${formatYuan(excess)} 元，而不是 ${formatYuan(refund.amountFen)} 元`;
    return { ok: false, problem: { code: 'refundMismatch', message, field: 'refund.amountFen' } };
  }
  return { ok: true, allocation: { perBatch: batches.map((b) => ({ batchId: b.batchId, amountFen: b.payableFen })), refundFen: excess } };
}
