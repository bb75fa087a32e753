/**
 * 申请开票: one or more invoices for the batch, each with its title and amount and, where
 * the scheme splits invoices by fee source (Qingdao 会费来源), its source; 剩余开票金额
 * follows the lines as they are typed. The request is queued for the server.
 */
import { useState } from 'react';
import type { BatchDetail } from '../../../shared/api/dto';
import { formatYuan, parseYuan } from '../../../shared/domain/money';
import { checkInvoices, remainingToInvoice } from '../../../shared/domain/payment';
import type { Scheme } from '../../../shared/domain/scheme';
import { toApiFailure } from '../../api/apiFailure';
import { api } from '../../api/session';
import { Callout } from '../../components/Callout';
import { M } from '../../i18n/messages';
import { useApp } from '../../state/appStore';
import { requestedFenOf, useInvoiceRequests } from '../../state/invoiceRequestsStore';
import { formatTimestamp } from '../../util/dates';

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

export function InvoiceForm({ detail, scheme, unitTaxNumber }: { detail: BatchDetail; scheme: Scheme; unitTaxNumber?: string | undefined }) {
  const notify = useApp((s) => s.notify);
  const records = useInvoiceRequests((s) => s.byBatch[detail.id]) ?? [];
  const addRecord = useInvoiceRequests((s) => s.add);
  const feeSources = new Map(scheme.feeSources.map((f) => [f.code, f.name]));
  const payable = detail.payableFen ?? 0;
  const requested = requestedFenOf(records);
  const remainingBefore = remainingToInvoice({ payableFen: payable, invoicedFen: requested });
  const [lines, setLines] = useState<Line[]>(() => [{ ...newLine(detail.unitName, remainingBefore, scheme.defaultFeeSource ?? ''), taxNumber: unitTaxNumber ?? '' }]);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);

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
      const receipt = await api()['invoices.request']({ batchId: detail.id, invoices });
      addRecord(detail.id, { actionId: receipt.actionId, at: new Date().toISOString(), invoices: invoices.map((i) => ({ title: i.title, amountFen: i.amountFen, ...(i.feeSource ? { feeSource: i.feeSource } : {}) })) });
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
      {records.length > 0 && (
        <table className="table compact" data-testid="invoice-requests">
          <thead>
            <tr>
              <th>{M.invoices.colAt}</th>
              <th>{M.invoices.colTitle}</th>
              {feeSources.size > 0 && <th>{M.invoices.colFeeSource}</th>}
              <th className="num">{M.invoices.colAmount}</th>
              <th>{M.invoices.colStatus}</th>
            </tr>
          </thead>
          <tbody>
            {records.flatMap((r) =>
              r.invoices.map((inv, i) => (
                <tr key={`${r.actionId}-${i}`}>
                  <td>{formatTimestamp(r.at)}</td>
                  <td>{inv.title}</td>
                  {feeSources.size > 0 && <td>{inv.feeSource ? (feeSources.get(inv.feeSource) ?? inv.feeSource) : ''}</td>}
                  <td className="num">{yuanText(inv.amountFen)}</td>
                  <td>{M.invoices.statusQueued}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
      <p className="muted small">{M.invoices.sessionNote}</p>
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
