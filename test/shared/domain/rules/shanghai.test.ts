/**
 * 上海职工互助保障项目2020 参保手册 (seeds/002), its rules in the manual's order: who may
 * take each plan, when and for how long, the plan choice, the import template, the roster
 * check (over-age, 职退情况, the 75% ratio, one enrollment a year), and the price.
 */
import { describe, expect, it } from 'vitest';
import { checkSelection } from '../../../../shared/domain/eligibility';
import { priceBatch } from '../../../../shared/domain/pricing';
import { duplicateFindings } from '../../../../shared/domain/roster';
import { resolveCover, waitingPeriodSpan, windowFinding, getPlan } from '../../../../shared/domain/scheme';
import { codes, context, errors, residentId, scheme, unitCodes } from './ruleFixtures';

const SH = scheme('shanghai-2020');
const CENTRAL = context(SH, { enrollmentType: 'central', today: '2020-04-20', submissionDate: '2020-04-20', coverStart: '2020-04-01', selection: [{ planCode: 'A0', shares: 1 }, { planCode: 'B0', shares: 1 }, { planCode: 'C0', shares: 1 }], overAgeCommitmentSigned: false });
const MAN_1985 = residentId('310101', '1985-06-15', 123);
const WOMAN_1964 = residentId('310101', '1964-06-15', 122); // 55 on 2020-04-01
const MAN_1959 = residentId('310101', '1959-06-15', 121); // 60 on 2020-04-01
const row = (documentNumber: string, more: Record<string, string> = {}) => ({ name: '王豆豆', documentType: '身份证', documentNumber, socialSecurity: '是', ...more });

describe('一、参保要点 · 参保对象', () => {
  it.each([
    ['A0 属于“职保”保障范围的在职职工：有社保者可参加', row(MAN_1985), 'A0', []],
    ['A0：无社保者不能参加（其余项目照常）', row(MAN_1985, { socialSecurity: '否' }), 'A0', ['socialSecurityRequired']],
    ['A1、A2、A3：不属于“职保”范围的从业人员也可参加', row(MAN_1985, { socialSecurity: '否' }), 'A1', []],
    ['不属于“职保”范围：女性未满55周岁', row(WOMAN_1964, { socialSecurity: '否' }), 'A1', ['overAge']],
    ['不属于“职保”范围：男性未满60周岁', row(MAN_1959, { socialSecurity: '否' }), 'C0', ['overAge']],
    ['在职职工：职退情况为“退休”者不能参加', row(MAN_1985, { employmentStatus: '退休' }), 'B0', ['retiredNotAllowed']],
  ] as const)('%s', (_clause, raw, plan, refused) => {
    // An enhanced plan goes with a basic one (the selection rules); the basic C0 has no social-security condition.
    const ctx = { ...CENTRAL, selection: [...new Set(['C0', plan])].map((planCode) => ({ planCode, shares: 1 })) };
    const found = codes(raw, ctx);
    for (const code of refused) expect(found).toContain(code);
    if (refused.length === 0) expect(errors(raw, ctx)).toEqual([]);
  });
});

describe('参保时间', () => {
  it.each([
    ['集中参保：4月开放前可先准备（提示）', 'central', '2020-03-20', 'windowNotYetOpen', 'warning'],
    ['集中参保：4月1日起', 'central', '2020-04-01', null, null],
    ['集中参保：截止后不能再办，改为即时参保', 'central', '2020-06-01', 'outsideWindow', 'error'],
    ['即时参保：5月起', 'instant', '2020-06-01', null, null],
  ] as const)('%s', (_clause, type, date, code, severity) => {
    const found = windowFinding(SH, type, date);
    if (code === null) expect(found).toBeNull();
    else expect(found).toMatchObject({ code, severity });
  });

  it('集中参保截止后，提示当天可办理的即时参保', () => {
    expect(windowFinding(SH, 'central', '2020-06-01')?.hint).toContain('即时参保');
  });
});

describe('保障期限', () => {
  it('集中参保：当年4月1日起至次年3月31日', () => {
    expect(resolveCover(SH, 'central', { submissionDate: '2020-04-20' })).toMatchObject({ ok: true, cover: { start: '2020-04-01', end: '2021-03-31' } });
  });
  it('即时参保：提交参保名单的次日起至3月31日', () => {
    expect(resolveCover(SH, 'instant', { submissionDate: '2020-06-10' })).toMatchObject({ ok: true, cover: { start: '2020-06-11', end: '2021-03-31' } });
  });
});

describe('免责期', () => {
  it.each([
    ['集中参保：无免责期', 'central', 'A0', null],
    ['即时参保：A0 30天', 'instant', 'A0', '30天免责期'],
    ['即时参保：特种重病 60天', 'instant', 'B0', '60天免责期'],
    ['即时参保：意外伤害无免责期', 'instant', 'C0', null],
  ] as const)('%s', (_clause, type, plan, label) => {
    expect(waitingPeriodSpan(getPlan(SH, plan), type, '2020-06-11')?.label ?? null).toBe(label);
  });
});

