/** What the clerk sees of a payment: one transfer, possibly paying several batches (合并缴费). */
import type { Fen } from '../domain/money';

/** Shanghai 退款信息: where an overpayment goes back. */
export interface RefundView {
  accountName: string;
  accountNumber: string;
  bank: string;
  amountFen: Fen;
  /** 退款帐户类别. */
  accountType?: string;
  /** 退款方式. */
  method?: string;
}

export interface PaymentShare {
  batchId: string;
  batchTitle: string;
  amountFen: Fen;
}

/** A payment as recorded on this machine, and what the association confirmed of it for one batch. */
export interface PaymentRecordView {
  paymentId: string;
  payer: string;
  /** The whole transfer. */
  amountFen: Fen;
  method?: string;
  /** 收款帐户类别. */
  accountType?: string;
  paidOn?: string;
  voucherName: string;
  voucherType: string;
  voucherBytes: number;
  refund?: RefundView;
  recordedAt: string;
  /** Each batch the transfer paid, with its share (exactly its payable), in the clerk's order. */
  shares: PaymentShare[];
  /** For `payments.forBatch`: the association's confirmation of that batch's share, once pulled. */
  confirmed?: { amountFen: Fen; confirmedOn: string };
}
