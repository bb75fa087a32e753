import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, ROUTES } from '../../shared/wire';
import { SECRET_FILE_NAME } from '../../server/config/serverSecret';
import { call, startTestServer, type TestServer } from './serverFixtures';

const PASSWORD = 'guessable-pass-7';
const DAY_MS = 24 * 3600_000;

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ idempotencyRetentionMs: 30 * DAY_MS });
});
afterAll(() => t.close());

function registration(name: string, phone: string) {
  return { unit: { name, handler: { name: '秦经办', phone } }, password: PASSWORD };
}

describe('the idempotency record of a registration', () => {
  const key = 'register-secret-0001';
  const body = registration('密钥测试单位', '13911112222');

  beforeAll(async () => {
    const res = await call(t.url, ROUTES.registerUnit, { key, body });
    expect(res.status).toBe(201);
  });

  it('holds no password and no unkeyed hash of the body', async () => {
    const stored = await t.server.context.idempotency.find('public', key);
    expect(stored).not.toBeNull();
    expect(JSON.stringify(stored)).not.toContain(PASSWORD);
    const plainHash = createHash('sha256').update(canonicalJson({ route: ROUTES.registerUnit, params: {}, body })).digest('hex');
    expect(stored!.requestHash).not.toBe(plainHash);
    const withoutPassword = createHash('sha256')
      .update(canonicalJson({ route: ROUTES.registerUnit, params: {}, body: { unit: body.unit } }))
      .digest('hex');
    expect(stored!.requestHash).not.toBe(withoutPassword);
  });

  it('replays the stored answer for the same request', async () => {
    const again = await call(t.url, ROUTES.registerUnit, { key, body });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
  });

  it('still refuses another request under the same key', async () => {
    const other = await call(t.url, ROUTES.registerUnit, { key, body: registration('另一个单位', '13911113333') });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('idempotencyKeyReused');
  });

  it('keeps the secret in a 0600 file of the data folder', () => {
    const file = join(t.dir, SECRET_FILE_NAME);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim().length).toBeGreaterThanOrEqual(16);
  });
});

describe('the retention window', () => {
  it('purges keys older than the window and keeps younger ones', async () => {
    const oldKey = 'retention-old-0001';
    const youngKey = 'retention-young-0001';
    expect((await call(t.url, ROUTES.registerUnit, { key: oldKey, body: registration('保留期旧单位', '13922223333') })).status).toBe(201);
    t.clock.advance(20 * DAY_MS);
    expect((await call(t.url, ROUTES.registerUnit, { key: youngKey, body: registration('保留期新单位', '13922224444') })).status).toBe(201);
    t.clock.advance(11 * DAY_MS);

    const report = await t.server.runCleanup();

    expect(report.idempotencyKeysPurged).toBeGreaterThanOrEqual(1);
    expect(await t.server.context.idempotency.find('public', oldKey)).toBeNull();
    expect(await t.server.context.idempotency.find('public', youngKey)).not.toBeNull();
  });
});
