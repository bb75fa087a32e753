/**
 * Syncing a 100,000-person submission over loopback through the sync engine (rows read from
 * the client store, NDJSON built and hashed, chunked upload with its progress saved after
 * every chunk, the submission, the change feed pulled and applied), against the floor: the
 * same protocol requests with the same bytes prepared in advance, each posted once with
 * plain `fetch` (create the upload, put every chunk, complete it, submit). The server's own
 * work (storing chunks, checking 100,000 rows) is in both.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chunkCount, chunkSpan, DEFAULT_CHUNK_BYTES, encodeRosterNdjson, ROUTES, routePath } from '../../shared/wire';
import { ADMIN_TOKEN, call, registerUnit, shanghaiCentral, SHANGHAI_CENTRAL_DAY, testClock } from '../server/serverFixtures';
import { createServer } from '../../server/createServer';
import { openClient, queueBatch, registeredUnit, shanghaiRows } from '../electron/core/sync/syncFixtures';

const PERSONS = 100_000;

async function rawPost(url: string, token: string): Promise<number> {
  const rows = shanghaiRows(PERSONS).map((r, i) => ({ ...r, rowId: `raw-${i + 1}`, sourceRow: i + 2 }));
  const bytes = Buffer.from(encodeRosterNdjson(rows), 'utf8');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const chunks = chunkCount(bytes.length, DEFAULT_CHUNK_BYTES);
  const { roster: _inline, ...header } = shanghaiCentral('raw-baseline', []);
  const start = performance.now();
  const opened = await call(url, ROUTES.createUpload, { token, key: 'raw-upload-key-1', body: { totalBytes: bytes.length, sha256, chunkBytes: DEFAULT_CHUNK_BYTES } });
  if (opened.status !== 201) throw new Error(`upload ${opened.status}`);
  const uploadId = opened.body.uploadId as string;
  for (let i = 0; i < chunks; i++) {
    const { start: from, end } = chunkSpan(i, bytes.length, DEFAULT_CHUNK_BYTES);
    const res = await fetch(`${url}${routePath(ROUTES.putChunk, { uploadId, index: i })}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(bytes.subarray(from, end)),
    });
    if (res.status !== 200) throw new Error(`chunk ${i}: ${res.status}`);
    await res.arrayBuffer();
  }
  const done = await call(url, ROUTES.completeUpload, { token, params: { uploadId } });
  if (done.status !== 200) throw new Error(`complete ${done.status}`);
  const submitted = await call(url, ROUTES.submitBatch, { token, key: 'raw-submit-key-1', body: { ...header, roster: { uploadId } } });
  if (submitted.status !== 201) throw new Error(`submit ${submitted.status} ${submitted.text}`);
  return performance.now() - start;
}

/** A fresh server for each measurement, so both meet the same (empty) database. */
async function withServer<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'huzhu-bench-sync-'));
  const server = await createServer({ dataDir: dir, adminToken: ADMIN_TOKEN, clock: testClock(SHANGHAI_CENTRAL_DAY), tokenTtlMs: 24 * 3600_000 });
  try {
    return await fn(await server.listen({ port: 0, host: '127.0.0.1' }));
  } finally {
    // A spare keep-alive connection of fetch's pool would otherwise hold the close up.
    server.app.server.closeAllConnections();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function rawRound(): Promise<number> {
  return withServer(async (url) => rawPost(url, (await registerUnit(url, '基准测试直传单位')).token));
}

async function syncRound(): Promise<{ ms: number; chunks: number }> {
  return withServer(async (url) => {
    const client = openClient(url, { log: () => undefined });
    try {
      const { unitId } = await registeredUnit(client, url, '基准测试同步单位');
      const batch = queueBatch(client.store, unitId, shanghaiRows(PERSONS));
      const start = performance.now();
      const report = await client.engine.runOnce();
      const ms = performance.now() - start;
      if (report.done !== 1 || client.store.batches.require(batch.id).state !== 'underReview') {
        throw new Error(`sync did not finish: ${JSON.stringify(report)}`);
      }
      return { ms, chunks: report.chunksSent };
    } finally {
      await client.close();
    }
  });
}

const ROUNDS = 2;

export default async function run(): Promise<void> {
  const raw: number[] = [];
  const sync: number[] = [];
  let chunks = 0;
  // Alternating rounds, best of each: neither side gets only the warmed-up process.
  for (let i = 0; i < ROUNDS; i++) {
    raw.push(await rawRound());
    const s = await syncRound();
    sync.push(s.ms);
    chunks = s.chunks;
  }
  const syncMs = Math.min(...sync);
  const rawMs = Math.min(...raw);
  console.log(`bench sync-100k: sync_ms=${Math.round(syncMs)} raw_ms=${Math.round(rawMs)} ratio=${(syncMs / rawMs).toFixed(3)} persons=${PERSONS} chunks=${chunks}`);
}
