/**
 * 开票申请 as the core knows them (invoices.list), one row per requested invoice: still in the
 * outbox (待发送), being sent, accepted by the association (已申请), issued with its number
 * (已开票), or refused; and whether it came with the 提前开票 commitment.
 */
import type { ApiError, InvoicesView, IssuedInvoice, SyncStatus } from '../../../shared/api/dto';
import type { Fen } from '../../../shared/domain/money';

export type InvoiceLineStatus = 'pending' | 'sending' | 'sent' | 'issued' | 'failed';

export interface InvoiceRequestRow {
  key: string;
  requestedAt: string;
  title: string;
  amountFen: Fen;
  feeSource?: string;
  status: InvoiceLineStatus;
  invoiceNumber?: string;
  issuedOn?: string;
  /** 提前开票: the commitment's file name sent with the request. */
  earlyCommitmentName?: string;
  error?: ApiError;
}

const sameInvoice = (issued: IssuedInvoice, line: { title: string; amountFen: Fen; feeSource?: string | undefined }) =>
  issued.title === line.title && issued.amountFen === line.amountFen && (issued.feeSource ?? '') === (line.feeSource ?? '');

export function invoiceRequestRows(view: Pick<InvoicesView, 'requests' | 'issued'>): InvoiceRequestRow[] {
  const byRef = new Map(view.issued.flatMap((i) => (i.ref ? [[i.ref, i] as const] : [])));
  // Lines asked for before lines carried a ref: matched one to one by title, amount and fee source.
  const unreferenced = view.issued.filter((i) => !i.ref);
  return view.requests.flatMap((r) =>
    r.invoices.map((line, index) => {
      let issued: IssuedInvoice | undefined;
      if (r.status === 'sent') {
        if (line.ref) issued = byRef.get(line.ref);
        else {
          const at = unreferenced.findIndex((i) => sameInvoice(i, line));
          if (at >= 0) issued = unreferenced.splice(at, 1)[0];
        }
      }
      return {
        key: `${r.actionId}-${index}`,
        requestedAt: r.requestedAt,
        title: line.title,
        amountFen: line.amountFen,
        ...(line.feeSource ? { feeSource: line.feeSource } : {}),
        status: issued ? 'issued' : r.status,
        ...(issued ? { invoiceNumber: issued.invoiceNumber, issuedOn: issued.issuedOn } : {}),
        ...(r.earlyCommitmentName ? { earlyCommitmentName: r.earlyCommitmentName } : {}),
        ...(r.error ? { error: r.error } : {}),
      };
    }),
  );
}

/**
 * What in the sync status can change the invoice view: the outbox moving (a request sent or
 * refused) and a pull (invoice numbers). A send's byte progress alone cannot.
 */
export function invoiceSyncKey(status: Pick<SyncStatus, 'pending' | 'sending' | 'failed' | 'lastPullAt'> | null): string {
  if (!status) return '';
  return [status.pending, status.sending?.actionId ?? '', status.failed.length, status.lastPullAt ?? ''].join('|');
}
