import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../../electron/core/store/store';
import { CLERK, createBatch, openTestStore, unitInput, type TestStore } from './storeFixtures';

let t: TestStore;
let store: Store;
let unitId: string;
let a: string;
let b: string;
beforeEach(() => {
  t = openTestStore();
  store = t.store;
  unitId = store.units.save(unitInput(), CLERK).id;
  a = createBatch(store, unitId, { title: 'A' }).id;
  b = createBatch(store, unitId, { title: 'B' }).id;
});
afterEach(() => t.dispose());

const LATER = new Date('2030-01-01T00:00:00.000Z');
const OFFLINE = { code: 'offline', message: '网络不可用' };
const kinds = (actions: { kind: string }[]) => actions.map((x) => x.kind);

describe('OutboxRepo', () => {
  it('enqueues with a unique idempotency key, pending and due now', () => {
    const action = store.outbox.enqueue({ kind: 'submitBatch', batchId: a, unitId, payload: { persons: 3 } });
    expect(action).toMatchObject({ kind: 'submitBatch', batchId: a, unitId, lane: `batch:${a}`, status: 'pending', attempts: 0, payload: { persons: 3 }, lastError: null });
    expect(action.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(action.nextAttemptAt).toBe(action.createdAt);
    expect(() => store.outbox.enqueue({ kind: 'again', batchId: a, payload: {}, idempotencyKey: action.idempotencyKey })).toThrow(/UNIQUE/);
  });

  it('offers only the oldest unfinished action of each batch, in order, and batches independently', () => {
    const a1 = store.outbox.enqueue({ kind: 'a1', batchId: a, payload: {} });
    const b1 = store.outbox.enqueue({ kind: 'b1', batchId: b, payload: {} });
    store.outbox.enqueue({ kind: 'a2', batchId: a, payload: {} });
    store.outbox.enqueue({ kind: 'registerUnit', unitId, payload: {} });
    // Lane heads, the earliest due first.
    expect(kinds(store.outbox.nextSendable(LATER))).toEqual(['a1', 'b1', 'registerUnit']);

    // While a1 is in flight, batch A offers nothing more; B goes on.
    store.outbox.markSending(a1.id);
    expect(kinds(store.outbox.nextSendable(LATER))).toEqual(['b1', 'registerUnit']);
    store.outbox.markDone(a1.id);
    expect(kinds(store.outbox.nextSendable(LATER))).toEqual(['b1', 'a2', 'registerUnit']);

    // B backing off after a transient error holds back only B.
    store.outbox.markSending(b1.id);
    store.outbox.enqueue({ kind: 'b2', batchId: b, payload: {} });
    const retryAt = new Date('2029-06-01T00:00:00.000Z');
    expect(store.outbox.reschedule(b1.id, OFFLINE, retryAt)).toMatchObject({ status: 'pending', attempts: 1, lastError: OFFLINE, nextAttemptAt: retryAt.toISOString() });
    expect(kinds(store.outbox.nextSendable(new Date('2029-01-01T00:00:00.000Z')))).toEqual(['a2', 'registerUnit']);
    expect(kinds(store.outbox.nextSendable(LATER))).toEqual(['a2', 'registerUnit', 'b1']);

    // A permanent refusal of b1 ends it and does not block b2.
    store.outbox.markSending(b1.id);
    store.outbox.markFailed(b1.id, { code: 'personRejected', message: '有人员不符合参保条件' });
    expect(kinds(store.outbox.nextSendable(LATER))).toEqual(['a2', 'registerUnit', 'b2']);
    expect(store.outbox.listForBatch(b).map((x) => [x.kind, x.status])).toEqual([
      ['b1', 'failed'],
      ['b2', 'pending'],
    ]);
  });

  it('refuses status changes out of order', () => {
    const x = store.outbox.enqueue({ kind: 'x', batchId: a, payload: {} });
    store.outbox.markSending(x.id);
    expect(() => store.outbox.markSending(x.id)).toThrow('操作当前为“发送中”');
    store.outbox.markDone(x.id);
    expect(() => store.outbox.markFailed(x.id, OFFLINE)).toThrow('操作当前为“已完成”');
    expect(() => store.outbox.markDone('missing')).toThrow('待发送操作不存在');
  });

  it('reports the figures for the sync status', () => {
    const x = store.outbox.enqueue({ kind: 'x', batchId: a, payload: {}, notBefore: '2026-01-01T08:00:00+08:00' });
    const y = store.outbox.enqueue({ kind: 'y', batchId: b, payload: {}, notBefore: '2025-12-31T00:00:00Z' });
    store.outbox.enqueue({ kind: 'z', batchId: b, payload: {} }); // behind y: not a lane head
    expect(store.outbox.status()).toMatchObject({ pending: 3, sending: [], failed: [], nextAttemptAt: '2025-12-31T00:00:00.000Z' });
    store.outbox.markSending(y.id);
    store.outbox.markFailed(y.id, { code: 'closed', message: '参保窗口已关闭' });
    const status = store.outbox.status();
    expect(status.pending).toBe(2);
    expect(status.failed.map((f) => [f.kind, f.lastError?.message])).toEqual([['y', '参保窗口已关闭']]);
    expect(status.nextAttemptAt).toBe(store.outbox.listForBatch(b)[1]!.nextAttemptAt);
    store.outbox.dismissFailure(y.id);
    expect(store.outbox.status().failed).toEqual([]);
    store.outbox.markSending(x.id);
    expect(store.outbox.status().sending.map((s) => s.kind)).toEqual(['x']);
  });

  it('puts actions left "sending" by a crash back to pending, and makes everything due on "retry now"', () => {
    const x = store.outbox.enqueue({ kind: 'x', batchId: a, payload: {} });
    store.outbox.enqueue({ kind: 'y', batchId: b, payload: {}, notBefore: LATER });
    store.outbox.markSending(x.id);
    expect(store.recoverInterrupted()).toEqual({ outbox: 1, imports: 0 });
    expect(store.outbox.get(x.id)).toMatchObject({ status: 'pending', attempts: 1 });
    const now = new Date('2025-06-01T00:00:00.000Z');
    expect(kinds(store.outbox.nextSendable(now))).toEqual(['x']);
    expect(store.outbox.makeAllDue(now)).toBe(1);
    expect(kinds(store.outbox.nextSendable(now))).toEqual(['x', 'y']);
  });

  it('cancels an action only while no attempt was made, and resumes chunked uploads from saved progress', () => {
    const x = store.outbox.enqueue({ kind: 'submitBatch', batchId: a, payload: {} });
    store.outbox.saveProgress(x.id, { uploadId: 'u-1', chunksDone: 3 });
    expect(store.outbox.get(x.id)!.progress).toEqual({ uploadId: 'u-1', chunksDone: 3 });
    store.outbox.markSending(x.id);
    store.outbox.reschedule(x.id, OFFLINE, LATER);
    expect(store.outbox.cancelUnsent(x.id)).toBe(false);
    const y = store.outbox.enqueue({ kind: 'submitBatch', batchId: b, payload: {} });
    expect(store.outbox.cancelUnsent(y.id)).toBe(true);
    expect(store.outbox.get(y.id)).toBeNull();
  });

  it('cancels a submission only while it was never sent, together with the batch going back', () => {
    const at = '2025-03-02T09:30:00+08:00';
    const submit = (batchId: string) => {
      for (const [event, extra] of [
        ['editRoster', {}],
        ['passCheck', { check: { persons: 1, errorRows: 0 } }],
        ['confirmPremium', {}],
      ] as const) {
        expect(store.batches.applyTransition(batchId, event, { at, actor: CLERK, ...extra }).ok).toBe(true);
      }
      store.batches.applyTransition(batchId, 'submit', { at, actor: CLERK }, { outbox: { kind: 'submitBatch', payload: {} } });
    };
    const cancel = (batchId: string) =>
      store.transaction(() => {
        const unsent = store.outbox.unsentAction(batchId, 'submitBatch');
        const outcome = store.batches.applyTransition(batchId, 'cancelSubmission', { at, actor: CLERK, notYetSent: unsent !== null });
        if (outcome.ok && unsent) store.outbox.cancelUnsent(unsent.id);
        return outcome;
      });

    // Never attempted: the batch goes back and the action is gone.
    submit(b);
    expect(store.outbox.unsentAction(b, 'withdrawBatch')).toBeNull();
    expect(store.outbox.unsentAction(b, 'submitBatch')).not.toBeNull();
    expect(cancel(b)).toMatchObject({ ok: true, batch: { state: 'premiumConfirmed' } });
    expect(store.outbox.listForBatch(b)).toEqual([]);

    // Once an attempt has started the server may have it: refused, and the action stays.
    submit(a);
    const action = store.outbox.listForBatch(a)[0]!;
    store.outbox.markSending(action.id);
    store.outbox.reschedule(action.id, OFFLINE, LATER);
    expect(store.outbox.unsentAction(a)).toBeNull();
    expect(cancel(a)).toMatchObject({ ok: false, code: 'alreadySent' });
    expect(store.batches.get(a)!.state).toBe('queued');
    expect(store.outbox.listForBatch(a)).toHaveLength(1);
  });

  it('sends a failed action again on request', () => {
    const x = store.outbox.enqueue({ kind: 'x', batchId: a, payload: {} });
    store.outbox.markFailed(x.id, { code: 'refused', message: '拒收' });
    expect(store.outbox.requeueFailed(x.id, LATER)).toMatchObject({ status: 'pending', finishedAt: null, nextAttemptAt: LATER.toISOString() });
  });
});
