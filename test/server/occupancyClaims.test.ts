import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../shared/wire';
import { call, countRows, registerUnit, residentIds, shanghaiCentral, shanghaiRow, personName, startTestServer, type TestServer } from './serverFixtures';

const PERSONS = 300;

let t: TestServer;
let unitA: Awaited<ReturnType<typeof registerUnit>>;
let unitB: Awaited<ReturnType<typeof registerUnit>>;
const ids = residentIds(PERSONS, 1981);
const roster = ids.map((id, i) => shanghaiRow(id, personName(i)));

beforeAll(async () => {
  t = await startTestServer();
  unitA = await registerUnit(t.url, '并发甲单位', '甲经办');
  unitB = await registerUnit(t.url, '并发乙单位', '乙经办');
});
afterAll(() => t.close());

/** Persons enrolled in more than one holding batch of the year: must be none. */
const enrolledTwice = () =>
  countRows(
    t.server,
    `SELECT COUNT(*)::int AS n FROM (
       SELECT p.doc_number FROM persons p JOIN batches b ON b.id = p.batch_id
       WHERE p.status = 'enrolled' AND b.state <> 'withdrawn' AND b.scheme_id = 'shanghai-2020'
       GROUP BY p.doc_number HAVING COUNT(*) > 1) twice`,
  );

describe('two units submitting the same persons at once', () => {
  it('enrols each person once: one unit holds them, the other hears they are taken', async () => {
    const [a, b] = await Promise.all([
      call(t.url, ROUTES.submitBatch, { token: unitA.token, key: true, body: shanghaiCentral('race-a', roster) }),
      call(t.url, ROUTES.submitBatch, { token: unitB.token, key: true, body: shanghaiCentral('race-b', roster) }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.counts.enrolled + b.body.counts.enrolled).toBe(PERSONS);
    expect(await enrolledTwice()).toBe(0);
    expect(await countRows(t.server, "SELECT COUNT(*)::int AS n FROM occupancy_claims WHERE scheme_id = 'shanghai-2020'")).toBe(PERSONS);
    // Every claim belongs to the batch that enrolled the person.
    const mismatched = await countRows(
      t.server,
      `SELECT COUNT(*)::int AS n FROM occupancy_claims c
       WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.batch_id = c.batch_id AND p.doc_number = c.doc_number AND p.status = 'enrolled')`,
    );
    expect(mismatched).toBe(0);
    expect(a.body.serverBatchId).not.toBe(b.body.serverBatchId);
  });

  it('releases the claims on withdrawal, so the other unit enrols them on resubmission', async () => {
    const holder = (await call(t.url, ROUTES.batch, { token: unitA.token, params: { batchId: 'race-a' } })).body.counts.enrolled > 0 ? unitA : unitB;
    const other = holder === unitA ? unitB : unitA;
    const holderBatch = holder === unitA ? 'race-a' : 'race-b';
    const otherBatch = holder === unitA ? 'race-b' : 'race-a';
    const withdrawn = await call(t.url, ROUTES.withdrawBatch, { token: holder.token, key: true, params: { batchId: holderBatch }, body: { reason: '重新整理' } });
    expect(withdrawn.status).toBe(200);
    const resubmitted = await call(t.url, ROUTES.submitBatch, { token: other.token, key: true, body: shanghaiCentral(otherBatch, roster) });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body.counts).toMatchObject({ enrolled: PERSONS, rejected: 0 });
    expect(await enrolledTwice()).toBe(0);
    expect(await countRows(t.server, 'SELECT COUNT(*)::int AS n FROM occupancy_claims WHERE batch_id = $1', [resubmitted.body.serverBatchId])).toBe(PERSONS);
  });
});

describe('a retry racing its own first attempt', () => {
  it('applies the action once and answers both with the same stored response', async () => {
    const key = 'race-retry-key-0001';
    const body = shanghaiCentral('race-retry', [shanghaiRow(residentIds(1, 1979)[0]!, '钱多多')]);
    const [first, second] = await Promise.all([
      call(t.url, ROUTES.submitBatch, { token: unitA.token, key, body }),
      call(t.url, ROUTES.submitBatch, { token: unitA.token, key, body }),
    ]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body).toEqual(first.body);
    expect([first.headers.get('idempotency-replayed'), second.headers.get('idempotency-replayed')].filter((h) => h === 'true')).toHaveLength(1);
    expect(await countRows(t.server, "SELECT COUNT(*)::int AS n FROM batches WHERE client_batch_id = 'race-retry'")).toBe(1);
  });
});
