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
