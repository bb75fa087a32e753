/**
 * A clerk's action is never undone by sync: for every pair of the clerk's own transitions —
 * the first one sent to the association, the second made locally before the feed brings the
 * first one's echo back — the local batch stays where the clerk put it, whether the answer
 * to the first arrived or was lost and replayed. Against the real server.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TRANSITION_RULES, type BatchEvent, type BatchState, type TransitionContext } from '../../../../../shared/domain/batch';
import { ROUTES, routePath } from '../../../../../shared/wire';
import type { Store } from '../../../../../electron/core/store';
import { adminCall, PNG_BYTES, startTestServer, type TestServer } from '../../../../server/serverFixtures';
import { CLERK, closeServer, openClient, queueBatch, registeredUnit, serverBatch, settle, shanghaiRows, withdrawBatch, type ClientSide } from '../syncFixtures';

let t: TestServer;
let client: ClientSide | null = null;

beforeAll(async () => {
  t = await startTestServer({ faults: true, tokenTtlMs: 365 * 24 * 3600_000 });
});
afterAll(() => closeServer(t));
afterEach(async () => {
  t.server.faults.clear();
  await client?.close();
  client = null;
});

const AT = '2020-04-15T12:00:00.000+08:00';

/** The clerk's transition as the core makes it: with the outbox action the association must hear of, else local only. */
function clerkDoes(store: Store, batchId: string, event: BatchEvent): { ok: true } | { ok: false; message: string } {
  const batch = store.batches.require(batchId);
  if (event === 'withdraw') {
    withdrawBatch(store, batchId);
    return { ok: true };
  }
  return store.transaction(() => {
    const ctx: TransitionContext = { at: AT, actor: CLERK };
    if (event === 'passCheck') ctx.check = { persons: 2, errorRows: 0 };
    if (event === 'cancelSubmission') {
      const unsent = store.outbox.unsentAction(batchId, 'submitBatch');
      ctx.notYetSent = unsent !== null && store.outbox.cancelUnsent(unsent.id);
    }
    const outbox =
      event === 'submit'
        ? { kind: 'submitBatch', batchId, unitId: batch.unitId, payload: { batchId, payableFen: batch.payableFen } }
        : event === 'uploadPaymentProof'
          ? { kind: 'uploadPaymentProof', batchId, unitId: batch.unitId, payload: { payer: '测试单位', amountFen: batch.payableFen, proof: { name: '凭证.png', base64: PNG_BYTES.toString('base64') } } }
          : undefined;
    const outcome = store.batches.applyTransition(batchId, event, ctx, outbox ? { outbox } : {});
    return outcome.ok ? { ok: true } : { ok: false, message: outcome.message };
  });
}

/** The clerk's transitions that the association hears of, and the states they leave the batch in. */
const SENT: { event: BatchEvent; reach: (c: ClientSide, batchId: string) => Promise<void> }[] = [
  { event: 'submit', reach: async () => {} },
  { event: 'withdraw', reach: async (c) => void (await settle(c)) },
  {
    event: 'uploadPaymentProof',
    reach: async (c, batchId) => {
      await settle(c);
      const serverId = (await serverBatch(t.server.context.db, batchId)).serverId!;
      expect((await adminCall(t.url, ROUTES.adminApprove, { batchId: serverId })).status).toBe(200);
      c.clock.advance(61_000);
      await c.engine.runOnce();
      expect(c.store.batches.require(batchId).state).toBe('awaitingPayment');
    },
  },
];

function ruleTarget(event: BatchEvent, from: BatchState): BatchState | undefined {
  return TRANSITION_RULES.find((r) => r.event === event && r.from.includes(from) && r.actors.includes('clerk'))?.to as BatchState | undefined;
}

/** Every clerk transition legal from `state` (the second of each pair). */
function clerkEventsFrom(state: BatchState): BatchEvent[] {
  return TRANSITION_RULES.filter((r) => r.actors.includes('clerk') && r.from.includes(state)).map((r) => r.event);
}

const PAIRS = SENT.flatMap((first) => {
  const after = first.event === 'submit' ? 'queued' : first.event === 'withdraw' ? 'withdrawn' : 'paymentProofUploaded';
  const seconds: (BatchEvent | null)[] = clerkEventsFrom(after);
  // A transition with nothing a clerk may do after it still must not be undone by its own echo.
  if (seconds.length === 0) seconds.push(null);
  return seconds.flatMap((second) => (['answered', 'answerLost'] as const).map((answer) => ({ first, second, answer })));
});

