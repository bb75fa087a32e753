/**
 * 提前开票 (Shenzhen): invoices before the money arrives, only with the unit's signed and
 * stamped commitment. Whether an association offers it is scheme data — a scheme with an
 * early-invoice commitment text (documents.earlyInvoiceCommitment) offers it — never a city.
 */
import type { BatchState } from '../batch';
import type { Scheme } from '../scheme';

/** Before the association confirmed the payment, invoicing is invoicing early. */
export const EARLY_INVOICE_STATES: readonly BatchState[] = ['awaitingPayment', 'paymentProofUploaded'];

export function offersEarlyInvoice(scheme: Pick<Scheme, 'documents'>): boolean {
  return scheme.documents.earlyInvoiceCommitment !== undefined;
}

/** Whether a request for this batch now would be an early one that may carry the commitment. */
export function earlyInvoiceOpen(scheme: Pick<Scheme, 'documents'>, state: BatchState): boolean {
  return offersEarlyInvoice(scheme) && EARLY_INVOICE_STATES.includes(state);
}
