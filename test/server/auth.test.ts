import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountViewSchema, MAX_CHUNK_BYTES, registrationViewSchema, ROUTES, sessionViewSchema } from '../../shared/wire';
import { call, countRows, databaseText, registerUnit, startTestServer, type TestServer } from './serverFixtures';

let t: TestServer;
let unit: Awaited<ReturnType<typeof registerUnit>>;

beforeAll(async () => {
  t = await startTestServer({ tokenTtlMs: 60 * 60_000 });
  unit = await registerUnit(t.url, '登录测试单位', '周经办', 'correct-horse-1');
});
afterAll(() => t.close());

describe('login', () => {
  it.each([
    ['the unit name', '登录测试单位'],
    ['the login phone', () => unit.phone],
  ])('accepts %s with the right password', async (_what, account) => {
    const res = await call(t.url, ROUTES.login, { body: { account: typeof account === 'function' ? account() : account, password: 'correct-horse-1' } });
    expect(res.status).toBe(200);
    const session = sessionViewSchema.parse(res.body);
    expect(session.account.name).toBe('登录测试单位');
    const me = await call(t.url, ROUTES.account, { token: session.token });
    expect(accountViewSchema.parse(me.body).unitId).toBe(unit.unitId);
  });

  it.each([
    ['a wrong password', '登录测试单位', 'wrong-password'],
    ['an unknown account', '没有这个单位', 'correct-horse-1'],
  ])('refuses %s with the same 401 loginFailed', async (_what, account, password) => {
    const res = await call(t.url, ROUTES.login, { body: { account, password } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 'loginFailed', message: '账号或密码不正确' });
  });

  it('refuses a login body with a missing field as 422 naming it', async () => {
    const res = await call(t.url, ROUTES.login, { body: { account: '登录测试单位' } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('validationFailed');
    expect(res.body.field).toBe('password');
  });
});

describe('what the database keeps', () => {
  it('holds neither the password nor any token in plain text', async () => {
    const login = await call(t.url, ROUTES.login, { body: { account: '登录测试单位', password: 'correct-horse-1' } });
    const token: string = login.body.token;
    const text = await databaseText(t.server);
    expect(text).toContain('登录测试单位');
    expect(text).not.toContain('correct-horse-1');
    expect(text).not.toContain(token);
    expect(text).not.toContain(unit.token);
    const row = (await t.server.context.db.one<{ password_hash: string }>('SELECT password_hash FROM units WHERE id = $1', [unit.unitId]))!;
    expect(row.password_hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  });

  it('salts each account: the same password hashes differently', async () => {
    const other = await registerUnit(t.url, '同密码单位', '吴经办', 'correct-horse-1');
    const hashes = await t.server.context.db.all<{ h: string }>('SELECT password_hash AS h FROM units WHERE id IN ($1, $2)', [unit.unitId, other.unitId]);
    expect(hashes).toHaveLength(2);
    expect(hashes[0]!.h).not.toBe(hashes[1]!.h);
  });
});

describe('tokens', () => {
  it('refuses a unit route without a valid token before reading its body', async () => {
    const tooLarge = Buffer.alloc(MAX_CHUNK_BYTES + 64 * 1024, 0x41);
    const withoutToken = await call(t.url, ROUTES.putChunk, { params: { uploadId: 'any', index: 0 }, raw: tooLarge });
    expect(withoutToken.status).toBe(401);
    expect(withoutToken.body.code).toBe('authRequired');
    const staleToken = await call(t.url, ROUTES.putChunk, { token: 'not-a-token-at-all', params: { uploadId: 'any', index: 0 }, raw: tooLarge });
    expect(staleToken.status).toBe(401);
    // With a valid token the same body is read, and refused for its size.
    const read = await call(t.url, ROUTES.putChunk, { token: unit.token, params: { uploadId: 'any', index: 0 }, raw: tooLarge });
    expect(read.status).toBe(413);
  });

  it('answers 401 authRequired without a token or with an unknown one', async () => {
    for (const token of [undefined, 'not-a-real-token']) {
      const res = await call(t.url, ROUTES.account, token ? { token } : {});
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('authRequired');
    }
  });

  it('answers 401 tokenExpired once the token has expired, and a new login works', async () => {
    const login = await call(t.url, ROUTES.login, { body: { account: unit.phone, password: 'correct-horse-1' } });
    const token: string = login.body.token;
    expect((await call(t.url, ROUTES.account, { token })).status).toBe(200);
    t.clock.advance(60 * 60_000);
    const expired = await call(t.url, ROUTES.account, { token });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ code: 'tokenExpired', message: '登录已过期，请重新登录' });
    const again = await call(t.url, ROUTES.login, { body: { account: unit.phone, password: 'correct-horse-1' } });
    expect((await call(t.url, ROUTES.account, { token: again.body.token })).status).toBe(200);
  });

  it('forgets a token at logout', async () => {
    const login = await call(t.url, ROUTES.login, { body: { account: unit.phone, password: 'correct-horse-1' } });
    const token: string = login.body.token;
    expect((await call(t.url, ROUTES.logout, { token })).status).toBe(204);
    const after = await call(t.url, ROUTES.account, { token });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('authRequired');
  });
});

describe('registration', () => {
  it('creates the account with a session, once per idempotency key', async () => {
    const body = { unit: { name: '新注册单位', uscc: '91310000MA1FL00X2Y', handler: { name: '钱经办', phone: '13912340001' } }, password: 'new-unit-pass' };
    const first = await call(t.url, ROUTES.registerUnit, { key: 'register-key-0001', body });
    expect(first.status).toBe(201);
    const view = registrationViewSchema.parse(first.body);
    expect(view.account.loginPhone).toBe('13912340001');
    const replay = await call(t.url, ROUTES.registerUnit, { key: 'register-key-0001', body });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(await countRows(t.server, 'SELECT COUNT(*)::int AS n FROM units WHERE name = $1', ['新注册单位'])).toBe(1);
  });

  it('refuses a name or a phone already registered with the same 409 accountExists, naming neither', async () => {
    const sameName = await call(t.url, ROUTES.registerUnit, { key: true, body: { unit: { name: '登录测试单位', handler: { name: '甲', phone: '13912340002' } }, password: 'whatever-1' } });
    const samePhone = await call(t.url, ROUTES.registerUnit, { key: true, body: { unit: { name: '另一个单位', handler: { name: '乙', phone: unit.phone } }, password: 'whatever-1' } });
    expect(sameName.status).toBe(409);
    expect(samePhone.status).toBe(409);
    expect(sameName.body).toEqual({ code: 'accountExists', message: '单位名称或手机号码已注册；如是本单位，请直接登录' });
    expect(samePhone.body).toEqual(sameName.body);
  });

  it('requires an Idempotency-Key', async () => {
    const res = await call(t.url, ROUTES.registerUnit, { body: { unit: { name: '无键单位', handler: { name: '丙', phone: '13912340003' } }, password: 'whatever-1' } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('idempotencyKeyMissing');
  });
});
