/**
 * The batches chosen together on the batches list, handed to the payment form of the first
 * one (which opens with them ticked). Dropped once the form has opened, so reopening the
 * batch later starts afresh.
 */
import type { PayableBatch } from './PaymentBatchPicker';

const pending = new Map<string, PayableBatch[]>();

export function preselectPayment(leadBatchId: string, others: readonly PayableBatch[]): void {
  pending.set(leadBatchId, [...others]);
}

export function preselectionFor(leadBatchId: string): PayableBatch[] {
  return pending.get(leadBatchId) ?? [];
}

export function dropPreselection(leadBatchId: string): void {
  pending.delete(leadBatchId);
}
