import { describe, expect, it } from 'vitest';
import { checkHkMacaoTaiwanResidence, documentCarriesBirthData } from '../../../../shared/domain/identity';

const TODAY = '2025-06-01';

describe('checkHkMacaoTaiwanResidence', () => {
  // Check characters verified by hand with MOD 11-2.
  it.each([
    ['810000199408230021', '1994-08-23', 'female'], // Hong Kong
    ['820000200111300030', '2001-11-30', 'male'], // Macao
    ['830000199201300022', '1992-01-30', 'female'], // Taiwan
  ])('%s: born %s, %s', (n, birthDate, gender) => {
    expect(checkHkMacaoTaiwanResidence(n, TODAY)).toEqual({ kind: 'hkMacaoTaiwanResidence', normalized: n, valid: true, birthDate, gender, findings: [] });
    expect(documentCarriesBirthData('hkMacaoTaiwanResidence', n)).toBe(true);
  });

  it.each([
    ['810000199408230022', 'idCheckDigit'],
    ['810000202506020014', 'idBirthDateFuture'],
    ['830102198001010016', 'idFormat'], // 83 with an address code is not a permit
    ['810001199408230028', 'idFormat'],
    ['110101199003074477', 'idFormat'],
    ['81000019940823002', 'idLength'],
    ['', 'idEmpty'],
  ])('%j: %s', (n, code) => {
    const r = checkHkMacaoTaiwanResidence(n, TODAY);
    expect(r.valid).toBe(false);
    expect(r.findings.map((f) => f.code)).toContain(code);
  });

  it('names the three prefixes and suggests the resident ID for a mainland number', () => {
    const f = checkHkMacaoTaiwanResidence('110101199003074477', TODAY).findings[0];
    expect(f?.message).toBe('港澳台居民居住证号码应以810000（香港）、820000（澳门）或830000（台湾）开头');
    expect(f?.hint).toContain('居民身份证');
  });
});
