import { describe, expect, it } from 'vitest';
import { onboardingSpecSchema, type OnboardingStep } from '../../../../shared/domain/scheme';
import { builtInSchemes, schemeById } from '../../../../shared/schemes';

const COMMITMENT = { title: '承诺书', paragraphs: ['本单位承诺……'], minReadSeconds: 15 };
const PROFILE = { districts: ['梁溪区'], medicalInsuranceCodeLengths: [6, 8], certificateTypes: ['pdf'], maxCertificates: 3, certificateHint: '营业执照', commitment: COMMITMENT };

describe('the onboarding section of a scheme', () => {
  const valid: [string, unknown][] = [
    ['no steps at all', {}],
    ['an insurance-code application', { insuranceCodeApplication: { attachmentTypes: ['jpeg', 'pdf'], maxAttachments: 5, attachmentHint: '营业执照' } }],
    ['a unit profile completion', { unitProfileCompletion: PROFILE }],
    ['handler details and a phone change', { handlerDetails: { idNumber: 'optional', email: 'required' }, contactPhoneChange: {} }],
  ];
  it.each(valid)('accepts %s', (_label, spec) => {
    expect(onboardingSpecSchema.safeParse(spec).success).toBe(true);
  });

  const invalid: [string, unknown, string][] = [
    ['an unknown step', { signContract: {} }, 'signContract'],
    ['an unknown file type', { insuranceCodeApplication: { attachmentTypes: ['exe'], maxAttachments: 1, attachmentHint: 'x' } }, 'insuranceCodeApplication.attachmentTypes.0'],
    ['more attachments required than allowed', { insuranceCodeApplication: { attachmentTypes: ['pdf'], minAttachments: 3, maxAttachments: 2, attachmentHint: 'x' } }, 'insuranceCodeApplication.minAttachments'],
    ['more than five files', { unitProfileCompletion: { ...PROFILE, maxCertificates: 6 } }, 'unitProfileCompletion.maxCertificates'],
    ['a commitment with no reading time', { unitProfileCompletion: { ...PROFILE, commitment: { ...COMMITMENT, minReadSeconds: 0 } } }, 'unitProfileCompletion.commitment.minReadSeconds'],
    ['no districts', { unitProfileCompletion: { ...PROFILE, districts: [] } }, 'unitProfileCompletion.districts'],
    ['a field need other than required or optional', { handlerDetails: { idNumber: 'hidden', email: 'optional' } }, 'handlerDetails.idNumber'],
  ];
  it.each(invalid)('refuses %s', (_label, spec, path) => {
    const parsed = onboardingSpecSchema.safeParse(spec);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues.map((i) => (i.path.length ? i.path.join('.') : ((i as { keys?: string[] }).keys ?? []).join('.')))).toContain(path);
  });
});

describe('the built-in schemes say which steps each association has (seed manuals)', () => {
  const expected: [string, OnboardingStep[]][] = [
    ['shanghai-2020', ['insuranceCodeApplication', 'handlerDetails', 'contactPhoneChange']],
    ['wuxi-2023', ['unitProfileCompletion', 'contactPhoneChange']],
    ['suzhou-2024', ['contactPhoneChange']],
    ['shenzhen', ['handlerDetails', 'contactPhoneChange']],
    ['qingdao-2025', ['contactPhoneChange']],
  ];
  it.each(expected)('%s', (id, steps) => {
    expect(Object.keys(schemeById(id)!.onboarding).sort()).toEqual([...steps].sort());
  });

  it('Wuxi: a 6- or 8-digit medical-insurance code, pdf/png/jpg certificates and a commitment read for 15 s', () => {
    const spec = schemeById('wuxi-2023')!.onboarding.unitProfileCompletion!;
    expect(spec.medicalInsuranceCodeLengths).toEqual([6, 8]);
    expect(spec.certificateTypes).toEqual(['pdf', 'png', 'jpeg']);
    expect(spec.commitment.minReadSeconds).toBe(15);
  });

  it('every built-in scheme loads with its onboarding section', () => {
    expect(builtInSchemes()).toHaveLength(5);
  });
});
