/**
 * Sending the outbox: oldest first per lane (a batch, else a unit) and independently across
 * lanes, each action under its own idempotency key, reused on every retry. A transient
 * failure backs off with jitter; a permanent one is recorded on the action and its batch
 * and blocks nothing else; an expired login holds everything until the clerk logs in.
 * Every path out of a send either reschedules the action or records an outcome.
 */
import type { ApiError, ApiEvent } from '../../../../shared/api';
import type { OutboxAction } from '../../store';
import { backoffDelay } from '../backoff';
import { ASSOCIATION } from '../associationActor';
import { rememberAnswer, releaseDeferredStates } from '../feed/serverBatchState';
import type { ActiveSession } from '../session';
import { HOLD_MS, toApiError, type SyncContext } from '../syncContext';
import type { LiveSend } from '../syncStatus';
import { outcomesOf } from './actionOutcomes';
import { isSubmission, sendAction, type Failure, type SendResult } from './sendAction';
import { chinaTimestamp } from '../../../../shared/domain/dates';

/** Passes over the outbox in one run (each pass sends the head of every due lane). */
const MAX_PASSES = 10_000;

/** What sending did in one run (the engine's RunReport has these fields). */
export interface SendTally {
  /** Attempts made. */
  attempts: number;
  /** Actions the server applied (or had applied: a replay). */
  done: number;
  /** Of those, answered from the server's idempotency store. */
  replayed: number;
  /** Permanently refused. */
  failed: number;
  /** Rescheduled after a transient failure. */
  retried: number;
  /** Waiting for a login. */
  held: number;
  /** Upload chunks put. */
  chunksSent: number;
}

export class OutboxSender {
  /** Actions on their way, with their progress (the sync panel shows them). */
  readonly live = new Map<string, LiveSend>();
  /** Chunk PUTs issued, per upload chunk index (the tests check no chunk is sent twice). */
  onChunkSent: ((index: number) => void) | null = null;

  constructor(
    private readonly sync: SyncContext,
    private readonly options: { chunkBytes: number; concurrency: number },
  ) {}

  /** Why an action cannot go now, or null. */
  private holdReason(action: OutboxAction, active: ActiveSession | null): ApiError | null {
    const held = outcomesOf(action.kind).held;
    if (held) return held;
    if (!active) {
      return this.sync.sessions.record()
        ? { code: 'LOGIN_REQUIRED', message: '登录已失效，请重新登录互助会账号，登录后继续发送' }
        : { code: 'LOGIN_REQUIRED', message: '请先登录互助会账号，登录后自动发送' };
    }
    const { store } = this.sync;
    const unitId = action.unitId ?? (action.batchId ? (store.batches.get(action.batchId)?.unitId ?? null) : null);
    if (unitId !== active.record.localUnitId) {
      const name = unitId ? store.units.get(unitId)?.name : undefined;
      return { code: 'OTHER_UNIT', message: `需登录${name ? `“${name}”` : '该单位'}的互助会账号后才能发送` };
    }
    return null;
  }

