/** Valid and invalid inputs of the onboarding operations, spread into operations.test.ts's tables. */
import type { In, OpName } from '../../../shared/api';

const AAAA = 'UEsDBBQAAAAIAA==';
const form = {
  unitName: 'ABC',
  committeeName: '机电',
  unitNature: '国有',
  contactName: '丁一',
  contactMobile: '13912345678',
  contactEmail: '123@163.com',
  address: '123',
  postcode: '200000',
  inServiceCount: 200,
};
const profile = { district: '梁溪区', medicalInsuranceCode: '12345678', handler: { name: '王颖', idNumber: '11010119900307909x' } };
const step = { unitId: 'unit-1', schemeId: 'shanghai-2020' };

type OnboardingOp = Extract<OpName, `onboarding.${string}`>;

export const ONBOARDING_VALID: { [K in OnboardingOp]: In<K>[] } = {
  'onboarding.get': [step],
  'onboarding.applyInsuranceCode': [
    { ...step, form, attachments: [{ name: '营业执照.jpg', base64: AAAA }] },
    { ...step, form: { ...form, uscc: '91310115132200236k', leaderName: '李四', leaderMobile: '13800000000' }, attachments: [{ name: 'a.pdf', base64: AAAA }, { name: 'b.png', base64: AAAA }] },
  ],
  'onboarding.startCommitment': [{ unitId: 'unit-1', schemeId: 'wuxi-2023' }],
  'onboarding.acceptCommitment': [{ readingId: 'reading-1' }],
  'onboarding.submitUnitProfile': [{ unitId: 'unit-1', schemeId: 'wuxi-2023', form: profile, certificates: [{ name: '工会法人证书.pdf', base64: AAAA }], readingId: 'reading-1' }],
  'onboarding.updateHandler': [{ ...step, handler: { name: '丁一', phone: '13912345678', email: '123@163.com' } }, { ...step, handler: { name: '丁一', phone: '13912345678', idNumber: '11010119900307909X' } }],
  'onboarding.changeContactPhone': [{ ...step, phone: '13900000000' }],
};

export const ONBOARDING_INVALID: [OpName, unknown, string, string][] = [
  ['onboarding.get', { unitId: 'unit-1' }, 'schemeId', '缺少必填字段'],
  ['onboarding.applyInsuranceCode', { ...step, form, attachments: [] }, 'attachments', '请至少上传 1 个文件'],
  ['onboarding.applyInsuranceCode', { ...step, form: { ...form, postcode: '2000' }, attachments: [{ name: 'a.jpg', base64: AAAA }] }, 'form.postcode', '6 位邮政编码'],
  ['onboarding.applyInsuranceCode', { ...step, form: { ...form, contactMobile: '0512-65245900' }, attachments: [{ name: 'a.jpg', base64: AAAA }] }, 'form.contactMobile', '11 位手机号码'],
  ['onboarding.applyInsuranceCode', { ...step, form: { ...form, inServiceCount: 0 }, attachments: [{ name: 'a.jpg', base64: AAAA }] }, 'form.inServiceCount', '在职人数必须大于 0'],
  ['onboarding.startCommitment', { unitId: 'unit-1', schemeId: 'wuxi 2023' }, 'schemeId', '编号格式不正确'],
  ['onboarding.acceptCommitment', {}, 'readingId', '缺少必填字段'],
  ['onboarding.submitUnitProfile', { unitId: 'unit-1', schemeId: 'wuxi-2023', form: { ...profile, medicalInsuranceCode: '12AB56' }, certificates: [{ name: 'a.pdf', base64: AAAA }], readingId: 'r1' }, 'form.medicalInsuranceCode', '医保代码只能是数字'],
  ['onboarding.submitUnitProfile', { unitId: 'unit-1', schemeId: 'wuxi-2023', form: { ...profile, handler: { name: '王颖', idNumber: '1101011990' } }, certificates: [{ name: 'a.pdf', base64: AAAA }], readingId: 'r1' }, 'form.handler.idNumber', '18 位身份证号码'],
  ['onboarding.submitUnitProfile', { unitId: 'unit-1', schemeId: 'wuxi-2023', form: profile, certificates: [{ name: 'a.pdf', base64: AAAA }] }, 'readingId', '缺少必填字段'],
  ['onboarding.updateHandler', { ...step, handler: { name: '丁一', phone: '13912345678', email: 'not-mail' } }, 'handler.email', '电子邮箱'],
  ['onboarding.changeContactPhone', { ...step, phone: '1391234567' }, 'phone', '11 位手机号码'],
];
