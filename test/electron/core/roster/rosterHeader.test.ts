import { describe, expect, it } from 'vitest';
import { findHeader, mapHeaderRow, matchHeader, missingRequiredColumns } from '../../../../electron/core/roster/rosterHeader';
import { schemeById } from '../../../../shared/schemes';

const shanghai = schemeById('shanghai-2020')!.roster;
const wuxi = schemeById('wuxi-2023')!.roster;
const qingdao = schemeById('qingdao-2025')!.roster;

describe('a header cell names a column', () => {
  const cases: [string, typeof shanghai, string, string | undefined][] = [
    ['the template text itself', shanghai, '*证件类型 (身份证、护照)', 'documentType'],
    ['without its asterisk', shanghai, '证件类型 (身份证、护照)', 'documentType'],
    ['with a full-width asterisk and spaces', shanghai, '＊ 姓 名', 'name'],
    ['with full-width brackets around the hint', shanghai, '证件类型（身份证、护照）', 'documentType'],
    ['with another hint in brackets', shanghai, '证件号码【必填】', 'documentNumber'],
    ['with a hint on a second line', shanghai, '出生日期\n(护照必填)', 'birthDate'],
    ['the long Shanghai birth-date header, reworded', shanghai, '出生日期（护照类型为必填）格式例如(1990-01-01)', 'birthDate'],
    ['a synonym', shanghai, '有无社保', 'socialSecurity'],
    ['a column accepted only on import', shanghai, '单位社保号', 'socialSecurityCode'],
    ["Wuxi's ID header with full-width brackets", wuxi, '居民身份证号（证件号码）', 'documentNumber'],
    ["Wuxi's bank card synonym", wuxi, '银行卡号', 'bankCard'],
    ['Qingdao new-employment flag', qingdao, '新就业形态', 'newEmploymentForm'],
    ['an unknown header', shanghai, '工号', undefined],
    ['a blank cell', shanghai, '  ', undefined],
    ['only a bracket', shanghai, '（必填）', undefined],
  ];
  it.each(cases)('%s', (_name, roster, text, field) => {
    expect(matchHeader(roster, text)?.key).toBe(field);
  });
});

describe('the header row', () => {
  it('takes the row that maps the most columns, not a title or instruction row', () => {
    const rows = [
      { number: 1, cells: ['无锡市职工互助互济会“三合一”项目参保花名册'] },
      { number: 2, cells: ['说明', '必填，姓名中不要出现空格', '必填，X要大写'] },
      { number: 3, cells: ['序号', '姓名', '居民身份证号(证件号码)', '社保卡银行卡号', '开户行', '手机号', '备注'] },
      { number: 4, cells: ['1', '张三', '3202*****002X'] },
    ];
    const header = findHeader(wuxi, rows)!;
    expect(header.rowNumber).toBe(3);
    expect(header.serialColumnIndex).toBe(0);
    expect(header.mapped.map((m) => [m.field, m.columnIndex])).toEqual([
      ['name', 1],
      ['documentNumber', 2],
      ['bankCard', 3],
      ['bankName', 4],
      ['phone', 5],
      ['remark', 6],
    ]);
  });

  it('ignores a row naming a single column (an instructions sheet lists one per row)', () => {
    expect(findHeader(wuxi, [{ number: 2, cells: ['姓名', '必填'] }])).toBeNull();
  });

  it('keeps the first of two columns for one field and lists the second as ignored', () => {
    const match = mapHeaderRow(shanghai, 1, ['姓名', '证件号码', '身份证号', '备注']);
    expect(match.mapped.map((m) => m.field)).toEqual(['name', 'documentNumber']);
    expect(match.ignoredHeaders).toEqual(['身份证号', '备注']);
  });

  it('lists the required columns no header names', () => {
    const match = mapHeaderRow(shanghai, 1, ['姓名', '证件号码']);
    expect(missingRequiredColumns(shanghai, match.mapped).map((c) => c.key)).toEqual(['documentType', 'socialSecurity']);
  });
});
