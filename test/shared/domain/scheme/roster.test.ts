import { describe, it, expect } from 'vitest';
import { templateHeaderRowIndex, columnForHeader, closestHeader, withColumnMapping } from '../../../../shared/domain/scheme';
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

describe('headers as clerks write them, across every scheme', () => {
  const cases: [string, string, string][] = [
    // statutory and official names
    ['suzhou-2024', '公民身份号码', 'documentNumber'],
    ['shenzhen', '公民身份号码', 'documentNumber'],
    ['qingdao-2025', '居民身份证号码', 'documentNumber'],
    ['wuxi-2023', '社会保障号码', 'documentNumber'],
    ['shanghai-2020', '社会保险登记号', 'socialSecurityCode'],
    ['wuxi-2023', '社会保障卡号', 'bankCard'],
    // abbreviations
    ['shanghai-2020', '身份证', 'documentNumber'],
    ['suzhou-2024', '手机', 'phone'],
    ['wuxi-2023', '电话', 'phone'],
    ['shanghai-2020', '职退状态', 'employmentStatus'],
    // 必填 markers
    ['shenzhen', '姓名（必填）', 'name'],
    ['qingdao-2025', '必填：姓名', 'name'],
    ['wuxi-2023', '开户银行(必填)', 'bankName'],
    ['suzhou-2024', '*手机号码：', 'phone'],
    // units and notes in brackets
    ['qingdao-2025', '份数（份）', 'shares'],
    ['shenzhen', '出生日期（年-月-日）', 'birthDate'],
    ['shanghai-2020', '是否有社保(是/否)', 'socialSecurity'],
  ];
  it.each(cases)('%s: “%s” → %s', (schemeId, header, key) => {
    const roster = schemeById(schemeId)!.roster;
    // Brackets are tried away by the reader (rosterHeader.matchHeader); here the header as a whole or without them.
    const found = columnForHeader(roster, header) ?? columnForHeader(roster, header.replace(/[(（].*?[)）]/g, ''));
    expect(found?.key).toBe(key);
  });

  it('a common name of a field the scheme has no column for names nothing', () => {
    expect(columnForHeader(schemeById('suzhou-2024')!.roster, '开户银行')).toBeUndefined();
    expect(columnForHeader(schemeById('shanghai-2020')!.roster, '工号')).toBeUndefined();
  });
});

describe('closestHeader', () => {
  const sh = schemeById('shanghai-2020')!.roster;
  const column = (key: string) => sh.columns.find((c) => c.key === key)!;
  it.each([
    ['documentNumber', ['部门', '身份证件号', '工资'], '身份证件号'],
    ['socialSecurity', ['社保有否', '手机'], '社保有否'],
    ['name', ['职工名', '工号'], '职工名'],
  ])('for %s among %j: %s', (key, headers, closest) => {
    expect(closestHeader(sh, column(key), headers)).toBe(closest);
  });
  it('nothing alike: no closest header', () => {
    expect(closestHeader(sh, column('documentNumber'), ['工资', '部门'])).toBeUndefined();
  });
});

describe('withColumnMapping', () => {
  const sh = schemeById('shanghai-2020')!.roster;
  it('a header mapped by hand names its column, before any name another column has', () => {
    const mapped = withColumnMapping(sh, { 证件编码: 'documentNumber', 手机号: 'socialSecurityCode' });
    expect(columnForHeader(mapped, '证件编码')?.key).toBe('documentNumber');
    expect(columnForHeader(mapped, '手机号')?.key).toBe('socialSecurityCode');
    expect(columnForHeader(sh, '证件编码')).toBeUndefined();
  });
  it('no mapping: the spec itself', () => {
    expect(withColumnMapping(sh, {})).toBe(sh);
    expect(withColumnMapping(sh, undefined)).toBe(sh);
  });
});
