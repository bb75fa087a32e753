/** 发票: the invoices the association has issued for the batch, with their numbers, once pulled. */
import { formatYuan } from '../../../shared/domain/money';
import { M } from '../../i18n/messages';
import { useInvoicesView } from './useInvoicesView';

const yuanText = (fen: number) => M.money.yuan(formatYuan(fen, { grouped: true }));

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
            </tr>
          </thead>
          <tbody>
            {issued.map((i) => (
              <tr key={i.invoiceNumber} data-testid="issued-invoice">
                <td className="mono">{i.invoiceNumber}</td>
                <td>{i.title}</td>
                <td className="num">{yuanText(i.amountFen)}</td>
                <td>{i.issuedOn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
