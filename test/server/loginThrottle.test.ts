import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../shared/wire';
import { DEFAULT_THROTTLE, waitAfter } from '../../server/auth/loginThrottle';
import { call, registerUnit, startTestServer, type TestServer } from './serverFixtures';

let t: TestServer;
let unit: Awaited<ReturnType<typeof registerUnit>>;

beforeAll(async () => {
  t = await startTestServer({ trustProxy: true });
  unit = await registerUnit(t.url, '限流测试单位', '钱经办', 'right-pass-123');
});
afterAll(() => t.close());

const login = (account: string, password: string, address: string) =>
  call(t.url, ROUTES.login, { body: { account, password }, headers: { 'x-forwarded-for': address } });

/** Fails `account` until it is locked, moving the clock past each shorter wait; the Retry-After of each 429 on the way. */
async function failUntilLocked(account: string, address: string): Promise<string[]> {
  const lockSeconds = String(DEFAULT_THROTTLE.account.lockMs / 1000);
  const waits: string[] = [];
  for (let attempt = 0; attempt < 40 && waits.at(-1) !== lockSeconds; attempt++) {
    const res = await login(account, 'wrong-pass-000', address);
    expect([401, 429]).toContain(res.status);
    if (res.status !== 429) continue;
    const wait = res.headers.get('retry-after')!;
    waits.push(wait);
    if (wait !== lockSeconds) t.clock.advance(Number(wait) * 1000);
  }
  return waits;
}

describe('waits after failed logins', () => {
  it.each([
    [0, 0],
    [2, 0],
    [3, 1000],
    [4, 2000],
    [5, 4000],
    [9, 60_000],
    [10, 15 * 60_000],
    [50, 15 * 60_000],
  ])('an account with %i failures waits %i ms', (failures, ms) => {
    expect(waitAfter(DEFAULT_THROTTLE.account, failures)).toBe(ms);
  });
});

describe('login throttling per account', () => {
  let knownWaits: string[];

  it('answers 429 with a growing Retry-After, then locks the account even against the right password', async () => {
    knownWaits = await failUntilLocked(unit.phone, '10.0.0.1');
    expect(knownWaits).toEqual(['1', '2', '4', '8', '16', '32', '60', '900']);
    const locked = await login(unit.phone, 'right-pass-123', '10.0.0.2');
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('900');
    expect(locked.body.code).toBe('tooManyAttempts');
    expect(locked.body.message).toBe('失败次数过多，请 15 分钟后再试');
  });

  it('lets the right password in once the lock is over, and forgets the count', async () => {
    t.clock.advance(900_000);
    expect((await login(unit.phone, 'right-pass-123', '10.0.0.2')).status).toBe(200);
    expect((await login(unit.phone, 'wrong-pass-000', '10.0.0.2')).status).toBe(401);
    expect((await login(unit.phone, 'wrong-pass-000', '10.0.0.2')).status).toBe(401);
  });

  it('treats an unknown account exactly as a known one', async () => {
    const unknownWaits = await failUntilLocked('13800009999', '10.0.0.3');
    expect(unknownWaits).toEqual(knownWaits);
  });
});

describe('login throttling per client address', () => {
  it('holds back an address guessing across many accounts, not another address', async () => {
    t.clock.advance(3600_000);
    for (let i = 0; i < DEFAULT_THROTTLE.address.freeFailures; i++) {
      expect((await login(`猜测单位${i}`, 'wrong-pass-000', '10.0.1.1')).status).toBe(401);
    }
    const held = await login('又一个单位', 'wrong-pass-000', '10.0.1.1');
    expect(held.status).toBe(429);
    expect(held.headers.get('retry-after')).toBe('1');
    expect((await login(unit.phone, 'right-pass-123', '10.0.1.2')).status).toBe(200);
  });

  it('counts refused registrations against the address, so probing which names exist is throttled too', async () => {
    for (let i = 0; i < DEFAULT_THROTTLE.address.freeFailures; i++) {
      const res = await call(t.url, ROUTES.registerUnit, {
        key: true,
        body: { unit: { name: '限流测试单位', handler: { name: '孙', phone: `1370000${String(i).padStart(4, '0')}` } }, password: 'whatever-12' },
        headers: { 'x-forwarded-for': '10.0.2.1' },
      });
      expect(res.status).toBe(409);
    }
    const held = await call(t.url, ROUTES.registerUnit, {
      key: true,
      body: { unit: { name: '全新单位', handler: { name: '孙', phone: '13700009999' } }, password: 'whatever-12' },
      headers: { 'x-forwarded-for': '10.0.2.1' },
    });
    expect(held.status).toBe(429);
  });

  it('purges counts too old to delay anyone in the clean-up job', async () => {
    t.clock.advance(2 * 3600_000);
    const report = await t.server.runCleanup();
    expect(report.loginFailuresPurged).toBeGreaterThanOrEqual(3);
  });
});
