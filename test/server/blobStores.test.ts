import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeRosterNdjson, MIN_CHUNK_BYTES, ROUTES, WIRE_HEADERS } from '../../shared/wire';
import type { BlobStore } from '../../server/blobs/blobStore';
import { FsBlobStore } from '../../server/blobs/fsBlobStore';
import type { BlobSettings } from '../../server/blobs/openBlobStore';
import { S3BlobStore, type S3Settings } from '../../server/blobs/s3BlobStore';
import {
  call,
  databaseText,
  personName,
  PNG_BYTES,
  registerUnit,
  residentIds,
  shanghaiCentral,
  shanghaiRow,
  startTestServer,
  type TestServer,
} from './serverFixtures';

const BUCKET = 'huzhu-test';
let dir: string;
let s3: S3rver;
let s3Settings: S3Settings;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'huzhu-blobs-'));
  s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(dir, 's3'), configureBuckets: [{ name: BUCKET }] });
  const { port } = await s3.run();
  s3Settings = { endpoint: `http://127.0.0.1:${port}`, region: 'cn-north-1', bucket: BUCKET, prefix: 'server/', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
});
afterAll(async () => {
  await s3.close();
  rmSync(dir, { recursive: true, force: true });
});

const stores: [string, () => BlobStore][] = [
  ['the file-system store', () => new FsBlobStore(join(dir, 'fs'))],
  ['the S3-compatible store', () => new S3BlobStore(s3Settings)],
];

describe.each(stores)('%s', (_name, open) => {
  it('keeps, returns, streams and deletes bytes by key', async () => {
    const store = open();
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_v, i) => i % 251));
    await store.put('uploads/u-1/0-abc', bytes);
    expect((await store.get('uploads/u-1/0-abc')).equals(bytes)).toBe(true);
    const parts: Buffer[] = [];
    for await (const part of await store.stream('uploads/u-1/0-abc')) parts.push(part as Buffer);
    expect(Buffer.concat(parts).equals(bytes)).toBe(true);
    await store.delete(['uploads/u-1/0-abc', 'uploads/u-1/never-written']);
    await expect(store.get('uploads/u-1/0-abc')).rejects.toThrow();
  });

  it('refuses a key that could leave its folder', async () => {
    await expect(open().put('../escape', Buffer.from('x'))).rejects.toThrow('文件键不正确');
  });
});

describe('the file-system store', () => {
  it('writes each file 0600', async () => {
    const store = new FsBlobStore(join(dir, 'modes'));
    await store.put('vouchers/b-1/p-1', PNG_BYTES);
    expect(statSync(join(dir, 'modes', 'vouchers', 'b-1', 'p-1')).mode & 0o777).toBe(0o600);
  });
});

describe.each<[string, () => BlobSettings]>([
  ['files', () => ({ kind: 'fs' })],
  ['an S3 bucket', () => ({ kind: 's3', ...s3Settings, prefix: 'server-run/' })],
])('a server keeping its files in %s', (_name, settings) => {
  let t: TestServer;
  let unit: Awaited<ReturnType<typeof registerUnit>>;
  beforeAll(async () => {
    t = await startTestServer({ blobs: settings() });
    unit = await registerUnit(t.url, '文件存储单位');
  });
  afterAll(() => t.close());

  it('takes a chunked roster, keeps none of its bytes in the database, submits from it, and removes its chunks once used', async () => {
    const ndjson = Buffer.from(encodeRosterNdjson(residentIds(2000, 1983).map((id, i) => shanghaiRow(id, personName(i)))), 'utf8');
    const chunkBytes = MIN_CHUNK_BYTES;
    const sha256 = createHash('sha256').update(ndjson).digest('hex');
    const created = await call(t.url, ROUTES.createUpload, { token: unit.token, key: true, body: { totalBytes: ndjson.length, sha256, chunkBytes } });
    expect(created.status).toBe(201);
    const uploadId: string = created.body.uploadId;
    for (let i = 0; i * chunkBytes < ndjson.length; i++) {
      const chunk = ndjson.subarray(i * chunkBytes, (i + 1) * chunkBytes);
      const put = await call(t.url, ROUTES.putChunk, {
        token: unit.token,
        params: { uploadId, index: i },
        raw: chunk,
        headers: { [WIRE_HEADERS.chunkSha256]: createHash('sha256').update(chunk).digest('hex') },
      });
      expect(put.status).toBe(200);
    }
    const done = await call(t.url, ROUTES.completeUpload, { token: unit.token, params: { uploadId } });
    expect(done.body).toMatchObject({ state: 'complete', rowCount: 2000 });

    const submitted = await call(t.url, ROUTES.submitBatch, { token: unit.token, key: true, body: shanghaiCentral('blob-batch', [], { roster: { uploadId } }) });
    expect(submitted.status).toBe(201);
    expect(submitted.body.counts.enrolled).toBe(2000);

    const text = await databaseText(t.server);
    expect(text).not.toContain(ndjson.subarray(0, 60).toString('utf8'));

    // Used: its chunks go with the next clean-up, rows and files.
    const report = await t.server.runCleanup();
    expect(report.uploadChunksPurged).toBe(Math.ceil(ndjson.length / chunkBytes));
    const firstChunk = createHash('sha256').update(ndjson.subarray(0, chunkBytes)).digest('hex');
    await expect(t.server.context.blobs.get(`uploads/${uploadId}/0-${firstChunk}`)).rejects.toThrow();
  });
});
