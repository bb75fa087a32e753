/**
 * The unit's record pulled from the real association server into a fresh store: two earlier
 * coverage years held only by the server (submitted, reviewed, paid, invoiced and in force
 * there), and a batch the association refused persons in. The core on a new data folder
 * signs in and reads those years in its records, person view, renewal reminders and last
 * year's list, also offline afterwards; a pull cut short resumes where it stopped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { In, OpName, Out } from '../../../../../shared/api';
import { ROUTES } from '../../../../../shared/wire';
import { createCore, type Core } from '../../../../../electron/core/app/createCore';
import { pullRecord } from '../../../../../electron/core/sync/record/recordPull';
import { ServerClient } from '../../../../../electron/core/sync/serverClient';
import { adminCall, call as http, personName, registerUnit, residentIds, shanghaiCentral, shanghaiRow, startTestServer, type TestServer } from '../../../../server/serverFixtures';
import { centralDayOf, enrolYear, publishEarlierYears, type EnrolledYear } from '../../../../support/unitYears';
import { callCore } from '../../app/coreFixtures';
import { closeServer, openClient } from '../syncFixtures';

const UNIT = '历年参保示例有限公司';
const [A, B, C, D, E] = residentIds(5, 1978);
let t: TestServer;
let account: Awaited<ReturnType<typeof registerUnit>>;
const years: Record<number, EnrolledYear> = {};

beforeAll(async () => {
  // One login across the years the clock is moved through.
  t = await startTestServer({ start: centralDayOf(2018), tokenTtlMs: 5 * 366 * 24 * 3600_000 });
  await publishEarlierYears(t.url, [2018, 2019]);
  account = await registerUnit(t.url, UNIT);
  years[2018] = await enrolYear(t.url, t.clock, account.token, 2018, 'year-2018', [shanghaiRow(A!, personName(0)), shanghaiRow(B!, personName(1)), shanghaiRow(C!, personName(2))]);
  years[2019] = await enrolYear(t.url, t.clock, account.token, 2019, 'year-2019', [
    shanghaiRow(A!, personName(0), { phone: '13911112222' }),
    shanghaiRow(B!, personName(1)),
    shanghaiRow(D!, personName(3)),
  ]);
  // A second 2019 batch the association refused a person in, left for the clerk to correct.
  const refused = await http(t.url, ROUTES.submitBatch, { token: account.token, key: true, body: shanghaiCentral('year-2019-b', [shanghaiRow(E!, personName(4))], { schemeId: 'shanghai-2019', title: '2019补报' }) });
  expect(refused.status).toBe(201);
  const rejected = await adminCall(t.url, ROUTES.adminRejectPersons, { batchId: refused.body.serverBatchId }, { staff: '审核员甲', persons: [{ docNumber: E, reason: '已退休，不属于在职职工' }] });
  expect(rejected.body.state).toBe('personsRejected');
}, 120_000);

afterAll(async () => {
  await closeServer(t);
});

/** A core on a new data folder with its clock fixed; the sync loop runs on real timers. */
async function freshCore(dir: string, nowIso: string, serverUrl: string): Promise<{ core: Core; call<K extends OpName>(op: K, input: In<K>): Promise<Out<K>> }> {
  const core = await createCore({ dataDir: dir, serverUrl, now: () => new Date(nowIso), operator: '新装经办人' });
  return { core, call: (op, input) => callCore(core, op, input) };
}

