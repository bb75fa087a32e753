/**
 * A payment the association refused for its content (422: too little, a refund other than
 * the difference, a voucher it cannot read) changed nothing there: every batch the transfer
 * was to pay goes back to 待缴费 here, with the refusal as the reason the clerk reads, and
 * shows the error. Conflicts (409) are left to the change feed, which reports the state.
 */
import type { ApiError } from '../../../../shared/api/dto';
import type { BatchState, TransitionRecord } from '../../../../shared/domain/batch';
import type { OutboxAction, Store } from '../../store';
import { ASSOCIATION } from '../associationActor';
import { batchesMovedBy } from '../feed/serverBatchState';

export interface HandedBack {
  batchId: string;
  state: BatchState;
  record: TransitionRecord;
}

/** Call inside the refusal's transaction; returns the batches handed back. */
export function handBackRefusedPayment(store: Store, action: OutboxAction, status: number, error: ApiError, at: string): HandedBack[] {
  if (status !== 422) return [];
  const out: HandedBack[] = [];
  for (const batchId of batchesMovedBy(action)) {
    const batch = store.batches.get(batchId);
    if (!batch) continue;
    store.batches.update(batchId, { syncError: error }, ASSOCIATION);
    if (batch.state !== 'paymentProofUploaded') continue;
    const outcome = store.batches.applyTransition(batchId, 'rejectPaymentProof', { at, actor: ASSOCIATION, reason: error.message });
    if (outcome.ok) out.push({ batchId, state: outcome.batch.state, record: outcome.record });
  }
  return out;
}

/** After a payment went through: the other batches it paid no longer carry the earlier refusal. */
export function settlePaidBatches(store: Store, action: OutboxAction): void {
  for (const batchId of batchesMovedBy(action)) {
    if (batchId === action.batchId) continue;
    const batch = store.batches.get(batchId);
    const stillFailed = store.outbox.listForBatch(batchId).some((a) => a.status === 'failed' && a.dismissedAt === null);
    if (batch && batch.syncError !== null && !stillFailed) store.batches.update(batchId, { syncError: null }, ASSOCIATION);
  }
}
