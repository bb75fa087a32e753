import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanCellText, compactCellText, toHalfWidth } from '../../../../shared/domain/roster/cellText';
import { excelSerialToDate, parseRosterDate } from '../../../../shared/domain/roster/excelDates';

describe('cell text as Excel and IMEs leave it', () => {
  it.each([
    ['  张三  ', '张三'],
    ['张\u200b三', '张三'],
    ['\ufeff李四', '李四'],
    ['王\u3000五', '王 五'],
    ['JOHN\u00a0 SMITH', 'JOHN SMITH'],
    ['３１０１０１１９８５０６１５１２３８', '310101198506151238'],
    ['ＡＢＣ１２３', 'ABC123'],
    ['', ''],
  ])('cleans %j to %j', (raw, clean) => {
    expect(cleanCellText(raw)).toBe(clean);
  });

  it('keeps CJK compatibility ideographs of rare names as written', () => {
    // U+FA11 崎 would become U+5D0E under NFKC; a name must stay the character the person has.
    expect(cleanCellText('\ufa11山')).toBe('\ufa11山');
  });

  it('leaves a clean cell as it is and cleans any other exactly as the full replacement does', () => {
    // The characters that matter to cleaning, mixed with ordinary ones.
    const chars = [' ', '  ', '\t', '\n', '\r', '\u00a0', '\u3000', '\u2003', '\u200b', '\u200d', '\ufeff', '\u00ad', '\u202e', '\u2060', '\uff11', '\uff41', '\uff5e', '\uff5f', '-', '张', 'a', '1', 'X', '\u0001'];
    const full = (raw: string) => toHalfWidth(raw.replace(/[\u200b-\u200f\u2060\ufeff\u00ad\u202a-\u202e]/g, '')).replace(/[\s\u00a0\u3000]+/g, ' ').trim();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 12 }), (parts) => {
        const raw = parts.join('');
        expect(cleanCellText(raw)).toBe(full(raw));
        expect(compactCellText(raw)).toBe(full(raw).replace(/[\s-]/g, ''));
      }),
      { numRuns: 2000 },
    );
  });

  it('removes every space and dash from numbers and codes', () => {
    expect(compactCellText(' 3101 0119 8506 1512 38 ')).toBe('310101198506151238');
    expect(compactCellText('138-1234-5678')).toBe('13812345678');
  });

  it('folds full-width ASCII only', () => {
    expect(toHalfWidth('ｘ（）　中')).toBe('x()　中');
  });
});

describe('roster dates', () => {
  it.each([
    ['1990-01-01', '1990-01-01'],
    ['1990/1/1', '1990-01-01'],
    ['1990.01.01', '1990-01-01'],
    ['1990年1月1日', '1990-01-01'],
    ['19900101', '1990-01-01'],
    ['32874', '1990-01-01'], // Excel serial of 1990-01-01
    ['36585', '2000-02-29'],
    ['61', '1900-03-01'],
    ['1990-02-30', null],
    ['2023-02-29', null],
    ['abc', null],
    ['60', null], // Excel's phantom 1900-02-29
  ])('%s → %s', (text, date) => {
    expect(parseRosterDate(text)).toBe(date);
  });

  it('counts serials before the phantom leap day from 1900-01-01', () => {
    expect(excelSerialToDate(1)).toBe('1900-01-01');
    expect(excelSerialToDate(59)).toBe('1900-02-28');
    expect(excelSerialToDate(60)).toBeNull();
    expect(excelSerialToDate(1.5)).toBeNull();
  });
});
