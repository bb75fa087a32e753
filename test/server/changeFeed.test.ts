import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_SCHEME_FILES } from '../../shared/schemes';
import { ROUTES } from '../../shared/wire';
import { UNIT_SPAN } from '../../server/store/changesStore';
import { adminCall, call, changesOf, countRows, registerUnit, residentIds, shanghaiCentral, shanghaiRow, startTestServer, type TestServer } from './serverFixtures';

let t: TestServer;
let unit: Awaited<ReturnType<typeof registerUnit>>;
let neighbour: Awaited<ReturnType<typeof registerUnit>>;

beforeAll(async () => {
  t = await startTestServer();
  unit = await registerUnit(t.url, '变更记录单位', '冯经办');
  neighbour = await registerUnit(t.url, '邻居单位', '陈经办');
});
afterAll(() => t.close());

describe('a unit’s feed', () => {
  it('has no gaps and grows in commit order when many of its actions run at once', async () => {
    const ids = residentIds(16, 1992);
    const results = await Promise.all(
      ids.map((id, i) => call(t.url, ROUTES.submitBatch, { token: unit.token, key: true, body: shanghaiCentral(`feed-${i}`, [shanghaiRow(id, '林一')], { title: `批次${i}` }) })),
    );
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 201));
    const seqs = (await t.server.context.db.all<{ seq: number }>('SELECT seq FROM changes WHERE unit_id = $1 ORDER BY seq', [unit.unitId])).map((r) => r.seq);
    expect(seqs).toEqual(seqs.map((_s, i) => i + 1));
    // One entry each: the acknowledgement (待审核).
    expect(seqs.length).toBe(ids.length);
    const feed = await changesOf(t.url, unit.token);
    expect(feed.changes.map((c) => c.seq)).toEqual(seqs);
  });

  it('answers 304 to its ETag while nothing changed, and 200 once something did', async () => {
    const first = await call(t.url, ROUTES.changes, { token: unit.token, query: { after: '0' } });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await call(t.url, ROUTES.changes, { token: unit.token, query: { after: '0' }, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const other = await call(t.url, ROUTES.changes, { token: neighbour.token, query: { after: '0' }, headers: { 'if-none-match': etag } });
    expect(other.status).toBe(200);

    await call(t.url, ROUTES.submitBatch, { token: unit.token, key: true, body: shanghaiCentral('feed-late', [shanghaiRow(residentIds(1, 1970)[0]!, '林二')]) });
    const changed = await call(t.url, ROUTES.changes, { token: unit.token, query: { after: '0' }, headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });
});

describe('scheme announcements', () => {
  it('are stored once and merged into every unit’s feed, paged with the one cursor', async () => {
    const before = await changesOf(t.url, unit.token);
    const file = { ...(BUILT_IN_SCHEME_FILES['wuxi-2023'] as Record<string, unknown>), version: 2 };
    expect((await adminCall(t.url, ROUTES.adminPublishScheme, {}, { scheme: file })).status).toBe(201);
    expect(await countRows(t.server, 'SELECT COUNT(*)::int AS n FROM announcements')).toBe(1);
    expect(await countRows(t.server, "SELECT COUNT(*)::int AS n FROM changes WHERE kind = 'schemeVersion'")).toBe(0);

    for (const u of [unit, neighbour]) {
      const after = await changesOf(t.url, u.token, u === unit ? before.cursor : '0');
      expect(after.changes.filter((c) => c.kind === 'schemeVersion')).toEqual([expect.objectContaining({ schemeId: 'wuxi-2023', version: 2 })]);
    }

    // One entry a page: every entry once, in order, the announcement counted in the cursor's high part.
    const walked: number[] = [];
    let cursor = '0';
    for (let page = 0; page < 100; page++) {
      const res = await call(t.url, ROUTES.changes, { token: unit.token, query: { after: cursor, limit: '1' } });
      walked.push(...res.body.changes.map((c: { seq: number }) => c.seq));
      cursor = res.body.cursor;
      if (!res.body.hasMore) break;
    }
    const all = (await changesOf(t.url, unit.token)).changes.map((c) => c.seq);
    expect(walked).toEqual(all);
    const lastOwn = await countRows(t.server, 'SELECT last_seq::int AS n FROM unit_feeds WHERE unit_id = $1', [unit.unitId]);
    expect(Number(cursor)).toBe(1 * UNIT_SPAN + lastOwn);
  });
});
