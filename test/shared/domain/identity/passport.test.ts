import { describe, expect, it } from 'vitest';
import { checkPassport, documentCarriesBirthData, isChinesePassportNumber, type IdFindingCode } from '../../../../shared/domain/identity';

describe('checkPassport', () => {
  it.each([
    ['E12345678', 'E12345678'], // Chinese, current
    ['EA1234567', 'EA1234567'], // Chinese, letters after E
    ['G12345678', 'G12345678'], // Chinese, older form
    ['H801213602X', 'H801213602X'], // Shanghai's template example
    ['c01x00t47', 'C01X00T47'], // foreign, lower-case typed
    ['AB123', 'AB123'],
    ['A1234567890123456789', 'A1234567890123456789'],
  ])('%s is valid as %s, without birth data', (n, normalized) => {
    expect(checkPassport(n)).toEqual({ kind: 'passport', normalized, valid: true, findings: [] });
    expect(documentCarriesBirthData('passport', normalized)).toBe(false);
  });

  it.each<[string, IdFindingCode[], string]>([
    ['', ['idEmpty'], '护照号码为空'],
    ['E123', ['idLength'], '护照号码应为5–20位（当前4位）'],
    ['A12345678901234567890', ['idLength'], '护照号码应为5–20位（当前21位）'],
    ['E1234-5678', ['idCharacter'], '护照号码第6位“-”不是字母或数字'],
    ['E12 345678', ['idCharacter'], '护照号码第4位“空格”不是字母或数字'],
    ['ABCıD', ['idCharacter'], '护照号码第4位“ı”不是字母或数字'], // not turned into I by upper-casing
  ])('%j: %j', (n, codes, message) => {
    const r = checkPassport(n);
    expect(r.valid).toBe(false);
    expect(r.normalized).toBe(n);
    expect(r.findings.map((f) => f.code)).toEqual(codes);
    expect(r.findings[0]?.message).toBe(message);
  });

  it.each([
    ['E12345678', true],
    ['EA1234567', true],
    ['G12345678', true],
    ['G1234567A', false],
    ['E1234567', false],
    ['K12345678', false],
  ])('%s is a Chinese passport number: %s', (n, chinese) => {
    expect(isChinesePassportNumber(n)).toBe(chinese);
  });
});
