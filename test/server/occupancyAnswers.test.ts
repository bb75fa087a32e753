import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../shared/wire';
import { call, changesOf, countRows, personName, registerUnit, residentIds, shanghaiCentral, shanghaiRow, startTestServer, type TestServer } from './serverFixtures';

let t: TestServer;
let holder: Awaited<ReturnType<typeof registerUnit>>;
let asker: Awaited<ReturnType<typeof registerUnit>>;
const ids = residentIds(6, 1984);
const rows = (from: number, to: number) => ids.slice(from, to).map((id, i) => shanghaiRow(id, personName(from + i)));

beforeAll(async () => {
  t = await startTestServer({ limits: { namedOccupancyAnswersPerDay: 2 } });
  holder = await registerUnit(t.url, '占用方单位', '鲁经办');
  asker = await registerUnit(t.url, '询问方单位', '韦经办');
  expect((await call(t.url, ROUTES.submitBatch, { token: holder.token, key: true, body: shanghaiCentral('held', rows(0, 6)) })).status).toBe(201);
});
afterAll(() => t.close());

const reasonsOf = (view: { rejectedPersons: { reasons: { code: string; message: string; hint?: string }[] }[] }) =>
  view.rejectedPersons.map((p) => p.reasons.find((r) => r.code === 'occupiedElsewhere')!);

describe('the occupancy question', () => {
  it('names the holder and its handler’s contact up to the daily number, then only says the person is taken', async () => {
    const res = await call(t.url, ROUTES.submitBatch, { token: asker.token, key: true, body: shanghaiCentral('ask-1', rows(0, 4)) });
    expect(res.status).toBe(201);
    const reasons = reasonsOf(res.body);
    expect(reasons).toHaveLength(4);
    expect(reasons.filter((r) => r.hint!.includes(holder.phone))).toHaveLength(2);
    const anonymous = reasons.filter((r) => !r.hint!.includes(holder.phone));
    expect(anonymous).toHaveLength(2);
    for (const r of anonymous) expect(r.message).toBe('该人员本年度已由“其他单位”参保（被该单位占用）');
    expect((await changesOf(t.url, asker.token)).changes.filter((c) => c.kind === 'occupied')).toHaveLength(2);
  });

  it('keeps every answer in the audit, named or not', async () => {
    expect(await countRows(t.server, 'SELECT COUNT(*)::int AS n FROM occupancy_answers WHERE unit_id = $1', [asker.unitId])).toBe(4);
    expect(await countRows(t.server, 'SELECT COUNT(*)::int AS n FROM occupancy_answers WHERE unit_id = $1 AND named', [asker.unitId])).toBe(2);
  });

  it('names holders again once a day has passed', async () => {
    t.clock.advance(24 * 3600_000 + 1000);
    try {
      const login = await call(t.url, ROUTES.login, { body: { account: asker.phone, password: asker.password } });
      const res = await call(t.url, ROUTES.submitBatch, { token: login.body.token, key: true, body: shanghaiCentral('ask-2', rows(4, 6)) });
      expect(reasonsOf(res.body).every((r) => r.hint!.includes(holder.phone))).toBe(true);
    } finally {
      t.clock.set('2020-04-15T02:00:00Z');
    }
  });
});