describe('保障项目的选择', () => {
  const violations = (codesChosen: string[], type: 'central' | 'instant' = 'central', central?: string[]) =>
    checkSelection(SH, codesChosen.map((planCode) => ({ planCode, shares: 1 })), { enrollmentType: type, scope: 'batch', ...(central ? { centralSelection: central.map((planCode) => ({ planCode, shares: 1 })) } : {}) }).filter((v) => v.severity === 'error').map((v) => v.code);
  it.each([
    ['A0、B0、C0至少选1种', ['A1'], ['atLeastOneOf', 'requires']],
    ['A1、A2、A3至多选1种', ['A0', 'A1', 'A2'], ['atMostOnePerFamily']],
    ['在基本保障项目的基础上可参保加强保障项目', ['A0', 'C3'], []],
    ['即时参保保障项目和集中参保项目必须保持一致', ['A0'], ['copyFromCentral']],
  ] as const)('%s', (clause, chosen, expected) => {
    const type = clause.startsWith('即时') ? 'instant' : 'central';
    expect(violations([...chosen], type, type === 'instant' ? ['A0', 'B0'] : undefined)).toEqual(expected);
  });
});

describe('导入模板', () => {
  it.each([
    ['证件类型（身份证、护照）：其他证件不接受', row(MAN_1985, { documentType: '驾驶证' }), ['documentTypeUnknown']],
    ['护照类型：出生日期为必填', { name: 'JOHN SMITH', documentType: '护照', documentNumber: 'E12345678', gender: '男', socialSecurity: '是' }, ['missingField']],
    ['护照类型：性别为必填', { name: 'JOHN SMITH', documentType: '护照', documentNumber: 'E12345678', birthDate: '1990-01-01', socialSecurity: '是' }, ['missingField']],
    ['*是否有社保 为必填', { name: '王豆豆', documentType: '身份证', documentNumber: MAN_1985 }, ['missingField']],
  ] as const)('%s', (_clause, raw, expected) => {
    expect(errors(raw, CENTRAL)).toEqual(expect.arrayContaining([...expected]));
  });
  it('单个模板导入上限5000人', () => {
    expect(SH.roster.rowLimitPerFile).toBe(5000);
  });
});

describe('清册校验', () => {
  it('超龄：女55、男60，不移除须勾选“医保享受在职待遇”并签署承诺', () => {
    expect(errors(row(MAN_1959), CENTRAL)).toContain('overAgeNeedsMedicalInService');
    expect(errors(row(MAN_1959, { medicalInService: '是' }), CENTRAL)).toContain('overAgeNeedsCommitment');
    expect(codes(row(MAN_1959, { medicalInService: '是' }), { ...CENTRAL, overAgeCommitmentSigned: true })).toContain('keptOverAge');
    expect(errors(row(MAN_1959, { medicalInService: '是' }), { ...CENTRAL, overAgeCommitmentSigned: true })).toEqual([]);
  });

  it('职退情况是“-”：社保状态不明，待经办人确认', () => {
    expect(codes(row(MAN_1985, { employmentStatus: '-', socialSecurity: '否' }), CENTRAL, ['warning'])).toContain('socialSecurityUnknown');
  });

  it('每个社保编码的参保比例均不低于75%；单位只有一个编码时，有社保人员计入该编码', () => {
    const rows = [row(MAN_1985), row(residentId('310101', '1986-01-01', 11)), row(residentId('310101', '1987-01-01', 13))];
    expect(unitCodes(SH, rows, CENTRAL, { enrollmentType: 'central', socialSecurityTotals: { S1: 4 }, unitSocialSecurityCodes: ['S1'] })).toEqual([]);
    expect(unitCodes(SH, rows, CENTRAL, { enrollmentType: 'central', socialSecurityTotals: { S1: 5 }, unitSocialSecurityCodes: ['S1'] })).toEqual([{ code: 'socialSecurityRatio', severity: 'error' }]);
  });

  it('未填写社保在职人员总数时：未校验，而不是通过', () => {
    expect(unitCodes(SH, [row(MAN_1985)], CENTRAL, { enrollmentType: 'central', unitSocialSecurityCodes: ['S1'] })).toEqual([{ code: 'socialSecurityRatioNotChecked', severity: 'warning' }]);
  });

  it('无社保编码不影响正常参保', () => {
    expect(unitCodes(SH, [row(MAN_1985)], CENTRAL, { enrollmentType: 'central' })).toEqual([]);
  });

  it('一个身份证号在一个参保年度只能参保一次（被某单位占用）', () => {
    const [found] = duplicateFindings([{ documentNumber: MAN_1985, sourceRow: 2 }], { occupied: new Map([[MAN_1985, { unitName: '上海某某有限公司' }]]) });
    expect(found!.map((f) => f.code)).toEqual(['occupiedElsewhere']);
  });
});

describe('保费', () => {
  const price = (type: 'central' | 'instant', submissionDate: string, plans: string[]) =>
    priceBatch(SH, { enrollmentType: type, submissionDate, selection: plans.map((planCode) => ({ planCode, shares: 1 })), persons: [{ id: 'p1' }] }).totalFen;
  it.each([
    ['同时参保A0、B0、C0：190元优惠至180元', 'central', '2020-04-20', ['A0', 'B0', 'C0'], 18000],
    ['单选A0：120元', 'central', '2020-04-20', ['A0'], 12000],
    ['即时参保保障期超过半年：全价', 'instant', '2020-06-10', ['A0'], 12000],
    ['即时参保保障期小于等于半年：半价', 'instant', '2020-11-10', ['A0'], 6000],
  ] as const)('%s', (_clause, type, date, plans, fen) => {
    expect(price(type, date, [...plans])).toBe(fen);
  });
});
