import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../shared/wire';
import { adminCall, call, changesOf, databaseText, PNG_BYTES, registerUnit, residentId, shanghaiCentral, shanghaiRow, startTestServer, type TestServer } from './serverFixtures';

const PERSON_PHONE = '13812345678';
const BANK_CARD = '6222020200112233445';
const INVOICE_PHONE = '13987654321';
const PERSON = residentId('19860505', '171');

let t: TestServer;
let holder: Awaited<ReturnType<typeof registerUnit>>;
let other: Awaited<ReturnType<typeof registerUnit>>;

beforeAll(async () => {
  t = await startTestServer();
  holder = await registerUnit(t.url, '加密测试单位', '韩经办');
  other = await registerUnit(t.url, '另一加密单位', '杨经办');

  const submitted = await call(t.url, ROUTES.submitBatch, { token: holder.token, key: true, body: shanghaiCentral('sealed-1', [shanghaiRow(PERSON, '王小明', { phone: PERSON_PHONE })]) });
  expect(submitted.status).toBe(201);
  // The other unit hears who holds the person, with the holder's handler phone.
  expect((await call(t.url, ROUTES.submitBatch, { token: other.token, key: true, body: shanghaiCentral('sealed-2', [shanghaiRow(PERSON, '王小明')]) })).status).toBe(201);
  expect((await adminCall(t.url, ROUTES.adminApprove, { batchId: submitted.body.serverBatchId })).status).toBe(200);
  const refund = { accountName: '加密测试单位', accountNumber: BANK_CARD, bank: '工商银行', amountFen: 2000 };
  const proof = { name: '底单.png', base64: PNG_BYTES.toString('base64') };
  const paid = await call(t.url, ROUTES.uploadPaymentProof, {
    token: holder.token,
    key: true,
    params: { batchId: 'sealed-1' },
    body: { payer: '加密测试单位', amountFen: submitted.body.payableFen + 2000, proof, refund },
  });
  expect(paid.status).toBe(200);
  expect((await adminCall(t.url, ROUTES.adminConfirmPayment, { batchId: submitted.body.serverBatchId }, {})).status).toBe(200);
  const invoices = await call(t.url, ROUTES.requestInvoices, {
    token: holder.token,
    key: true,
    params: { batchId: 'sealed-1' },
    body: { invoices: [{ title: '加密测试单位', amountFen: submitted.body.payableFen, phone: INVOICE_PHONE }] },
  });
  expect(invoices.status).toBe(201);
});
afterAll(() => t.close());

describe('phones and bank cards in the server’s database', () => {
  it('are nowhere in plain text: not in units, batch contacts, rosters, refusals, refunds, invoices, feeds or stored answers', async () => {
    const text = await databaseText(t.server);
    expect(text).toContain('加密测试单位');
    const batchContactPhone = shanghaiCentral('any', []).contact!.phone;
    for (const secret of [holder.phone, other.phone, PERSON_PHONE, BANK_CARD, INVOICE_PHONE, batchContactPhone]) expect(text).not.toContain(secret);
  });

  it('still answer in full to those entitled to them', async () => {
    expect((await call(t.url, ROUTES.login, { body: { account: holder.phone, password: holder.password } })).status).toBe(200);
    const batch = await call(t.url, ROUTES.batch, { token: holder.token, params: { batchId: 'sealed-1' } });
    expect(batch.body.payment.refund.accountNumber).toBe(BANK_CARD);
    const feed = await changesOf(t.url, other.token);
    expect(feed.changes.find((c) => c.kind === 'occupied')).toMatchObject({ contact: { phone: holder.phone } });
    const account = await call(t.url, ROUTES.account, { token: holder.token });
    expect(account.body.loginPhone).toBe(holder.phone);
  });
});
