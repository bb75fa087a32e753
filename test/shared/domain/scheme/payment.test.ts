import { describe, it, expect } from 'vitest';
import { paymentDueDate, paymentRemark } from '../../../../shared/domain/scheme';
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

describe('paymentRemark', () => {
  it('writes the unit name (and code where the scheme asks for it)', () => {
    expect(paymentRemark(schemeById('qingdao-2025')!, { unitName: '青岛区测试单位1' })).toBe('青岛区测试单位1');
    expect(paymentRemark(schemeById('shanghai-2020')!, { unitName: '上海XXX公司', unitCode: '3019BJ' })).toBe('3019BJ 上海XXX公司');
    expect(paymentRemark(schemeById('shanghai-2020')!, { unitName: '上海XXX公司' })).toBe('上海XXX公司');
  });
});
