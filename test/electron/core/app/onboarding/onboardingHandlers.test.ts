/**
 * onboarding.* on a core without a server: everything is saved and queued at once; the
 * 15-second commitment is enforced against the core's own (injected) clock; bad files are
 * refused by content and size; an application can be edited before it is sent, not while
 * the association reviews it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OnboardingView } from '../../../../../shared/api';
import { startTestCore, type TestCore } from '../coreFixtures';

const NOW = '2023-03-01T01:00:00.000Z';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0c6d7a40000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');
const DOCX = Buffer.from('PK\u0003\u0004[Content_Types].xml word/document.xml', 'latin1');
const EXE = Buffer.from('MZ\u0090\u0000This program cannot be run in DOS mode', 'latin1');
const file = (name: string, bytes: Buffer) => ({ name, base64: bytes.toString('base64') });

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
const PROFILE = { district: '梁溪区', medicalInsuranceCode: '12345678', handler: { name: '王颖', idNumber: '11010119900307909X' } };

let t: TestCore;
let unitId: string;

beforeEach(async () => {
  t = await startTestCore(NOW);
  unitId = (await t.call('units.save', { unit: { name: '示例单位工会', handler: { name: '张经办', phone: '13800000001' } } })).id;
});
afterEach(() => t.close());

const at = (seconds: number) => new Date(new Date(NOW).getTime() + seconds * 1000).toISOString();

describe('申请参保编码 offline', () => {
  it('is saved and queued at once (待发送), with the attachments recognised by content', async () => {
    const view = await t.call('onboarding.applyInsuranceCode', { unitId, schemeId: 'shanghai-2020', form: FORM, attachments: [file('营业执照.jpg', PNG)] });
    expect(view.insuranceCode).toMatchObject({ kind: 'insuranceCode', status: 'queued', editable: true, form: { postcode: '200120' } });
    expect(view.insuranceCode!.attachments).toEqual([{ name: '营业执照.jpg', type: 'image/png', bytes: PNG.length }]);
    const actions = t.core.store.outbox.nextSendable(new Date(at(1)));
    expect(actions.map((a) => a.kind)).toEqual(['applyInsuranceCode']);
    expect(actions[0]!.lane).toBe(`unit:${unitId}`);
    expect((actions[0]!.payload as { body: { clientApplicationId: string } }).body.clientApplicationId).toBe(view.insuranceCode!.applicationId);
  });

  it('editing before it was sent replaces the queued action instead of sending two', async () => {
    const first = await t.call('onboarding.applyInsuranceCode', { unitId, schemeId: 'shanghai-2020', form: FORM, attachments: [file('a.png', PNG)] });
    const second = await t.call('onboarding.applyInsuranceCode', { unitId, schemeId: 'shanghai-2020', form: { ...FORM, address: '新地址' }, attachments: [file('b.pdf', PDF)] });
    expect(second.insuranceCode!.applicationId).toBe(first.insuranceCode!.applicationId);
    const queued = t.core.store.outbox.nextSendable(new Date(at(1)));
    expect(queued).toHaveLength(1);
    expect((queued[0]!.payload as { body: { form: { address: string } } }).body.form.address).toBe('新地址');
  });

  it('cannot be edited while it is being sent', async () => {
    await t.call('onboarding.applyInsuranceCode', { unitId, schemeId: 'shanghai-2020', form: FORM, attachments: [file('a.png', PNG)] });
    const action = t.core.store.outbox.nextSendable(new Date(at(1)))[0]!;
    t.core.store.outbox.markSending(action.id);
    const view = await t.call('onboarding.get', { unitId, schemeId: 'shanghai-2020' });
    expect(view.insuranceCode).toMatchObject({ status: 'sending', editable: false });
    const refused = await t.refusal('onboarding.applyInsuranceCode', { unitId, schemeId: 'shanghai-2020', form: FORM, attachments: [file('a.png', PNG)] });
    expect(refused).toMatchObject({ status: 409, error: { code: 'applicationNotEditable', message: '申请参保编码正在发送，发送完成后才能修改' } });
  });

  const badFiles: [string, { name: string; base64: string }[], string, string][] = [
    ['an exe renamed .jpg', [file('营业执照.jpg', EXE)], 'fileType', '只能上传 JPG、PNG、GIF、BMP、PDF 文件'],
    ['a Word file (Shanghai takes images and PDF)', [file('执照.docx', DOCX)], 'fileType', '该文件是 Word（docx）'],
    ['a file over 5 MB', [file('big.pdf', Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]))], 'fileTooLarge', '文件不能超过 5 MB'],
    ['an empty file', [{ name: '营业执照.jpg', base64: '' }], 'VALIDATION', '文件内容为空'],
    ['six files (five at most)', Array.from({ length: 6 }, (_, i) => file(`p${i}.png`, PNG)), 'VALIDATION', '至多上传 5 个文件'],
  ];
  it.each(badFiles)('refuses %s, and queues nothing', async (_label, attachments, code, message) => {
    const refused = await t.refusal('onboarding.applyInsuranceCode', { unitId, schemeId: 'shanghai-2020', form: FORM, attachments });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    if (code !== 'VALIDATION') expect(refused.error.code).toBe(code);
    expect(refused.error.message).toContain(message);
    expect(t.core.store.outbox.status().pending).toBe(0);
    expect((await t.call('onboarding.get', { unitId, schemeId: 'shanghai-2020' })).insuranceCode).toBeNull();
  });

  it('is not offered where the scheme has no such step', async () => {
    const refused = await t.refusal('onboarding.applyInsuranceCode', { unitId, schemeId: 'wuxi-2023', form: FORM, attachments: [file('a.png', PNG)] });
    expect(refused.error).toMatchObject({ code: 'onboardingNotOffered', message: '无锡市职工互助互济会没有“申请参保编码”这一步' });
  });
});

describe('单位信息完善 and the 15-second commitment (the core clock is injected)', () => {
  async function readFor(seconds: number): Promise<string> {
    t.setNow(at(0));
    const reading = await t.call('onboarding.startCommitment', { unitId, schemeId: 'wuxi-2023' });
    expect(reading).toMatchObject({ title: '承诺书', minReadSeconds: 15, startedAt: at(0), acceptableAt: at(15) });
    expect(reading.paragraphs.length).toBeGreaterThan(0);
    t.setNow(at(seconds));
    return reading.readingId;
  }

  const timings: [number, boolean][] = [
    [0, false],
    [14, false],
    [14.999, false],
    [15, true],
    [120, true],
  ];
  it.each(timings)('accepting after %s s: accepted = %s', async (seconds, accepted) => {
    const readingId = await readFor(seconds);
    if (accepted) {
      expect((await t.call('onboarding.acceptCommitment', { readingId })).acceptedAt).toBe(at(seconds));
    } else {
      const refused = await t.refusal('onboarding.acceptCommitment', { readingId });
      expect(refused).toMatchObject({ status: 422, error: { code: 'commitmentNotRead' } });
      expect(refused.error.message).toContain('至少 15 秒');
    }
  });

  it('refuses a submission without an accepted reading, then takes one read for 15 s and sends its times', async () => {
    const readingId = await readFor(10);
    const early = await t.refusal('onboarding.submitUnitProfile', { unitId, schemeId: 'wuxi-2023', form: PROFILE, certificates: [file('证书.pdf', PDF)], readingId });
    expect(early.error).toMatchObject({ code: 'commitmentNotRead', message: '请阅读《承诺书》并点击“我已阅读完成”后再提交' });
    t.setNow(at(16));
    await t.call('onboarding.acceptCommitment', { readingId });
    const view = await t.call('onboarding.submitUnitProfile', { unitId, schemeId: 'wuxi-2023', form: PROFILE, certificates: [file('证书.pdf', PDF)], readingId });
    expect(view.unitProfile).toMatchObject({ status: 'queued', form: PROFILE });
    const action = t.core.store.outbox.nextSendable(new Date(at(20)))[0]!;
    expect(action.kind).toBe('submitUnitProfile');
    expect((action.payload as { body: { commitment: unknown } }).body.commitment).toEqual({ title: '承诺书', readStartedAt: at(0), acceptedAt: at(16) });
  });

  it('a reading goes with one submission only', async () => {
    const readingId = await readFor(15);
    await t.call('onboarding.acceptCommitment', { readingId });
    await t.call('onboarding.submitUnitProfile', { unitId, schemeId: 'wuxi-2023', form: PROFILE, certificates: [file('证书.pdf', PDF)], readingId });
    const again = await t.refusal('onboarding.submitUnitProfile', { unitId, schemeId: 'wuxi-2023', form: PROFILE, certificates: [file('证书.pdf', PDF)], readingId });
    expect(again.error.message).toContain('请重新阅读');
  });

  const fields: [string, Record<string, unknown>, string][] = [
    ['a 7-digit medical-insurance code', { ...PROFILE, medicalInsuranceCode: '1234567' }, 'form.medicalInsuranceCode'],
    ['a district not in the list', { ...PROFILE, district: '浦东新区' }, 'form.district'],
  ];
  it.each(fields)('refuses %s', async (_label, form, field) => {
    const readingId = await readFor(15);
    await t.call('onboarding.acceptCommitment', { readingId });
    const refused = await t.refusal('onboarding.submitUnitProfile', { unitId, schemeId: 'wuxi-2023', form, certificates: [file('证书.pdf', PDF)], readingId });
    expect(refused.error).toMatchObject({ code: 'onboardingFieldInvalid', field });
  });

  it('refuses a certificate of a type Wuxi does not take (a GIF)', async () => {
    const readingId = await readFor(15);
    await t.call('onboarding.acceptCommitment', { readingId });
    const gif = Buffer.from('GIF89a\u0001\u0000\u0001\u0000', 'latin1');
    const refused = await t.refusal('onboarding.submitUnitProfile', { unitId, schemeId: 'wuxi-2023', form: PROFILE, certificates: [file('证书.gif', gif)], readingId });
    expect(refused.error.message).toBe('第 1 个文件（证书.gif）：只能上传 PDF、PNG、JPG 文件；该文件是 GIF');
  });
});

describe('经办人填报 and 联系电话变更 offline', () => {
  it('save the unit at once and queue the change', async () => {
    const handler = { name: '丁一', phone: '13912345678', email: '123@163.com' };
    let view: OnboardingView = await t.call('onboarding.updateHandler', { unitId, schemeId: 'shanghai-2020', handler });
    expect((await t.call('units.get', { unitId })).handler).toEqual(handler);
    expect(view.handler).toMatchObject({ status: 'queued', values: { handler } });
    view = await t.call('onboarding.changeContactPhone', { unitId, schemeId: 'shanghai-2020', phone: '13700001111' });
    expect((await t.call('units.get', { unitId })).handler.phone).toBe('13700001111');
    expect(view.contactPhone).toMatchObject({ status: 'queued', values: { phone: '13700001111' } });
    expect(t.core.store.outbox.status().pending).toBe(2);
  });

  it('require what the scheme requires', async () => {
    const refused = await t.refusal('onboarding.updateHandler', { unitId, schemeId: 'shanghai-2020', handler: { name: '丁一', phone: '13912345678' } });
    expect(refused.error).toMatchObject({ code: 'onboardingFieldInvalid', field: 'handler.email' });
    const same = await t.refusal('onboarding.changeContactPhone', { unitId, schemeId: 'suzhou-2024', phone: '13800000001' });
    expect(same.error.message).toBe('新的联系电话与当前的相同');
  });

  it('shows each scheme its own steps', async () => {
    const wuxi = await t.call('onboarding.get', { unitId, schemeId: 'wuxi-2023' });
    expect(Object.keys(wuxi.steps).sort()).toEqual(['contactPhoneChange', 'unitProfileCompletion']);
    expect(wuxi).toMatchObject({ associationName: '无锡市职工互助互济会', insuranceCode: null, unitProfile: null, handler: null, contactPhone: null });
  });
});