describe('a clerk’s transition is never undone by the feed', () => {
  it('covers every pair: each sent transition with each clerk transition after it', () => {
    expect(PAIRS.map((p) => `${p.first.event}→${p.second ?? '—'}`).filter((_, i) => i % 2 === 0)).toEqual([
      'submit→cancelSubmission',
      'submit→withdraw',
      'withdraw→reopen',
      'withdraw→delete',
      'uploadPaymentProof→—',
    ]);
  });

  it.each(PAIRS.map((p) => [`${p.first.event} → ${p.second ?? '(none)'}, ${p.answer}`, p] as const))('%s', async (_name, { first, second, answer }) => {
    let secondDone = false;
    let refusedLocally: string | null = null;
    let expected: BatchState | null = null;
    let batchId = '';
    const firstRoute = first.event === 'submit' ? ROUTES.submitBatch : first.event === 'withdraw' ? ROUTES.withdrawBatch : ROUTES.uploadPaymentProof;
    const firstKind = first.event === 'submit' ? 'submitBatch' : first.event === 'withdraw' ? 'withdrawBatch' : 'uploadPaymentProof';
    const c = openClient(t.url, {
      // The second transition lands right after the first one was sent, before the feed is read.
      before: (method, path) => {
        if (secondDone || !expected || method !== 'GET' || !path.startsWith(routePath(ROUTES.changes))) return;
        if (!c.store.outbox.listForBatch(batchId).some((a) => a.kind === firstKind && a.attempts > 0)) return;
        secondDone = true;
        if (!second) return;
        const done = clerkDoes(c.store, batchId, second);
        expected = c.store.batches.require(batchId).state;
        refusedLocally = done.ok ? null : done.message;
      },
    });
    client = c;
    const { unitId } = await registeredUnit(c, t.url, `撤回重开测试${first.event}${second ?? ''}${answer}`);
    const batch = queueBatch(c.store, unitId, shanghaiRows(2));
    batchId = batch.id;
    if (first.event !== 'submit') {
      await first.reach(c, batchId);
      expect(clerkDoes(c.store, batchId, first.event)).toEqual({ ok: true });
    }
    expected = ruleTarget(first.event, first.event === 'submit' ? 'premiumConfirmed' : first.event === 'withdraw' ? 'underReview' : 'awaitingPayment')!;
    if (answer === 'answerLost') {
      // Applied, its answer lost; the retry then fails before reaching the handler, so the feed is read while the action still waits for its answer.
      t.server.faults.dropAfterCommit({ route: firstRoute });
      t.server.faults.fail500({ route: firstRoute });
    }

    await c.engine.runOnce();
    if (answer === 'answerLost') {
      c.clock.advance(10 * 60_000);
      await c.engine.runOnce();
      expect(c.store.outbox.listForBatch(batchId).find((a) => a.kind === firstKind)).toMatchObject({ status: 'pending', attempts: 2 });
    }
    expect(secondDone).toBe(true);
    // The clerk's second step stands after this run's pull …
    const afterFirstRun = c.store.batches.require(batchId).state;
    await settle(c);
    c.clock.advance(61_000);
    await c.engine.runOnce();
    const local = c.store.batches.require(batchId);
    const history = c.store.batches.history(batchId);
    expect(history.filter((h) => h.event === 'adoptServerState')).toEqual([]);
    // … and after every later one: only the association's own decisions (受理) may move it on.
    const serverOnly = (from: BatchState) => (from === 'queued' ? ['queued', 'underReview'] : [from]);
    expect(serverOnly(expected!)).toContain(afterFirstRun);
    expect(serverOnly(expected!)).toContain(local.state);
    // Only a cancellation after sending is refused, by the clerk's own rules, before anything changes.
    expect(refusedLocally === null || second === 'cancelSubmission').toBe(true);
  });
});

describe('withdraw, then reopen at once (the case seen)', () => {
  it('keeps the reopened batch, and the resubmission reaches the association', async () => {
    let batchId = '';
    let reopened: ReturnType<typeof clerkDoes> | null = null;
    const c = openClient(t.url, {
      before: (method, path) => {
        if (reopened || method !== 'GET' || !path.startsWith(routePath(ROUTES.changes))) return;
        const local = c.store.batches.get(batchId);
        if (local?.state === 'withdrawn' && c.store.outbox.unfinished().length === 0) reopened = clerkDoes(c.store, batchId, 'reopen');
      },
    });
    client = c;
    const { unitId } = await registeredUnit(c, t.url, '撤回后立即重开单位');
    batchId = queueBatch(c.store, unitId, shanghaiRows(2)).id;
    await settle(c);
    expect(c.store.batches.require(batchId).state).toBe('underReview');
    expect(withdrawBatch(c.store, batchId)).toBe('queued');
    await c.engine.runOnce();
    expect(reopened).toEqual({ ok: true });
    expect((await serverBatch(t.server.context.db, batchId)).state).toBe('withdrawn');
    c.clock.advance(61_000);
    await c.engine.runOnce();
    expect(c.store.batches.require(batchId).state).toBe('rosterToCheck');

    for (const step of ['passCheck', 'confirmPremium', 'submit'] as const) expect(clerkDoes(c.store, batchId, step)).toEqual({ ok: true });
    await settle(c);
    c.clock.advance(61_000);
    await c.engine.runOnce();
    expect((await serverBatch(t.server.context.db, batchId)).state).toBe('underReview');
    expect(c.store.batches.require(batchId).state).toBe('underReview');
    expect(c.store.batches.history(batchId).map((h) => h.event)).toEqual([
      'editRoster', 'passCheck', 'confirmPremium', 'submit', 'acknowledge', 'withdraw', 'reopen', 'passCheck', 'confirmPremium', 'submit', 'acknowledge',
    ]);
  });
});
