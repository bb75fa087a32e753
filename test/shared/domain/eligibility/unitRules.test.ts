import { describe, it, expect } from 'vitest';
import { checkUnitRules, hasUnitRule, socialSecurityGroups, type UnitFacts } from '../../../../shared/domain/eligibility';
import { schemeById } from '../../../../shared/schemes';

const shanghai = schemeById('shanghai-2020')!;
const suzhou = schemeById('suzhou-2024')!;
const qingdao = schemeById('qingdao-2025')!;

describe('Shanghai: ≥ 75% of in-service insured staff per social-security code', () => {
  it.each([
    [[{ code: '0072J3', enrolled: 75, total: 100 }], []],
    [[{ code: '0072J3', enrolled: 3, total: 4 }], []],
    [[{ code: '0072J3', enrolled: 7, total: 10 }], ['社保编码 0072J3 的参保比例为 70.0%（7/10），低于 75%']],
    [[{ code: 'A', enrolled: 2, total: 3 }, { code: 'B', enrolled: 1, total: 1 }], ['社保编码 A 的参保比例为 66.6%（2/3），低于 75%']],
    [[{ code: 'X', enrolled: 0, total: 0 }], []],
  ])('%j → %j', (groups, messages) => {
    const found = checkUnitRules(shanghai, { enrollmentType: 'central', personCount: 10, socialSecurityGroups: groups });
    expect(found.map((f) => f.message)).toEqual(messages);
  });

  it('says how many more persons are needed', () => {
    const [f] = checkUnitRules(shanghai, { enrollmentType: 'instant', personCount: 7, socialSecurityGroups: [{ code: 'C1', enrolled: 7, total: 10 }] });
    expect(f!.hint).toBe('该社保编码下社保在职人员至少须参保 8 人，请再补充 1 人');
    expect(f!.socialSecurityCode).toBe('C1');
  });

  const ROSTER = [
    { socialSecurity: 'yes', socialSecurityCode: 'A' },
    { socialSecurity: 'yes', socialSecurityCode: 'A' },
    { socialSecurity: 'no', socialSecurityCode: 'A' },
    { socialSecurity: 'yes', socialSecurityCode: 'B' },
    { socialSecurity: 'yes' },
    { socialSecurity: 'unknown', socialSecurityCode: 'B' },
  ] as const;

  it('groups the roster by social-security code; a code without a total cannot be checked (total null)', () => {
    const { groups, gap } = socialSecurityGroups(ROSTER, { A: 4, C: 2 });
    expect(groups).toEqual([
      { code: 'A', enrolled: 2, total: 4 },
      { code: 'B', enrolled: 1, total: null },
      { code: 'C', enrolled: 0, total: 2 },
    ]);
    // A unit without codes of its own: a person without a code is not checked (无社保编码不影响正常参保).
    expect(gap).toEqual({ personsWithoutCode: 0 });
  });

  it('a person marked 有社保 without a code counts towards the unit’s only code', () => {
    const { groups } = socialSecurityGroups(ROSTER, { A: 4, B: 1 }, ['A']);
    expect(groups).toEqual([
      { code: 'A', enrolled: 3, total: 4 },
      { code: 'B', enrolled: 1, total: 1 },
    ]);
  });

  it('with several unit codes, a person without a code cannot be placed: 未校验 says what to fill in', () => {
    const { groups, gap } = socialSecurityGroups(ROSTER, { A: 2, B: 1 }, ['A', 'B']);
    expect(gap).toEqual({ personsWithoutCode: 1 });
    const findings = checkUnitRules(shanghai, { enrollmentType: 'central', personCount: 5, socialSecurityGroups: groups, socialSecurityGap: gap });
    expect(findings).toEqual([expect.objectContaining({ code: 'socialSecurityRatioNotChecked', severity: 'warning', message: '未校验：请填写 1 名有社保人员的单位社保号' })]);
  });

  it('a code without its total is 未校验, never a pass', () => {
    const { groups, gap } = socialSecurityGroups(ROSTER, {}, ['A']);
    const findings = checkUnitRules(shanghai, { enrollmentType: 'central', personCount: 5, socialSecurityGroups: groups, socialSecurityGap: gap });
    expect(findings.map((f) => [f.code, f.severity, f.socialSecurityCode])).toEqual([
      ['socialSecurityRatioNotChecked', 'warning', 'A'],
      ['socialSecurityRatioNotChecked', 'warning', 'B'],
    ]);
    expect(findings[0]!.message).toContain('未校验：请填写社保编码 A 的社保在职人员总数');
  });

  it('flags the one-enrollment-per-year rule for the roster checks', () => {
    expect(hasUnitRule(shanghai, 'onePolicyPerPersonPerYear')).toBe(true);
    expect(hasUnitRule(suzhou, 'onePolicyPerPersonPerYear')).toBe(false);
  });
});

describe('Suzhou: one renewal a year, no mid-year changes, 10 persons to open another policy', () => {
  const cases: [string, UnitFacts, string[]][] = [
    ['first renewal', { enrollmentType: 'renewal', personCount: 3, renewalsThisYear: 0 }, []],
    ['second renewal', { enrollmentType: 'renewal', personCount: 30, renewalsThisYear: 1 }, ['本单位本年度已办理过续保，一个单位一个年度只能续保一次']],
    ['changing a policy in force', { enrollmentType: 'renewal', personCount: 30, changesPolicyInForce: true }, ['保单生效后中途不得增减人员或者更换人员信息']],
    ['a first new policy of 3', { enrollmentType: 'new', personCount: 3, unitHasPolicyThisYear: false }, []],
    ['another new policy of 9', { enrollmentType: 'instant', personCount: 9, unitHasPolicyThisYear: true }, ['本年度已有保单的单位重新开单须满 10 人，本批次 9 人']],
    ['another new policy of 10', { enrollmentType: 'instant', personCount: 10, unitHasPolicyThisYear: true }, []],
    ['the 10-person rule does not apply to renewals', { enrollmentType: 'renewal', personCount: 2, unitHasPolicyThisYear: true }, []],
  ];
  it.each(cases)('%s', (_n, facts, messages) => {
    expect(checkUnitRules(suzhou, facts).map((f) => f.message)).toEqual(messages);
  });
});

describe('Qingdao: in-service and female head counts required', () => {
  it.each([
    [{ inService: 328, femaleInService: 68 }, []],
    [{ inService: 2, femaleInService: 1 }, []],
    [{ inService: 328 }, ['请填写参保单位在职女职工人数']],
    [undefined, ['请填写参保单位在职职工人数', '请填写参保单位在职女职工人数']],
    [{ inService: 10, femaleInService: 11 }, ['在职女职工人数不能大于在职职工人数']],
    [{ inService: -1, femaleInService: 0 }, ['请填写参保单位在职职工人数']],
  ])('%j → %j', (headCounts, messages) => {
    const facts: UnitFacts = { enrollmentType: 'new', personCount: 2, ...(headCounts ? { headCounts } : {}) };
    expect(checkUnitRules(qingdao, facts).map((f) => f.message)).toEqual(messages);
  });
});
