/**
 * sync.status says why nothing moves, through the application API of a real core: no
 * server set, a server that does not answer (the next try counted down), a server that
 * answers but no login, and a refusal from the real reference server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent, In, OpName, Out, SyncStatus } from '../../../../shared/api';
import { createCore, type Core } from '../../../../electron/core/app/createCore';
import { registerUnit, startTestServer, type TestServer } from '../../../server/serverFixtures';
import { closeServer, freshIds } from './syncFixtures';
import { callCore } from '../app/coreFixtures';

let t: TestServer;
let core: Core | undefined;
let dir: string;
const events: ApiEvent[] = [];

beforeAll(async () => {
  t = await startTestServer({ tokenTtlMs: 365 * 24 * 3600_000 });
});
afterAll(async () => {
  await closeServer(t);
});
afterEach(async () => {
  await core?.close();
  core = undefined;
  rmSync(dir, { recursive: true, force: true });
  events.length = 0;
});

async function start(serverUrl: string | undefined): Promise<Core> {
  dir = mkdtempSync(join(tmpdir(), 'huzhu-sync-blocker-'));
  core = await createCore({ dataDir: dir, serverUrl, now: () => new Date('2020-04-15T02:00:00.000Z'), operator: '接口测试经办人' });
  core.events.subscribe((e) => events.push(e));
  return core;
}

function call<K extends OpName>(op: K, input: In<K>): Promise<Out<K>> {
  return callCore(core!, op, input);
}

async function statusWhere(ok: (s: SyncStatus) => boolean): Promise<SyncStatus> {
  for (let i = 0; i < 300; i++) {
    const s = await call('sync.status', {});
    if (ok(s)) return s;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`sync.status never reached the expected state: ${JSON.stringify(await call('sync.status', {}))}`);
}

/** A Shanghai central batch submitted by the clerk: one action in the outbox. */
async function queueSubmission(unitId: string, documentNumber: string): Promise<string> {
  const batch = await call('batches.create', { unitId, schemeId: 'shanghai-2020', enrollmentType: 'central' });
  await call('batches.update', { batchId: batch.id, selection: [{ planCode: 'A0', shares: 1 }, { planCode: 'B0', shares: 1 }, { planCode: 'C0', shares: 1 }], contact: { name: '张经办', phone: '13800000001' } });
  await call('roster.addRow', { batchId: batch.id, row: { name: '王小明', documentType: '身份证', documentNumber, socialSecurity: '是' } });
  expect((await call('roster.recheck', { batchId: batch.id })).state).toBe('checkPassed');
  await call('batches.transition', { batchId: batch.id, event: 'confirmPremium' });
  await call('batches.transition', { batchId: batch.id, event: 'submit' });
  return batch.id;
}

async function localUnit(name: string): Promise<string> {
  const unit = await call('units.save', { unit: { name, handler: { name: '张经办', phone: '13800000001' } } });
  return unit.id;
}

describe('why sync does not move', () => {
  it('nothing waits: no blocker', async () => {
    await start(t.url);
    expect((await call('sync.status', {})).blocker).toBeNull();
  });

  it('no server set: working offline by choice', async () => {
    await start(undefined);
    await queueSubmission(await localUnit('无服务器单位'), freshIds(1)[0]!);
    const s = await call('sync.status', {});
    expect(s).toMatchObject({ pending: 1, blocker: { kind: 'noServer' } });
  });

  it('a server that does not answer: waiting for a connection, with the next try', async () => {
    const gone = await startTestServer();
    const url = gone.url;
    await closeServer(gone);
    await start(url);
    await queueSubmission(await localUnit('断网单位'), freshIds(1)[0]!);
    const s = await statusWhere((x) => x.blocker?.kind === 'offline' && x.blocker.nextAttemptAt !== null && Date.parse(x.blocker.nextAttemptAt) > Date.parse('2020-04-15T02:00:00.000Z'));
    expect(s.online).toBe(false);
    if (s.blocker?.kind !== 'offline') throw new Error('offline expected');
    expect(Date.parse(s.blocker.nextAttemptAt!)).toBeGreaterThan(Date.parse('2020-04-15T02:00:00.000Z'));
  });

  it('the server answers but no one is logged in: login required', async () => {
    await start(t.url);
    await queueSubmission(await localUnit('未登录单位'), freshIds(1)[0]!);
    const s = await statusWhere((x) => x.online && x.blocker?.kind === 'loginRequired');
    expect(s.blocker).toEqual({ kind: 'loginRequired', expired: false });
    expect(s.pending).toBe(1);
  });

  it('logged in as another unit: held with the reason', async () => {
    await start(t.url);
    const other = await localUnit('另一单位');
    const account = await registerUnit(t.url, '登录的单位');
    await call('auth.login', { account: account.phone, password: account.password });
    await queueSubmission(other, freshIds(1)[0]!);
    const s = await statusWhere((x) => x.blocker?.kind === 'held');
    expect(s.blocker).toMatchObject({ kind: 'held', reason: { code: 'OTHER_UNIT', message: '需登录“另一单位”的互助会账号后才能发送' } });
  });
});
