import { describe, it, expect } from 'vitest';
import { monthlyWindowEnd, paymentDueDate, paymentDueOn, paymentRemark } from '../../../../shared/domain/scheme';
import { schemeById } from '../../../../shared/schemes';

describe('paymentDueDate', () => {
  it.each([
    // 提交确认保费后，请于15天内 … central payments by 26 May at the latest
    ['shanghai-2020', 'central', '2020-04-20', '2020-05-05'],
    ['shanghai-2020', 'central', '2020-05-20', '2020-05-26'],
    ['shanghai-2020', 'instant', '2020-06-01', '2020-06-16'],
    ['suzhou-2024', 'renewal', '2024-09-20', null],
    ['qingdao-2025', 'new', '2025-11-25', null],
  ] as const)('%s %s confirmed %s → %s', (id, type, confirmed, due) => {
    expect(paymentDueDate(schemeById(id)!, type, confirmed)).toBe(due);
  });
});

describe('monthlyWindowEnd (Qingdao: 缴费时间为每月1日至25日)', () => {
  it.each([
    [25, '2025-03-01', '2025-03-25'],
    [25, '2025-03-25', '2025-03-25'],
    [25, '2025-03-26', '2025-04-25'],
    [25, '2025-12-31', '2026-01-25'],
    [30, '2025-02-10', '2025-02-28'],
    [30, '2025-03-01', '2025-03-30'],
  ] as const)('last day %i, on %s → %s', (lastDay, day, end) => {
    expect(monthlyWindowEnd({ lastDay }, day)).toBe(end);
  });
});

describe('paymentDueOn: the deadline or the monthly window, the sooner', () => {
  it.each([
    ['shanghai-2020', 'central', '2020-04-20', '2020-04-25', '2020-05-05'],
    ['qingdao-2025', 'new', '2025-11-20', '2025-11-20', '2025-11-25'],
    ['qingdao-2025', 'new', '2025-11-20', '2025-11-27', '2025-12-25'],
    ['suzhou-2024', 'renewal', '2024-09-20', '2024-09-21', null],
  ] as const)('%s %s confirmed %s, today %s → %s', (id, type, confirmed, today, due) => {
    expect(paymentDueOn(schemeById(id)!, type, confirmed, today)).toBe(due);
  });
});

describe('paymentRemark', () => {
  it('writes the unit name (and code where the scheme asks for it)', () => {
    expect(paymentRemark(schemeById('qingdao-2025')!, { unitName: '青岛区测试单位1' })).toBe('青岛区测试单位1');
    expect(paymentRemark(schemeById('shanghai-2020')!, { unitName: '上海XXX公司', unitCode: '3019BJ' })).toBe('3019BJ 上海XXX公司');
    expect(paymentRemark(schemeById('shanghai-2020')!, { unitName: '上海XXX公司' })).toBe('上海XXX公司');
  });
});
