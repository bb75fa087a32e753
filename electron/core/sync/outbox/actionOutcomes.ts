/**
 * What an action's answer does here beyond marking the action, kind by kind: a submission's
 * batch number and its refusal handing the batch back, a payment settling or handing back
 * every batch it paid, a registration held for the login. Every batch-moving kind also
 * releases the feed's states that waited for its answer (feed/serverBatchState.ts).
 */
import type { ApiError, ApiEvent } from '../../../../shared/api';
import { batchViewSchema, type ActionKind } from '../../../../shared/wire';
import type { OutboxAction, Store } from '../../store';
import { ASSOCIATION } from '../associationActor';
import type { Failure } from './sendAction';
import { handBackRefusedPayment, settlePaidBatches } from './paymentOutcome';

type BatchChanged = Extract<ApiEvent, { type: 'batch.changed' }>;

export interface OutcomeContext {
  store: Store;
  action: OutboxAction;
  /** China-local timestamp for the records this writes. */
  at: string;
}

export interface ActionOutcomes {
  /** Never sent by the loop: why it waits. */
  held?: ApiError;
  /** Inside the transaction that marks the action done. */
  done?(ctx: OutcomeContext, body: unknown): BatchChanged[];
  /** Inside the transaction that marks the action refused. */
  refused?(ctx: OutcomeContext, response: Failure, error: ApiError): BatchChanged[];
}

const submission: ActionOutcomes = {
  done({ store, action }, body) {
    const batch = action.batchId ? store.batches.get(action.batchId) : null;
    // The association's batch number (参保批次号) until a policy number replaces it.
    const view = batchViewSchema.safeParse(body);
    if (batch && view.success && batch.policyNumber === null) store.batches.update(batch.id, { policyNumber: view.data.serverBatchId }, ASSOCIATION);
    return [];
  },
  refused({ store, action, at }, response, error) {
    const batch = action.batchId ? store.batches.get(action.batchId) : null;
    // Refused for its content, the association has nothing: the batch goes back to the clerk.
    if (!batch || response.status !== 422 || batch.state !== 'queued') return [];
    const outcome = store.batches.applyTransition(batch.id, 'refuseSubmission', { at, actor: ASSOCIATION, reason: error.message });
    return outcome.ok ? [{ type: 'batch.changed', batchId: batch.id, state: outcome.batch.state, record: outcome.record }] : [];
  },
};

const payment: ActionOutcomes = {
  done({ store, action }) {
    settlePaidBatches(store, action);
    return [];
  },
  refused({ store, action, at }, response, error) {
    return handBackRefusedPayment(store, action, response.status, error, at).map((back) => ({ type: 'batch.changed', ...back }));
  },
};

export const ACTION_OUTCOMES: Readonly<Record<ActionKind, ActionOutcomes>> = {
  registerUnit: { held: { code: 'REGISTRATION_AT_LOGIN', message: '单位注册将在登录时发送：请用该单位名称或经办人手机号及新账号的密码登录' } },
  submitBatch: submission,
  submitSupplementary: submission,
  withdrawBatch: {},
  uploadPaymentProof: payment,
  recordPayment: payment,
  requestInvoices: {},
  applyInsuranceCode: {},
  submitUnitProfile: {},
  updateHandler: {},
  changeContactPhone: {},
};

export function outcomesOf(kind: string): ActionOutcomes {
  return (ACTION_OUTCOMES as Record<string, ActionOutcomes | undefined>)[kind] ?? {};
}
