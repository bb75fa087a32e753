import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BODY_BYTES, startHttpHost, type OperationDispatcher, type RunningHost } from '../../../../electron/core/host/httpHost';
import { MAX_FILE_BYTES } from '../../../../shared/api/primitives';

const TOKEN = 'test-token-0123456789abcdef';

// A two-operation dispatcher: the host is generic over the application, so the test gives it a real, tiny one.
const calls: Array<{ op: string; input: unknown }> = [];
const dispatcher: OperationDispatcher = {
  has: (op) => op === 'echo' || op === 'fail',
  async dispatch(op, input) {
    calls.push({ op, input });
    if (op === 'fail') return { ok: false, status: 422, error: { code: 'INVALID_INPUT', message: '字段 name: 必填' } };
    return { ok: true, value: { echoed: input } };
  },
};

let host: RunningHost;
let root: string;
const listeners = new Set<(e: { type: string }) => void>();

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'huzhu-host-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>互助保障工作台</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'huzhu-secret.txt'), 'secret');
  host = await startHttpHost({
    dispatcher,
    token: TOKEN,
    staticRoot: root,
    events: { subscribe: (l) => (listeners.add(l), () => listeners.delete(l)) },
  });
});

afterAll(async () => {
  await host.close();
  rmSync(root, { recursive: true, force: true });
});

type ErrorBody = { error: { code: string; message: string } };
const errorOf = async (res: Response) => ((await res.json()) as ErrorBody).error;

const post = (op: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${host.url}/api/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
    body,
  });

describe('browser host', () => {
  it('listens on 127.0.0.1 only', () => {
    const address = host.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
  });

  it('dispatches POST /api/<operation> with the JSON body', async () => {
    const res = await post('echo', JSON.stringify({ unitId: 'u1' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ result: { echoed: { unitId: 'u1' } } });
    expect(calls.at(-1)).toEqual({ op: 'echo', input: { unitId: 'u1' } });
  });

  it('passes the dispatcher refusal through with its status', async () => {
    const res = await post('fail', '{}');
    expect(res.status).toBe(422);
    expect((await errorOf(res)).message).toContain('name');
  });

  it.each([
    ['no token', {}, 401],
    ['a wrong token', { authorization: 'Bearer nope' }, 401],
    ['a token of another form', { authorization: `Basic ${TOKEN}` }, 401],
  ])('refuses a request with %s', async (_what, headers, status) => {
    const res = await fetch(`${host.url}/api/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: '{}',
    });
    expect(res.status).toBe(status);
    expect((await errorOf(res)).code).toBe('UNAUTHORIZED');
  });

  it('refuses malformed JSON, unknown operations, other methods and foreign Host headers', async () => {
    const before = calls.length;
    expect((await post('echo', '{"unit": ')).status).toBe(400);
    expect((await post('nothing', '{}')).status).toBe(404);
    expect((await post('echo', '{}', { 'content-type': 'text/plain' })).status).toBe(415);
    const get = await fetch(`${host.url}/api/echo`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(get.status).toBe(405);
    expect(calls.length).toBe(before);
  });

  it('refuses a request whose Host is not this machine (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path: '/api/echo', method: 'POST',
          headers: { host: `evil.example:${host.port}`, authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } },
        (res) => { res.resume(); resolve(res.statusCode ?? 0); },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('trades the token in the address for a cookie and serves the renderer with a CSP', async () => {
    expect((await fetch(`${host.url}/`)).status).toBe(401);
    const first = await fetch(host.openUrl, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`/#token=${TOKEN}`);
    const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
    expect(first.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    const page = await fetch(`${host.url}/batches/1`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('互助保障工作台');
    const asset = await fetch(`${host.url}/assets/app.js`, { headers: { cookie } });
    expect(asset.headers.get('content-type')).toContain('javascript');
    const escape = await fetch(`${host.url}/assets/..%2F..%2Fhuzhu-secret.txt`, { headers: { cookie } });
    expect(escape.status).toBe(404);
    // A reload has no token in the address any more: the cookie carries the session to the API too.
    const call = await fetch(`${host.url}/api/echo`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(call.status).toBe(200);
    const forged = await fetch(`${host.url}/api/echo`, { method: 'POST', headers: { cookie: 'huzhu_token=guessed-token-value', 'content-type': 'application/json' }, body: '{}' });
    expect(forged.status).toBe(401);
  });

  it('streams events to a subscriber with the token', async () => {
    const controller = new AbortController();
    const res = await fetch(`${host.url}/api/events`, {
      headers: { authorization: `Bearer ${TOKEN}` },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    await reader.read(); // the ': connected' comment
    for (const l of listeners) l({ type: 'import.progress', rowsRead: 500 } as { type: string });
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain('event: import.progress\ndata: {"type":"import.progress","rowsRead":500}');
    controller.abort();
  });
});

describe('an oversized request body', () => {
  const LIMIT = 64 * 1024;
  const BIG = 8 * 1024 * 1024;
  const PIECE = 64 * 1024;
  let small: RunningHost;

  beforeAll(async () => {
    small = await startHttpHost({ dispatcher, token: TOKEN, maxBodyBytes: LIMIT });
  });

  afterAll(async () => {
    await small.close();
  });

  /** `bytes` of body as the browser sends it: a buffer (its length declared) or a stream (chunked, no length). */
  function body(bytes: number, declared: boolean): { body: BodyInit; duplex?: 'half' } {
    if (declared) return { body: Buffer.alloc(bytes, 0x20) };
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= bytes) return controller.close();
        controller.enqueue(new Uint8Array(Math.min(PIECE, bytes - sent)).fill(0x20));
        sent += PIECE;
      },
    });
    return { body: stream, duplex: 'half' };
  }

  const postTo = (bytes: number, declared: boolean) =>
    fetch(`${small.url}/api/echo`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, ...body(bytes, declared) } as RequestInit);

  it.each([
    ['declared in Content-Length', true],
    ['sent chunked, without a length', false],
  ])('%s is answered 413 with a Chinese reason, not a reset', async (_how, declared) => {
    const calledBefore = calls.length;
    const res = await postTo(BIG, declared);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'BODY_TOO_LARGE', message: expect.stringContaining('请求内容超过') } });
    expect(calls.length).toBe(calledBefore);
  });

  it('leaves the host answering: a body within the limit is dispatched after one refused', async () => {
    expect((await postTo(LIMIT + 1, false)).status).toBe(413);
    const res = await fetch(`${small.url}/api/echo`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ a: 'x'.repeat(LIMIT - 100) }) });
    expect(res.status).toBe(200);
  });

  it('takes the largest file the API accepts by default', () => {
    expect(DEFAULT_MAX_BODY_BYTES).toBeGreaterThan(Math.ceil(MAX_FILE_BYTES / 3) * 4);
  });
});
