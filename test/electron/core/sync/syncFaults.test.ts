/**
 * Fault tests: the engine against the real server with its fault switch armed. Whatever
 * goes wrong, each action ends applied exactly once or refused in words, the other batches
 * go on, and the loop keeps going. Counts are in the test names and in the output.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../../../shared/wire';
import { createServer, type HuzhuServer } from '../../../../server/createServer';
import { ADMIN_TOKEN, adminCall, startTestServer, testClock, SHANGHAI_CENTRAL_DAY, type TestServer } from '../../../server/serverFixtures';
import { openClient, queueBatch, registeredUnit, serverBatch, settle, shanghaiRows, withdrawBatch, type ClientSide, closeServer, manualScheduler } from './syncFixtures';

let t: TestServer;
let client: ClientSide;

beforeAll(async () => {
  t = await startTestServer({ faults: true, tokenTtlMs: 365 * 24 * 3600_000 });
});
afterAll(() => closeServer(t));
afterEach(async () => {
  t.server.faults.clear();
  await client?.close();
});

describe('the server down while submitting, then up', () => {
  let dir: string;
  let server: HuzhuServer | null = null;
  afterAll(async () => {
    if (server) await closeServer(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the submission while the server is away and delivers it exactly once when it is back (1 action, 1 copy, 0 duplicates)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'huzhu-down-'));
    const clock = testClock(SHANGHAI_CENTRAL_DAY);
    const start = () => createServer({ dataDir: dir, adminToken: ADMIN_TOKEN, clock, tokenTtlMs: 365 * 24 * 3600_000 });
    server = await start();
    const url = await server.listen({ port: 0, host: '127.0.0.1' });
    client = openClient(url);
    const { unitId } = await registeredUnit(client, url, '断线测试单位');
    const batch = queueBatch(client.store, unitId, shanghaiRows(2));

    await closeServer(server);
    server = null;
    const down = await client.engine.runOnce();
    expect(down).toMatchObject({ online: false, attempts: 1, retried: 1, done: 0, failed: 0 });
    expect(client.engine.status()).toMatchObject({ online: false, pending: 1, failed: [] });
    expect(client.store.outbox.listForBatch(batch.id)[0]).toMatchObject({ status: 'pending', attempts: 1, lastError: { code: 'offline' } });
    // While it stays down, the engine only probes (no new attempt), on a growing interval.
    for (let i = 0; i < 3; i++) {
      client.clock.advance(120_000);
      expect(await client.engine.runOnce()).toMatchObject({ online: false, attempts: 0 });
    }

    server = await start();
    await server.listen({ port: Number(new URL(url).port), host: '127.0.0.1' });
    client.clock.advance(120_000);
    const up = await client.engine.runOnce();
    expect(up).toMatchObject({ online: true, attempts: 1, done: 1 });
    const held = (await serverBatch(server.context.db, batch.id));
    expect(held).toMatchObject({ copies: 1, persons: 2, events: ['submit', 'acknowledge'] });
    expect(client.store.batches.require(batch.id).state).toBe('underReview');
    console.log(`server down then up: actions sent 1, attempts 2, copies on server ${held.copies}, duplicates found: ${held.copies - 1}`);
  });
});

describe('a response lost after the server committed', () => {
  it('retries under the same key and gets the stored answer: no second submission (replayed 1, duplicates 0)', async () => {
    client = openClient(t.url);
    const { unitId } = await registeredUnit(client, t.url, '丢包测试单位');
    const batch = queueBatch(client.store, unitId, shanghaiRows(2));
    t.server.faults.dropAfterCommit({ route: ROUTES.submitBatch });
    expect(await client.engine.runOnce()).toMatchObject({ attempts: 1, done: 0, retried: 1 });
    expect((await serverBatch(t.server.context.db, batch.id)).copies).toBe(1);
    client.clock.advance(60_000);
    expect(await client.engine.runOnce()).toMatchObject({ attempts: 1, done: 1, replayed: 1 });
    const held = (await serverBatch(t.server.context.db, batch.id));
    expect(held).toMatchObject({ copies: 1, events: ['submit', 'acknowledge'], persons: 2 });
    const keys = client.requests.filter((r) => r.method === 'POST' && r.path === '/v1/batches').map((r) => r.key);
    expect(new Set(keys).size).toBe(1);
    console.log(`drop after commit: attempts ${keys.length}, copies on server ${held.copies}, duplicates found: ${held.events.filter((e) => e === 'submit').length - 1}`);
  });
});

describe('faults that end in a retry, never a crash or a silent stop', () => {
  const cases = [
    { name: 'three 500s', arm: (s: HuzhuServer) => s.faults.fail500({ route: ROUTES.submitBatch, times: 3 }), failedRuns: 3, code: 'injectedFault' },
    { name: 'a response slower than the client waits', arm: (s: HuzhuServer) => s.faults.delay({ route: ROUTES.submitBatch, ms: 3_000 }), failedRuns: 1, code: 'timeout' },
    { name: 'a truncated body', arm: (s: HuzhuServer) => s.faults.truncateBody({ route: ROUTES.submitBatch }), failedRuns: 1, code: 'truncatedResponse' },
    { name: 'a malformed JSON body', arm: (s: HuzhuServer) => s.faults.malformedJson({ route: ROUTES.submitBatch }), failedRuns: 1, code: 'unreadableResponse' },
  ];
  for (const c of cases) {
    it(`${c.name}: rescheduled ${c.failedRuns}×, then applied once`, async () => {
      client = openClient(t.url, { timeouts: { submit: 1_000 } });
      const { unitId } = await registeredUnit(client, t.url, `故障单位-${c.code}`);
      const batch = queueBatch(client.store, unitId, shanghaiRows(1));
      c.arm(t.server);
      for (let i = 0; i < c.failedRuns; i++) {
        const run = await client.engine.runOnce();
        expect(run).toMatchObject({ attempts: 1, done: 0, failed: 0, retried: 1 });
        const [action] = client.store.outbox.listForBatch(batch.id);
        expect(action).toMatchObject({ status: 'pending', lastError: { code: c.code } });
        expect(client.engine.status()).toMatchObject({ pending: 1, failed: [] });
        expect(client.engine.status().nextAttemptAt).not.toBeNull();
        client.clock.advance(10 * 60_000);
      }
      expect(await client.engine.runOnce()).toMatchObject({ attempts: 1, done: 1 });
      const held = (await serverBatch(t.server.context.db, batch.id));
      expect(held).toMatchObject({ copies: 1, events: ['submit', 'acknowledge'] });
      expect(client.store.batches.require(batch.id).state).toBe('underReview');
      console.log(`${c.name}: attempts ${c.failedRuns + 1}, copies on server ${held.copies}, duplicates found: ${held.events.filter((e) => e === 'submit').length - 1}`);
    });
  }

  it('a broken change feed is pulled again later; the batch still learns its state', async () => {
    client = openClient(t.url);
    const { unitId } = await registeredUnit(client, t.url, '变更故障单位');
    const batch = queueBatch(client.store, unitId, shanghaiRows(1));
    t.server.faults.malformedJson({ route: ROUTES.changes });
    expect(await client.engine.runOnce()).toMatchObject({ done: 1, changesApplied: 0 });
    expect(client.store.batches.require(batch.id).state).toBe('queued');
    client.clock.advance(10 * 60_000);
    expect((await client.engine.runOnce()).changesApplied).toBeGreaterThan(0);
    expect(client.store.batches.require(batch.id).state).toBe('underReview');
  });

  it('the loop itself backs off exponentially after each 500 and always arms its next run', async () => {
    const scheduler = manualScheduler();
    client = openClient(t.url, { scheduler });
    const { unitId } = await registeredUnit(client, t.url, '退避测试单位');
    const batch = queueBatch(client.store, unitId, shanghaiRows(1));
    t.server.faults.fail500({ route: ROUTES.submitBatch, times: 2 });
    client.engine.start();
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      delays.push(scheduler.fire());
      await client.engine.whenIdle();
      expect(scheduler.timers).toHaveLength(1); // never stopped: the next run is armed
      client.clock.advance(scheduler.timers[0]!.ms);
    }
    expect(delays[0]).toBe(0);
    // random() is 0.5 in the fixture: 2 s then 4 s, each with a quarter taken off.
    expect(delays.slice(1)).toEqual([1_500, 3_000]);
    expect((await serverBatch(t.server.context.db, batch.id))).toMatchObject({ copies: 1, events: ['submit', 'acknowledge'] });

    // "Retry now" makes everything due and runs at once.
    queueBatch(client.store, unitId, shanghaiRows(1));
    t.server.faults.fail500({ route: ROUTES.submitBatch });
    scheduler.fire();
    await client.engine.whenIdle();
    expect(client.store.outbox.nextSendable(client.clock())).toHaveLength(0);
    client.engine.retryNow();
    expect(client.store.outbox.nextSendable(client.clock())).toHaveLength(1);
    expect(scheduler.timers.map((x) => x.ms)).toEqual([0]);
    scheduler.fire();
    await client.engine.whenIdle();
    expect(client.engine.status()).toMatchObject({ pending: 0, failed: [] });
    await client.engine.stop();
    expect(scheduler.timers).toHaveLength(0);
  });
});

describe('permanent refusals', () => {
  it('two batches, one refused (422): the refusal is shown on its batch, the other goes through (sent 2, applied 1, failed 1)', async () => {
    client = openClient(t.url);
    const { unitId } = await registeredUnit(client, t.url, '拒收测试单位');
    const refused = queueBatch(client.store, unitId, shanghaiRows(1), { schemeVersion: 99, title: '已撤销的方案版本' });
    const good = queueBatch(client.store, unitId, shanghaiRows(1));
    const run = await client.engine.runOnce();
    expect(run).toMatchObject({ attempts: 2, done: 1, failed: 1, retried: 0 });

    expect((await serverBatch(t.server.context.db, good.id))).toMatchObject({ copies: 1, state: 'underReview' });
    expect((await serverBatch(t.server.context.db, refused.id)).copies).toBe(0);
    const local = client.store.batches.require(refused.id);
    // The association refused the submission as it stands: the batch is the clerk's again, with the reason.
    expect(local.state).toBe('premiumConfirmed');
    expect(local.syncError).toMatchObject({ code: 'unknownScheme', message: '保障方案 shanghai-2020 第 99 版不存在' });
    expect(client.store.batches.history(refused.id).at(-1)).toMatchObject({ event: 'refuseSubmission', reason: '保障方案 shanghai-2020 第 99 版不存在' });
    expect(client.engine.status().failed).toEqual([
      expect.objectContaining({ kind: 'submitBatch', label: '提交批次', batchId: refused.id, error: expect.objectContaining({ code: 'unknownScheme' }) }),
    ]);
    expect(client.events.some((e) => e.type === 'batch.changed' && e.batchId === refused.id && e.state === 'premiumConfirmed')).toBe(true);
    // Nothing is retried: the next runs leave it alone.
    client.clock.advance(3600_000);
    expect(await client.engine.runOnce()).toMatchObject({ attempts: 0 });
  });

  it('a withdrawal the server no longer allows (409) is recorded with the lifecycle’s message; the server’s state is adopted; another lane is not held up', async () => {
    client = openClient(t.url);
    const { unitId } = await registeredUnit(client, t.url, '撤回冲突单位');
    const batch = queueBatch(client.store, unitId, shanghaiRows(1));
    await settle(client);
    const serverId = (await serverBatch(t.server.context.db, batch.id)).serverId!;
    expect((await adminCall(t.url, ROUTES.adminApprove, { batchId: serverId })).status).toBe(200);
    expect((await adminCall(t.url, ROUTES.adminConfirmPayment, { batchId: serverId })).status).toBe(200);
    // The clerk, not yet told, withdraws; another batch is queued behind it in its own lane.
    expect(withdrawBatch(client.store, batch.id)).toBe('queued');
    const other = queueBatch(client.store, unitId, shanghaiRows(1));
    const run = await client.engine.runOnce();
    expect(run).toMatchObject({ attempts: 2, done: 1, failed: 1 });
    const [, withdrawal] = client.store.outbox.listForBatch(batch.id);
    expect(withdrawal).toMatchObject({ kind: 'withdrawBatch', status: 'failed', lastError: { code: 'illegalTransition', message: '批次当前状态为“已确认缴费”，不能撤回' } });
    expect(client.store.batches.require(batch.id)).toMatchObject({ state: 'paymentConfirmed', syncError: { code: 'illegalTransition' } });
    expect((await serverBatch(t.server.context.db, other.id)).copies).toBe(1);
    expect((await serverBatch(t.server.context.db, batch.id)).events).not.toContain('withdraw');
  });

  it('a unit’s token used on another unit’s batch id is refused (404) and changes nothing there', async () => {
    client = openClient(t.url);
    const a = await registeredUnit(client, t.url, '隔离测试甲单位');
    const batchA = queueBatch(client.store, a.unitId, shanghaiRows(1));
    await settle(client);
    const before = (await serverBatch(t.server.context.db, batchA.id));
    expect(before.state).toBe('underReview');

    const b = await registeredUnit(client, t.url, '隔离测试乙单位');
    // An action of unit B naming A's batch id (a mix-up, or a forged queue) goes out with B's token.
    client.store.outbox.enqueue({ kind: 'withdrawBatch', unitId: b.unitId, payload: { batchId: batchA.id, reason: '冒用他人批次号' } });
    const run = await client.engine.runOnce();
    expect(run).toMatchObject({ attempts: 1, failed: 1 });
    expect(client.engine.status().failed).toEqual([expect.objectContaining({ kind: 'withdrawBatch', error: expect.objectContaining({ code: 'notFound' }) })]);
    expect((await serverBatch(t.server.context.db, batchA.id))).toEqual(before);
  });
});
