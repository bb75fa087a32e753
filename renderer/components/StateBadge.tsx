/** A batch state with the seeds' name (BATCH_STATE_INFO), coloured by what it asks of the clerk. */
import { BATCH_STATE_INFO, type BatchState } from '../../shared/domain/batch';

const TONE: Partial<Record<BatchState, string>> = {
  checkFailed: 'bad',
  personsRejected: 'bad',
  checkPassed: 'good',
  premiumConfirmed: 'good',
  queued: 'warn',
  underReview: 'info',
  awaitingPayment: 'warn',
  paymentProofUploaded: 'info',
  paymentConfirmed: 'good',
  awaitingEffect: 'info',
  inForce: 'good',
  withdrawn: 'neutral',
  deleted: 'neutral',
  expired: 'neutral',
};

export function StateBadge({ state }: { state: BatchState }) {
  return (
    <span className={`badge ${TONE[state] ?? 'neutral'}`} data-state={state}>
      {BATCH_STATE_INFO[state].label}
    </span>
  );
}
