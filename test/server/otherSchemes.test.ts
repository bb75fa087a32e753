import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type SubmitBatchRequest } from '../../shared/wire';
import { adminCall, call, changesOf, registerUnit, residentId, startTestServer, type TestServer } from './serverFixtures';

let t: TestServer;
let unit: Awaited<ReturnType<typeof registerUnit>>;

beforeAll(async () => {
  t = await startTestServer({ start: '2025-03-03T02:00:00.000Z' });
  unit = await registerUnit(t.url, '青岛某某公司', '刘经办');
});
afterAll(() => t.close());

describe('Qingdao: head counts, payment confirmed without a voucher, invoices split by fee source', () => {
  let serverId: string;
  const qingdao = (extra: Partial<SubmitBatchRequest> = {}): SubmitBatchRequest => ({
    clientBatchId: 'qd-1',
    schemeId: 'qingdao-2025',
    schemeVersion: 1,
    enrollmentType: 'new',
    title: '2025年职工互助保障活动',
    headCounts: { inService: 120, femaleInService: 45 },
    headCountLines: [{ planCode: 'YWSH-20', shares: 1, headCount: 3 }],
    roster: {
      rows: [
        { sourceRow: 2, values: { name: '王伟', documentType: '居民身份证', documentNumber: residentId('19850615', '123'), plans: 'YWSH-20', shares: '2' } },
        { sourceRow: 3, values: { name: '李娜', documentType: '居民身份证', documentNumber: residentId('19900228', '122'), plans: 'NGTB-25' } },
      ],
    },
    ...extra,
  });

  it('refuses a batch without the unit’s head counts (unit rule)', async () => {
    const { headCounts: _omit, ...body } = qingdao();
    const res = await call(t.url, ROUTES.submitBatch, { token: unit.token, key: true, body });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('unitRuleFailed');
    expect(res.body.message).toContain('在职职工人数');
  });

  it('prices named persons with their shares plus head-count-only persons', async () => {
    const res = await call(t.url, ROUTES.submitBatch, { token: unit.token, key: true, body: qingdao() });
    expect(res.status).toBe(201);
    // 2 shares × 20 + 25 + 3 × 20 yuan.
    expect(res.body).toMatchObject({ state: 'underReview', payableFen: 4000 + 2500 + 6000, cover: null, counts: { enrolled: 2, headCountOnly: 3 } });
    serverId = res.body.serverBatchId;
    await adminCall(t.url, ROUTES.adminApprove, { batchId: serverId });
    const paid = await adminCall(t.url, ROUTES.adminConfirmPayment, { batchId: serverId }, { confirmedOn: '2025-03-10' });
    expect(paid.body.state).toBe('paymentConfirmed');
  });

  it.each([
    ['no fee source', [{ title: '青岛某某公司', amountFen: 100 }], 'feeSourceRequired'],
    ['an unknown fee source', [{ title: '青岛某某公司', amountFen: 100, feeSource: 'lottery' }], 'feeSourceUnknown'],
    ['more than is due', [{ title: '青岛某某公司', amountFen: 12501, feeSource: 'unionFunds' }], 'invoiceExceedsPayable'],
  ])('refuses invoices with %s', async (_what, invoices, code) => {
    const res = await call(t.url, ROUTES.requestInvoices, { token: unit.token, key: true, params: { batchId: 'qd-1' }, body: { invoices } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe(code);
  });

  it('invoices by fee source until nothing remains', async () => {
    const first = await call(t.url, ROUTES.requestInvoices, {
      token: unit.token,
      key: true,
      params: { batchId: 'qd-1' },
      body: { invoices: [{ title: '青岛某某公司工会', amountFen: 8000, feeSource: 'unionFunds', email: 'gh@example.com' }] },
    });
    expect(first.body.invoiceRemainingFen).toBe(4500);
    const second = await call(t.url, ROUTES.requestInvoices, {
      token: unit.token,
      key: true,
      params: { batchId: 'qd-1' },
      body: { invoices: [{ title: '王伟', amountFen: 4500, feeSource: 'memberSelfPay' }] },
    });
    expect(second.body.invoiceRemainingFen).toBe(0);
    expect(second.body.invoices.map((i: { feeSource: string }) => i.feeSource)).toEqual(['unionFunds', 'memberSelfPay']);
  });

  it('needs an effective date from the association, and sets a one-year cover from it', async () => {
    const none = await adminCall(t.url, ROUTES.adminSetEffect, { batchId: serverId }, {});
    expect(none.status).toBe(422);
    expect(none.body.code).toBe('effectiveDateRequired');
    const res = await adminCall(t.url, ROUTES.adminSetEffect, { batchId: serverId }, { effectiveDate: '2025-04-01' });
    expect(res.body).toMatchObject({ state: 'awaitingEffect', cover: { start: '2025-04-01', end: '2026-03-31' } });
    expect(res.body.policyNumber).toMatch(/^BD2025\d{6}$/);
    const feed = await changesOf(t.url, unit.token);
    const policy = feed.changes.find((c) => c.kind === 'policy');
    expect(policy).toMatchObject({ batchId: 'qd-1', policyNumber: res.body.policyNumber, cover: { start: '2025-04-01', end: '2026-03-31' } });
  });
});

describe('Shenzhen: requested effective date, then supplementary enrollment (保全) into the policy in force', () => {
  const row = (doc: string, name: string) => ({ sourceRow: null, values: { name, documentType: '居民身份证', documentNumber: doc } });
  const header = {
    schemeId: 'shenzhen',
    schemeVersion: 1,
    title: '2025参保申请',
    selection: [{ planCode: 'ZY', shares: 2 }],
  };
  const supplement = (clientBatchId: string, doc: string) => ({
    ...header,
    clientBatchId,
    title: '保全：新入职员工',
    requestedStart: '2025-06-01',
    roster: { rows: [row(doc, '新员工')] },
  });

  it('refuses a supplement to a policy not yet in force', async () => {
    const res = await call(t.url, ROUTES.submitBatch, {
      token: unit.token,
      key: true,
      body: { ...header, clientBatchId: 'sz-1', enrollmentType: 'new', requestedStart: '2025-04-01', roster: { rows: [row(residentId('19850101', '311'), '黄磊')] } },
    });
    expect(res.body).toMatchObject({ state: 'underReview', cover: { start: '2025-04-01', end: '2026-03-31' }, payableFen: 12000 });
    const early = await call(t.url, ROUTES.submitSupplementary, { token: unit.token, key: true, params: { batchId: 'sz-1' }, body: supplement('sz-supp-0', residentId('19950505', '322')) });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('policyNotInForce');
  });

  it('adds new hires to the policy in force, covered to the policy’s end and charged by the month', async () => {
    const serverId = (await call(t.url, ROUTES.batch, { token: unit.token, params: { batchId: 'sz-1' } })).body.serverBatchId;
    await adminCall(t.url, ROUTES.adminApprove, { batchId: serverId });
    await adminCall(t.url, ROUTES.adminConfirmPayment, { batchId: serverId });
    const effect = await adminCall(t.url, ROUTES.adminSetEffect, { batchId: serverId }, {});
    expect(effect.body.cover).toEqual({ start: '2025-04-01', end: '2026-03-31' });
    const res = await call(t.url, ROUTES.submitSupplementary, { token: unit.token, key: true, params: { batchId: 'sz-1' }, body: supplement('sz-supp-1', residentId('19950505', '322')) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ enrollmentType: 'supplementary', policyBatchId: 'sz-1', state: 'underReview', cover: { start: '2025-06-01', end: '2026-03-31' } });
    // 10 months of 2 shares at 60 yuan a year.
    expect(res.body.payableFen).toBe(10000);
  });

  it('refuses a person already on the policy', async () => {
    const res = await call(t.url, ROUTES.submitSupplementary, { token: unit.token, key: true, params: { batchId: 'sz-1' }, body: supplement('sz-supp-2', residentId('19850101', '311')) });
    expect(res.body.state).toBe('personsRejected');
    expect(res.body.rejectedPersons[0].reasons[0].code).toBe('duplicateInUnitBatch');
  });
});
