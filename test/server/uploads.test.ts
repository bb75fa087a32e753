import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chunkSpan,
  encodeRosterNdjson,
  MAX_CHUNK_BYTES,
  MAX_PENDING_UPLOAD_BYTES,
  MAX_PENDING_UPLOADS,
  MAX_UPLOAD_BYTES,
  missingChunks,
  ROUTES,
  uploadStatusSchema,
  type UploadStatus,
} from '../../shared/wire';
import { call, personName, registerUnit, residentIds, shanghaiCentral, shanghaiRow, startTestServer, type TestServer } from './serverFixtures';

let t: TestServer;
let unit: Awaited<ReturnType<typeof registerUnit>>;

beforeAll(async () => {
  t = await startTestServer({ faults: true });
  unit = await registerUnit(t.url, '大型企业工会', '冯经办');
});
afterAll(() => t.close());

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function openUpload(bytes: Buffer, chunkBytes: number, declaredSha = sha256(bytes)): Promise<UploadStatus> {
  const res = await call(t.url, ROUTES.createUpload, { token: unit.token, key: true, body: { totalBytes: bytes.length, sha256: declaredSha, chunkBytes } });
  expect(res.status).toBe(201);
  return uploadStatusSchema.parse(res.body);
}

function putChunk(status: UploadStatus, bytes: Buffer, index: number) {
  const { start, end } = chunkSpan(index, status.totalBytes, status.chunkBytes);
  return call(t.url, ROUTES.putChunk, { token: unit.token, params: { uploadId: status.uploadId, index }, raw: bytes.subarray(start, end) });
}

describe('a 100,000-person roster through a chunked upload that survives a dropped connection', () => {
  const rows = residentIds(100_000).map((id, i) => shanghaiRow(id, personName(i), {}, `r${i + 1}`));
  const bytes = Buffer.from(encodeRosterNdjson(rows), 'utf8');
  let status: UploadStatus;

  it('takes half the chunks, loses the connection on one of them, and says what it has', async () => {
    status = await openUpload(bytes, 1024 * 1024);
    expect(status.totalChunks).toBe(Math.ceil(bytes.length / (1024 * 1024)));
    const half = Math.floor(status.totalChunks / 2);
    for (let i = 0; i < half - 1; i++) expect((await putChunk(status, bytes, i)).status).toBe(200);
    // The last chunk before the break arrives and is stored, but the connection drops before the answer.
    t.server.faults.dropAfterCommit({ route: ROUTES.putChunk });
    await expect(putChunk(status, bytes, half - 1)).rejects.toThrow();

    const now = uploadStatusSchema.parse((await call(t.url, ROUTES.upload, { token: unit.token, params: { uploadId: status.uploadId } })).body);
    expect(now.state).toBe('open');
    expect(now.receivedChunks).toEqual([...Array(half).keys()]);
    expect(missingChunks(now)).toEqual([...Array(status.totalChunks).keys()].slice(half));
    status = now;
  });

  it('refuses completion while chunks are missing', async () => {
    const res = await call(t.url, ROUTES.completeUpload, { token: unit.token, params: { uploadId: status.uploadId } });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('uploadIncomplete');
  });

  it('resumes with the missing chunks only (a resent chunk is harmless), completes and verifies the sha256', async () => {
    expect((await putChunk(status, bytes, 0)).status).toBe(200);
    for (const i of missingChunks(status)) expect((await putChunk(status, bytes, i)).status).toBe(200);
    // A JSON content type with an empty body is taken as no body.
    const done = await call(t.url, ROUTES.completeUpload, { token: unit.token, params: { uploadId: status.uploadId }, headers: { 'content-type': 'application/json' } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: 'complete', rowCount: 100_000, receivedBytes: bytes.length });
  });

  it('submits the batch from the upload, once', async () => {
    const body = shanghaiCentral('big-1', [], { roster: { uploadId: status.uploadId } });
    const res = await call(t.url, ROUTES.submitBatch, { token: unit.token, key: true, body });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'underReview', counts: { submitted: 100_000, enrolled: 100_000, rejected: 0 }, payableFen: 100_000 * 18000 });
    const reuse = await call(t.url, ROUTES.submitBatch, { token: unit.token, key: true, body: shanghaiCentral('big-2', [], { roster: { uploadId: status.uploadId } }) });
    expect(reuse.status).toBe(409);
    expect(reuse.body.code).toBe('uploadAlreadyUsed');
  });
});

