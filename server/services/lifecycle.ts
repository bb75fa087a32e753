/**
 * The server moves a batch only through the domain's `transition()`, as the client does, so
 * both agree on what is legal. Each transition is written to the batch's history; one that
 * lands in a state the server reports also goes into the unit's change feed.
 */
import { BATCH_STATE_INFO, batchStateLabel, transition, type Actor, type BatchEvent, type TransitionContext, type TransitionRecord } from '../../shared/domain/batch';
import { transitionRefusalStatus, type BatchSnapshot } from '../../shared/wire';
import { isoAt } from '../clock';
import type { ServerContext } from '../context';
import { WireHttpError } from '../http/wireHttpError';
import type { BatchRecord } from '../store/batchesStore';

export const DEFAULT_STAFF = '互助会工作人员';

export function staffActor(name?: string): Actor {
  return { kind: 'server', name: name ?? DEFAULT_STAFF };
}

export function clerkActor(unitName: string): Actor {
  return { kind: 'clerk', name: unitName };
}

export function snapshotOf(batch: BatchRecord, revision: number): BatchSnapshot {
  return {
    revision,
    state: batch.state,
    stateLabel: batchStateLabel(batch.state),
    policyNumber: batch.policyNumber,
    cover: batch.cover,
    payableFen: batch.payableFen,
  };
}

/** Refuses with the domain's own code and Chinese message (409 for the state, 422 otherwise). */
export function checkTransition(batch: BatchRecord, event: BatchEvent, ctx: TransitionContext): TransitionRecord {
  const result = transition({ state: batch.state, cover: batch.cover }, event, ctx);
  if (!result.ok) throw new WireHttpError(transitionRefusalStatus(result.code), { code: result.code, message: result.message });
  return result.record;
}

/** Applies `event` to the batch (mutating `batch.state`), inside the caller's transaction. */
export async function applyTransition(
  ctx: ServerContext,
  batch: BatchRecord,
  event: BatchEvent,
  details: Omit<TransitionContext, 'at'>,
): Promise<TransitionRecord> {
  const at = isoAt(ctx.clock);
  const record = checkTransition(batch, event, { ...details, at });
  batch.state = record.to;
  batch.updatedAt = at;
  await ctx.batches.setState(batch.id, record.to, at);
  const revision = await ctx.batches.addHistory(batch.id, record);
  if (BATCH_STATE_INFO[record.to].reportedByServer) {
    await ctx.changes.append(batch.unitId, at, {
      kind: 'batchState',
      batchId: batch.clientBatchId,
      serverBatchId: batch.id,
      record,
      batch: snapshotOf(batch, revision),
    });
  }
  return record;
}
