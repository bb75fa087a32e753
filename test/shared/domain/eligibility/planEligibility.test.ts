import { describe, it, expect } from 'vitest';
import { addDays } from '../../../../shared/domain/dates';
import { eligiblePlans, assessPlan, birthDateKey, type PersonFacts, type EligibilityContext, type RefusalCode } from '../../../../shared/domain/eligibility';
import { loadScheme, findPlan, type Scheme } from '../../../../shared/domain/scheme';
import { schemeById, BUILT_IN_SCHEME_FILES } from '../../../../shared/schemes';

const shanghai = schemeById('shanghai-2020')!;
const suzhou = schemeById('suzhou-2024')!;
const qingdao = schemeById('qingdao-2025')!;
const ALL_SH = shanghai.plans.map((p) => p.code);
const NOT_A0 = ALL_SH.filter((c) => c !== 'A0');

const central: EligibilityContext = { enrollmentType: 'central', submissionDate: '2020-04-20', coverStart: '2020-04-01' };

function refusalCodes(scheme: Scheme, person: PersonFacts, ctx: EligibilityContext): Record<string, RefusalCode[]> {
  const out: Record<string, RefusalCode[]> = {};
  for (const r of eligiblePlans(scheme, person, ctx).refused) out[r.planCode] = r.refusals.map((x) => x.code);
  return out;
}

describe('Shanghai 2020: A0 only with social security; women 55 / men 60 unless 医保享受在职待遇 + commitment', () => {
  const cases: [string, PersonFacts, string[], string[]][] = [
    ['man aged 59 with social security', { birthDate: '1960-04-02', gender: 'male', socialSecurity: 'yes' }, ALL_SH, []],
    ['man turning 60 on 1 April', { birthDate: '1960-04-01', gender: 'male', socialSecurity: 'yes' }, [], []],
    ['man aged 60, medical in service ticked, no commitment', { birthDate: '1960-04-01', gender: 'male', socialSecurity: 'yes', medicalInService: true }, [], []],
    ['man aged 60, medical in service and commitment', { birthDate: '1960-04-01', gender: 'male', socialSecurity: 'yes', medicalInService: true, overAgeCommitment: true }, ALL_SH, ALL_SH],
    ['woman aged 54 with social security', { birthDate: '1965-04-02', gender: 'female', socialSecurity: 'yes' }, ALL_SH, []],
    ['woman aged 55', { birthDate: '1965-04-01', gender: 'female', socialSecurity: 'yes' }, [], []],
    ['woman aged 54 without social security', { birthDate: '1965-04-02', gender: 'female', socialSecurity: 'no' }, NOT_A0, []],
    ['woman aged 56 without social security, even with the flags', { birthDate: '1964-01-01', gender: 'female', socialSecurity: 'no', medicalInService: true, overAgeCommitment: true }, [], []],
    ['social security unknown ("-")', { birthDate: '1985-07-07', gender: 'male', socialSecurity: 'unknown' }, NOT_A0, []],
    ['passport row without a birth date', { gender: 'male', socialSecurity: 'yes' }, [], []],
  ];
  it.each(cases)('%s', (_name, person, eligible, keptOverAge) => {
    const r = eligiblePlans(shanghai, person, central);
    expect(r.eligible).toEqual(eligible);
    expect(r.keptOverAge).toEqual(keptOverAge);
    expect(r.eligible.length + r.refused.length).toBe(12);
  });

  it.each([
    ['over age, nothing ticked', { birthDate: '1960-04-01', gender: 'male', socialSecurity: 'yes' }, 'A1', ['overAgeNeedsMedicalInService']],
    ['over age, commitment missing', { birthDate: '1960-04-01', gender: 'male', socialSecurity: 'yes', medicalInService: true }, 'B2', ['overAgeNeedsCommitment']],
    ['no social security, A0', { birthDate: '1990-01-01', gender: 'male', socialSecurity: 'no' }, 'A0', ['socialSecurityRequired']],
    ['unknown social security, A0', { birthDate: '1990-01-01', gender: 'male', socialSecurity: 'unknown' }, 'A0', ['socialSecurityUnknown']],
    ['over age without social security, A0', { birthDate: '1950-01-01', gender: 'male', socialSecurity: 'no' }, 'A0', ['socialSecurityRequired', 'overAge']],
    ['no birth date', { gender: 'female', socialSecurity: 'yes' }, 'C0', ['birthDateUnknown']],
    ['no gender', { birthDate: '1990-01-01', socialSecurity: 'yes' }, 'C0', ['birthDateUnknown']],
  ] as [string, PersonFacts, string, RefusalCode[]][])('%s → %s refused with %j', (_name, person, plan, codes) => {
    expect(refusalCodes(shanghai, person, central)[plan]).toEqual(codes);
  });

  it('the over-age message gives the limit, the date and the age; the hint says how to keep the person', () => {
    const v = assessPlan(shanghai, findPlan(shanghai, 'A3')!, { birthDate: '1964-02-10', gender: 'female', socialSecurity: 'yes' }, central);
    expect(v.refusals[0]!.message).toBe('在职超龄：女性须未满55周岁（按保障开始日 2020-04-01 计已满56周岁）');
    expect(v.refusals[0]!.hint).toMatch(/勾选“医保享受在职待遇”/);
  });

  it('unknown social security over age: the hint asks to confirm the status first', () => {
    const v = assessPlan(shanghai, findPlan(shanghai, 'C0')!, { birthDate: '1950-01-01', gender: 'male', socialSecurity: 'unknown', medicalInService: true, overAgeCommitment: true }, central);
    expect(v.refusals.map((r) => r.code)).toEqual(['overAge']);
    expect(v.refusals[0]!.hint).toMatch(/设置为在职/);
  });

  it('instant enrollment counts the age on the day after submission', () => {
    const ctx: EligibilityContext = { enrollmentType: 'instant', submissionDate: '2020-05-20', coverStart: '2020-05-21' };
    expect(eligiblePlans(shanghai, { birthDate: '1960-05-22', gender: 'male', socialSecurity: 'yes' }, ctx).eligible).toEqual(ALL_SH);
    expect(eligiblePlans(shanghai, { birthDate: '1960-05-21', gender: 'male', socialSecurity: 'yes' }, ctx).eligible).toEqual([]);
  });

  it('without a known cover start the submission date is used', () => {
    const ctx: EligibilityContext = { enrollmentType: 'central', submissionDate: '2020-04-20', coverStart: null };
    expect(eligiblePlans(shanghai, { birthDate: '1960-04-15', gender: 'male', socialSecurity: 'yes' }, ctx).eligible).toEqual([]);
  });
});

