import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScheme } from '../../shared/domain/scheme';
import { BUILT_IN_SCHEME_FILES } from '../../shared/schemes';
import { catalogueSchema, ROUTES } from '../../shared/wire';
import { adminCall, call, changesOf, registerUnit, startTestServer, type TestServer } from './serverFixtures';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('the scheme catalogue', () => {
  it('lists the five built-in schemes, without a login', async () => {
    const res = await call(t.url, ROUTES.schemes);
    expect(res.status).toBe(200);
    const catalogue = catalogueSchema.parse(res.body);
    expect(catalogue.schemes.map((s) => s.id).sort()).toEqual(Object.keys(BUILT_IN_SCHEME_FILES).sort());
    expect(catalogue.schemes.find((s) => s.id === 'shanghai-2020')).toMatchObject({ version: 1, city: '上海', coverageYear: { start: '2020-04-01', end: '2021-03-31' } });
  });

  it.each([
    ['the catalogue', ROUTES.schemes, {}],
    ['a scheme', ROUTES.scheme, { schemeId: 'qingdao-2025' }],
    ['a scheme version', ROUTES.schemeVersion, { schemeId: 'qingdao-2025', version: 1 }],
  ])('answers 304 for %s when If-None-Match holds its ETag', async (_what, route, params) => {
    const first = await call(t.url, route, { params });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await call(t.url, route, { params, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const weak = await call(t.url, route, { params, headers: { 'if-none-match': `"other", W/${etag}` } });
    expect(weak.status).toBe(304);
    const stale = await call(t.url, route, { params, headers: { 'if-none-match': '"stale"' } });
    expect(stale.status).toBe(200);
  });

  it('serves the scheme file that the domain loads as is', async () => {
    const res = await call(t.url, ROUTES.scheme, { params: { schemeId: 'shanghai-2020' } });
    expect(loadScheme(res.body)).toEqual(loadScheme(BUILT_IN_SCHEME_FILES['shanghai-2020']));
    expect((await call(t.url, ROUTES.scheme, { params: { schemeId: 'nowhere-1999' } })).status).toBe(404);
    expect((await call(t.url, ROUTES.schemeVersion, { params: { schemeId: 'shanghai-2020', version: 7 } })).status).toBe(404);
  });

  it('publishes a new version: new ETags, the old version still served, every unit told in its feed', async () => {
    const unit = await registerUnit(t.url, '方案订阅单位');
    const catalogueBefore = await call(t.url, ROUTES.schemes);
    const schemeBefore = await call(t.url, ROUTES.scheme, { params: { schemeId: 'wuxi-2023' } });
    const file = { ...(BUILT_IN_SCHEME_FILES['wuxi-2023'] as Record<string, unknown>), version: 2, title: '无锡市职工互助保障“三合一”项目（修订）' };

    const published = await adminCall(t.url, ROUTES.adminPublishScheme, {}, { scheme: file });
    expect(published.status).toBe(201);
    const again = await adminCall(t.url, ROUTES.adminPublishScheme, {}, { scheme: file });
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('schemeVersionNotNewer');
    const broken = await adminCall(t.url, ROUTES.adminPublishScheme, {}, { scheme: { ...file, version: 3, plans: [] } });
    expect(broken.status).toBe(422);
    expect(broken.body.code).toBe('validationFailed');

    const catalogueAfter = await call(t.url, ROUTES.schemes, { headers: { 'if-none-match': catalogueBefore.headers.get('etag')! } });
    expect(catalogueAfter.status).toBe(200);
    expect(catalogueAfter.body.schemes.find((s: { id: string }) => s.id === 'wuxi-2023').version).toBe(2);
    const newest = await call(t.url, ROUTES.scheme, { params: { schemeId: 'wuxi-2023' }, headers: { 'if-none-match': schemeBefore.headers.get('etag')! } });
    expect(newest.status).toBe(200);
    expect(newest.body.version).toBe(2);
    expect((await call(t.url, ROUTES.schemeVersion, { params: { schemeId: 'wuxi-2023', version: 1 } })).body.version).toBe(1);

    const feed = await changesOf(t.url, unit.token);
    expect(feed.changes).toEqual([expect.objectContaining({ kind: 'schemeVersion', schemeId: 'wuxi-2023', version: 2, etag: newest.headers.get('etag') })]);
  });
});
