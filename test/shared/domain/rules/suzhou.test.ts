/**
 * 苏州市职工互助保障集中续保和集中参保操作流程 2024 (seeds/000), in the manual's order: the
 * two plans, the September renewal and enrollment, other months' instant enrollment priced
 * by the month, the waiting period, the unit rules, and the roster.
 */
import { describe, expect, it } from 'vitest';
import { checkSelection, checkUnitRules } from '../../../../shared/domain/eligibility';
import { priceBatch } from '../../../../shared/domain/pricing';
import { getPlan, resolveCover, waitingPeriodSpan, windowFinding } from '../../../../shared/domain/scheme';
import { codes, context, errors, residentId, scheme } from './ruleFixtures';

const SZ = scheme('suzhou-2024');
const RENEWAL = context(SZ, { enrollmentType: 'renewal', today: '2024-09-10', submissionDate: '2024-09-10', coverStart: '2024-10-01', selection: [{ planCode: 'YL', shares: 1 }, { planCode: 'NZ', shares: 1 }], overAgeCommitmentSigned: false });
const MAN = residentId('320501', '1985-06-15', 123);
const WOMAN = residentId('320506', '1990-02-28', 122);

describe('二、申请参保/续保 · 保障计划', () => {
  it('共2个保障计划，至少选择1个', () => {
    expect(checkSelection(SZ, [], { enrollmentType: 'renewal', scope: 'batch' }).map((v) => v.code)).toEqual(['atLeastOneOf']);
    expect(checkSelection(SZ, [{ planCode: 'YL', shares: 1 }], { enrollmentType: 'renewal', scope: 'batch' })).toEqual([]);
  });
  it('女职工特种保障仅限女性', () => {
    expect(codes({ name: '张一', documentNumber: MAN }, RENEWAL)).toContain('genderNotAllowed');
    expect(errors({ name: '李二', documentNumber: WOMAN }, RENEWAL)).toEqual([]);
  });
});

describe('续保与9月集中参保', () => {
  it.each([
    ['续保：9月集中续保，8月可先准备', 'renewal', '2024-08-20', 'windowNotYetOpen', 'warning'],
    ['续保：9月内办理', 'renewal', '2024-09-10', null, null],
    ['续保：9月以后不能续保，可改为其他月份新参保', 'renewal', '2024-10-08', 'outsideWindow', 'error'],
    ['新参保：9月集中参保', 'new', '2024-09-30', null, null],
    ['其他月份新参保（即时）', 'instant', '2025-03-10', null, null],
    ['本年度9月以后：本方案已不能办理', 'instant', '2025-09-05', 'outsideWindow', 'error'],
  ] as const)('%s', (_clause, type, date, code, severity) => {
    const found = windowFinding(SZ, type, date);
    if (code === null) expect(found).toBeNull();
    else expect(found).toMatchObject({ code, severity });
  });
  it('续保截止后的提示：当天可办理新参保（其他月份即时参保）', () => {
    expect(windowFinding(SZ, 'renewal', '2024-10-08')?.hint).toContain('新参保（其他月份即时参保）');
  });
  it.each([
    ['续保：当年度10月1日至下一年度9月30日，一整年', 'renewal', '2024-09-10', { start: '2024-10-01', end: '2025-09-30' }],
    ['9月新参保：一整年', 'new', '2024-09-10', { start: '2024-10-01', end: '2025-09-30' }],
    ['其他月份新参保：申请当天至下一年度9月30日', 'instant', '2025-03-10', { start: '2025-03-10', end: '2025-09-30' }],
  ] as const)('%s', (_clause, type, date, cover) => {
    expect(resolveCover(SZ, type, { submissionDate: date })).toMatchObject({ ok: true, cover });
  });
});

describe('费用标准', () => {
  const price = (type: 'renewal' | 'instant', date: string, plan: string) => priceBatch(SZ, { enrollmentType: type, submissionDate: date, selection: [{ planCode: plan, shares: 1 }], persons: [{ id: 'p' }] }).totalFen;
  it.each([
    ['大病医疗互助保障每人每年30元', 'renewal', '2024-09-10', 'YL', 3000],
    ['女职工特种保障每人每年15元', 'renewal', '2024-09-10', 'NZ', 1500],
    ['其他月份：每人每月2.5元，按实际参保月份数（3月至9月，7个月）', 'instant', '2025-03-10', 'YL', 1750],
    ['其他月份：女职工每人每月1.25元', 'instant', '2025-03-10', 'NZ', 875],
  ] as const)('%s', (_clause, type, date, plan, fen) => {
    expect(price(type, date, plan)).toBe(fen);
  });
});

describe('注', () => {
  it('新参保单位执行2个月的医疗免责期；续保没有', () => {
    expect(waitingPeriodSpan(getPlan(SZ, 'YL'), 'new', '2024-10-01')?.label).toBe('2个月免责期');
    expect(waitingPeriodSpan(getPlan(SZ, 'YL'), 'renewal', '2024-10-01')).toBeNull();
  });
  it.each([
    ['一个单位一个年度续保一次', { enrollmentType: 'renewal', personCount: 20, renewalsThisYear: 1 }, ['oneRenewalPerYear']],
    ['中途不得增减人员或者更换人员信息', { enrollmentType: 'renewal', personCount: 20, changesPolicyInForce: true }, ['noMidYearChanges']],
    ['满10人以上可以重新开单，选择新参保', { enrollmentType: 'new', personCount: 9, unitHasPolicyThisYear: true }, ['minPersonsForNewPolicy']],
    ['首次新参保不受10人限制', { enrollmentType: 'new', personCount: 3, unitHasPolicyThisYear: false }, []],
  ] as const)('%s', (_clause, facts, expected) => {
    expect(checkUnitRules(SZ, facts).map((f) => f.code)).toEqual(expected);
  });
});

describe('三、录入名单', () => {
  it('有身份证人员批量导入：只需姓名和身份证号码', () => {
    expect(errors({ name: '张一', documentNumber: MAN }, { ...RENEWAL, selection: [{ planCode: 'YL', shares: 1 }] })).toEqual([]);
  });
  it('无身份证的外籍人员逐一录入（护照）', () => {
    expect(SZ.roster.manualEntryDocumentTypes).toEqual(['护照']);
  });
});
