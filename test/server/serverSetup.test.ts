import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, splitRoute } from '../../shared/wire';
import { createServer } from '../../server/createServer';
import { readMigrations, schemaVersion } from '../../server/db/migrations';
import { testDatabase } from './testDatabase';
import { DEMO_PASSWORD, DEMO_UNITS } from '../../server/demo';
import { ADMIN_TOKEN, call, countRows, registerUnit, residentId, shanghaiCentral, shanghaiRow, startTestServer, type TestServer } from './serverFixtures';

describe('the database', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'huzhu-db-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is migrated to the newest version and reopens without change', async () => {
    const database = await testDatabase();
    try {
      const first = await createServer({ dataDir: dir, databaseUrl: database.url, adminToken: ADMIN_TOKEN, demo: true });
      expect(await schemaVersion(first.context.db)).toBe(readMigrations().at(-1)!.version);
      const units = await countRows(first, 'SELECT COUNT(*)::int AS n FROM units');
      expect(units).toBe(DEMO_UNITS.length);
      await first.close();

      const second = await createServer({ dataDir: dir, databaseUrl: database.url, adminToken: ADMIN_TOKEN, demo: true });
      expect(await countRows(second, 'SELECT COUNT(*)::int AS n FROM units')).toBe(units);
      expect(await countRows(second, 'SELECT COUNT(*)::int AS n FROM schemes')).toBe(5);
      await second.close();
    } finally {
      await database.drop();
    }
  });

  it('refuses a database from a newer server', async () => {
    const database = await testDatabase();
    const newerDir = join(dir, 'newer');
    try {
      const server = await createServer({ dataDir: newerDir, databaseUrl: database.url, adminToken: ADMIN_TOKEN });
      await server.context.db.run("INSERT INTO schema_migrations (version, name) VALUES (999, '0999_from_the_future.sql')");
      await server.close();
      await expect(createServer({ dataDir: newerDir, databaseUrl: database.url, adminToken: ADMIN_TOKEN })).rejects.toThrow('更新版本');
    } finally {
      await database.drop();
    }
  });
});

describe('routes', () => {
  it('registers every route of the protocol, and nothing answers for a path outside it', async () => {
    const t = await startTestServer();
    try {
      for (const route of Object.values(ROUTES)) {
        const { method, path } = splitRoute(route);
        expect(t.server.app.hasRoute({ method, url: path }), route).toBe(true);
      }
      const res = await call(t.url, 'GET /v2/anything');
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('notFound');
    } finally {
      await t.close();
    }
  });
});

describe('the demo data', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ demo: true });
  });
  afterAll(() => t.close());

  it('has two unit accounts that log in with the printed password, and claim records in their feed', async () => {
    expect(t.server.demoAccounts.map((a) => a.unitName)).toEqual(DEMO_UNITS.map((u) => u.name));
    for (const u of DEMO_UNITS) {
      const login = await call(t.url, ROUTES.login, { body: { account: u.handler.phone, password: DEMO_PASSWORD } });
      expect(login.status).toBe(200);
      const claims = await call(t.url, ROUTES.claims, { token: login.body.token });
      expect(claims.body.total).toBeGreaterThan(0);
      const one = await call(t.url, ROUTES.claim, { token: login.body.token, params: { claimId: claims.body.claims[0].claimId } });
      expect(one.body).toEqual(claims.body.claims[0]);
      const feed = await call(t.url, ROUTES.changes, { token: login.body.token });
      expect(feed.body.changes.filter((c: { kind: string }) => c.kind === 'claim')).toHaveLength(claims.body.total);
    }
  });
});

describe('logs', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('never contain ID numbers, bank cards or passwords, whatever the request', async () => {
    const doc = residentId('19850615', '123');
    const card = '6222020200112233445';
    const unit = await registerUnit(t.url, '日志测试单位', '日志经办', 'log-secret-99');
    await call(t.url, ROUTES.submitBatch, { token: unit.token, key: true, body: shanghaiCentral('log-1', [shanghaiRow(doc, '王小明', { bankCard: card })]) });
    await call(t.url, ROUTES.submitBatch, { token: unit.token, key: true, body: shanghaiCentral('log-2', [shanghaiRow(`${doc}X`, '坏号码')]) });
    await call(t.url, ROUTES.batch, { token: unit.token, params: { batchId: doc } });
    await call(t.url, ROUTES.login, { body: { account: doc, password: 'log-secret-99' } });
    await fetch(`${t.url}/v1/${doc}/${card}`);
    await fetch(`${t.url}${ROUTES.submitBatch.split(' ')[1]}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${unit.token}`, 'idempotency-key': 'log-key-000001' }, body: `{"x":"${doc}"` });
    expect(t.logs.length).toBeGreaterThan(5);
    const all = t.logs.join('\n');
    for (const secret of [doc, card, 'log-secret-99', unit.token]) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/\d{15,}/);
    expect(all).toContain('POST /v1/batches 201');
    expect(all).toContain('GET /v1/batches/:batchId 404');
  });
});
