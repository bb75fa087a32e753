/**
 * Moving a batch through the lifecycle from the core: the store applies the domain's
 * `transition()`, and a refusal comes back to the clerk as the domain's own message.
 */
import type { BatchEvent, TransitionContext } from '../../../../shared/domain/batch';
import type { BatchRecord, TransitionOptions } from '../../store';
import { type CoreContext } from '../coreContext';
import { CoreError } from '../../coreError';
import { chinaTimestamp } from '../../../../shared/domain/dates';

export type TransitionExtras = Omit<TransitionContext, 'at' | 'actor'> & { actor?: TransitionContext['actor'] };

/** Applies the event or throws the refusal (409, the domain's message). Call inside a store transaction to bind it to other writes. */
export function applyEvent(ctx: CoreContext, batchId: string, event: BatchEvent, extras: TransitionExtras = {}, options: TransitionOptions = {}): BatchRecord {
  const { actor, ...rest } = extras;
  const outcome = ctx.store.batches.applyTransition(batchId, event, { at: chinaTimestamp(ctx.now()), actor: actor ?? ctx.clerk(), ...rest }, options);
  if (!outcome.ok) {
    if (outcome.code === 'notFound') throw new CoreError('NOT_FOUND', outcome.message, 404);
    const state = ctx.store.batches.get(batchId)?.state;
    throw new CoreError('ILLEGAL_TRANSITION', outcome.message, 409, undefined, [{ code: outcome.code, message: outcome.message, data: { event, ...(state ? { state } : {}) } }]);
  }
  ctx.events.emit({ type: 'batch.changed', batchId, state: outcome.batch.state, record: outcome.record });
  return outcome.batch;
}
