/**
 * 上传缴费凭证: which 待缴费 batches the transfer pays (this one, and others of the unit paid
 * together), who paid, how much, how and when, the voucher file (checked by its content here
 * as the core checks it), and where an overpayment goes back, computed as the clerk types.
 */
import { useEffect, useState } from 'react';
import type { BatchDetail } from '../../../shared/api/dto';
import { formatYuan, parseYuan } from '../../../shared/domain/money';
import { checkPayment } from '../../../shared/domain/payment';
import type { Scheme } from '../../../shared/domain/scheme';
import { toApiFailure } from '../../api/apiFailure';
import { api } from '../../api/session';
import { Callout } from '../../components/Callout';
import { M } from '../../i18n/messages';
import { useApp } from '../../state/appStore';
import { useBatch } from '../../state/batchStore';
import { PaymentBatchPicker, type PayableBatch } from './PaymentBatchPicker';
import { dropPreselection, preselectionFor } from './paymentPreselection';
import { kilobytes, readVoucher, type ChosenFile } from './voucherUpload';

const yuanText = (fen: number) => M.money.yuan(formatYuan(fen, { grouped: true }));

export function PaymentForm({ detail, scheme }: { detail: BatchDetail; scheme: Scheme }) {
  const setDetail = useBatch((s) => s.setDetail);
  const notify = useApp((s) => s.notify);
  // Batches ticked together on the batches list (合并缴费) arrive already chosen.
  const [together, setTogether] = useState<PayableBatch[]>(() => preselectionFor(detail.id).filter((b) => b.id !== detail.id));
  useEffect(() => dropPreselection(detail.id), [detail.id]);
  const batches = [{ batchId: detail.id, payableFen: detail.payableFen ?? 0 }, ...together.map((b) => ({ batchId: b.id, payableFen: b.payableFen }))];
  const payable = batches.reduce((sum, b) => sum + b.payableFen, 0);
  const [payer, setPayer] = useState(detail.unitName);
  const [amount, setAmount] = useState(formatYuan(payable));
  const [method, setMethod] = useState(scheme.payment.methods[0] ?? '');
  const [accountType, setAccountType] = useState('');
  const [paidOn, setPaidOn] = useState('');
  const [voucher, setVoucher] = useState<ChosenFile | null>(null);
  const [voucherError, setVoucherError] = useState<string | null>(null);
  const [refund, setRefund] = useState({ accountName: '', accountNumber: '', bank: '', accountType: '', method: '' });
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const amountFen = parseYuan(amount);
  const excess = amountFen === null ? 0 : amountFen - payable;
  const check = amountFen === null ? null : checkPayment(amountFen, batches, excess > 0 ? { amountFen: excess } : undefined);
  const chooseBatches = (next: PayableBatch[]) => {
    const before = payable;
    const after = (detail.payableFen ?? 0) + next.reduce((sum, b) => sum + b.payableFen, 0);
    setTogether(next);
    // The amount follows the total until the clerk typed another figure.
    if (parseYuan(amount) === before) setAmount(formatYuan(after));
  };
  const amountProblem = amountFen === null ? M.payment.amountInvalid : check && !check.ok ? check.problem.message : null;
  const refundComplete = excess <= 0 || (refund.accountName.trim() !== '' && refund.accountNumber.trim() !== '' && refund.bank.trim() !== '');
  const ready = amountProblem === null && voucher !== null && payer.trim() !== '' && refundComplete && !busy;

  const chooseFile = async (file: File | undefined) => {
    setVoucher(null);
    setVoucherError(null);
    if (!file) return;
    const read = await readVoucher(file, M.payment.readFailed);
    if (read.ok) setVoucher(read.file);
    else setVoucherError(read.message);
  };

  const upload = async () => {
    if (!voucher || amountFen === null) return;
    setBusy(true);
    setError(null);
    try {
      const refundDetails = {
        accountName: refund.accountName.trim(),
        accountNumber: refund.accountNumber.trim(),
        bank: refund.bank.trim(),
        amountFen: excess,
        ...(refund.accountType.trim() ? { accountType: refund.accountType.trim() } : {}),
        ...(refund.method.trim() ? { method: refund.method.trim() } : {}),
      };
      await api()['payments.record']({
        batchIds: batches.map((b) => b.batchId),
        payer: payer.trim(),
        amountFen,
        ...(method.trim() ? { method: method.trim() } : {}),
        ...(accountType.trim() ? { accountType: accountType.trim() } : {}),
        ...(paidOn ? { paidOn } : {}),
        proof: { name: voucher.name, base64: voucher.base64 },
        ...(excess > 0 ? { refund: refundDetails } : {}),
      });
      const next = await api()['batches.get']({ batchId: detail.id });
      setDetail(next);
      notify('success', M.paymentAcross.recorded(batches.length, next.stateLabel));
      void useApp.getState().refreshSync();
    } catch (e) {
      const f = toApiFailure(e, M.errors.generic);
      setError({ message: f.message, ...(f.field ? { field: f.field } : {}) });
    } finally {
      setBusy(false);
    }
  };

  const invalid = (field: string) => (error?.field !== undefined && error.field.startsWith(field) ? 'field invalid' : 'field');
  const errorAt = (field: string) => error?.field !== undefined && error.field.startsWith(field) && <span className="bad small" data-testid={`error-${field}`}>{error.message}</span>;

  return (
    <form
      className="form payment-form"
      data-testid="payment-form"
      // A refusal stays beside its field until the clerk changes something.
      onChange={() => setError(null)}
      onSubmit={(e) => {
        e.preventDefault();
        void upload();
      }}
    >
      <h3>{M.payment.formTitle}</h3>
      <PaymentBatchPicker detail={detail} chosen={together} onChange={chooseBatches} />
      {errorAt('batchIds')}
      <div className="cards">
        <div className="card">
          <div className="card-label">{M.paymentAcross.totalPayable(batches.length)}</div>
          <div className="card-value small-value" data-testid="payment-payable">{yuanText(payable)}</div>
        </div>
        <div className={`card ${excess > 0 ? 'warn' : ''}`}>
          <div className="card-label">{M.payment.refundAmount}</div>
          <div className="card-value small-value" data-testid="refund-amount">{yuanText(Math.max(0, excess))}</div>
        </div>
      </div>
      {error && !error.field && <Callout tone="error">{error.message}</Callout>}
      <div className="form-grid">
        <label className={invalid('payer')}>
          <span>{M.payment.payer}<em className="required">*</em></span>
          <input className="input" name="payer" value={payer} maxLength={100} onChange={(e) => setPayer(e.target.value)} />
          {errorAt('payer')}
        </label>
        <label className={amountProblem || error?.field === 'amountFen' ? 'field invalid' : 'field'}>
          <span>{M.payment.amount}<em className="required">*</em></span>
          <input className="input mono" name="amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
          {amountProblem && <span className="bad small" data-testid="amount-problem">{amountProblem}</span>}
          {errorAt('amountFen')}
        </label>
        <label className={invalid('method')}>
          <span>{M.payment.method}</span>
          {scheme.payment.methods.length > 0 ? (
            <select className="input" name="method" value={method} onChange={(e) => setMethod(e.target.value)}>
              {scheme.payment.methods.map((m) => (
                <option key={m} value={m}>{m}</option>
              ))}
            </select>
          ) : (
            <input className="input" name="method" value={method} maxLength={20} placeholder={M.payment.methodPlaceholder} onChange={(e) => setMethod(e.target.value)} />
          )}
          {errorAt('method')}
        </label>
        <label className={invalid('accountType')}>
          <span>{M.paymentAcross.accountType}</span>
          <input className="input" name="accountType" value={accountType} maxLength={20} placeholder={M.paymentAcross.accountTypePlaceholder} onChange={(e) => setAccountType(e.target.value)} />
          {errorAt('accountType')}
        </label>
        <label className={invalid('paidOn')}>
          <span>{M.payment.paidOn}</span>
          <input className="input" type="date" name="paidOn" value={paidOn} onChange={(e) => setPaidOn(e.target.value)} />
          {errorAt('paidOn')}
        </label>
      </div>
      <label className={voucherError || error?.field === 'proof' ? 'field invalid' : 'field'}>
        <span>{M.payment.voucher}<em className="required">*</em></span>
        <input
          className="input"
          type="file"
          name="proof"
          accept=".jpg,.jpeg,.png,.gif,.bmp,.pdf,.doc,.docx"
          data-testid="voucher-file"
          onChange={(e) => void chooseFile(e.target.files?.[0])}
        />
        <span className="muted small">{M.payment.voucherHint}</span>
        {voucherError && <span className="bad small" data-testid="voucher-problem">{voucherError}</span>}
        {voucher && <span className="good small" data-testid="voucher-ok">{M.payment.voucherOk(voucher.name, voucher.type.toUpperCase(), kilobytes(voucher.bytes))}</span>}
        {errorAt('proof')}
      </label>
      {excess > 0 && (
        <fieldset className="refund" data-testid="refund-fields">
          <legend>{M.payment.refundTitle(yuanText(excess))}</legend>
          <div className="form-grid">
            <label className={invalid('refund.accountName')}>
              <span>{M.payment.refundAccountName}<em className="required">*</em></span>
              <input className="input" name="refundAccountName" value={refund.accountName} maxLength={100} onChange={(e) => setRefund({ ...refund, accountName: e.target.value })} />
              {errorAt('refund.accountName')}
            </label>
            <label className={invalid('refund.accountNumber')}>
              <span>{M.payment.refundAccountNumber}<em className="required">*</em></span>
              <input className="input mono" name="refundAccountNumber" inputMode="numeric" value={refund.accountNumber} maxLength={32} onChange={(e) => setRefund({ ...refund, accountNumber: e.target.value })} />
              {errorAt('refund.accountNumber')}
            </label>
            <label className={invalid('refund.bank')}>
              <span>{M.payment.refundBank}<em className="required">*</em></span>
              <input className="input" name="refundBank" value={refund.bank} maxLength={100} onChange={(e) => setRefund({ ...refund, bank: e.target.value })} />
              {errorAt('refund.bank')}
            </label>
            <label className={invalid('refund.accountType')}>
              <span>{M.paymentAcross.refundAccountType}</span>
              <input className="input" name="refundAccountType" value={refund.accountType} maxLength={20} onChange={(e) => setRefund({ ...refund, accountType: e.target.value })} />
              {errorAt('refund.accountType')}
            </label>
            <label className={invalid('refund.method')}>
              <span>{M.paymentAcross.refundMethod}</span>
              <input className="input" name="refundMethod" value={refund.method} maxLength={20} onChange={(e) => setRefund({ ...refund, method: e.target.value })} />
              {errorAt('refund.method')}
            </label>
          </div>
          {errorAt('refund.amountFen')}
          {error?.field === 'refund' && <span className="bad small">{error.message}</span>}
        </fieldset>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={!ready} data-testid="upload-proof">
          {busy ? M.payment.uploading : M.payment.upload}
        </button>
        {!voucher && <span className="muted small">{M.payment.chooseVoucherFirst}</span>}
      </div>
    </form>
  );
}
