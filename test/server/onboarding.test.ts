/**
 * Unit onboarding on the reference server: 申请参保编码 with attachments through 申请中 →
 * 审核不通过 (reason) → edited and resubmitted → 审核通过 with the code in the account;
 * 单位信息完善 with the 15-second commitment; 经办人填报 and 联系电话变更; refusals of steps a
 * scheme lacks and of bad files; the staff's API and command line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../shared/wire';
import { runAdminCli } from '../../server/adminCommands';
import { ADMIN_TOKEN, adminCall, call, changesOf, PNG_BYTES, registerUnit, startTestServer, type TestServer } from './serverFixtures';

let t: TestServer;
let unit: Awaited<ReturnType<typeof registerUnit>>;

const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1');
const b64 = (b: Buffer) => b.toString('base64');

const FORM = {
  unitName: '上海示例机电有限公司',
  committeeName: '机电',
  unitNature: '国有',
  contactName: '丁一',
  contactMobile: '13912345678',
  contactEmail: '123@163.com',
  address: '上海市浦东新区 123 号',
  postcode: '200120',
  inServiceCount: 200,
};

function application(clientApplicationId: string, extra: Record<string, unknown> = {}) {
  return { clientApplicationId, schemeId: 'shanghai-2020', form: FORM, attachments: [{ name: '营业执照.png', base64: b64(PNG_BYTES) }], ...extra };
}

const RESIDENT_ID = '11010119900307909X';

function profile(clientApplicationId: string, readStartedAt: string, acceptedAt: string, extra: Record<string, unknown> = {}) {
  return {
    clientApplicationId,
    schemeId: 'wuxi-2023',
    form: { district: '梁溪区', medicalInsuranceCode: '123456', handler: { name: '王颖', idNumber: RESIDENT_ID } },
    certificates: [{ name: '工会法人证书.pdf', base64: b64(PDF_BYTES) }],
    commitment: { title: '承诺书', readStartedAt, acceptedAt },
    ...extra,
  };
}

beforeAll(async () => {
  t = await startTestServer();
  unit = await registerUnit(t.url, '上海示例机电有限公司工会', '丁一');
});
afterAll(() => t.close());

describe('申请参保编码: apply, 审核不通过, edit and resubmit, 审核通过', () => {
  let serverId = '';

  it('answers 201 申请中, and the feed says so', async () => {
    const res = await call(t.url, ROUTES.applyInsuranceCode, { token: unit.token, key: 'apply-key-0001', body: application('app-1') });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ clientApplicationId: 'app-1', kind: 'insuranceCode', state: 'pending', stateLabel: '申请中', round: 1 });
    expect(res.body.attachments).toEqual([{ name: '营业执照.png', type: 'image/png', bytes: PNG_BYTES.length }]);
    serverId = res.body.applicationId;
    const feed = await changesOf(t.url, unit.token);
    expect(feed.changes.at(-1)).toMatchObject({ kind: 'onboardingReview', clientApplicationId: 'app-1', state: 'pending', applicationId: serverId });
  });

  it('replays the same key without a second application, and refuses a resubmission while 申请中', async () => {
    const replay = await call(t.url, ROUTES.applyInsuranceCode, { token: unit.token, key: 'apply-key-0001', body: application('app-1') });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    const edited = await call(t.url, ROUTES.applyInsuranceCode, { token: unit.token, key: true, body: application('app-1', { form: { ...FORM, address: '另一个地址' } }) });
    expect(edited.status).toBe(409);
    expect(edited.body.code).toBe('applicationNotEditable');
    expect(edited.body.message).toContain('申请中');
    const list = await call(t.url, ROUTES.applications, { token: unit.token });
    expect(list.body.applications).toHaveLength(1);
  });

  it('lets the staff list it (with the form) and download the attachment', async () => {
    const pending = await call(t.url, ROUTES.adminApplications, { token: ADMIN_TOKEN, query: { state: 'pending' } });
    expect(pending.status).toBe(200);
    const mine = pending.body.applications.find((a: { applicationId: string }) => a.applicationId === serverId);
    expect(mine).toMatchObject({ unitName: '上海示例机电有限公司工会', form: { unitName: FORM.unitName, postcode: '200120' } });
    const file = await fetch(`${t.url}/admin/v1/onboarding/${serverId}/files/0`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG_BYTES)).toBe(true);
    const noAdmin = await call(t.url, ROUTES.adminApplications, { token: unit.token });
    expect(noAdmin.status).toBe(401);
  });

  it('审核不通过 with the reason reaches the feed; the unit edits and resubmits (200, round 2)', async () => {
    const rejected = await adminCall(t.url, ROUTES.adminRejectApplication, { applicationId: serverId }, { staff: '审核员甲', reason: '附件须加盖公章' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ state: 'rejected', stateLabel: '审核不通过', reason: '附件须加盖公章', reviewedBy: '审核员甲' });
    const again = await adminCall(t.url, ROUTES.adminRejectApplication, { applicationId: serverId }, { reason: '再次' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('applicationNotPending');
    const feed = await changesOf(t.url, unit.token);
    expect(feed.changes.at(-1)).toMatchObject({ kind: 'onboardingReview', state: 'rejected', reason: '附件须加盖公章' });

    const resubmitted = await call(t.url, ROUTES.applyInsuranceCode, {
      token: unit.token,
      key: true,
      body: application('app-1', { attachments: [{ name: '营业执照（盖章）.pdf', base64: b64(PDF_BYTES) }] }),
    });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body).toMatchObject({ applicationId: serverId, state: 'pending', round: 2 });
    expect(resubmitted.body.reason).toBeUndefined();
    expect(resubmitted.body.attachments).toEqual([{ name: '营业执照（盖章）.pdf', type: 'application/pdf', bytes: PDF_BYTES.length }]);
  });

  it('审核通过 issues the code: the application, the feed and the account carry it', async () => {
    const approved = await adminCall(t.url, ROUTES.adminApproveApplication, { applicationId: serverId }, { staff: '审核员甲', insuranceCode: '3019bj' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'approved', stateLabel: '审核通过', insuranceCode: '3019BJ' });
    const feed = await changesOf(t.url, unit.token);
    const tail = feed.changes.slice(-2);
    expect(tail[0]).toMatchObject({ kind: 'onboardingReview', state: 'approved', insuranceCode: '3019BJ' });
    expect(tail[1]).toMatchObject({ kind: 'unitProfile', profile: { insuranceCode: '3019BJ', loginPhone: unit.phone } });
    const account = await call(t.url, ROUTES.account, { token: unit.token });
    expect(account.body.insuranceCode).toBe('3019BJ');
    const after = await call(t.url, ROUTES.applyInsuranceCode, { token: unit.token, key: true, body: application('app-1') });
    expect(after.status).toBe(409);
    expect(after.body.message).toContain('已审核通过');
  });

  it('issues the next code itself when the staff give none, never one already issued', async () => {
    const other = await registerUnit(t.url, '另一家单位工会');
    const sent = await call(t.url, ROUTES.applyInsuranceCode, { token: other.token, key: true, body: application('app-x') });
    const taken = await adminCall(t.url, ROUTES.adminApproveApplication, { applicationId: sent.body.applicationId }, { insuranceCode: '3019BJ' });
    expect(taken.status).toBe(422);
    const approved = await adminCall(t.url, ROUTES.adminApproveApplication, { applicationId: sent.body.applicationId }, {});
    expect(approved.status).toBe(200);
    expect(approved.body.insuranceCode).toMatch(/^[0-9A-Z]{6}$/);
    expect(approved.body.insuranceCode).not.toBe('3019BJ');
  });

  it('refuses a code another account already holds from its registration', async () => {
    const holder = await call(t.url, ROUTES.registerUnit, { key: true, body: { unit: { name: '已有编码单位', insuranceCode: 'ABC123', handler: { name: '甲', phone: '13611112222' } }, password: 'secret-pass-1' } });
    expect(holder.status).toBe(201);
    const other = await registerUnit(t.url, '申请同号单位');
    const sent = await call(t.url, ROUTES.applyInsuranceCode, { token: other.token, key: true, body: application('app-y') });
    const refused = await adminCall(t.url, ROUTES.adminApproveApplication, { applicationId: sent.body.applicationId }, { insuranceCode: 'ABC123' });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toBe('参保编码 ABC123 已发给其他单位');
  });
});

describe('refusals', () => {
  const cases: [string, string, Record<string, unknown>, number, string][] = [
    ['a scheme without the step', ROUTES.applyInsuranceCode, application('bad-1', { schemeId: 'wuxi-2023' }), 422, 'onboardingNotOffered'],
    ['an unknown scheme', ROUTES.applyInsuranceCode, application('bad-2', { schemeId: 'nowhere-2020' }), 422, 'unknownScheme'],
    ['a zip renamed .jpg', ROUTES.applyInsuranceCode, application('bad-3', { attachments: [{ name: '营业执照.jpg', base64: b64(Buffer.from('PK\u0003\u0004xl/workbook.xml', 'latin1')) }] }), 422, 'attachmentType'],
    ['a Word file where only images and PDF are allowed', ROUTES.submitUnitProfile, profile('bad-4', '2020-04-15T01:59:00.000Z', '2020-04-15T01:59:30.000Z', { certificates: [{ name: 'a.png', base64: b64(Buffer.from('PK\u0003\u0004word/document.xml', 'latin1')) }] }), 422, 'attachmentType'],
    ['a file over 5 MB', ROUTES.applyInsuranceCode, application('bad-5', { attachments: [{ name: 'big.pdf', base64: b64(Buffer.concat([PDF_BYTES, Buffer.alloc(5 * 1024 * 1024)])) }] }), 422, 'validationFailed'],
    ['no attachment', ROUTES.applyInsuranceCode, application('bad-6', { attachments: [] }), 422, 'validationFailed'],
    ['an acceptance 14 s after the commitment appeared', ROUTES.submitUnitProfile, profile('bad-7', '2020-04-15T01:59:00.000Z', '2020-04-15T01:59:14.000Z'), 422, 'commitmentNotRead'],
    ['an acceptance before the reading started', ROUTES.submitUnitProfile, profile('bad-8', '2020-04-15T01:59:30.000Z', '2020-04-15T01:59:00.000Z'), 422, 'onboardingFieldInvalid'],
    ['an acceptance from the future', ROUTES.submitUnitProfile, profile('bad-9', '2020-04-15T03:00:00.000Z', '2020-04-15T03:00:30.000Z'), 422, 'onboardingFieldInvalid'],
    ['a 7-digit medical-insurance code', ROUTES.submitUnitProfile, profile('bad-10', '2020-04-15T01:59:00.000Z', '2020-04-15T01:59:30.000Z', { form: { district: '梁溪区', medicalInsuranceCode: '1234567', handler: { name: '王颖', idNumber: RESIDENT_ID } } }), 422, 'onboardingFieldInvalid'],
    ['a district not in the list', ROUTES.submitUnitProfile, profile('bad-11', '2020-04-15T01:59:00.000Z', '2020-04-15T01:59:30.000Z', { form: { district: '浦东新区', medicalInsuranceCode: '123456', handler: { name: '王颖', idNumber: RESIDENT_ID } } }), 422, 'onboardingFieldInvalid'],
  ];
  it.each(cases)('refuses %s', async (_label, route, body, status, code) => {
    const res = await call(t.url, route, { token: unit.token, key: true, body });
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
  });

  it('an empty file is refused by its size before anything else', async () => {
    const res = await call(t.url, ROUTES.applyInsuranceCode, { token: unit.token, key: true, body: application('bad-12', { attachments: [{ name: 'empty.pdf', base64: '' }] }) });
    expect(res.status).toBe(422);
    expect(res.body.field).toBe('attachments[0].base64');
  });
});

describe('单位信息完善 (Wuxi) and the account changes', () => {
  it('takes a profile read for exactly 15 s; approval writes district, code and handler into the account', async () => {
    const wuxi = await registerUnit(t.url, '无锡示例单位工会', '王颖');
    const res = await call(t.url, ROUTES.submitUnitProfile, { token: wuxi.token, key: true, body: profile('wx-1', '2020-04-15T01:59:00.000Z', '2020-04-15T01:59:15.000Z') });
    expect(res.status).toBe(201);
    const stored = await adminCall(t.url, ROUTES.adminApplication, { applicationId: res.body.applicationId });
    expect(stored.body.commitment).toEqual({ title: '承诺书', readStartedAt: '2020-04-15T01:59:00.000Z', acceptedAt: '2020-04-15T01:59:15.000Z' });
    await adminCall(t.url, ROUTES.adminApproveApplication, { applicationId: res.body.applicationId }, { staff: '审核员乙' });
    const account = await call(t.url, ROUTES.account, { token: wuxi.token });
    expect(account.body).toMatchObject({ district: '梁溪区', medicalInsuranceCode: '123456', handler: { name: '王颖', idNumber: RESIDENT_ID, phone: wuxi.phone } });
    expect(account.body.insuranceCode).toBeUndefined();
  });

  it('经办人填报 applies at once, requires the e-mail Shanghai asks for, and is refused where the scheme lacks it', async () => {
    const handler = { name: '丁二', phone: '13912345670', email: 'ding@163.com' };
    const ok = await call(t.url, ROUTES.updateHandler, { token: unit.token, key: true, body: { schemeId: 'shanghai-2020', handler } });
    expect(ok.status).toBe(200);
    expect(ok.body.handler).toEqual(handler);
    const feed = await changesOf(t.url, unit.token);
    expect(feed.changes.at(-1)).toMatchObject({ kind: 'unitProfile', profile: { handler } });
    const noMail = await call(t.url, ROUTES.updateHandler, { token: unit.token, key: true, body: { schemeId: 'shanghai-2020', handler: { name: '丁二', phone: '13912345670' } } });
    expect(noMail.status).toBe(422);
    expect(noMail.body.field).toBe('handler.email');
    const wuxi = await call(t.url, ROUTES.updateHandler, { token: unit.token, key: true, body: { schemeId: 'wuxi-2023', handler } });
    expect(wuxi.body.code).toBe('onboardingNotOffered');
  });

  it('联系电话变更 moves the login phone: the new one logs in, one taken by another account is refused', async () => {
    const other = await registerUnit(t.url, '第三家单位工会');
    const taken = await call(t.url, ROUTES.changeContactPhone, { token: unit.token, key: true, body: { schemeId: 'suzhou-2024', phone: other.phone } });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('accountExists');
    const res = await call(t.url, ROUTES.changeContactPhone, { token: unit.token, key: true, body: { schemeId: 'suzhou-2024', phone: '13700001111' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ loginPhone: '13700001111', handler: { phone: '13700001111' } });
    const login = await call(t.url, ROUTES.login, { body: { account: '13700001111', password: unit.password } });
    expect(login.status).toBe(200);
    const old = await call(t.url, ROUTES.login, { body: { account: unit.phone, password: unit.password } });
    expect(old.status).toBe(401);
  });
});

describe('the staff command line', () => {
  async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runAdminCli([...argv, '--url', t.url, '--token', ADMIN_TOKEN], { env: {}, out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  }

  it('lists, shows, rejects and approves applications', async () => {
    const u = await registerUnit(t.url, '命令行单位工会');
    const sent = await call(t.url, ROUTES.applyInsuranceCode, { token: u.token, key: true, body: application('cli-1') });
    const id = sent.body.applicationId as string;
    const list = await cli('applications', '--state', 'pending');
    expect(list.code).toBe(0);
    expect(list.out.join('\n')).toContain(`${id}  命令行单位工会  申请参保编码  申请中`);
    const shown = await cli('application', id);
    expect(shown.out.join('\n')).toContain('附件 0：营业执照.png  image/png');
    const noReason = await cli('reject-application', id);
    expect(noReason.code).toBe(1);
    expect(noReason.err.join('\n')).toContain('缺少审核不通过的原因');
    const rejected = await cli('reject-application', id, '单位名称与执照不符', '--staff', '审核员丙');
    expect(rejected.out.join('\n')).toContain('审核不通过');
    expect(rejected.out.join('\n')).toContain('原因：单位名称与执照不符');
    await call(t.url, ROUTES.applyInsuranceCode, { token: u.token, key: true, body: application('cli-1') });
    const approved = await cli('approve-application', id, '--code', '0072J3');
    expect(approved.code).toBe(0);
    expect(approved.out.join('\n')).toContain('审核通过  第 2 次提交');
    expect(approved.out.join('\n')).toContain('参保编码 0072J3');
  });
});
