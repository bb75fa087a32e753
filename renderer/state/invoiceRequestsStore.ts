/**
 * The invoice requests made in this window, per batch. The core answers a request with an
 * outbox receipt only and offers no read of earlier requests, so what was asked for before
 * this session is not known here (the core still refuses a total beyond what is left).
 */
import { create } from 'zustand';
import type { Fen } from '../../shared/domain/money';

export interface RequestedInvoice {
  title: string;
  amountFen: Fen;
  feeSource?: string;
}

export interface InvoiceRequestRecord {
  actionId: string;
  at: string;
  invoices: RequestedInvoice[];
}

interface InvoiceRequestsState {
  byBatch: Record<string, InvoiceRequestRecord[]>;
  add(batchId: string, record: InvoiceRequestRecord): void;
}

export const useInvoiceRequests = create<InvoiceRequestsState>((set) => ({
  byBatch: {},
  add: (batchId, record) => set((s) => ({ byBatch: { ...s.byBatch, [batchId]: [...(s.byBatch[batchId] ?? []), record] } })),
}));

export function requestedFenOf(records: readonly InvoiceRequestRecord[]): Fen {
  return records.reduce((sum, r) => sum + r.invoices.reduce((s, i) => s + i.amountFen, 0), 0);
}
