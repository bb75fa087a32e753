import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeRosterNdjson, ROUTES } from '../../shared/wire';
import { adminCall, call, countRows, PNG_BYTES, registerUnit, residentId, shanghaiCentral, shanghaiRow, startTestServer, type TestServer } from './serverFixtures';

let t: TestServer;
let a: Awaited<ReturnType<typeof registerUnit>>;
let b: Awaited<ReturnType<typeof registerUnit>>;
let uploadId: string;
let claimId: string;
let aServerBatchId: string;
const chunk = Buffer.from(encodeRosterNdjson([shanghaiRow(residentId('19850615', '123'))]), 'utf8');

const snapshot = async () => ({
  batch: (await call(t.url, ROUTES.batch, { token: a.token, params: { batchId: 'a-only' } })).text,
  upload: (await call(t.url, ROUTES.upload, { token: a.token, params: { uploadId } })).text,
  claim: (await call(t.url, ROUTES.claim, { token: a.token, params: { claimId } })).text,
  feed: (await call(t.url, ROUTES.changes, { token: a.token })).text,
  batches: await countRows(t.server, 'SELECT COUNT(*)::int AS n FROM batches'),
});

beforeAll(async () => {
  t = await startTestServer();
  a = await registerUnit(t.url, '甲单位', '甲经办');
  b = await registerUnit(t.url, '乙单位', '乙经办');
  const submitted = await call(t.url, ROUTES.submitBatch, { token: a.token, key: true, body: shanghaiCentral('a-only', [shanghaiRow(residentId('19900228', '122'))]) });
  aServerBatchId = submitted.body.serverBatchId;
  await adminCall(t.url, ROUTES.adminApprove, { batchId: aServerBatchId });
  const upload = await call(t.url, ROUTES.createUpload, {
    token: a.token,
    key: true,
    body: { totalBytes: chunk.length, sha256: createHash('sha256').update(chunk).digest('hex'), chunkBytes: 64 * 1024 },
  });
  uploadId = upload.body.uploadId;
  const claim = await adminCall(t.url, ROUTES.adminAddClaim, { unitId: a.unitId }, {
    claimNumber: 'LP-ISO-1', personName: '王小明', docNumber: residentId('19900228', '122'), planName: '住院基本保障',
    eventDate: '2020-05-01', reportedOn: '2020-05-10', claimedFen: 100000, status: 'reported',
  });
  claimId = claim.body.claimId;
});
afterAll(() => t.close());

function supplement() {
  const { enrollmentType: _type, ...rest } = shanghaiCentral('b-supp', [shanghaiRow(residentId('19880101', '133'))]);
  return rest;
}

describe('a unit never reaches another unit’s data', () => {
  const proof = { payer: '乙单位', amountFen: 18000, proof: { name: 'v.png', base64: PNG_BYTES.toString('base64') } };
  const routes: [string, string, () => Record<string, string | number>, unknown?, ('json' | 'raw')?][] = [
    ['batch', ROUTES.batch, () => ({ batchId: 'a-only' })],
    ['its persons', ROUTES.batchPersons, () => ({ batchId: 'a-only' })],
    ['withdrawal', ROUTES.withdrawBatch, () => ({ batchId: 'a-only' }), { reason: '试探' }],
    ['payment proof', ROUTES.uploadPaymentProof, () => ({ batchId: 'a-only' }), proof],
    ['invoice request', ROUTES.requestInvoices, () => ({ batchId: 'a-only' }), { invoices: [{ title: '乙单位', amountFen: 100 }] }],
    ['supplementary enrollment', ROUTES.submitSupplementary, () => ({ batchId: 'a-only' }), supplement()],
    ['upload status', ROUTES.upload, () => ({ uploadId })],
    ['upload chunk', ROUTES.putChunk, () => ({ uploadId, index: 0 }), chunk, 'raw'],
    ['upload completion', ROUTES.completeUpload, () => ({ uploadId })],
    ['claim', ROUTES.claim, () => ({ claimId })],
  ];

  it.each(routes)('answers 404 for the %s, exactly as for a made-up id, and changes nothing', async (_what, route, paramsOf, body, kind = 'json') => {
    const before = await snapshot();
    const params = paramsOf();
    const send = (p: Record<string, string | number>) =>
      call(t.url, route, {
        token: b.token,
        params: p,
        ...(route.startsWith('POST') ? { key: true } : {}),
        ...(kind === 'raw' ? { raw: body as Buffer } : body !== undefined ? { body: JSON.parse(JSON.stringify(body)) } : {}),
      });
    const theirs = await send(params);
    const madeUp = await send(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' ? v : 'no-such-id'])));
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(madeUp.body);
    expect(await snapshot()).toEqual(before);
  });

  it('does not let a submission use another unit’s upload, and says no more than for a missing one', async () => {
    const res = await call(t.url, ROUTES.submitBatch, { token: b.token, key: true, body: shanghaiCentral('b-steal', [], { roster: { uploadId } }) });
    const missing = await call(t.url, ROUTES.submitBatch, { token: b.token, key: true, body: shanghaiCentral('b-steal', [], { roster: { uploadId: 'no-such-upload' } }) });
    expect(res.status).toBe(422);
    expect(res.body).toEqual(missing.body);
  });

  it('keeps client batch ids per unit: the same id names each unit’s own batch', async () => {
    const before = await snapshot();
    const own = await call(t.url, ROUTES.submitBatch, { token: b.token, key: true, body: shanghaiCentral('a-only', [shanghaiRow(residentId('19870303', '144'))]) });
    expect(own.status).toBe(201);
    expect(own.body.serverBatchId).not.toBe(aServerBatchId);
    const after = await snapshot();
    expect(after.batch).toBe(before.batch);
    expect(after.batches).toBe(before.batches + 1);
  });

  it('lists only the unit’s own batches, claims and changes', async () => {
    const batches = await call(t.url, ROUTES.batches, { token: b.token });
    expect(batches.body.batches.map((x: { serverBatchId: string }) => x.serverBatchId)).not.toContain(aServerBatchId);
    const claims = await call(t.url, ROUTES.claims, { token: b.token });
    expect(claims.body).toEqual({ total: 0, offset: 0, claims: [] });
    const feed = await call(t.url, ROUTES.changes, { token: b.token });
    expect(feed.body.changes.length).toBeGreaterThan(0);
    expect(feed.body.changes.map((c: { serverBatchId?: string }) => c.serverBatchId)).not.toContain(aServerBatchId);
  });
});
