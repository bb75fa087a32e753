/**
 * The association's batch states applied to the local batch without ever undoing the clerk.
 *
 * A local transition made after the server state it was based on is never overwritten by
 * that state. Two facts make that decidable without comparing clocks:
 * - The server numbers each batch's transitions (its revision). How far this machine has
 *   seen the batch's history is remembered per batch: the feed's records it applied, and in
 *   the answer to one of its own actions, the history up to and including that action's own
 *   transition. A record at or below that point is the echo of something the local history
 *   already contains, or was superseded by it: only its figures are taken.
 * - While an action of this machine that moves the batch is not yet answered, whatever the
 *   feed reports may be that action's echo or something the action supersedes: the change
 *   waits, and is applied once the answer came (or the action was refused).
 */
import { z } from 'zod';
import type { ApiEvent } from '../../../../shared/api';
import { BATCH_STATE_INFO, BILLED_STATES, transition, type BatchEvent, type TransitionContext } from '../../../../shared/domain/batch';
import { transitionRecordSchema, type BatchSnapshot, type ChangeOf } from '../../../../shared/wire';
import type { BatchPatch, BatchRecord, OutboxAction, Store } from '../../store';
import { ASSOCIATION } from '../associationActor';
import { deferredStatesKey, knownRevisionKey } from '../syncKeys';

export type BatchChangedEvent = Extract<ApiEvent, { type: 'batch.changed' }>;
export type BatchStateChange = ChangeOf<'batchState'>;

export type StateOutcome =
  | { kind: 'applied'; event?: BatchChangedEvent }
  | { kind: 'known' }
  | { kind: 'deferred' };

/** The clerk's own event each batch-moving action makes on the server. */
const ACTION_EVENTS: Readonly<Record<string, BatchEvent>> = {
  submitBatch: 'submit',
  submitSupplementary: 'submit',
  withdrawBatch: 'withdraw',
  uploadPaymentProof: 'uploadPaymentProof',
  recordPayment: 'uploadPaymentProof',
};

/** The batches an outbox action moves: its own, or every batch one payment pays. */
export function batchesMovedBy(action: Pick<OutboxAction, 'kind' | 'batchId' | 'payload'>): string[] {
  if (!(action.kind in ACTION_EVENTS)) return [];
  const ids = (action.payload as { batchIds?: unknown } | null)?.batchIds;
  if (Array.isArray(ids) && ids.every((id) => typeof id === 'string')) return ids as string[];
  const own = (action.payload as { batchId?: unknown } | null)?.batchId;
  if (typeof own === 'string') return [own];
  return action.batchId ? [action.batchId] : [];
}

function awaitingAnswer(store: Store, batchId: string): boolean {
  return store.outbox.unfinished().some((a) => batchesMovedBy(a).includes(batchId));
}

function knownRevision(store: Store, batchId: string): number {
  return Number(store.syncState.get(knownRevisionKey(batchId)) ?? '0');
}

function remember(store: Store, batchId: string, revision: number): void {
  if (revision > knownRevision(store, batchId)) store.syncState.set(knownRevisionKey(batchId), String(revision));
}

function snapshotPatch(local: BatchRecord, snapshot: BatchSnapshot): BatchPatch | null {
  const patch: BatchPatch = {};
  if (snapshot.policyNumber !== null && snapshot.policyNumber !== local.policyNumber) patch.policyNumber = snapshot.policyNumber;
  if (snapshot.cover !== null && (snapshot.cover.start !== local.cover?.start || snapshot.cover.end !== local.cover?.end)) {
    patch.cover = { start: snapshot.cover.start, end: snapshot.cover.end };
  }
  if (BILLED_STATES.includes(snapshot.state) && snapshot.payableFen !== local.payableFen) patch.payableFen = snapshot.payableFen;
  return Object.keys(patch).length > 0 ? patch : null;
}

/**
 * The rule of shared/wire/changes.ts for a batch that is the unit's own: nothing if already
 * there; the event's own transition if legal and it lands there; else adopt the server's
 * state — unless the record is one this machine already holds, or an action of this machine
 * on the batch still waits for its answer. Call inside a store transaction.
 */
