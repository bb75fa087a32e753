import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  actionTarget,
  applyInsuranceCodeRequestSchema,
  changeContactPhoneRequestSchema,
  MAX_ONBOARDING_BODY_BYTES,
  MAX_ONBOARDING_FILE_BYTES,
  MAX_ONBOARDING_FILES,
  parseChange,
  parseWire,
  submitUnitProfileRequestSchema,
  updateHandlerRequestSchema,
  WIRE_ERROR_STATUS,
} from '../../../shared/wire';

const FILE = { name: '营业执照.png', base64: 'iVBORw0KGgo=' };
const FORM = {
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
const APPLY = { clientApplicationId: 'app-1', schemeId: 'shanghai-2020', form: FORM, attachments: [FILE] };
const PROFILE = {
  clientApplicationId: 'app-2',
  schemeId: 'wuxi-2023',
  form: { district: '梁溪区', medicalInsuranceCode: '123456', handler: { name: '王颖', idNumber: '11010119900307909x' } },
  certificates: [FILE],
  commitment: { title: '承诺书', readStartedAt: '2023-03-01T09:00:00+08:00', acceptedAt: '2023-03-01T09:00:15+08:00' },
};

describe('onboarding requests on the wire', () => {
  const cases: [string, Parameters<typeof parseWire>[0], unknown, string | null][] = [
    ['an application', applyInsuranceCodeRequestSchema, APPLY, null],
    ['an application with an unknown key', applyInsuranceCodeRequestSchema, { ...APPLY, verificationCode: '8473' }, 'verificationCode'],
    ['an application without attachments', applyInsuranceCodeRequestSchema, { ...APPLY, attachments: [] }, 'attachments'],
    [`an application with ${MAX_ONBOARDING_FILES + 1} attachments`, applyInsuranceCodeRequestSchema, { ...APPLY, attachments: Array(MAX_ONBOARDING_FILES + 1).fill(FILE) }, 'attachments'],
    ['an application with a 5-digit postcode', applyInsuranceCodeRequestSchema, { ...APPLY, form: { ...FORM, postcode: '20000' } }, 'form.postcode'],
    ['a unit profile', submitUnitProfileRequestSchema, PROFILE, null],
    ['a unit profile without the commitment', submitUnitProfileRequestSchema, { ...PROFILE, commitment: undefined }, 'commitment'],
    ['a unit profile whose commitment time has no offset', submitUnitProfileRequestSchema, { ...PROFILE, commitment: { ...PROFILE.commitment, acceptedAt: '2023-03-01T09:00:15' } }, 'commitment.acceptedAt'],
    ['a unit profile with letters in the code', submitUnitProfileRequestSchema, { ...PROFILE, form: { ...PROFILE.form, medicalInsuranceCode: '12A456' } }, 'form.medicalInsuranceCode'],
    ['handler details', updateHandlerRequestSchema, { schemeId: 'shanghai-2020', handler: { name: '丁一', phone: '13912345678', email: 'a@b.cn' } }, null],
    ['handler details with a landline', updateHandlerRequestSchema, { schemeId: 'shanghai-2020', handler: { name: '丁一', phone: '0512-65245900' } }, 'handler.phone'],
    ['a phone change', changeContactPhoneRequestSchema, { schemeId: 'suzhou-2024', phone: '13700001111' }, null],
    ['a phone change to a landline', changeContactPhoneRequestSchema, { schemeId: 'suzhou-2024', phone: '0512-65245900' }, 'phone'],
  ];
  it.each(cases)('%s', (_label, schema, body, field) => {
    const parsed = parseWire(schema, body);
    expect(parsed.ok ? null : (parsed.error.field ?? '')).toBe(field);
  });

  it('upper-cases the x of the handler ID', () => {
    const parsed = parseWire(submitUnitProfileRequestSchema, PROFILE);
    expect(parsed.ok && parsed.value.form.handler.idNumber).toBe('11010119900307909X');
  });

  it('sizes the attachment routes for the most files at the largest size', () => {
    expect(MAX_ONBOARDING_BODY_BYTES).toBeGreaterThan(MAX_ONBOARDING_FILES * Math.ceil(MAX_ONBOARDING_FILE_BYTES / 3) * 4);
  });
});

describe('onboarding actions and feed entries', () => {
  it.each([
    ['applyInsuranceCode', 'POST', '/v1/onboarding/insurance-code', '申请参保编码'],
    ['submitUnitProfile', 'POST', '/v1/onboarding/unit-profile', '单位信息完善'],
    ['updateHandler', 'POST', '/v1/account/handler', '经办人填报'],
    ['changeContactPhone', 'POST', '/v1/account/contact-phone', '联系电话变更'],
  ] as const)('%s goes to %s %s, labelled %s, on the unit (no batch)', (kind, method, path, label) => {
    expect(actionTarget(kind)).toEqual({ method, path });
    expect(ACTIONS[kind].label).toBe(label);
    expect(ACTIONS[kind].onBatch).toBe(false);
  });

  it.each([
    ['an approval', { seq: 3, at: '2020-04-15T02:00:00.000Z', kind: 'onboardingReview', applicationId: 'app-s1', clientApplicationId: 'app-1', applicationKind: 'insuranceCode', schemeId: 'shanghai-2020', state: 'approved', insuranceCode: '3019BJ' }, true],
    ['a state the protocol does not know', { seq: 3, at: '2020-04-15T02:00:00.000Z', kind: 'onboardingReview', applicationId: 'a', clientApplicationId: 'b', applicationKind: 'insuranceCode', schemeId: 's', state: 'archived' }, false],
    ['a profile', { seq: 4, at: '2020-04-15T02:00:00.000Z', kind: 'unitProfile', profile: { loginPhone: '13700001111', handler: { name: '丁一', phone: '13700001111' } } }, true],
  ])('reads %s', (_label, entry, ok) => {
    const parsed = parseChange(entry as never);
    expect(parsed.ok).toBe(ok);
    if (!parsed.ok) expect(parsed.unknownKind).toBe(false);
  });

  it('gives each new refusal its status', () => {
    expect([WIRE_ERROR_STATUS.applicationNotEditable, WIRE_ERROR_STATUS.applicationNotPending]).toEqual([409, 409]);
    expect([WIRE_ERROR_STATUS.onboardingNotOffered, WIRE_ERROR_STATUS.attachmentType, WIRE_ERROR_STATUS.commitmentNotRead]).toEqual([422, 422, 422]);
  });
});
