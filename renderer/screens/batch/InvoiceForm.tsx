/**
 * 申请开票: one or more invoices for the batch, each with its title and amount and, where
 * the scheme splits invoices by fee source (Qingdao 会费来源), its source; 剩余开票金额
 * follows the lines as they are typed. The request is queued for the server. Above the form,
 * every request the core holds for the batch with where it stands (待发送 / 已申请 / 已开票),
 * the 提前开票 ones marked.
 */
import { useState } from 'react';
import type { BatchDetail, InvoicesView } from '../../../shared/api/dto';
import { formatYuan, parseYuan } from '../../../shared/domain/money';
import { checkInvoices, earlyInvoiceOpen } from '../../../shared/domain/payment';
import type { Scheme } from '../../../shared/domain/scheme';
import { toApiFailure } from '../../api/apiFailure';
import { api } from '../../api/session';
import { Callout } from '../../components/Callout';
import { M } from '../../i18n/messages';
import { useApp } from '../../state/appStore';
import { formatTimestamp } from '../../util/dates';
import { EarlyInvoiceCommitment } from './EarlyInvoiceCommitment';
import { invoiceRequestRows, type InvoiceLineStatus } from './invoiceRequestRows';
import { useInvoicesView } from './useInvoicesView';
import type { ChosenFile } from './voucherUpload';

interface Line {
  key: number;
  title: string;
  taxNumber: string;
  amount: string;
  feeSource: string;
  email: string;
  phone: string;
  remark: string;
}

let nextKey = 1;
const yuanText = (fen: number) => M.money.yuan(formatYuan(fen, { grouped: true }));

function newLine(title: string, amountFen: number, feeSource: string): Line {
  return { key: nextKey++, title, taxNumber: '', amount: amountFen > 0 ? formatYuan(amountFen) : '', feeSource, email: '', phone: '', remark: '' };
}

