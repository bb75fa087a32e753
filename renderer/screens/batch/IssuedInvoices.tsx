/** 发票: the invoices the association has issued for the batch, with their numbers, once pulled. */
import { useState } from 'react';
import type { IssuedInvoice } from '../../../shared/api/dto';
import { formatYuan } from '../../../shared/domain/money';
import { api } from '../../api/session';
import { M } from '../../i18n/messages';
import { attempt } from '../../state/appStore';
import { saveDownload } from '../../util/files';
import { useInvoicesView } from './useInvoicesView';

const yuanText = (fen: number) => M.money.yuan(formatYuan(fen, { grouped: true }));

/** 下载发票: the e-invoice is fetched from the association when asked for (login and network needed). */
function DocumentCell({ batchId, invoice }: { batchId: string; invoice: IssuedInvoice }) {
  const [busy, setBusy] = useState(false);
  const { document, invoiceId } = invoice;
  if (!document || !invoiceId) return <span className="muted small">{M.issuedInvoices.noDocument}</span>;
  const download = async () => {
    setBusy(true);
    const file = await attempt(() => api()['invoices.document']({ batchId, invoiceId }));
    setBusy(false);
    if (file) saveDownload(file);
  };
  return (
    <button type="button" className="button small" disabled={busy} onClick={() => void download()} title={M.issuedInvoices.documentTitle(document.name, (document.bytes / 1024).toFixed(1))} data-testid="invoice-document-download">
      {busy ? M.issuedInvoices.downloading : M.issuedInvoices.download}
    </button>
  );
}

export function IssuedInvoices({ batchId }: { batchId: string }) {
  const issued = useInvoicesView(batchId).view?.issued ?? null;

  if (issued === null) return null;
  return (
    <section className="issued-invoices" data-testid="issued-invoices">
      <h3>{M.issuedInvoices.title}</h3>
      {issued.length === 0 ? (
        <p className="muted small">{M.issuedInvoices.none}</p>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th>{M.issuedInvoices.colNumber}</th>
              <th>{M.issuedInvoices.colTitle}</th>
              <th className="num">{M.issuedInvoices.colAmount}</th>
              <th>{M.issuedInvoices.colIssuedOn}</th>
              <th>{M.issuedInvoices.colDocument}</th>
            </tr>
          </thead>
          <tbody>
            {issued.map((i) => (
              <tr key={i.invoiceNumber} data-testid="issued-invoice">
                <td className="mono">{i.invoiceNumber}</td>
                <td>{i.title}</td>
                <td className="num">{yuanText(i.amountFen)}</td>
                <td>{i.issuedOn}</td>
                <td>
                  <DocumentCell batchId={batchId} invoice={i} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
