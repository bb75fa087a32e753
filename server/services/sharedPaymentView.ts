/** A batch's payment when a shared transfer (recordPayment) pays it, and what staff confirm of it. */
import type { BatchView, PaymentRecordView } from '../../shared/wire';
import type { ServerContext } from '../context';
import type { BatchRecord } from '../store/batchesStore';
import { sharedPaymentsOf, type AllocationRecord, type SharedPaymentRecord } from '../store/sharedPaymentsStore';

type Allocations = NonNullable<PaymentRecordView['allocations']>;

export async function allocationsView(ctx: ServerContext, allocations: readonly AllocationRecord[]): Promise<Allocations> {
  const out: Allocations = [];
  for (const a of allocations) out.push({ batchId: (await ctx.batches.get(a.batchId))?.clientBatchId ?? a.batchId, serverBatchId: a.batchId, amountFen: a.amountFen });
  return out;
}

export function paymentFields(p: SharedPaymentRecord) {
  return {
    payer: p.payer,
    amountFen: p.amountFen,
    ...(p.method !== null ? { method: p.method } : {}),
    ...(p.accountType !== null ? { accountType: p.accountType } : {}),
    ...(p.paidOn !== null ? { paidOn: p.paidOn } : {}),
    proofName: p.proofName,
    proofBytes: p.proofBytes,
    uploadedAt: p.uploadedAt,
    ...(p.refund !== null ? { refund: p.refund } : {}),
  };
}

/** The batch's shared payment as its view shows it, when that is newer than a single-batch proof. */
export async function sharedPaymentView(ctx: ServerContext, batchId: string, singleUploadedAt: string | null): Promise<BatchView['payment']> {
  const store = sharedPaymentsOf(ctx);
  const allocation = await store.latestAllocation(batchId);
  if (!allocation) return null;
  const payment = await store.get(allocation.paymentId);
  if (!payment || (singleUploadedAt !== null && singleUploadedAt > payment.uploadedAt)) return null;
  return {
    ...paymentFields(payment),
    paymentId: payment.id,
    allocatedFen: allocation.amountFen,
    allocations: await allocationsView(ctx, await store.allocations(payment.id)),
    ...(allocation.confirmedFen !== null ? { confirmedFen: allocation.confirmedFen } : {}),
    ...(allocation.confirmedOn !== null ? { confirmedOn: allocation.confirmedOn } : {}),
  };
}

/** What staff confirm by default for a batch paid by a shared transfer: its share; null when it has none. */
export async function sharedShareToConfirm(ctx: ServerContext, batch: BatchRecord): Promise<{ paymentId: string; amountFen: number } | null> {
  const allocation = await sharedPaymentsOf(ctx).latestAllocation(batch.id);
  const single = await ctx.batches.payment(batch.id);
  if (!allocation) return null;
  const payment = await sharedPaymentsOf(ctx).get(allocation.paymentId);
  if (!payment || (single !== null && single.uploadedAt > payment.uploadedAt)) return null;
  return { paymentId: allocation.paymentId, amountFen: allocation.amountFen };
}

export async function confirmSharedShare(ctx: ServerContext, batch: BatchRecord, paymentId: string, amountFen: number, confirmedOn: string): Promise<void> {
  await sharedPaymentsOf(ctx).confirmAllocation(paymentId, batch.id, amountFen, confirmedOn);
}