/** `invoices[2].amountFen` → 2 */
function lineIndexOf(field: string | undefined): number | null {
  const m = field?.match(/^invoices\[?\.?(\d+)/);
  return m ? Number(m[1]) : null;
}

const STATUS_TONE: Record<InvoiceLineStatus, string> = { pending: 'warn', sending: 'warn', sent: '', issued: 'good', failed: 'bad' };

interface FormProps {
  detail: BatchDetail;
  scheme: Scheme;
  unitTaxNumber?: string | undefined;
}

export function InvoiceForm(props: FormProps) {
  const { view, reload } = useInvoicesView(props.detail.id);
  if (view === null) return <p className="muted small">{M.common.loading}</p>;
  return <InvoiceRequests {...props} view={view} reload={reload} />;
}

function InvoiceRequests({ detail, scheme, unitTaxNumber, view, reload }: FormProps & { view: InvoicesView; reload(): Promise<void> }) {
  const notify = useApp((s) => s.notify);
  const rows = invoiceRequestRows(view);
  const feeSources = new Map(scheme.feeSources.map((f) => [f.code, f.name]));
  const payable = view.payableFen ?? 0;
  const requested = view.requestedFen;
  const remainingBefore = view.remainingFen;
  const [lines, setLines] = useState<Line[]>(() => [{ ...newLine(detail.unitName, remainingBefore, scheme.defaultFeeSource ?? ''), taxNumber: unitTaxNumber ?? '' }]);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [commitment, setCommitment] = useState<ChosenFile | null>(null);
  const early = earlyInvoiceOpen(scheme, detail.state);

  const amounts = lines.map((l) => parseYuan(l.amount));
  const asked = amounts.reduce<number>((sum, a) => sum + (a ?? 0), 0);
  const remainingAfter = remainingBefore - asked;
  const badAmount = amounts.findIndex((a) => a === null);
  const problem =
    badAmount >= 0
      ? { message: M.invoices.amountInvalid(badAmount + 1), field: `invoices[${badAmount}].amountFen` }
      : checkInvoices(
          lines.map((l, i) => ({ amountFen: amounts[i] ?? 0, ...(l.feeSource ? { feeSource: l.feeSource } : {}) })),
          { payableFen: payable, invoicedFen: requested, feeSources },
        );
  const missingTitle = lines.some((l) => l.title.trim() === '');
  const shown = error ?? problem;
  const problemLine = lineIndexOf(shown?.field);

  const update = (key: number, patch: Partial<Line>) => {
    setError(null);
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    const invoices = lines.map((l, i) => ({
      title: l.title.trim(),
      amountFen: amounts[i] ?? 0,
      ...(l.taxNumber.trim() ? { taxNumber: l.taxNumber.trim() } : {}),
      ...(l.feeSource ? { feeSource: l.feeSource } : {}),
      ...(l.email.trim() ? { email: l.email.trim() } : {}),
      ...(l.phone.trim() ? { phone: l.phone.trim() } : {}),
      ...(l.remark.trim() ? { remark: l.remark.trim() } : {}),
    }));
    try {
      await api()['invoices.request']({ batchId: detail.id, invoices, ...(early && commitment ? { earlyCommitment: { name: commitment.name, base64: commitment.base64 } } : {}) });
      setCommitment(null);
      await reload();
      const left = remainingBefore - invoices.reduce((s, i) => s + i.amountFen, 0);
      setLines([newLine(detail.unitName, left, scheme.defaultFeeSource ?? '')]);
      notify('success', M.invoices.queued(invoices.length));
      void useApp.getState().refreshSync();
    } catch (e) {
      const f = toApiFailure(e, M.errors.generic);
      setError({ message: f.message, ...(f.field ? { field: f.field } : {}) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="invoice-section" data-testid="invoice-section">
      <h3>{M.invoices.title}</h3>
      <div className="cards">
        <div className="card">
          <div className="card-label">{M.invoices.payable}</div>
          <div className="card-value small-value">{yuanText(payable)}</div>
        </div>
        <div className="card">
          <div className="card-label">{M.invoices.requestedHere}</div>
          <div className="card-value small-value" data-testid="invoiced-amount">{yuanText(requested)}</div>
        </div>
        <div className={`card ${remainingAfter < 0 ? 'bad' : remainingAfter === 0 ? 'good' : ''}`}>
          <div className="card-label">{M.invoices.remaining}</div>
          <div className="card-value small-value" data-testid="invoice-remaining">{yuanText(remainingAfter)}</div>
        </div>
      </div>
      {rows.length > 0 && (
        <table className="table compact" data-testid="invoice-requests">
          <thead>
            <tr>
              <th>{M.invoices.colAt}</th>
              <th>{M.invoices.colTitle}</th>
              {feeSources.size > 0 && <th>{M.invoices.colFeeSource}</th>}
              <th className="num">{M.invoices.colAmount}</th>
              <th>{M.invoices.colStatus}</th>
              <th>{M.invoices.colNumber}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid="invoice-request" data-status={r.status} data-early={r.earlyCommitmentName ? 'true' : undefined}>
                <td>{formatTimestamp(r.requestedAt)}</td>
                <td>
                  {r.title}
                  {r.earlyCommitmentName && ' '}
                  {r.earlyCommitmentName && (
                    <span className="badge warn" title={M.earlyInvoice.sentWith(r.earlyCommitmentName)} data-testid="invoice-request-early">
                      {M.invoices.early}
                    </span>
                  )}
                </td>
                {feeSources.size > 0 && <td>{r.feeSource ? (feeSources.get(r.feeSource) ?? r.feeSource) : ''}</td>}
                <td className="num">{yuanText(r.amountFen)}</td>
                <td className={STATUS_TONE[r.status]} data-testid="invoice-request-status">
                  {M.invoices.status[r.status]}
                  {r.error && <div className="small">{M.invoices.refused(r.error.message)}</div>}
                </td>
                <td className="mono">{r.invoiceNumber && r.issuedOn ? M.invoices.issuedOn(r.invoiceNumber, r.issuedOn) : M.common.dash}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.length > 0 && <p className="muted small">{M.invoices.requestsNote}</p>}
      {remainingBefore === 0 ? (
        <Callout tone="success" testId="invoices-complete">{M.invoices.nothingLeft}</Callout>
      ) : (
        <form
          className="form"
          data-testid="invoice-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {lines.map((l, i) => (
            <fieldset key={l.key} className={`invoice-line ${problemLine === i ? 'invalid' : ''}`} data-testid="invoice-line">
              <legend>{M.invoices.lineTitle(i + 1)}</legend>
              <div className="form-grid">
                <label className="field">
                  <span>{M.invoices.invoiceTitle}<em className="required">*</em></span>
                  <input className="input" name="title" value={l.title} maxLength={100} onChange={(e) => update(l.key, { title: e.target.value })} />
                </label>
                <label className="field">
                  <span>{M.invoices.taxNumber}</span>
                  <input className="input mono" name="taxNumber" value={l.taxNumber} maxLength={30} onChange={(e) => update(l.key, { taxNumber: e.target.value })} />
                </label>
                <label className={problemLine === i && shown?.field?.endsWith('amountFen') ? 'field invalid' : 'field'}>
                  <span>{M.invoices.amount}<em className="required">*</em></span>
                  <input className="input mono" name="amount" inputMode="decimal" value={l.amount} onChange={(e) => update(l.key, { amount: e.target.value })} />
                </label>
                {feeSources.size > 0 && (
                  <label className={problemLine === i && shown?.field?.endsWith('feeSource') ? 'field invalid' : 'field'}>
                    <span>{M.invoices.feeSource}<em className="required">*</em></span>
                    <select className="input" name="feeSource" value={l.feeSource} onChange={(e) => update(l.key, { feeSource: e.target.value })}>
                      <option value="">{M.invoices.chooseFeeSource}</option>
                      {scheme.feeSources.map((f) => (
                        <option key={f.code} value={f.code}>{f.name}</option>
                      ))}
                    </select>
                  </label>
                )}
                <label className="field">
                  <span>{M.invoices.email}</span>
                  <input className="input" name="email" type="email" value={l.email} onChange={(e) => update(l.key, { email: e.target.value })} />
                </label>
                <label className="field">
                  <span>{M.invoices.phone}</span>
                  <input className="input" name="phone" inputMode="tel" value={l.phone} onChange={(e) => update(l.key, { phone: e.target.value })} />
                </label>
                <label className="field">
                  <span>{M.invoices.remark(l.remark.length)}</span>
                  <input className="input" name="remark" value={l.remark} maxLength={40} onChange={(e) => update(l.key, { remark: e.target.value })} />
                </label>
              </div>
              {lines.length > 1 && (
                <button type="button" className="link small" onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}>
                  {M.invoices.removeLine}
                </button>
              )}
            </fieldset>
          ))}
          {early && <EarlyInvoiceCommitment chosen={commitment} onChange={setCommitment} error={shown?.field?.startsWith('earlyCommitment') ? shown.message : undefined} />}
          {shown && <Callout tone="error" testId="invoice-problem">{shown.message}</Callout>}
          <div className="form-actions">
            <button type="button" className="button" disabled={lines.length >= 50} onClick={() => setLines((ls) => [...ls, newLine(detail.unitName, Math.max(0, remainingAfter), scheme.defaultFeeSource ?? '')])} data-testid="add-invoice-line">
              {M.invoices.addLine}
            </button>
            <button type="submit" className="button primary" disabled={busy || problem !== null || missingTitle} data-testid="request-invoices">
              {M.invoices.submit(lines.length)}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
