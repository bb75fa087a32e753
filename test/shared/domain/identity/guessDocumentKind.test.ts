import { describe, expect, it } from 'vitest';
import { guessDocumentKind, type IdDocumentKind } from '../../../../shared/domain/identity';

describe('guessDocumentKind', () => {
  it.each<[string, IdDocumentKind | null]>([
    ['110101199003074477', 'residentId'],
    ['11010519491231002x', 'residentId'],
    ['110105491231002', 'residentId'],
    ['11010119900307447', 'residentId'], // one digit short: still gets the resident-ID messages
    ['810000199408230021', 'hkMacaoTaiwanResidence'],
    ['820000200111300030', 'hkMacaoTaiwanResidence'],
    ['830000199201300022', 'hkMacaoTaiwanResidence'],
    ['830102198001010016', 'residentId'], // 83 without 0000 is no permit
    ['931840198506150015', 'permanentResidence'],
    ['USA310085061501', 'permanentResidence'],
    ['H12345678', 'hkMacaoTravelPermit'],
    ['m1234567801', 'hkMacaoTravelPermit'],
    ['01234567', 'taiwanTravelPermit'],
    ['0412345678', 'taiwanTravelPermit'],
    ['E12345678', 'passport'],
    ['H801213602X', 'passport'],
    ['C01X00T47', 'passport'],
    ['', null],
    ['1234', null],
    ['张三', null],
    ['E-1234', null],
  ])('%j -> %s', (n, kind) => {
    expect(guessDocumentKind(n)).toBe(kind);
  });
});
