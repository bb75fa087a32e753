/**
 * A batch of head-count entries only (无名单, Qingdao) goes from the application API to the
 * reference server over real HTTP: checked, priced, submitted, and under review there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { In, OpName, Out } from '../../../../shared/api';
import { ROUTES } from '../../../../shared/wire';
import { createCore, type Core } from '../../../../electron/core/app/createCore';
import { call as http, registerUnit, startTestServer, type TestServer } from '../../../server/serverFixtures';
import { callCore, syncUntil } from '../app/coreFixtures';
import { closeServer } from './syncFixtures';

const NOW = '2025-11-25T02:00:00.000Z';
let t: TestServer;
let core: Core;
let dir: string;

beforeAll(async () => {
  t = await startTestServer({});
  t.clock.set(NOW);
  dir = mkdtempSync(join(tmpdir(), 'huzhu-headcount-sync-'));
  core = await createCore({ dataDir: dir, serverUrl: t.url, now: () => new Date(NOW), operator: '无名单测试经办人' });
});
afterAll(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
  await closeServer(t);
});

function call<K extends OpName>(op: K, input: In<K>): Promise<Out<K>> {
  return callCore(core, op, input);
}

function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  return syncUntil(core, what, read, ok);
}

describe('a head-count-only batch (无名单) through sync', () => {
  it('is checked, priced, submitted and under review on the server', async () => {
    const account = await registerUnit(t.url, '青岛无名单同步单位');
    const auth = await call('auth.login', { account: account.phone, password: account.password });
    const batch = await call('batches.create', { unitId: auth.unitId!, schemeId: 'qingdao-2025', enrollmentType: 'new' });
    await call('batches.update', { batchId: batch.id, headCountLines: [{ planCode: 'ZYYL-A95', shares: 1, headCount: 12 }], headCounts: { inService: 40, femaleInService: 15 }, contact: { name: '孙经办', phone: '13800000003' } });
    expect((await call('roster.recheck', { batchId: batch.id })).state).toBe('checkPassed');
    expect((await call('pricing.quote', { batchId: batch.id })).payableFen).toBe(12 * 9500);
    await call('batches.transition', { batchId: batch.id, event: 'confirmPremium' });
    await call('batches.transition', { batchId: batch.id, event: 'submit' });
    await until('under review', () => call('batches.get', { batchId: batch.id }), (b) => b.state === 'underReview');
    const onServer = (await http(t.url, ROUTES.batch, { token: account.token, params: { batchId: batch.id } })).body;
    expect(onServer.state).toBe('underReview');
  });
});