describe('chunk and file checks', () => {
  const rows = residentIds(3000, 1970).map((id) => shanghaiRow(id));
  const bytes = Buffer.from(encodeRosterNdjson(rows), 'utf8');

  it('refuses the whole file when its sha256 is not the one declared, and the session stays failed', async () => {
    const wrong = await openUpload(bytes, 64 * 1024, sha256(Buffer.from('something else')));
    for (let i = 0; i < wrong.totalChunks; i++) expect((await putChunk(wrong, bytes, i)).status).toBe(200);
    const res = await call(t.url, ROUTES.completeUpload, { token: unit.token, params: { uploadId: wrong.uploadId } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('sha256Mismatch');
    const after = await call(t.url, ROUTES.upload, { token: unit.token, params: { uploadId: wrong.uploadId } });
    expect(after.body).toMatchObject({ state: 'failed', error: { code: 'sha256Mismatch' } });
    const submit = await call(t.url, ROUTES.submitBatch, { token: unit.token, key: true, body: shanghaiCentral('from-failed', [], { roster: { uploadId: wrong.uploadId } }) });
    expect(submit.status).toBe(422);
    expect(submit.body.code).toBe('uploadNotReady');
  });

  it('refuses other bytes for a stored chunk (409), a wrong size, an index out of range and a wrong chunk digest', async () => {
    const s = await openUpload(bytes, 64 * 1024);
    expect((await putChunk(s, bytes, 0)).status).toBe(200);
    const other = Buffer.from(bytes.subarray(0, 64 * 1024));
    other[0] = other[0]! ^ 1;
    const conflict = await call(t.url, ROUTES.putChunk, { token: unit.token, params: { uploadId: s.uploadId, index: 0 }, raw: other });
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('chunkConflict');
    const short = await call(t.url, ROUTES.putChunk, { token: unit.token, params: { uploadId: s.uploadId, index: 1 }, raw: bytes.subarray(0, 10) });
    expect(short.body.code).toBe('chunkSizeWrong');
    const outside = await call(t.url, ROUTES.putChunk, { token: unit.token, params: { uploadId: s.uploadId, index: s.totalChunks }, raw: bytes.subarray(0, 10) });
    expect(outside.body.code).toBe('chunkIndexOutOfRange');
    const { start, end } = chunkSpan(1, s.totalBytes, s.chunkBytes);
    const digest = await call(t.url, ROUTES.putChunk, {
      token: unit.token,
      params: { uploadId: s.uploadId, index: 1 },
      raw: bytes.subarray(start, end),
      headers: { 'x-chunk-sha256': sha256(Buffer.from('x')) },
    });
    expect(digest.status).toBe(422);
    expect(digest.body.code).toBe('chunkSha256Mismatch');
    expect((await call(t.url, ROUTES.upload, { token: unit.token, params: { uploadId: s.uploadId } })).body.receivedChunks).toEqual([0]);
  });

  it('refuses a file whose rows are not roster rows', async () => {
    const bad = Buffer.from('{"values":{"name":"甲"}}\nnot json\n', 'utf8');
    const s = await openUpload(bad, 64 * 1024);
    expect((await putChunk(s, bad, 0)).status).toBe(200);
    const res = await call(t.url, ROUTES.completeUpload, { token: unit.token, params: { uploadId: s.uploadId } });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'rosterInvalid', message: '名单第 2 行不是有效的 JSON' });
  });

  it('answers 410 for an expired session', async () => {
    const s = await openUpload(bytes, 64 * 1024);
    t.clock.advance(49 * 3600_000);
    try {
      const login = await call(t.url, ROUTES.login, { body: { account: unit.phone, password: unit.password } });
      const res = await call(t.url, ROUTES.putChunk, { token: login.body.token, params: { uploadId: s.uploadId, index: 0 }, raw: bytes.subarray(0, 64 * 1024) });
      expect(res.status).toBe(410);
      expect(res.body.code).toBe('uploadExpired');
      unit.token = login.body.token;
    } finally {
      t.clock.set('2020-04-15T02:00:00Z');
    }
  });
});

describe('each unit’s pending uploads', () => {
  it('are limited in number: one more is refused with 429 and Retry-After until some expire or are used', async () => {
    const busy = await registerUnit(t.url, '上传过多的单位', '褚经办');
    const body = { totalBytes: 1000, sha256: sha256(Buffer.alloc(1000)), chunkBytes: 64 * 1024 };
    for (let i = 0; i < MAX_PENDING_UPLOADS; i++) expect((await call(t.url, ROUTES.createUpload, { token: busy.token, key: true, body })).status).toBe(201);
    const refused = await call(t.url, ROUTES.createUpload, { token: busy.token, key: true, body });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('uploadQuotaExceeded');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another unit is not held back by this one.
    expect((await call(t.url, ROUTES.createUpload, { token: unit.token, key: true, body })).status).toBe(201);

    t.clock.advance(49 * 3600_000);
    try {
      const login = await call(t.url, ROUTES.login, { body: { account: busy.phone, password: busy.password } });
      expect((await call(t.url, ROUTES.createUpload, { token: login.body.token, key: true, body })).status).toBe(201);
    } finally {
      t.clock.set('2020-04-15T02:00:00Z');
    }
  });

  it('are limited in bytes', async () => {
    const big = await registerUnit(t.url, '上传很大的单位', '卫经办');
    const body = (totalBytes: number) => ({ totalBytes, sha256: sha256(Buffer.alloc(1)), chunkBytes: MAX_CHUNK_BYTES });
    expect((await call(t.url, ROUTES.createUpload, { token: big.token, key: true, body: body(MAX_UPLOAD_BYTES) })).status).toBe(201);
    expect((await call(t.url, ROUTES.createUpload, { token: big.token, key: true, body: body(MAX_PENDING_UPLOAD_BYTES - MAX_UPLOAD_BYTES) })).status).toBe(201);
    const refused = await call(t.url, ROUTES.createUpload, { token: big.token, key: true, body: body(1) });
    expect(refused.body.code).toBe('uploadQuotaExceeded');
  });
});
