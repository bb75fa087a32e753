/**
 * Which batches and rows count as "enrolled" when the core looks back across a unit's
 * batches (last year's list, renewal reminders, records), decided once here.
 */
import type { BatchRef } from '../../../../shared/api';
import { batchStateLabel, type BatchState } from '../../../../shared/domain/batch';
import { hasError } from '../../../../shared/domain/roster';
import type { Scheme } from '../../../../shared/domain/scheme';
import type { BatchRecord, PersonRecord } from '../../store';
import type { CoreContext } from '../coreContext';

/**
 * Approved by the association (审核通过) and beyond: its persons were enrolled. 待缴费 and
 * 缴费凭证已上传 count too: on this machine they may only lag the server's payment
 * confirmation, which sync has not pulled yet.
 */
export const APPROVED_STATES: readonly BatchState[] = ['awaitingPayment', 'paymentProofUploaded', 'paymentConfirmed', 'awaitingEffect', 'inForce', 'expired'];

/** Paid for: the cover holds (or held) for these batches' persons. */
export const COVERED_STATES: readonly BatchState[] = ['paymentConfirmed', 'awaitingEffect', 'inForce', 'expired'];

/** Handed to the association (待发送 onwards), withdrawn and deleted batches aside: what the records query shows. */
export const SENT_STATES: readonly BatchState[] = ['queued', 'underReview', 'personsRejected', ...APPROVED_STATES];

/** Still being prepared by the clerk. */
export const PREPARING_STATES: readonly BatchState[] = ['draft', 'rosterToCheck', 'checkFailed', 'checkPassed', 'premiumConfirmed'];

export function batchRef(batch: BatchRecord): BatchRef {
  return {
    id: batch.id,
    title: batch.title,
    state: batch.state,
    stateLabel: batchStateLabel(batch.state),
    ...(batch.policyNumber !== null ? { policyNumber: batch.policyNumber } : {}),
  };
}

/** A row the association took: a document number, no error, not refused in review. */
export function isEnrolledRow(row: PersonRecord): row is PersonRecord & { docNumber: string } {
  return row.docNumber !== null && row.serverRejection === null && !hasError(row.findings);
}

/** The scheme a batch was made under, or null when this machine no longer holds that version. */
export function schemeOfBatch(ctx: CoreContext, batch: BatchRecord): Scheme | null {
  return ctx.store.schemes.get(batch.schemeId, batch.schemeVersion)?.scheme ?? ctx.store.schemes.newest(batch.schemeId)?.scheme ?? null;
}