describe('gender-restricted plans (Suzhou 女职工特种保障)', () => {
  const ctx: EligibilityContext = { enrollmentType: 'renewal', submissionDate: '2024-09-10', coverStart: '2024-10-01' };
  it.each([
    ['woman', { gender: 'female', socialSecurity: 'unknown' }, ['YL', 'NZ'], {}],
    ['man', { gender: 'male', socialSecurity: 'yes' }, ['YL'], { NZ: ['genderNotAllowed'] }],
    ['gender unknown', { socialSecurity: 'no' }, ['YL'], { NZ: ['genderUnknown'] }],
  ] as [string, PersonFacts, string[], Record<string, RefusalCode[]>][])('%s', (_n, person, eligible, refused) => {
    expect(eligiblePlans(suzhou, person, ctx).eligible).toEqual(eligible);
    expect(refusalCodes(suzhou, person, ctx)).toEqual(refused);
  });
  it('the message names the plan and the gender', () => {
    const v = assessPlan(suzhou, findPlan(suzhou, 'NZ')!, { gender: 'male', socialSecurity: 'yes' }, ctx);
    expect(v.refusals[0]!.message).toBe('女职工特种保障仅限女性参保');
  });
});

describe('statutory retirement age (Qingdao 2025 在职职工, age on the submission day)', () => {
  const ctx: EligibilityContext = { enrollmentType: 'new', submissionDate: '2025-11-25', coverStart: null };
  it.each([
    ['man born 1965-01-15 (60y1m, reached 2025-02-15)', { birthDate: '1965-01-15', gender: 'male', socialSecurity: 'yes' }, false],
    ['man born 1965-10-01 (60y3m, reached 2026-01-01)', { birthDate: '1965-10-01', gender: 'male', socialSecurity: 'yes' }, true],
    ['woman born 1970-09-10 on the default 55 baseline (55y3m, 2025-12-10)', { birthDate: '1970-09-10', gender: 'female', socialSecurity: 'yes' }, true],
    ['woman born 1970-09-10 recorded as a worker (50)', { birthDate: '1970-09-10', gender: 'female', socialSecurity: 'yes', femaleRetirementBaseline: 'female50' }, false],
    ['woman born 1975-06-01 recorded as a worker (50y3m, 2025-09-01)', { birthDate: '1975-06-01', gender: 'female', socialSecurity: 'no', femaleRetirementBaseline: 'female50' }, false],
    ['woman born 1975-11-01 recorded as a worker (50y6m, 2026-05-01)', { birthDate: '1975-11-01', gender: 'female', socialSecurity: 'no', femaleRetirementBaseline: 'female50' }, true],
  ] as [string, PersonFacts, boolean][])('%s → eligible %s', (_n, person, eligible) => {
    const r = eligiblePlans(qingdao, person, ctx);
    expect(r.eligible.includes('ZYYL-A95')).toBe(eligible);
    if (!eligible) expect(r.refused.find((x) => x.planCode === 'ZYYL-A95')!.refusals[0]!.code).toBe('overAge');
  });

  it('explains the statutory age and when it is reached', () => {
    const v = assessPlan(qingdao, findPlan(qingdao, 'ZYYL-A95')!, { birthDate: '1965-01-15', gender: 'male', socialSecurity: 'yes' }, ctx);
    expect(v.refusals[0]!.message).toBe(
      '已超龄，不能参加住院医疗(A方案)(会费95元)：须未达到法定退休年龄（男性60周岁1个月，2025-02-15 达到；按提交日 2025-11-25 计）',
    );
  });

  it('女工特病 refuses men', () => {
    expect(refusalCodes(qingdao, { birthDate: '1990-01-01', gender: 'male', socialSecurity: 'yes' }, ctx)).toEqual({ 'NGTB-25': ['genderNotAllowed'] });
  });
});

