/**
 * POST /v1/payments (recordPayment): one transfer with one voucher for several batches of a
 * unit, each batch given its payable and the rest refunded; refusals change nothing; a retry
 * with the same key is answered from the store; staff confirm each batch's share. And 提前开票
 * with the signed commitment where the scheme offers it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentRecordViewSchema, ROUTES } from '../../shared/wire';
import { adminCall, call, changesOf, PNG_BYTES, registerUnit, residentId, shanghaiCentral, shanghaiRow, startTestServer, type TestServer } from './serverFixtures';

let t: TestServer;
let unit: Awaited<ReturnType<typeof registerUnit>>;
let other: Awaited<ReturnType<typeof registerUnit>>;
const serverIds: Record<string, string> = {};
const payable: Record<string, number> = {};

const proof = { name: '合并底单.png', base64: PNG_BYTES.toString('base64') };
const refund = (amountFen: number) => ({ accountName: '合并缴费单位', accountNumber: '6222021001115224', bank: '工商银行', amountFen, accountType: '对公', method: '原路退回' });

async function approved(token: string, clientBatchId: string, ids: string[]): Promise<void> {
  const res = await call(t.url, ROUTES.submitBatch, { token, key: true, body: shanghaiCentral(clientBatchId, ids.map((id, i) => shanghaiRow(id, `人员${'甲乙丙丁戊'[i]}`))) });
  expect(res.status).toBe(201);
  serverIds[clientBatchId] = res.body.serverBatchId;
  expect((await adminCall(t.url, ROUTES.adminApprove, { batchId: res.body.serverBatchId })).body.state).toBe('awaitingPayment');
  payable[clientBatchId] = res.body.payableFen;
}

beforeAll(async () => {
  t = await startTestServer();
  unit = await registerUnit(t.url, '合并缴费单位');
  other = await registerUnit(t.url, '别的单位');
  await approved(unit.token, 'pay-a', [residentId('19850615', '123'), residentId('19900228', '122')]);
  await approved(unit.token, 'pay-b', [residentId('19780301', '131')]);
  await approved(unit.token, 'pay-c', [residentId('19800101', '151')]);
  await approved(other.token, 'pay-x', [residentId('19810101', '161')]);
  // Still under review: not payable yet.
  const review = await call(t.url, ROUTES.submitBatch, { token: unit.token, key: true, body: shanghaiCentral('pay-review', [shanghaiRow(residentId('19820101', '171'))]) });
  expect(review.status).toBe(201);
});
afterAll(() => t.close());

const pay = (body: Record<string, unknown>, key: string | true = true, token = unit.token) => call(t.url, ROUTES.recordPayment, { token, key, body: { payer: '合并缴费单位', proof, ...body } });

describe('one transfer for several batches', () => {
  it.each([
    ['a batch of another unit (answered as missing)', () => ({ batchIds: ['pay-a', 'pay-x'], amountFen: payable['pay-a']! + payable['pay-x']! }), 404, 'notFound'],
    ['a batch still under review', () => ({ batchIds: ['pay-a', 'pay-review'], amountFen: payable['pay-a']! * 2 }), 409, 'illegalTransition'],
    ['the same batch twice', () => ({ batchIds: ['pay-a', 'pay-a'], amountFen: payable['pay-a']! * 2 }), 422, 'validationFailed'],
    ['less than the batches together', () => ({ batchIds: ['pay-a', 'pay-b'], amountFen: payable['pay-a']! + payable['pay-b']! - 1 }), 422, 'paymentTooLow'],
    ['more without refund details', () => ({ batchIds: ['pay-a', 'pay-b'], amountFen: payable['pay-a']! + payable['pay-b']! + 500 }), 422, 'refundRequired'],
    ['a refund other than the difference', () => ({ batchIds: ['pay-a', 'pay-b'], amountFen: payable['pay-a']! + payable['pay-b']! + 500, refund: refund(400) }), 422, 'refundMismatch'],
    ['a program renamed .png', () => ({ batchIds: ['pay-a'], amountFen: payable['pay-a']!, proof: { name: '底单.png', base64: Buffer.from('MZ\x90\x00 this program').toString('base64') } }), 422, 'proofFileType'],
  ] as const)('refuses %s and changes nothing', async (_what, body, status, code) => {
    const res = await pay(body());
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    for (const id of ['pay-a', 'pay-b']) {
      const view = await call(t.url, ROUTES.batch, { token: unit.token, params: { batchId: id } });
      expect(view.body).toMatchObject({ state: 'awaitingPayment', payment: null });
    }
  });

  it('records one payment, each batch its payable, the rest refunded; a retry is replayed, not applied twice', async () => {
    const total = payable['pay-a']! + payable['pay-b']!;
    const body = { batchIds: ['pay-a', 'pay-b'], amountFen: total + 500, method: '转账', accountType: '在职', paidOn: '2020-04-14', refund: refund(500) };
    const res = await pay(body, 'pay-ab-key-1');
    expect(res.status).toBe(201);
    const view = paymentRecordViewSchema.parse(res.body);
    expect(view.allocations).toEqual([
      { batchId: 'pay-a', serverBatchId: serverIds['pay-a'], amountFen: payable['pay-a'] },
      { batchId: 'pay-b', serverBatchId: serverIds['pay-b'], amountFen: payable['pay-b'] },
    ]);
    expect(view.allocations.reduce((s, a) => s + a.amountFen, 0) + view.refund!.amountFen).toBe(view.amountFen);
    expect(view.batches.map((b) => b.state)).toEqual(['paymentProofUploaded', 'paymentProofUploaded']);
    expect(view).toMatchObject({ proofName: '合并底单.png', proofBytes: PNG_BYTES.length, accountType: '在职', refund: { amountFen: 500, accountType: '对公' } });

    const again = await pay(body, 'pay-ab-key-1');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(again.body.paymentId).toBe(view.paymentId);
    const b = await call(t.url, ROUTES.batch, { token: unit.token, params: { batchId: 'pay-b' } });
    expect(b.body.payment).toMatchObject({ paymentId: view.paymentId, amountFen: total + 500, allocatedFen: payable['pay-b'], allocations: view.allocations });
    expect(b.body.history.filter((h: { event: string }) => h.event === 'uploadPaymentProof')).toHaveLength(1);
    // Paid already: a second transfer for it is refused by the lifecycle.
    expect((await pay({ batchIds: ['pay-b', 'pay-c'], amountFen: payable['pay-b']! + payable['pay-c']! })).body.code).toBe('illegalTransition');
  });

  it('lets staff confirm each batch’s share, reported in the feed', async () => {
    const res = await adminCall(t.url, ROUTES.adminConfirmPayment, { batchId: serverIds['pay-a']! });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'paymentConfirmed', payment: { confirmedFen: payable['pay-a'], allocatedFen: payable['pay-a'] } });
    const feed = await changesOf(t.url, unit.token);
    expect(feed.changes.find((c) => c.kind === 'paymentConfirmed' && c.batchId === 'pay-a')).toMatchObject({ amountFen: payable['pay-a'] });
    const b = await adminCall(t.url, ROUTES.adminBatch, { batchId: serverIds['pay-b']! });
    expect(b.body.payment.confirmedFen).toBeUndefined();
  });
});

describe('提前开票 with the signed commitment', () => {
  it('is refused where the scheme offers no early invoicing', async () => {
    const res = await call(t.url, ROUTES.requestInvoices, {
      token: unit.token,
      key: true,
      params: { batchId: 'pay-c' },
      body: { invoices: [{ title: '合并缴费单位', amountFen: payable['pay-c'] }], earlyCommitment: { name: '承诺书.pdf', base64: Buffer.from('%PDF-1.4\n%').toString('base64') } },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('earlyInvoiceNotOffered');
  });
});
