import { describe, expect, it } from 'vitest';
import {
  FORMULA_ERROR_TEXT,
  cellText,
  dateText,
  excelScientific,
  formulaResultText,
  isDateFormat,
  isLostPrecisionInteger,
  numberText,
  serialDateText,
} from '../../../../electron/core/roster/cellText';

describe('numbers as the clerk saw them', () => {
  const cases: [string, number, string | undefined, string][] = [
    ['a small integer', 42, undefined, '42'],
    ['a mobile number', 13800138000, undefined, '13800138000'],
    ['a negative number', -5, undefined, '-5'],
    ['a 15-digit integer, all kept', 123456789012345, undefined, '123456789012345'],
    ['a 16-digit integer not ending in 0 (written by a program, exact)', 6222021234567891, undefined, '6222021234567891'],
    ['a 16-digit integer ending in 0 (what Excel keeps of a typed card)', 6222021234567890, undefined, '6.22202123456789E+15'],
    ['an 18-digit ID beyond 2^53', 320102199001011234, undefined, '3.20102199001011E+17'],
    ['a 19-digit bank card', 6222021234567890123, undefined, '6.22202123456789E+18'],
    ['a round large number', 3.2e17, undefined, '3.2E+17'],
    ['a decimal', 12.5, undefined, '12.5'],
    ['floating-point noise', 0.1 + 0.2, undefined, '0.3'],
    ['a tiny decimal', 0.0000001, undefined, '1E-07'],
    ['leading zeros from a zero format', 7, '0000', '0007'],
    ['a zero format narrower than the number', 12345, '000', '12345'],
    ['a non-finite value', Number.NaN, undefined, FORMULA_ERROR_TEXT],
  ];
  it.each(cases)('%s', (_name, value, numFmt, text) => {
    expect(numberText(value, numFmt)).toBe(text);
  });

  it('says which integers may have lost digits', () => {
    expect([9007199254740991, 9007199254740992, 1e15, 999999999999999, 1234567890123450].map(isLostPrecisionInteger)).toEqual([false, true, true, false, true]);
  });

  it("writes Excel's scientific form", () => {
    expect([1.5e20, 1e100, 1.23e-10].map(excelScientific)).toEqual(['1.5E+20', '1E+100', '1.23E-10']);
  });
});

describe('dates as calendar days', () => {
  const serials: [number, boolean, string][] = [
    [32874, false, '1990-01-01'],
    [32874.99, false, '1990-01-01'],
    [1, false, '1900-01-01'],
    [59, false, '1900-02-28'],
    [60, false, '1900-02-29'],
    [61, false, '1900-03-01'],
    [2958465, false, '9999-12-31'],
    [31412, true, '1990-01-01'],
  ];
  it.each(serials)('serial %d (1904 system: %s)', (serial, date1904, text) => {
    expect(serialDateText(serial, date1904)).toBe(text);
  });

  it('reads the UTC day of the Date exceljs gives, whatever the local zone', () => {
    expect(dateText(new Date(Date.UTC(1990, 0, 1)))).toBe('1990-01-01');
    expect(dateText(new Date(Date.UTC(1965, 11, 31, 23, 59)))).toBe('1965-12-31');
    expect(dateText(new Date(Number.NaN))).toBe('');
  });

  const formats: [string, boolean][] = [
    ['yyyy-mm-dd', true],
    ['yyyy"年"m"月"d"日"', true],
    ['[$-804]yyyy/m/d', true],
    ['YYYY/MM/DD', true],
    ['h:mm', true],
    ['General', false],
    ['0.00', false],
    ['#,##0 "元"', false],
    ['@', false],
    ['0.00E+00', false],
    ['[Red]0', false],
  ];
  it.each(formats)('%s is a date format: %s', (format, isDate) => {
    expect(isDateFormat(format)).toBe(isDate);
  });
});

describe('other cell values', () => {
  const cases: [string, Parameters<typeof cellText>[0], Parameters<typeof cellText>[1], string][] = [
    ['empty', null, undefined, ''],
    ['text, untouched', '  王 小明 ', undefined, '  王 小明 '],
    ['a number with a date format', 32874, { numFmt: 'yyyy-mm-dd' }, '1990-01-01'],
    ['TRUE', true, undefined, '是'],
    ['FALSE', false, undefined, '否'],
    ['rich text', { richText: [{ text: '王' }, { text: '小明' }] }, undefined, '王小明'],
    ['an error', { error: '#REF!' }, undefined, '#REF!'],
    ['a formula with a result', { formula: 'A1', result: 13800138000 }, undefined, '13800138000'],
    ['a formula never calculated', { formula: 'A1' }, undefined, ''],
    ['a formula with an error result', { formula: 'A1', result: { error: '#DIV/0!' } }, undefined, '#DIV/0!'],
    ['a hyperlink', { text: '官网', hyperlink: 'https://example.com' }, undefined, '官网'],
  ];
  it.each(cases)('%s', (_name, value, context, text) => {
    expect(cellText(value, context)).toBe(text);
  });

  it("gives formulas' falsy results that cell.value drops", () => {
    expect([formulaResultText(0), formulaResultText(''), formulaResultText(Number.NaN), formulaResultText(undefined)]).toEqual(['0', '', FORMULA_ERROR_TEXT, '']);
  });
});