  async sendDue(tally: SendTally): Promise<void> {
    const { store, connectivity, sessions } = this.sync;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      if (!connectivity.online || this.sync.signal().aborted) return;
      const active = sessions.active();
      const ready: OutboxAction[] = [];
      for (const action of store.outbox.nextSendable(this.sync.now(), 1000)) {
        const hold = this.holdReason(action, active);
        if (!hold) {
          ready.push(action);
          continue;
        }
        store.outbox.reschedule(action.id, hold, new Date(this.sync.now().getTime() + HOLD_MS));
        tally.held++;
      }
      if (ready.length === 0 || !active) return;
      let next = 0;
      const worker = async () => {
        while (next < ready.length && connectivity.online && !this.sync.signal().aborted && sessions.active()) {
          const action = ready[next++]!;
          await this.sendOne(action, active, tally);
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.options.concurrency, ready.length) }, worker));
    }
  }

  private async sendOne(action: OutboxAction, active: ActiveSession, tally: SendTally): Promise<void> {
    const { store } = this.sync;
    let sending: OutboxAction;
    try {
      sending = store.outbox.markSending(action.id);
    } catch {
      // Cancelled or finished meanwhile (e.g. the clerk cancelled an unsent submission).
      return;
    }
    tally.attempts++;
    this.live.set(action.id, { sentBytes: 0, totalBytes: 0 });
    this.sync.emitStatus();
    let result: SendResult;
    try {
      result = await sendAction({
        store,
        client: this.sync.client()!,
        action: sending,
        token: active.token,
        chunkBytes: this.options.chunkBytes,
        timeouts: this.sync.timeouts,
        signal: this.sync.signal(),
        onProgress: (sentBytes, totalBytes) => {
          this.live.set(action.id, { sentBytes, totalBytes });
          this.sync.emitStatus();
        },
        onChunkSent: (index) => {
          tally.chunksSent++;
          this.onChunkSent?.(index);
        },
      });
    } catch (error) {
      this.sync.log(`[sync] ${action.kind} 发送时出错：${(error as Error)?.name ?? 'Error'}`);
      result = {
        ok: false,
        submission: isSubmission(action.kind),
        response: { ok: false, status: 0, reached: true, failure: 'retry', error: { code: 'clientError', message: '发送时出错，稍后自动重试' } },
      };
    } finally {
      this.live.delete(action.id);
    }
    try {
      this.record(sending, result, tally);
    } catch (error) {
      this.sync.log(`[sync] ${action.kind} 记录结果时出错：${(error as Error)?.name ?? 'Error'}`);
      try {
        store.outbox.reschedule(action.id, { code: 'clientError', message: '记录发送结果时出错，稍后自动重试' }, this.retryAt(sending.attempts));
      } catch {
        // Left `sending`: recoverInterrupted puts it back on the next start, and the key makes the resend safe.
      }
    }
    this.sync.emitStatus();
  }

  private retryAt(attempts: number): Date {
    return new Date(this.sync.now().getTime() + backoffDelay(Math.max(1, attempts), this.sync.backoff, this.sync.random));
  }

  private record(action: OutboxAction, result: SendResult, tally: SendTally): void {
    const { store, connectivity } = this.sync;
    if (result.ok) {
      this.recordDone(action, result.body);
      tally.done++;
      if (result.replayed) tally.replayed++;
      this.sync.wantPull();
      return;
    }
    const { response } = result;
    if (response.reached) connectivity.reached();
    switch (response.failure) {
      case 'retry':
        store.outbox.reschedule(action.id, toApiError(response.error), this.retryAt(action.attempts));
        tally.retried++;
        if (!response.reached) connectivity.unreachable();
        return;
      case 'relogin':
        // Held, not failed: after the clerk logs in it goes again with the same key.
        this.sync.sessions.expire();
        store.outbox.reschedule(action.id, { code: 'LOGIN_REQUIRED', message: `登录已失效（${response.error.message}），请重新登录后继续发送` }, new Date(this.sync.now().getTime() + HOLD_MS));
        tally.held++;
        return;
      case 'permanent':
        this.recordRefusal(action, response);
        tally.failed++;
        return;
    }
  }

  private recordDone(action: OutboxAction, body: unknown): void {
    const { store } = this.sync;
    const events: Extract<ApiEvent, { type: 'batch.changed' }>[] = [];
    store.transaction(() => {
      store.outbox.markDone(action.id);
      rememberAnswer(store, action, body);
      events.push(...releaseDeferredStates(store, action));
      events.push(...(outcomesOf(action.kind).done?.({ store, action, at: chinaTimestamp(this.sync.now()) }, body) ?? []));
      const batchId = action.batchId;
      if (!batchId) return;
      const batch = store.batches.get(batchId);
      if (!batch) return;
      // An earlier refusal of the same kind on this batch is settled by this success.
      for (const earlier of store.outbox.listForBatch(batchId)) {
        if (earlier.status === 'failed' && earlier.dismissedAt === null && earlier.kind === action.kind) store.outbox.dismissFailure(earlier.id);
      }
      const stillFailed = store.outbox.listForBatch(batchId).some((a) => a.status === 'failed' && a.dismissedAt === null);
      if (!stillFailed && batch.syncError !== null) store.batches.update(batchId, { syncError: null }, ASSOCIATION);
    });
    for (const event of events) this.sync.emit(event);
  }

  /** A permanent refusal: on the action and its batch, shown to the clerk, and what its kind does with it. */
  private recordRefusal(action: OutboxAction, response: Failure): void {
    const { store } = this.sync;
    const error = toApiError(response.error);
    const events: Extract<ApiEvent, { type: 'batch.changed' }>[] = [];
    store.transaction(() => {
      store.outbox.markFailed(action.id, error);
      const batch = action.batchId ? store.batches.get(action.batchId) : null;
      if (batch) store.batches.update(batch.id, { syncError: error }, ASSOCIATION);
      events.push(...(outcomesOf(action.kind).refused?.({ store, action, at: chinaTimestamp(this.sync.now()) }, response, error) ?? []));
      // What waited for this action's answer is the association's word now.
      events.push(...releaseDeferredStates(store, action));
    });
    for (const event of events) this.sync.emit(event);
  }
}