describe('enrollment-type, new-employment-form and no-social-security restrictions', () => {
  const file = structuredClone(BUILT_IN_SCHEME_FILES['qingdao-2025']) as any;
  file.plans[0].eligibility.enrollmentTypes = ['renewal'];
  file.plans[1].eligibility.newEmploymentForm = 'only';
  file.plans[2].eligibility.newEmploymentForm = 'excluded';
  file.plans[3].eligibility.socialSecurity = 'excluded';
  const scheme = loadScheme(file);
  const ctx: EligibilityContext = { enrollmentType: 'new', submissionDate: '2025-06-01' };
  it.each([
    ['ordinary insured employee', { birthDate: '1990-01-01', gender: 'female', socialSecurity: 'yes' }, { 'ZYYL-A95': ['planNotOffered'], 'ZDJB-36': ['newEmploymentFormOnly'], 'YWSH-20': ['socialSecurityExcluded'] }],
    ['new-employment-form worker without social security', { birthDate: '1990-01-01', gender: 'female', socialSecurity: 'no', newEmploymentForm: true }, { 'ZYYL-A95': ['planNotOffered'], 'ZDJB35-70': ['newEmploymentFormExcluded'] }],
    ['status unknown', { birthDate: '1990-01-01', gender: 'female', socialSecurity: 'unknown' }, { 'ZYYL-A95': ['planNotOffered'], 'ZDJB-36': ['newEmploymentFormOnly'], 'YWSH-20': ['socialSecurityUnknown'] }],
  ] as [string, PersonFacts, Record<string, RefusalCode[]>][])('%s', (_n, person, refused) => {
    expect(refusalCodes(scheme, person, ctx)).toEqual(refused);
  });
});

describe('birthDateKey: what of the birth date the verdicts depend on', () => {
  const day = (n: number) => addDays('1955-01-01', n);
  const facts = (birthDate: string, gender: 'male' | 'female', rest: Partial<PersonFacts> = {}): PersonFacts => ({ birthDate, gender, socialSecurity: 'yes', ...rest });

  it('is the same for two people under every age limit, and the exact date for someone over one', () => {
    expect(birthDateKey(shanghai, facts('1980-03-01', 'male'), central)).toBe(birthDateKey(shanghai, facts('1991-11-30', 'male'), central));
    expect(birthDateKey(shanghai, facts('1960-04-01', 'male'), central)).toBe('1960-04-01');
    expect(birthDateKey(qingdao, facts('1960-01-01', 'female'), central)).toBe('1960-01-01');
    expect(birthDateKey(shanghai, { gender: 'male', socialSecurity: 'yes' }, central)).not.toBe(birthDateKey(shanghai, { birthDate: '1980-01-01', socialSecurity: 'yes' }, central));
  });

  // Every pair of people with the same key and the same other facts gets the same verdicts,
  // messages included, across the age limits of three schemes (fixed ages, statutory retirement).
  it.each([
    ['shanghai-2020', shanghai],
    ['suzhou-2024', suzhou],
    ['qingdao-2025', qingdao],
  ])('%s: same key, same verdicts', (_id, scheme) => {
    const seen = new Map<string, unknown>();
    let people = 0;
    for (let n = 0; n < 16_000; n += 13) {
      for (const gender of ['male', 'female'] as const) {
        for (const rest of [{}, { medicalInService: true, overAgeCommitment: true }, { socialSecurity: 'no' as const }]) {
          const person = facts(day(n), gender, rest);
          people++;
          const key = `${birthDateKey(scheme, person, central)}|${gender}|${JSON.stringify(rest)}`;
          const verdicts = scheme.plans.map((plan) => assessPlan(scheme, plan, person, central));
          if (seen.has(key)) expect(verdicts).toEqual(seen.get(key));
          else seen.set(key, verdicts);
        }
      }
    }
    // The key does collapse the spread of birth dates (else it would memoise nothing).
    expect(seen.size).toBeLessThan(people / 2);
  });
});