export function applyServerBatchState(store: Store, local: BatchRecord, change: BatchStateChange): StateOutcome {
  if (awaitingAnswer(store, local.id)) {
    const waiting = store.syncState.getJson<BatchStateChange[]>(deferredStatesKey(local.id)) ?? [];
    store.syncState.setJson(deferredStatesKey(local.id), [...waiting, change]);
    return { kind: 'deferred' };
  }
  const patch = snapshotPatch(local, change.batch);
  if (change.batch.revision <= knownRevision(store, local.id)) {
    if (patch) store.batches.update(local.id, patch, ASSOCIATION);
    return { kind: 'known' };
  }
  remember(store, local.id, change.batch.revision);
  const target = change.batch.state;
  if (local.state === target) {
    if (patch) store.batches.update(local.id, patch, ASSOCIATION);
    return { kind: 'applied' };
  }
  const { record } = change;
  const ctx: TransitionContext = { at: record.at, actor: { ...record.actor }, ...(record.reason ? { reason: record.reason } : {}) };
  const own = transition({ state: local.state, cover: local.cover }, record.event, ctx);
  const options = patch ? { patch } : {};
  const outcome =
    own.ok && own.state === target
      ? store.batches.applyTransition(local.id, record.event, ctx, options)
      : store.batches.applyTransition(
          local.id,
          'adoptServerState',
          {
            at: record.at,
            actor: record.actor.kind === 'server' ? { ...record.actor } : ASSOCIATION,
            serverState: target,
            reason: record.reason ?? `互助会的批次状态为“${BATCH_STATE_INFO[target].label}”`,
          },
          options,
        );
  if (!outcome.ok) throw new Error(`batchState ${change.seq}: ${outcome.code}`);
  return { kind: 'applied', event: { type: 'batch.changed', batchId: local.id, state: outcome.batch.state, record: outcome.record } };
}

const answeredHistory = z.object({ batchId: z.string(), history: z.array(transitionRecordSchema) });
const answerSchema = z.union([answeredHistory, z.object({ batches: z.array(answeredHistory) })]);

/**
 * The server's answer to one of this machine's actions: for each batch it moved, the
 * server's history up to and including the action's own transition is what the local
 * history already says (the clerk made that transition here first). Call inside the
 * transaction that marks the action done.
 */
export function rememberAnswer(store: Store, action: Pick<OutboxAction, 'kind' | 'batchId' | 'payload'>, body: unknown): void {
  const ownEvent = ACTION_EVENTS[action.kind];
  if (!ownEvent) return;
  const parsed = answerSchema.safeParse(body);
  if (!parsed.success) return;
  const views = 'batches' in parsed.data ? parsed.data.batches : [parsed.data];
  for (const view of views) {
    const upToOwn = view.history.map((record) => record.event).lastIndexOf(ownEvent) + 1;
    if (upToOwn > 0) remember(store, view.batchId, upToOwn);
  }
}

/**
 * Applies what waited for the action's answer, in feed order, for each batch the action
 * moved that no longer waits for another. Call inside the transaction that records the
 * answer or the refusal; returns the events to emit after it.
 */
export function releaseDeferredStates(store: Store, action: Pick<OutboxAction, 'kind' | 'batchId' | 'payload'>): BatchChangedEvent[] {
  const events: BatchChangedEvent[] = [];
  for (const batchId of batchesMovedBy(action)) {
    const waiting = store.syncState.getJson<BatchStateChange[]>(deferredStatesKey(batchId));
    if (!waiting || awaitingAnswer(store, batchId)) continue;
    store.syncState.delete(deferredStatesKey(batchId));
    for (const change of waiting) {
      const local = store.batches.get(batchId);
      if (!local) break;
      const outcome = applyServerBatchState(store, local, change);
      if (outcome.kind === 'applied' && outcome.event) events.push(outcome.event);
    }
  }
  return events;
}
