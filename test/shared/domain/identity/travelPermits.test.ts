import { describe, expect, it } from 'vitest';
import { checkHkMacaoTravelPermit, checkTaiwanTravelPermit, documentCarriesBirthData, type IdFindingCode } from '../../../../shared/domain/identity';

describe('checkHkMacaoTravelPermit (回乡证)', () => {
  it.each([
    ['H12345678', 'H12345678'],
    ['M87654321', 'M87654321'],
    ['H1234567801', 'H1234567801'], // with the two renewal digits
    ['h12345678', 'H12345678'],
    [' M8765432100 ', 'M8765432100'],
  ])('%j is valid as %s', (n, normalized) => {
    expect(checkHkMacaoTravelPermit(n)).toEqual({ kind: 'hkMacaoTravelPermit', normalized, valid: true, findings: [] });
    expect(documentCarriesBirthData('hkMacaoTravelPermit', normalized)).toBe(false);
  });

  it.each<[string, IdFindingCode[]]>([
    ['', ['idEmpty']],
    ['A12345678', ['idFormat']],
    ['H1234567', ['idLength']],
    ['H123456789', ['idLength']], // 10 characters: neither the card nor the booklet form
    ['H123456789012', ['idLength']],
    ['H1234S678', ['idCharacter']],
    ['12345678', ['idFormat', 'idLength']],
  ])('%j: %j', (n, codes) => {
    const r = checkHkMacaoTravelPermit(n);
    expect(r.valid).toBe(false);
    expect(r.findings.map((f) => f.code)).toEqual(codes);
  });

  it('says which position is not a digit', () => {
    expect(checkHkMacaoTravelPermit('H1234S678').findings[0]?.message).toBe('回乡证号码第6位“S”不是数字');
  });
});

describe('checkTaiwanTravelPermit (台胞证)', () => {
  it('accepts the 8-digit card number', () => {
    expect(checkTaiwanTravelPermit('01234567')).toEqual({ kind: 'taiwanTravelPermit', normalized: '01234567', valid: true, findings: [] });
    expect(documentCarriesBirthData('taiwanTravelPermit', '01234567')).toBe(false);
  });

  it.each([
    ['0412345678', '0412345678'],
    ['0412345678(b)', '0412345678(B)'],
  ])('accepts the old booklet number %s with a warning', (n, normalized) => {
    const r = checkTaiwanTravelPermit(n);
    expect(r).toMatchObject({ normalized, valid: true });
    expect(r.findings).toEqual([expect.objectContaining({ code: 'idOutdatedForm', severity: 'warning' })]);
  });

  it.each<[string, IdFindingCode[]]>([
    ['', ['idEmpty']],
    ['1234567', ['idLength']],
    ['123456789', ['idLength']],
    ['1234567A', ['idCharacter']],
    ['T1234567', ['idCharacter']],
  ])('%j: %j', (n, codes) => {
    const r = checkTaiwanTravelPermit(n);
    expect(r.valid).toBe(false);
    expect(r.findings.map((f) => f.code)).toEqual(codes);
  });
});
