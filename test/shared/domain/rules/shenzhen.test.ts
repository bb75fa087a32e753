/**
 * 工会帮-互助保障系统 操作指引 (seeds/003, Shenzhen), in the manual's order: the policy entry
 * (plans, shares, the optional effective date), the roster template, and the supplementary
 * enrollment (保全) of new hires into a policy in force with their own effective date.
 */
import { describe, expect, it } from 'vitest';
import { checkSelection } from '../../../../shared/domain/eligibility';
import { priceBatch } from '../../../../shared/domain/pricing';
import { checkRosterRow } from '../../../../shared/domain/roster';
import { resolveCover } from '../../../../shared/domain/scheme';
import { codes, context, errors, residentId, scheme } from './ruleFixtures';

const SZN = scheme('shenzhen');
const NEW = context(SZN, { enrollmentType: 'new', today: '2025-01-10', submissionDate: '2025-01-10', coverStart: '2025-02-01', selection: [{ planCode: 'ZY', shares: 1 }, { planCode: 'NZ', shares: 1 }], overAgeCommitmentSigned: false });
const MAN = residentId('440309', '1985-06-15', 123);
const WOMAN = residentId('440309', '1990-02-28', 122);

describe('2.2 选择保障计划', () => {
  const violations = (choice: { planCode: string; shares: number }[]) => checkSelection(SZN, choice, { enrollmentType: 'new', scope: 'batch' }).map((v) => v.code);
  it.each([
    ['勾选需要参保的保障计划（至少一项）', [], ['atLeastOneOf']],
    ['下拉选择参保份数（1至3份）', [{ planCode: 'ZY', shares: 3 }], []],
    ['份数超出可选范围', [{ planCode: 'ZY', shares: 4 }], ['sharesOutOfRange']],
  ] as const)('%s', (_clause, choice, expected) => {
    expect(violations([...choice])).toEqual(expected);
  });

  it('按份数计费：住院医疗每份60元', () => {
    expect(priceBatch(SZN, { enrollmentType: 'new', submissionDate: '2025-01-10', requestedStart: '2025-02-01', selection: [{ planCode: 'ZY', shares: 2 }], persons: [{ id: 'p' }] }).totalFen).toBe(12000);
  });

  it.each([
    ['可以选择填写保单生效日期：一年期', '2025-02-01', { ok: true, cover: { start: '2025-02-01', end: '2026-01-31' } }],
    ['不填：生效日期由互助会设置', undefined, { ok: true, cover: null }],
    ['生效日期不能早于提交日期', '2025-01-05', { ok: false, problem: { code: 'requestedStartTooEarly' } }],
  ] as const)('%s', (_clause, requestedStart, expected) => {
    expect(resolveCover(SZN, 'new', { submissionDate: '2025-01-10', ...(requestedStart ? { requestedStart } : {}) })).toMatchObject(expected);
  });
});

describe('2.3 提交参保名单（模板）', () => {
  it('填写完整的人员通过', () => {
    expect(errors({ name: '李二', documentType: '居民身份证', documentNumber: WOMAN }, NEW)).toEqual([]);
  });
  it('女职工安康互助保障计划仅限女性（男性只参加其他计划）', () => {
    expect(codes({ name: '张一', documentType: '居民身份证', documentNumber: MAN }, NEW)).toContain('genderNotAllowed');
    expect(errors({ name: '张一', documentType: '居民身份证', documentNumber: MAN }, NEW)).toEqual([]);
  });
  it('护照须另填出生日期和性别', () => {
    const missing = checkRosterRow({ name: 'JOHN SMITH', documentType: '护照', documentNumber: 'E12345678' }, NEW).findings.filter((f) => f.code === 'missingField');
    expect(missing.map((f) => f.field).sort()).toEqual(['birthDate', 'gender']);
    expect(errors({ name: 'JOHN SMITH', documentType: '护照', documentNumber: 'E12345678', birthDate: '1990-01-01', gender: '男' }, NEW)).toEqual([]);
  });
});

describe('保单补充申请（保全）', () => {
  const POLICY = { start: '2025-02-01', end: '2026-01-31' };
  const SUPP = context(SZN, { enrollmentType: 'supplementary', today: '2025-06-10', submissionDate: '2025-06-10', coverStart: null, selection: [{ planCode: 'ZY', shares: 1 }], overAgeCommitmentSigned: false, policyPeriod: POLICY });
  it.each([
    ['填写保全生效日期', '2025-07-01', []],
    ['保全生效日期不能早于提交日期', '2025-06-01', ['effectiveDateTooEarly']],
    ['保全生效日期不是日期', '下月', ['effectiveDateInvalid']],
  ] as const)('%s', (_clause, effectiveDate, expected) => {
    expect(errors({ name: '王五', documentType: '居民身份证', documentNumber: MAN, effectiveDate }, SUPP)).toEqual(expected);
  });
  it('保全按月计费至原保单到期（7月至次年1月，7个月）', () => {
    const quote = priceBatch(SZN, { enrollmentType: 'supplementary', submissionDate: '2025-06-10', requestedStart: '2025-07-01', policyPeriod: POLICY, selection: [{ planCode: 'ZY', shares: 1 }], persons: [{ id: 'p' }] });
    expect(quote.cover).toEqual({ start: '2025-07-01', end: '2026-01-31' });
    expect(quote.proRata).toEqual({ kind: 'monthly', months: 7 });
  });
});
