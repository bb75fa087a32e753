/**
 * sync.* and auth.* through the application API of a core created with a server URL: the
 * background loop runs on real timers, the renderer's view arrives as `sync.status` events.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent, In, OpName, Out, SyncStatus } from '../../../../shared/api';
import { createCore, type Core } from '../../../../electron/core/app/createCore';
import { registerUnit, startTestServer, type TestServer } from '../../../server/serverFixtures';
import { freshIds, closeServer } from './syncFixtures';
import { callCore } from '../app/coreFixtures';

let t: TestServer;
let core: Core;
let dir: string;
const events: ApiEvent[] = [];

beforeAll(async () => {
  t = await startTestServer({ faults: true, tokenTtlMs: 365 * 24 * 3600_000 });
});
afterAll(async () => {
  await closeServer(t);
});
afterEach(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
  events.length = 0;
});

async function start(serverUrl: string | undefined): Promise<void> {
  dir = mkdtempSync(join(tmpdir(), 'huzhu-sync-api-'));
  core = await createCore({ dataDir: dir, serverUrl, now: () => new Date('2020-04-15T02:00:00.000Z'), operator: '接口测试经办人' });
  core.events.subscribe((e) => events.push(e));
}

function call<K extends OpName>(op: K, input: In<K>): Promise<Out<K>> {
  return callCore(core, op, input);
}

async function refusal(op: OpName, input: unknown) {
  const r = await core.dispatcher.dispatch(op, input);
  if (r.ok) throw new Error(`${op} should have been refused`);
  return { status: r.status, error: r.error };
}

/** Waits (polling, up to 15 s) until the latest sync.status event satisfies `ok`. */
async function statusWhere(ok: (s: SyncStatus) => boolean): Promise<SyncStatus> {
  for (let i = 0; i < 300; i++) {
    const last = events.filter((e) => e.type === 'sync.status').at(-1);
    if (last?.type === 'sync.status' && ok(last.status)) return last.status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('sync.status never reached the expected state');
}

describe('sync and auth through the application API', () => {
  it('logs in, queues a submission, sends it in the background and reports it through sync.status events', async () => {
    await start(t.url);
    const account = await registerUnit(t.url, '接口同步测试单位');
    expect(await call('auth.status', {})).toEqual({ loggedIn: false });
    const auth = await call('auth.login', { account: account.phone, password: account.password });
    expect(auth).toMatchObject({ loggedIn: true, account: '接口同步测试单位' });
    // The login found no local unit of that name: it is added from the account.
    const unit = await call('units.get', { unitId: auth.unitId! });
    expect(unit).toMatchObject({ name: '接口同步测试单位', registration: 'registered' });

    const batch = await call('batches.create', { unitId: unit.id, schemeId: 'shanghai-2020', enrollmentType: 'central' });
    await call('batches.update', { batchId: batch.id, selection: [{ planCode: 'A0', shares: 1 }, { planCode: 'B0', shares: 1 }, { planCode: 'C0', shares: 1 }], contact: { name: '张经办', phone: '13800000001' } });
    const [doc] = freshIds(1);
    await call('roster.addRow', { batchId: batch.id, row: { name: '王小明', documentType: '身份证', documentNumber: doc!, socialSecurity: '是' } });
    expect((await call('roster.recheck', { batchId: batch.id })).state).toBe('checkPassed');
    await call('batches.transition', { batchId: batch.id, event: 'confirmPremium' });
    await call('batches.transition', { batchId: batch.id, event: 'submit' });

    const done = await statusWhere((s) => s.online && s.pending === 0 && s.lastPullAt !== null);
    expect(done).toMatchObject({ online: true, sending: null, failed: [] });
    for (let i = 0; i < 100 && (await call('batches.get', { batchId: batch.id })).state !== 'underReview'; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await call('batches.get', { batchId: batch.id })).state).toBe('underReview');
    expect(events.some((e) => e.type === 'sync.status' && e.status.sending?.kind === 'submitBatch' && e.status.sending.label === '提交批次')).toBe(true);
    expect(events.some((e) => e.type === 'batch.changed' && e.batchId === batch.id && e.state === 'underReview')).toBe(true);

    expect(await call('sync.retryNow', {})).toMatchObject({ pending: 0 });
    expect(await call('auth.logout', {})).toEqual({ loggedIn: false });
    expect(await call('auth.status', {})).toEqual({ loggedIn: false });
  });

  it('refuses SMS login in words: this association server offers password login only', async () => {
    await start(t.url);
    const sms = await refusal('auth.requestSmsCode', { phone: '13800000001' });
    expect(sms).toMatchObject({ status: 422, error: { code: 'SMS_NOT_OFFERED' } });
    expect(sms.error.message).toContain('不提供短信验证码登录');
    expect(await refusal('auth.login', { account: '13800000001', smsCode: '123456' })).toMatchObject({ status: 422, error: { code: 'SMS_NOT_OFFERED' } });
    expect(await refusal('auth.login', { account: '没有这个单位', password: 'wrong-password' })).toMatchObject({ status: 422, error: { code: 'LOGIN_FAILED' } });
  });

  it('works offline without a server URL: sync stays idle and says so', async () => {
    await start(undefined);
    expect(core.sync.serverUrl).toBeNull();
    expect(await call('sync.status', {})).toEqual({ online: false, pending: 0, sending: null, failed: [], nextAttemptAt: null, lastPullAt: null, recordPulledAt: null, blocker: null });
    expect(await refusal('auth.login', { account: '任何单位', password: 'whatever-123' })).toMatchObject({ status: 503, error: { code: 'SERVER_NOT_SET' } });
  });
});
