/**
 * The sync engine's ordinary work against the real server: login, sending a submission
 * once, pulling the association's decisions back into the local batch, the login expiring
 * and coming back, the unit registered at its first login.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../../../shared/wire';
import { pullCursorKey } from '../../../../electron/core/sync';
import { adminCall, startTestServer, type TestServer } from '../../../server/serverFixtures';
import { EventBus } from '../../../../electron/core/app/eventBus';
import { CLERK, manualScheduler, openClient, queueBatch, registeredUnit, serverBatch, settle, shanghaiRows, type ClientSide, closeServer } from './syncFixtures';

let t: TestServer;
let client: ClientSide;

beforeAll(async () => {
  t = await startTestServer({ faults: true, tokenTtlMs: 365 * 24 * 3600_000 });
});
afterAll(() => closeServer(t));
afterEach(async () => client?.close());

const statusEvents = () => client.events.filter((e) => e.type === 'sync.status');

describe('a submission from the outbox to the association and back', () => {
  it('logs in, sends the queued batch once, and applies 受理 from the feed with its cursor', async () => {
    client = openClient(t.url);
    const { unitId } = await registeredUnit(client, t.url, '同步测试甲公司');
    expect(client.engine.authStatus()).toEqual({ loggedIn: true, account: '同步测试甲公司', unitId });

    const batch = queueBatch(client.store, unitId, shanghaiRows(3));
    expect(client.engine.status()).toMatchObject({ pending: 1, failed: [] });

    const report = await client.engine.runOnce();
    expect(report).toMatchObject({ online: true, attempts: 1, done: 1, replayed: 0, failed: 0, retried: 0 });
    expect((await serverBatch(t.server.context.db, batch.id))).toMatchObject({ copies: 1, state: 'underReview', events: ['submit', 'acknowledge'], persons: 3 });

    const local = client.store.batches.require(batch.id);
    expect(local.state).toBe('underReview');
    expect(local.policyNumber).toMatch(/^PC2020/);
    expect(client.store.outbox.status()).toMatchObject({ pending: 0, sending: [], failed: [] });
    expect(client.store.syncState.get(pullCursorKey(client.engine.sessions.record()!.serverUnitId))).not.toBe('0');
    expect(client.events.some((e) => e.type === 'batch.changed' && e.batchId === batch.id && e.state === 'underReview')).toBe(true);
    expect(statusEvents().length).toBeGreaterThan(2);
    expect(client.engine.status()).toMatchObject({ online: true, pending: 0, sending: null });
    // The one submission went out once, under the action's key.
    const posts = client.requests.filter((r) => r.method === 'POST' && r.path === '/v1/batches');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.key).toBe(client.store.outbox.listForBatch(batch.id)[0]!.idempotencyKey);
  });

  it('follows the association through approval, payment, policy and effect, and marks the persons it rejected', async () => {
    client = openClient(t.url);
    const { unitId } = await registeredUnit(client, t.url, '同步测试乙公司');
    const rows = shanghaiRows(4);
    const approved = queueBatch(client.store, unitId, rows.slice(0, 2), { title: '审核通过的批次' });
    const rejected = queueBatch(client.store, unitId, rows.slice(2), { title: '部分人员不通过的批次' });
    await settle(client);
    const serverId = async (id: string) => (await serverBatch(t.server.context.db, id)).serverId!;

    expect((await adminCall(t.url, ROUTES.adminApprove, { batchId: await serverId(approved.id) })).status).toBe(200);
    await client.engine.runOnce(); // nothing due: the periodic pull brings it
    client.clock.advance(61_000);
    await client.engine.runOnce();
    expect(client.store.batches.require(approved.id)).toMatchObject({ state: 'awaitingPayment', payableFen: 2 * 18000 });

    expect((await adminCall(t.url, ROUTES.adminConfirmPayment, { batchId: await serverId(approved.id) }, { amountFen: 36000, confirmedOn: '2020-04-20' })).status).toBe(200);
    expect((await adminCall(t.url, ROUTES.adminSetEffect, { batchId: await serverId(approved.id) }, { policyNumber: 'BD2020SYNC01' })).status).toBe(200);
    const doc = rows[2]!.values.documentNumber!;
    expect((await adminCall(t.url, ROUTES.adminRejectPersons, { batchId: await serverId(rejected.id) }, { persons: [{ docNumber: doc, reason: '已在其他单位参保' }] })).status).toBe(200);
    client.clock.advance(61_000);
    const report = await client.engine.runOnce();
    expect(report.changesApplied).toBeGreaterThanOrEqual(5);

    const paid = client.store.batches.require(approved.id);
    expect(paid).toMatchObject({ state: 'awaitingEffect', policyNumber: 'BD2020SYNC01' });
    expect(paid.cover).not.toBeNull();
    expect(client.engine.serverFacts(approved.id)).toEqual({ payment: { amountFen: 36000, confirmedOn: '2020-04-20' } });
    expect(client.store.batches.history(approved.id).map((h) => h.to)).toEqual([
      'rosterToCheck',
      'checkPassed',
      'premiumConfirmed',
      'queued',
      'underReview',
      'awaitingPayment',
      'paymentConfirmed',
      'awaitingEffect',
    ]);

    expect(client.store.batches.require(rejected.id).state).toBe('personsRejected');
    const marked = client.store.persons.page({ batchId: rejected.id, serverRejected: true });
    expect(marked.rows.map((p) => [p.docNumber, p.serverRejection?.message])).toEqual([[doc, '已在其他单位参保']]);

    // The cursor is stored with what it covers: pulling again applies nothing twice.
    client.clock.advance(61_000);
    const again = await client.engine.runOnce();
    expect(again.changesApplied).toBe(0);
    expect(client.store.batches.history(approved.id)).toHaveLength(8);
  });

  it('fetches a newly published scheme version from the feed', async () => {
    client = openClient(t.url);
    await registeredUnit(client, t.url, '同步测试丙公司');
    await client.engine.runOnce();
    const current = client.store.schemes.newest('wuxi-2023')!.scheme;
    const next = { ...structuredClone(current), version: current.version + 1, title: `${current.title}（修订）` };
    expect((await adminCall(t.url, ROUTES.adminPublishScheme, {}, { scheme: next })).status).toBe(201);
    client.clock.advance(61_000);
    await client.engine.runOnce();
    const cached = client.store.schemes.newest('wuxi-2023')!;
    expect(cached).toMatchObject({ source: 'server', scheme: { version: current.version + 1, title: `${current.title}（修订）` } });
  });

  it('reads the unit’s claim records from the server on demand', async () => {
    client = openClient(t.url);
    await registeredUnit(client, t.url, '同步测试丁公司');
    const serverUnitId = client.engine.sessions.record()!.serverUnitId;
    const claim = { claimNumber: 'LP-SYNC-1', personName: '王小明', docNumber: '310101198506151238', planName: '住院基本保障', eventDate: '2020-06-02', reportedOn: '2020-06-20', claimedFen: 350000, status: 'reported' };
    expect((await adminCall(t.url, ROUTES.adminAddClaim, { unitId: serverUnitId }, claim)).status).toBe(201);
    const page = await client.engine.fetchClaims();
    expect(page.ok && page.page.claims.map((c) => c.claimNumber)).toEqual(['LP-SYNC-1']);
  });
});

describe('the loop', () => {
  it('wakes at once when the clerk queues a batch (the core says so with batch.changed), not at its next planned run', async () => {
    const scheduler = manualScheduler();
    const bus = new EventBus();
    client = openClient(t.url, { scheduler, events: bus });
    const { unitId } = await registeredUnit(client, t.url, '唤醒测试单位');
    client.engine.start();
    scheduler.fire();
    await client.engine.whenIdle();
    expect(scheduler.timers.map((x) => x.ms)).toEqual([60_000]); // idle: the next periodic pull
    const batch = queueBatch(client.store, unitId, shanghaiRows(1));
    bus.emit({ type: 'batch.changed', batchId: batch.id, state: 'queued', record: client.store.batches.history(batch.id).at(-1)! });
    expect(scheduler.timers.map((x) => x.ms)).toEqual([0]);
    scheduler.fire();
    await client.engine.whenIdle();
    expect((await serverBatch(t.server.context.db, batch.id)).copies).toBe(1);
    // Its own batch.changed (受理 from the feed) does not wake it again.
    expect(scheduler.timers.map((x) => x.ms)).toEqual([60_000]);
  });
});

describe('the login', () => {
  it('holds everything when the token is refused, keeps the queue, and resends with the same key after logging in again', async () => {
    client = openClient(t.url);
    const { unitId, phone, password } = await registeredUnit(client, t.url, '同步测试戊公司');
    const batch = queueBatch(client.store, unitId, shanghaiRows(2));
    // The session ends on the server (as an expired token would): the next request answers 401.
    const token = client.tokens.load()!;
    expect((await fetch(`${t.url}/v1/sessions/current`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })).status).toBe(204);

    const report = await client.engine.runOnce();
    expect(report).toMatchObject({ attempts: 1, done: 0, held: 1, failed: 0 });
    expect(client.engine.authStatus()).toEqual({ loggedIn: false, account: '同步测试戊公司', unitId });
    expect(client.tokens.load()).toBeNull();
    const [held] = client.store.outbox.listForBatch(batch.id);
    expect(held).toMatchObject({ status: 'pending', lastError: { code: 'LOGIN_REQUIRED' } });
    expect((await serverBatch(t.server.context.db, batch.id)).copies).toBe(0);

    // Nothing goes while logged out, however often the loop runs.
    client.clock.advance(2 * 3600_000);
    expect(await client.engine.runOnce()).toMatchObject({ attempts: 0, held: 1 });

    expect((await client.engine.login(phone, password)).ok).toBe(true);
    expect(await client.engine.runOnce()).toMatchObject({ attempts: 1, done: 1 });
    const keys = client.requests.filter((r) => r.method === 'POST' && r.path === '/v1/batches').map((r) => r.key);
    expect(keys).toEqual([held!.idempotencyKey, held!.idempotencyKey]);
    expect((await serverBatch(t.server.context.db, batch.id))).toMatchObject({ copies: 1, events: ['submit', 'acknowledge'] });
  });

  it('holds another unit’s actions until that unit logs in', async () => {
    client = openClient(t.url);
    const a = await registeredUnit(client, t.url, '同步测试己公司');
    const batchA = queueBatch(client.store, a.unitId, shanghaiRows(1));
    const b = await registeredUnit(client, t.url, '同步测试庚公司');
    const batchB = queueBatch(client.store, b.unitId, shanghaiRows(1));
    const report = await client.engine.runOnce();
    expect(report).toMatchObject({ done: 1, held: 1 });
    expect(client.store.outbox.listForBatch(batchA.id)[0]).toMatchObject({ status: 'pending', lastError: { code: 'OTHER_UNIT', message: '需登录“同步测试己公司”的互助会账号后才能发送' } });
    expect((await serverBatch(t.server.context.db, batchB.id)).copies).toBe(1);
    expect((await serverBatch(t.server.context.db, batchA.id)).copies).toBe(0);
    expect((await client.engine.login(a.phone, a.password)).ok).toBe(true);
    expect(await client.engine.runOnce()).toMatchObject({ done: 1 });
    expect((await serverBatch(t.server.context.db, batchA.id)).copies).toBe(1);
  });

  it('logs out without losing the queue', async () => {
    client = openClient(t.url);
    const { unitId } = await registeredUnit(client, t.url, '同步测试辛公司');
    queueBatch(client.store, unitId, shanghaiRows(1));
    expect(await client.engine.logout()).toEqual({ loggedIn: false });
    expect(client.engine.sessions.record()).toBeNull();
    await client.engine.runOnce();
    expect(client.engine.status()).toMatchObject({ pending: 1, failed: [] });
  });

  it('registers a unit queued on this machine at its first login, with the password typed there, and never stores that password', async () => {
    client = openClient(t.url);
    const unit = client.store.units.save({ name: '新注册的同步单位', socialSecurityCodes: ['S200'], handler: { name: '周经办', phone: '13912340001' }, contacts: [] }, CLERK);
    client.store.transaction(() => {
      const { registration: _r, updatedAt: _u, ...profile } = client.store.units.require(unit.id);
      client.store.outbox.enqueue({ kind: 'registerUnit', unitId: unit.id, payload: { unit: profile } });
      client.store.units.setRegistration(unit.id, 'pending', null, CLERK);
    });
    // The loop cannot send it (no password): it says why and waits.
    expect(await client.engine.runOnce()).toMatchObject({ attempts: 0, held: 1 });

    const short = await client.engine.login('新注册的同步单位', 'short');
    expect(short).toMatchObject({ ok: false, code: 'PASSWORD_INVALID' });
    const login = await client.engine.login('新注册的同步单位', 'brand-new-pass-1');
    expect(login).toEqual({ ok: true, status: { loggedIn: true, account: '新注册的同步单位', unitId: unit.id } });
    expect(client.store.units.require(unit.id).registration).toBe('registered');
    expect(client.store.outbox.status()).toMatchObject({ pending: 0, failed: [] });
    const stored = JSON.stringify(client.store.db.prepare('SELECT payload, progress, last_error FROM outbox').all()) + JSON.stringify(client.store.db.prepare('SELECT * FROM sync_state').all());
    expect(stored).not.toContain('brand-new-pass-1');
    const server = (await t.server.context.db.one<{ n: number }>('SELECT COUNT(*)::int AS n FROM units WHERE name = $1', ['新注册的同步单位']))!;
    expect(server.n).toBe(1);
  });

  it('marks the registration refused when the association already has a unit of that name (409), in words', async () => {
    client = openClient(t.url);
    await registeredUnit(openClientFor(client), t.url, '重名的同步单位');
    const unit = client.store.units.save({ name: '重名的同步单位', socialSecurityCodes: [], handler: { name: '钱经办', phone: '13912340002' }, contacts: [] }, CLERK);
    client.store.transaction(() => {
      const { registration: _r, updatedAt: _u, ...profile } = client.store.units.require(unit.id);
      client.store.outbox.enqueue({ kind: 'registerUnit', unitId: unit.id, payload: { unit: profile } });
      client.store.units.setRegistration(unit.id, 'pending', null, CLERK);
    });
    const login = await client.engine.login('13912340002', 'another-pass-1');
    expect(login).toMatchObject({ ok: false, code: 'accountExists' });
    expect(client.store.units.require(unit.id)).toMatchObject({ registration: 'refused', registrationError: { code: 'accountExists' } });
    expect(client.engine.status().failed).toEqual([expect.objectContaining({ kind: 'registerUnit', label: '单位注册' })]);
  });

  it('says so when the account is wrong, and when the server cannot be reached', async () => {
    client = openClient(t.url);
    expect(await client.engine.login('没有这个单位', 'whatever-123')).toMatchObject({ ok: false, code: 'LOGIN_FAILED', httpStatus: 422 });
    const offline = openClient('http://127.0.0.1:9');
    try {
      expect(await offline.engine.login('任何单位', 'whatever-123')).toMatchObject({ ok: false, code: 'OFFLINE', httpStatus: 503 });
      expect(offline.engine.status().online).toBe(false);
    } finally {
      await offline.close();
    }
  });
});

/** A second machine's store for the same server (a unit registered elsewhere). */
function openClientFor(first: ClientSide): ClientSide {
  const other = openClient(first.engine.serverUrl!);
  others.push(other);
  return other;
}
const others: ClientSide[] = [];
afterEach(async () => {
  for (const o of others.splice(0)) await o.close();
});
