import { describe, it, expect } from 'vitest';
import {
  resolveCover,
  checkSubmissionDate,
  coverWithinMonths,
  waitingPeriodSpan,
  findPlan,
  type EnrollmentType,
  type Scheme,
} from '../../../../shared/domain/scheme';
import { schemeById } from '../../../../shared/schemes';

const s = (id: string): Scheme => schemeById(id)!;

describe('resolveCover', () => {
  const cases: [string, EnrollmentType, string, { requestedStart?: string; policyPeriod?: { start: string; end: string } }, { start: string; end: string } | null][] = [
    // Shanghai: central covers 1 April – 31 March whatever the submission day
    ['shanghai-2020', 'central', '2020-04-20', {}, { start: '2020-04-01', end: '2021-03-31' }],
    // instant: from the day after submission to 31 March
    ['shanghai-2020', 'instant', '2020-05-20', {}, { start: '2020-05-21', end: '2021-03-31' }],
    ['shanghai-2020', 'instant', '2020-12-31', {}, { start: '2021-01-01', end: '2021-03-31' }],
    // Suzhou: September renewal and new enrollment cover 1 Oct – 30 Sep
    ['suzhou-2024', 'renewal', '2024-09-10', {}, { start: '2024-10-01', end: '2025-09-30' }],
    ['suzhou-2024', 'new', '2024-09-30', {}, { start: '2024-10-01', end: '2025-09-30' }],
    // off-season new units: from the application day to 30 September
    ['suzhou-2024', 'instant', '2025-03-15', {}, { start: '2025-03-15', end: '2025-09-30' }],
    // Qingdao: effective date set by the association, one year
    ['qingdao-2025', 'new', '2025-11-25', {}, null],
    ['qingdao-2025', 'new', '2025-11-25', { requestedStart: '2025-12-20' }, { start: '2025-12-20', end: '2026-12-19' }],
    // Shenzhen: optional effective date; supplementary ends with the policy
    ['shenzhen', 'new', '2025-03-01', { requestedStart: '2025-04-01' }, { start: '2025-04-01', end: '2026-03-31' }],
    ['shenzhen', 'new', '2025-03-01', {}, null],
    ['shenzhen', 'supplementary', '2025-06-10', { requestedStart: '2025-06-15', policyPeriod: { start: '2025-04-01', end: '2026-03-31' } }, { start: '2025-06-15', end: '2026-03-31' }],
  ];
  it.each(cases)('%s %s submitted %s %j → %j', (id, type, submissionDate, extra, cover) => {
    const r = resolveCover(s(id), type, { submissionDate, ...extra });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.cover).toEqual(cover);
  });

  it.each([
    ['suzhou-2024', 'central', { submissionDate: '2024-09-01' }, 'enrollmentTypeNotOffered', /不办理集中参保/],
    ['shanghai-2020', 'instant', { submissionDate: '2021-03-31' }, 'startAfterCoverageYear', /晚于保障结束日期/],
    ['shenzhen', 'new', { submissionDate: '2025-03-01', requestedStart: '2025-02-01' }, 'requestedStartTooEarly', /早于提交日期/],
    ['shenzhen', 'supplementary', { submissionDate: '2025-06-10', requestedStart: '2025-06-15' }, 'policyPeriodMissing', /在保保单/],
  ] as const)('%s %s %j → %s', (id, type, request, code, message) => {
    const r = resolveCover(s(id), type, request);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.code).toBe(code);
      expect(r.problem.message).toMatch(message);
      expect(r.problem.hint.length).toBeGreaterThan(0);
    }
  });
});

describe('checkSubmissionDate', () => {
  it.each([
    ['shanghai-2020', 'central', '2020-04-01', true],
    ['shanghai-2020', 'central', '2020-05-11', true],
    ['shanghai-2020', 'central', '2020-05-12', false],
    ['shanghai-2020', 'instant', '2020-05-11', false],
    ['shanghai-2020', 'instant', '2020-05-12', true],
    ['suzhou-2024', 'renewal', '2024-09-30', true],
    ['suzhou-2024', 'renewal', '2024-10-01', false],
    ['suzhou-2024', 'instant', '2024-09-15', false],
    ['suzhou-2024', 'instant', '2025-08-31', true],
    ['suzhou-2024', 'instant', '2025-09-01', false],
    ['qingdao-2025', 'new', '2025-07-07', true],
  ] as const)('%s %s on %s → %s', (id, type, date, allowed) => {
    const problem = checkSubmissionDate(s(id), type, date);
    expect(problem === null).toBe(allowed);
    if (problem) expect(problem.message).toMatch(/不在.*办理时间内/);
  });
});

describe('coverWithinMonths (half a year or less)', () => {
  it.each([
    [{ start: '2020-10-01', end: '2021-03-31' }, true],
    [{ start: '2020-09-30', end: '2021-03-31' }, false],
    [{ start: '2020-10-16', end: '2021-03-31' }, true],
    [{ start: '2020-05-21', end: '2021-03-31' }, false],
  ])('%j → %s', (cover, within) => {
    expect(coverWithinMonths(cover, 6)).toBe(within);
  });
});

describe('waitingPeriodSpan', () => {
  it('Shanghai instant: A0 30 days, B3 60 days, C3 none; central none', () => {
    const sh = s('shanghai-2020');
    expect(waitingPeriodSpan(findPlan(sh, 'A0')!, 'instant', '2020-05-21')).toMatchObject({
      period: { start: '2020-05-21', end: '2020-06-19' },
      benefitsFrom: '2020-06-20',
      label: '30天免责期',
    });
    expect(waitingPeriodSpan(findPlan(sh, 'B3')!, 'instant', '2020-05-21')?.benefitsFrom).toBe('2020-07-20');
    expect(waitingPeriodSpan(findPlan(sh, 'C3')!, 'instant', '2020-05-21')).toBeNull();
    expect(waitingPeriodSpan(findPlan(sh, 'A0')!, 'central', '2020-04-01')).toBeNull();
    expect(waitingPeriodSpan(findPlan(sh, 'A1')!, 'instant', '2020-05-21')?.note).toMatch(/意外伤害事故住院不执行免责期/);
  });

  it('Suzhou new units: 2 months; renewal none', () => {
    const sz = s('suzhou-2024');
    expect(waitingPeriodSpan(findPlan(sz, 'YL')!, 'instant', '2025-03-15')).toMatchObject({
      period: { start: '2025-03-15', end: '2025-05-14' },
      benefitsFrom: '2025-05-15',
      label: '2个月免责期',
    });
    expect(waitingPeriodSpan(findPlan(sz, 'NZ')!, 'new', '2024-10-01')?.benefitsFrom).toBe('2024-12-01');
    expect(waitingPeriodSpan(findPlan(sz, 'YL')!, 'renewal', '2024-10-01')).toBeNull();
  });
});
