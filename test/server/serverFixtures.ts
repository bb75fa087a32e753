/**
 * A real server on 127.0.0.1 with its database in a temp folder, a clock the test moves,
 * and small HTTP helpers. Every test file starts its own server and closes it in afterAll.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mod11_2CheckCharacter } from '../../shared/domain/identity';
import type { RawRosterRow } from '../../shared/domain/roster';
import { ROUTES, routePath, splitRoute, type SubmitBatchRequest, type WireRosterRow } from '../../shared/wire';
import { createServer, type CreateServerOptions, type HuzhuServer } from '../../server/createServer';
import { testDatabase } from './testDatabase';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestClock {
  (): Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export function testClock(startIso: string): TestClock {
  let now = new Date(startIso).getTime();
  const clock = (() => new Date(now)) as TestClock;
  clock.set = (iso) => {
    now = new Date(iso).getTime();
  };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

export interface TestServer {
  server: HuzhuServer;
  /** The database the server runs on (see testDatabase). */
  databaseUrl: string | undefined;
  url: string;
  clock: TestClock;
  dir: string;
  logs: string[];
  close(): Promise<void>;
}

/** Shanghai's 2020 central enrollment window is open on this day. */
export const SHANGHAI_CENTRAL_DAY = '2020-04-15T02:00:00.000Z';

export async function startTestServer(options: Partial<CreateServerOptions> & { start?: string } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'huzhu-server-'));
  const clock = testClock(options.start ?? SHANGHAI_CENTRAL_DAY);
  const logs: string[] = [];
  const database = await testDatabase();
  const server = await createServer({ dataDir: dir, databaseUrl: database.url, adminToken: ADMIN_TOKEN, clock, log: (l) => logs.push(l), ...options });
  const url = await server.listen({ port: 0, host: '127.0.0.1' });
  return {
    server,
    databaseUrl: database.url,
    url,
    clock,
    dir,
    logs,
    async close() {
      await server.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** An Idempotency-Key; `true` makes a fresh one. */
  key?: string | true;
  params?: Record<string, string | number>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  raw?: Uint8Array;
  signal?: AbortSignal;
}

export async function call<T = any>(base: string, route: string, opts: CallOptions = {}): Promise<Reply<T>> {
  const { method } = splitRoute(route);
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.key) headers['idempotency-key'] = opts.key === true ? randomUUID() : opts.key;
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (opts.raw) {
    headers['content-type'] = 'application/octet-stream';
    body = new Uint8Array(opts.raw);
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const qs = opts.query ? `?${new URLSearchParams(opts.query).toString()}` : '';
  const res = await fetch(`${base}${routePath(route, opts.params)}${qs}`, { method, headers, ...(body !== undefined ? { body } : {}), ...(opts.signal ? { signal: opts.signal } : {}) });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

/** A made-up resident ID with a valid check digit (Shanghai area code). */
export function residentId(birth: string, seq: string): string {
  const body = `310101${birth}${seq}`;
  return body + mod11_2CheckCharacter(body)!;
}

/** `n` distinct valid IDs of adults. */
export function residentIds(n: number, birthYear = 1985): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((Math.floor(i / 28) % 12) + 1).padStart(2, '0');
    const seq = String(Math.floor(i / 336) % 1000).padStart(3, '0');
    out.push(residentId(`${birthYear + (Math.floor(i / 336000) % 10)}${month}${day}`, seq));
  }
  return out;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';

/** A name without digits (the roster check refuses digits in names). */
export function personName(i: number): string {
  return SURNAMES[i % SURNAMES.length]! + GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]! + GIVEN[Math.floor(i / 500) % GIVEN.length]!;
}

export function shanghaiRow(documentNumber: string, name = '王小明', extra: RawRosterRow = {}, rowId?: string): WireRosterRow {
  return { ...(rowId ? { rowId } : {}), sourceRow: null, values: { name, documentType: '身份证', documentNumber, socialSecurity: '是', ...extra } };
}

export const A0B0C0 = [
  { planCode: 'A0', shares: 1 },
  { planCode: 'B0', shares: 1 },
  { planCode: 'C0', shares: 1 },
];

export function shanghaiCentral(clientBatchId: string, rows: WireRosterRow[], extra: Partial<SubmitBatchRequest> = {}): SubmitBatchRequest {
  return {
    clientBatchId,
    schemeId: 'shanghai-2020',
    schemeVersion: 1,
    enrollmentType: 'central',
    title: '2020集中参保',
    selection: A0B0C0,
    contact: { name: '张经办', phone: '13800000001' },
    roster: { rows },
    ...extra,
  };
}

let phoneSeq = 0;

/** Registers a unit through the public route; returns its token and account. */
export async function registerUnit(base: string, name: string, handlerName = '经办人', password = 'secret-pass-1'): Promise<{ token: string; unitId: string; phone: string; password: string }> {
  const phone = `139${String(process.pid % 10000).padStart(4, '0')}${String(++phoneSeq).padStart(4, '0')}`;
  const res = await call(base, ROUTES.registerUnit, {
    key: true,
    body: { unit: { name, handler: { name: handlerName, phone } }, password },
  });
  if (res.status !== 201) throw new Error(`注册失败 ${res.status} ${res.text}`);
  const login = await call(base, ROUTES.login, { body: { account: phone, password } });
  if (login.status !== 200) throw new Error(`登录失败 ${login.status} ${login.text}`);
  return { token: login.body.token, unitId: res.body.account.unitId, phone, password };
}

export async function adminCall<T = any>(base: string, route: string, params: Record<string, string>, body: unknown = {}): Promise<Reply<T>> {
  const { method } = splitRoute(route);
  return call<T>(base, route, { token: ADMIN_TOKEN, params, ...(method === 'GET' ? {} : { body }) });
}

export async function changesOf(base: string, token: string, after = '0'): Promise<{ changes: any[]; cursor: string; hasMore: boolean }> {
  const res = await call(base, ROUTES.changes, { token, query: { after } });
  if (res.status !== 200) throw new Error(`changes ${res.status} ${res.text}`);
  return res.body;
}

export const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0c6d7a40000000049454e44ae426082', 'hex');

/** Every row of every table of the server's database as text: what a copy of the database would give away. */
export async function databaseText(server: HuzhuServer): Promise<string> {
  const db = server.context.db;
  const tables = await db.all<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  const parts: string[] = [];
  for (const { name } of tables) {
    for (const row of await db.all<{ t: string }>(`SELECT t::text AS t FROM "${name}" t`)) parts.push(row.t);
  }
  return parts.join('\n');
}

export async function countRows(server: HuzhuServer, sql: string, params: unknown[] = []): Promise<number> {
  return (await server.context.db.one<{ n: number }>(sql, params))!.n;
}
