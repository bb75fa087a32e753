/**
 * 缴费开票: from 待缴费 on, the payment voucher (with any refund) and the invoice requests.
 * Both are queued for the server like the submission; the batch's state says where it stands.
 */
import type { BatchDetail } from '../../../shared/api/dto';
import { BATCH_STATES, type BatchState } from '../../../shared/domain/batch';
import type { Scheme } from '../../../shared/domain/scheme';
import { Callout } from '../../components/Callout';
import { M } from '../../i18n/messages';
import { useApp } from '../../state/appStore';
import { InvoiceForm } from './InvoiceForm';
import { IssuedInvoices } from './IssuedInvoices';
import { PaymentRecordCard } from './PaymentRecordCard';
import { PaymentForm } from './PaymentForm';

/** The states the association accepts invoice requests in (as the core does). */
const INVOICEABLE: readonly BatchState[] = ['awaitingPayment', 'paymentProofUploaded', 'paymentConfirmed', 'awaitingEffect', 'inForce', 'expired'];

export function reachedPayment(state: BatchState): boolean {
  return !['withdrawn', 'deleted'].includes(state) && BATCH_STATES.indexOf(state) >= BATCH_STATES.indexOf('awaitingPayment');
}

export function PaymentStep({ detail, scheme }: { detail: BatchDetail; scheme: Scheme }) {
  const sync = useApp((s) => s.sync);
  const unit = useApp((s) => s.units.find((u) => u.id === detail.unitId));

  if (!reachedPayment(detail.state)) {
    return (
      <div className="payment-step">
        <Callout tone="info" testId="payment-not-yet">{M.payment.notYet(detail.stateLabel)}</Callout>
      </div>
    );
  }

  // The association sent the voucher back: say why before the clerk uploads another.
  const last = detail.history[detail.history.length - 1];
  const rejected = detail.state === 'awaitingPayment' && last?.event === 'rejectPaymentProof' ? (last.reason ?? '') : null;

  return (
    <div className="payment-step">
      {rejected !== null && (
        <Callout tone="error" testId="proof-rejected">
          {M.payment.proofRejected(rejected)}
        </Callout>
      )}
      {detail.state === 'awaitingPayment' ? (
        <PaymentForm key={detail.id} detail={detail} scheme={scheme} />
      ) : (
        <Callout tone={detail.state === 'paymentProofUploaded' ? 'warn' : 'success'} testId="payment-done">
          <strong>{M.payment.doneTitle(detail.stateLabel)}</strong>
          <p>{detail.state === 'paymentProofUploaded' ? M.payment.doneQueued : M.payment.doneConfirmed}</p>
          {sync.status && <p>{M.submit.queuedSync(sync.status.online, sync.status.pending)}</p>}
        </Callout>
      )}
      {detail.state !== 'awaitingPayment' && <PaymentRecordCard batchId={detail.id} state={detail.state} />}
      {INVOICEABLE.includes(detail.state) && <InvoiceForm key={`inv-${detail.id}`} detail={detail} scheme={scheme} unitTaxNumber={unit?.uscc} />}
      {INVOICEABLE.includes(detail.state) && <IssuedInvoices batchId={detail.id} />}
    </div>
  );
}
