import { describe, expect, it } from 'vitest';
import { isFormulaLike, neutraliseFormula } from '../../../../electron/core/roster/formulaInjection';

describe('formula-like text is made inert', () => {
  const cases: [string, string][] = [
    ['=1+1', "'=1+1"],
    ['=HYPERLINK("http://x","点我")', '\'=HYPERLINK("http://x","点我")'],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ['-2+3+cmd', "'-2+3+cmd"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['-', '-'],
    ['-12.5', '-12.5'],
    ['+8613800138000', '+8613800138000'],
    ['王小明', '王小明'],
    ['', ''],
    ['a=b', 'a=b'],
  ];
  it.each(cases)('%j', (text, written) => {
    expect(neutraliseFormula(text)).toBe(written);
    expect(isFormulaLike(text)).toBe(written !== text);
  });
});
