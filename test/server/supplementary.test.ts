/**
 * 保全 on the reference server (POST /v1/batches/:policy/supplements): only to a policy
 * in force of the same scheme; each new hire checked for their own 生效日期 and for being
 * on the policy already, and priced from that date to the policy's end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type SubmitBatchRequest, type WireRosterRow } from '../../shared/wire';
import { adminCall, call, registerUnit, residentId, startTestServer, type TestServer } from './serverFixtures';

let t: TestServer;
let unit: Awaited<ReturnType<typeof registerUnit>>;
const ON_POLICY = residentId('19850615', '123');

const row = (documentNumber: string, name: string, effectiveDate?: string): WireRosterRow => ({
  sourceRow: null,
  values: { name, documentType: '居民身份证', documentNumber, ...(effectiveDate ? { effectiveDate } : {}) },
});
const shenzhen = (clientBatchId: string, rows: WireRosterRow[], extra: Partial<SubmitBatchRequest> = {}) => ({
  clientBatchId,
  schemeId: 'shenzhen',
  schemeVersion: 1,
  title: clientBatchId,
  selection: [{ planCode: 'ZY', shares: 2 }],
  contact: { name: '张经办', phone: '13800000001' },
  roster: { rows },
  ...extra,
});
const supplement = (policy: string, clientBatchId: string, rows: WireRosterRow[], extra: Record<string, unknown> = {}) =>
  call(t.url, ROUTES.submitSupplementary, { token: unit.token, key: true, params: { batchId: policy }, body: shenzhen(clientBatchId, rows, extra) });

beforeAll(async () => {
  t = await startTestServer({ start: '2025-06-20T02:00:00.000Z' });
  unit = await registerUnit(t.url, '深圳保全测试单位', '张经办');
  const res = await call(t.url, ROUTES.submitBatch, { token: unit.token, key: true, body: { ...shenzhen('policy-1', [row(ON_POLICY, '王一')]), enrollmentType: 'new', requestedStart: '2025-07-01' } });
  expect(res.status).toBe(201);
  const id = res.body.serverBatchId as string;
  for (const route of [ROUTES.adminApprove, ROUTES.adminConfirmPayment, ROUTES.adminSetEffect, ROUTES.adminTakeEffect]) expect((await adminCall(t.url, route, { batchId: id })).status).toBe(200);
  await call(t.url, ROUTES.submitBatch, { token: unit.token, key: true, body: { ...shenzhen('draft-policy', [row(residentId('19700101', '011'), '李二')]), enrollmentType: 'new', requestedStart: '2025-08-01' } });
});
afterAll(() => t.close());

describe('supplementary enrollment on the server', () => {
  it('refuses a policy not in force', async () => {
    const res = await supplement('draft-policy', 'sup-refused', [row(residentId('19920101', '021'), '赵三', '2025-07-15')]);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'policyNotInForce', message: '保单当前状态为“待审核”，只有待生效或已生效的保单才能办理保全' });
  });

  it('prices each new hire from their own date to the policy end, 2 shares of 60 元 a year', async () => {
    const res = await supplement('policy-1', 'sup-1', [
      row(residentId('19920101', '031'), '钱四', '2025-07-15'), // 2025-07 … 2026-06: 12 months, 120 元
      row(residentId('19930101', '041'), '孙五', '2026-04-10'), // 2026-04 … 2026-06: 3 months, 30 元
      row(residentId('19940101', '051'), '周六', '2025-12-01'), // 2025-12 … 2026-06: 7 months, 70 元
    ]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'underReview', enrollmentType: 'supplementary', payableFen: 12000 + 3000 + 7000, counts: { enrolled: 3 } });
  });

  // Each case has a good new hire of its own: once enrolled, a person is on a batch of the year.
  it.each<[string, string, string, WireRosterRow, string]>([
    ['already on the policy', 'sup-a', '081', row(ON_POLICY, '王一', '2025-08-01'), '该人员已在本单位同一保障年度的批次'],
    ['with an effective date after the policy end', 'sup-b', '082', row(residentId('19950101', '061'), '吴七', '2026-07-01'), '晚于所补充保单的到期日 2026-06-30'],
    ['with an effective date before the submission', 'sup-c', '083', row(residentId('19960101', '071'), '郑八', '2025-06-19'), '早于提交日期 2025-06-20'],
  ])('rejects a person %s', async (_what, clientBatchId, okSeq, bad, reason) => {
    const ok = row(residentId('19970101', okSeq), '冯九', '2025-09-01');
    const res = await supplement('policy-1', clientBatchId, [ok, bad]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'personsRejected', counts: { enrolled: 1, rejected: 1 } });
    const detail = await call(t.url, ROUTES.batch, { token: unit.token, params: { batchId: clientBatchId } });
    expect(JSON.stringify(detail.body)).toContain(reason);
  });
});
