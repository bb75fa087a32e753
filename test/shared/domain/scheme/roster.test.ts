import { describe, it, expect } from 'vitest';
import { templateHeaderRowIndex, columnForHeader } from '../../../../shared/domain/scheme';
import { schemeById } from '../../../../shared/schemes';

describe('templateHeaderRowIndex', () => {
  it('Wuxi: title row and instruction row above the header; Shanghai: header first', () => {
    expect(templateHeaderRowIndex(schemeById('wuxi-2023')!.roster)).toBe(2);
    expect(templateHeaderRowIndex(schemeById('shanghai-2020')!.roster)).toBe(0);
  });
});

describe('columnForHeader', () => {
  const sh = schemeById('shanghai-2020')!.roster;
  it.each([
    ['*姓名', 'name'],
    ['姓名', 'name'],
    ['＊证件类型 (身份证、护照)', 'documentType'],
    ['身份证号码', 'documentNumber'],
    ['出生日期(护照类型为必填) 格式例如(1990-01-01)', 'birthDate'],
    ['出生日期', 'birthDate'],
    ['是否有社保', 'socialSecurity'],
    ['手机号码', 'phone'],
  ])('Shanghai header %s → %s', (header, key) => {
    expect(columnForHeader(sh, header)?.key).toBe(key);
  });
  it('unknown or empty headers match nothing', () => {
    expect(columnForHeader(sh, '工资')).toBeUndefined();
    expect(columnForHeader(sh, '  ')).toBeUndefined();
  });
  it('Wuxi header with the full-width bracket variant', () => {
    expect(columnForHeader(schemeById('wuxi-2023')!.roster, '居民身份证号（证件号码）')?.key).toBe('documentNumber');
  });
});
