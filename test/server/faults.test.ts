import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../shared/wire';
import { createServer } from '../../server/createServer';
import { ADMIN_TOKEN, call, countRows, registerUnit, residentId, shanghaiCentral, shanghaiRow, startTestServer, type TestServer } from './serverFixtures';

let t: TestServer;
let unit: Awaited<ReturnType<typeof registerUnit>>;
let n = 0;

beforeAll(async () => {
  t = await startTestServer({ faults: true });
  unit = await registerUnit(t.url, '故障测试单位', '故障经办');
});
afterAll(() => t.close());

const batchesOf = (clientBatchId: string) => countRows(t.server, 'SELECT COUNT(*)::int AS n FROM batches WHERE client_batch_id = $1', [clientBatchId]);

function submission() {
  n += 1;
  const clientBatchId = `fault-${n}`;
  return { clientBatchId, key: `fault-key-${n}-0000`, body: shanghaiCentral(clientBatchId, [shanghaiRow(residentId('19850615', String(100 + n)))]) };
}

const submit = (s: ReturnType<typeof submission>, signal?: AbortSignal) =>
  call(t.url, ROUTES.submitBatch, { token: unit.token, key: s.key, body: s.body, ...(signal ? { signal } : {}) });

describe('the test switch', () => {
  it('drops the connection after committing; the retry with the same key gets the stored result and no duplicate', async () => {
    const s = submission();
    t.server.faults.dropAfterCommit({ route: ROUTES.submitBatch, times: 1 });
    await expect(submit(s)).rejects.toThrow();
    expect(await batchesOf(s.clientBatchId)).toBe(1);
    const retry = await submit(s);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotency-replayed')).toBe('true');
    expect(retry.body.batchId).toBe(s.clientBatchId);
    expect(await batchesOf(s.clientBatchId)).toBe(1);
  });

  it('answers 500 before doing anything, for as many requests as asked', async () => {
    const s = submission();
    t.server.faults.fail500({ route: ROUTES.submitBatch, times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await submit(s);
      expect(res.status).toBe(500);
      expect(res.body.code).toBe('injectedFault');
      expect(await batchesOf(s.clientBatchId)).toBe(0);
    }
    const ok = await submit(s);
    expect(ok.status).toBe(201);
    expect(ok.headers.get('idempotency-replayed')).toBeNull();
  });

  it('answers late: a client that gives up has still had its action applied', async () => {
    const s = submission();
    t.server.faults.delay({ route: ROUTES.submitBatch, ms: 300 });
    const controller = new AbortController();
    const pending = submit(s, controller.signal);
    // Committed before the (delayed) answer: wait for the row, then give up on the response.
    for (let i = 0; i < 100 && await batchesOf(s.clientBatchId) === 0; i++) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect(await batchesOf(s.clientBatchId)).toBe(1);
    const retry = await submit(s);
    expect(retry.headers.get('idempotency-replayed')).toBe('true');
  });

  it('still answers in full after a delay when the client waits', async () => {
    const s = submission();
    t.server.faults.delay({ route: ROUTES.submitBatch, ms: 20 });
    const res = await submit(s);
    expect(res.status).toBe(201);
    expect(res.body.batchId).toBe(s.clientBatchId);
  });

  it('sends a truncated body after committing: reading it fails, the retry replays', async () => {
    const s = submission();
    t.server.faults.truncateBody({ route: ROUTES.submitBatch });
    await expect(submit(s)).rejects.toThrow();
    expect(await batchesOf(s.clientBatchId)).toBe(1);
    expect((await submit(s)).headers.get('idempotency-replayed')).toBe('true');
  });

  it('sends malformed JSON after committing', async () => {
    const s = submission();
    t.server.faults.malformedJson({ route: ROUTES.submitBatch });
    const res = await submit(s);
    expect(res.status).toBe(201);
    expect(() => JSON.parse(res.text)).toThrow();
    expect(await batchesOf(s.clientBatchId)).toBe(1);
    const retry = await submit(s);
    expect(retry.body.batchId).toBe(s.clientBatchId);
  });

  it('matches only the route it names, and a concrete path as well as a pattern', async () => {
    t.server.faults.fail500({ route: ROUTES.withdrawBatch });
    expect((await call(t.url, ROUTES.batches, { token: unit.token })).status).toBe(200);
    expect(t.server.faults.pending()).toHaveLength(1);
    t.server.faults.clear();
    t.server.faults.fail500({ route: 'GET /v1/account' });
    expect((await call(t.url, ROUTES.account, { token: unit.token })).status).toBe(500);
    expect((await call(t.url, ROUTES.account, { token: unit.token })).status).toBe(200);
  });

  it('is off unless asked for when the server is created', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huzhu-nofault-'));
    const plain = await createServer({ dataDir: dir, adminToken: ADMIN_TOKEN });
    try {
      expect(plain.faults.enabled).toBe(false);
      expect(() => plain.faults.dropAfterCommit({ route: ROUTES.submitBatch })).toThrow('故障注入未启用');
    } finally {
      await plain.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