describe("the unit's record from the association", () => {
  it('brings two earlier years to a fresh install and keeps them offline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huzhu-record-'));
    try {
      // The last days of the 2019 cover: its persons are due for renewal, and 2020's list is last year's.
      const now = '2020-03-20T10:00:00+08:00';
      let app = await freshCore(dir, now, t.url);
      const login = await app.call('auth.login', { account: account.phone, password: account.password });
      const unitId = login.unitId!;
      let status = await app.call('sync.status', {});
      for (let i = 0; i < 200 && status.recordPulledAt === null; i++) {
        await new Promise((r) => setTimeout(r, 50));
        status = await app.call('sync.status', {});
      }
      expect(status.recordPulledAt).not.toBeNull();

      const check = async () => {
        const records = await app.call('records.search', { unitId, offset: 0, limit: 100 });
        expect(records.coverageYears.map((y) => y.start).sort()).toEqual(['2018-04-01', '2019-04-01']);
        expect(records.total).toBe(7);
        const refusedE = records.records.find((r) => r.documentNumber === E);
        expect(refusedE).toMatchObject({ batch: { state: 'personsRejected' }, rejection: '已退休，不属于在职职工' });
        const of2019 = records.records.filter((r) => r.batch.id === 'year-2019');
        expect(of2019.map((r) => r.documentNumber).sort()).toEqual([A, B, D].sort());
        expect(of2019.every((r) => r.batch.policyNumber === years[2019]!.policyNumber && r.planText.includes('A0'))).toBe(true);

        const person = await app.call('records.person', { query: A! });
        expect(person.persons).toHaveLength(1);
        expect(person.persons[0]!.enrollments.map((e) => [e.coverageYear.start, e.batch.policyNumber])).toEqual([
          ['2019-04-01', years[2019]!.policyNumber],
          ['2018-04-01', years[2018]!.policyNumber],
        ]);

        const reminders = await app.call('units.renewalReminders', { unitId });
        expect(reminders.reminders.map((r) => r.documentNumber).sort()).toEqual([A, B, D].sort());
        expect(reminders.reminders.every((r) => r.coverEnd === '2020-03-31' && r.daysLeft === 11)).toBe(true);
      };
      await check();

      const batch = await app.call('batches.create', { unitId, schemeId: 'shanghai-2020', enrollmentType: 'central', title: '2020集中参保' });
      const suggested = await app.call('roster.suggestedList', { batchId: batch.id });
      expect(suggested.previousCoverageYear?.start).toBe('2019-04-01');
      expect(suggested.sourceBatches.map((b) => b.id)).toEqual(['year-2019']);
      expect(suggested.persons.map((p) => p.documentNumber).sort()).toEqual([A, B, D].sort());
      expect(suggested.persons.find((p) => p.documentNumber === A)?.values.phone).toBe('13911112222');

      const history = await app.call('batches.get', { batchId: 'year-2019' });
      expect(history.history.map((h) => h.event)).toEqual(['submit', 'acknowledge', 'approve', 'uploadPaymentProof', 'confirmPayment', 'scheduleEffect', 'takeEffect']);

      // Offline: the same data folder, no server listening at the address.
      await app.core.close();
      app = await freshCore(dir, now, 'http://127.0.0.1:9');
      await check();
      await app.core.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('pulls a page at a time and resumes where it stopped', async () => {
    const client = openClient(t.url, { log: () => undefined });
    try {
      const login = await client.engine.login(account.phone, account.password);
      expect(login.ok).toBe(true);
      const active = client.engine.sessions.active()!;
      const job = {
        store: client.store,
        client: new ServerClient(t.url),
        session: active.record,
        token: active.token,
        timeoutMs: 10_000,
        now: client.clock,
        log: () => undefined,
        emit: (e: { done: number; total: number; finished: boolean }) => progress.push(e),
      };
      const progress: { done: number; total: number; finished: boolean }[] = [];
      const first = await pullRecord({ ...job, maxPages: 1 });
      expect(first).toMatchObject({ ok: true, report: { pages: 1, finished: false } });
      expect(client.store.associationRecord.pulledAt()).toBeNull();
      const second = await pullRecord({ ...job, maxPages: 10 });
      expect(second).toMatchObject({ ok: true, report: { pages: 2, persons: 4, finished: true } });
      expect(progress.at(-1)).toEqual({ type: 'record.progress', done: 4, total: 4, finished: true });
      const third = await pullRecord({ ...job, maxPages: 10 });
      expect(third).toMatchObject({ ok: true, report: { pages: 0, persons: 0, batches: 0, finished: true } });
      const rows = ['year-2018', 'year-2019', 'year-2019-b'].map((id) => client.store.persons.allRows(id).map((r) => r.seq));
      expect(rows).toEqual([[1, 2, 3], [1, 2, 3], [1]]);
    } finally {
      await client.close();
    }
  });

  it('leaves a batch an action of this machine waits on to the feed, and finishes the rest', async () => {
    const client = openClient(t.url, { log: () => undefined });
    try {
      expect((await client.engine.login(account.phone, account.password)).ok).toBe(true);
      const active = client.engine.sessions.active()!;
      // A payment this machine recorded for the refused batch, not yet answered.
      client.store.outbox.enqueue({ kind: 'recordPayment', unitId: active.record.localUnitId, payload: { batchIds: ['year-2019-b'] } });
      const job = { store: client.store, client: new ServerClient(t.url), session: active.record, token: active.token, timeoutMs: 10_000, now: client.clock, log: () => undefined, emit: () => undefined };
      const pulled = await pullRecord({ ...job, maxPages: 10 });
      expect(pulled).toMatchObject({ ok: true, report: { batches: 2, persons: 6, finished: true } });
      expect(client.store.batches.get('year-2019-b')).toBeNull();
      expect(client.store.associationRecord.pulledAt()).not.toBeNull();
    } finally {
      await client.close();
    }
  });
});
