import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkIdDocument, ID_DOCUMENT_KIND_LABELS, ID_DOCUMENT_KINDS, type IdDocumentKind } from '../../../../shared/domain/identity';

const TODAY = '2025-06-01';

describe('checkIdDocument', () => {
  it.each<[IdDocumentKind, string, string]>([
    ['residentId', '11010519491231002x', '11010519491231002X'],
    ['permanentResidence', '931840198506150015', '931840198506150015'],
    ['hkMacaoTaiwanResidence', '830000199201300022', '830000199201300022'],
    ['hkMacaoTravelPermit', 'h12345678', 'H12345678'],
    ['taiwanTravelPermit', '01234567', '01234567'],
    ['passport', 'e12345678', 'E12345678'],
  ])('checks a %s', (kind, raw, normalized) => {
    const r = checkIdDocument(kind, raw, TODAY);
    expect(r).toMatchObject({ kind, normalized, valid: true });
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it.each<[IdDocumentKind, string, IdDocumentKind]>([
    ['hkMacaoTaiwanResidence', '110101199003074477', 'residentId'],
    ['residentId', '931840198506150015', 'permanentResidence'],
    ['residentId', 'H12345678', 'hkMacaoTravelPermit'],
    ['hkMacaoTravelPermit', '01234567', 'taiwanTravelPermit'],
    ['permanentResidence', '110105491231002', 'residentId'],
    ['passport', '11010519491231002X', 'residentId'], // valid as a passport, but its birth data would be lost
  ])('%s %s: suggests %s', (kind, raw, other) => {
    const r = checkIdDocument(kind, raw, TODAY);
    const mismatch = r.findings.find((f) => f.code === 'idKindMismatch');
    expect(mismatch).toEqual({
      code: 'idKindMismatch',
      severity: 'warning',
      message: `该号码符合${ID_DOCUMENT_KIND_LABELS[other]}的格式`,
      hint: `请核对证件类型，应为“${ID_DOCUMENT_KIND_LABELS[other]}”`,
    });
  });

  it.each<[IdDocumentKind, string]>([
    ['passport', 'M12345678'], // a Korean passport has the shape of a 回乡证
    ['residentId', '11O1051949123l002X'], // would fit "passport", which is never suggested
    ['residentId', '110101199003074478'], // a wrong check digit fits no other kind
    ['hkMacaoTravelPermit', 'H1234567'],
  ])('%s %s: no kind suggested', (kind, raw) => {
    expect(checkIdDocument(kind, raw, TODAY).findings.map((f) => f.code)).not.toContain('idKindMismatch');
  });

  it('refuses an unknown kind instead of throwing', () => {
    const r = checkIdDocument('driverLicence' as IdDocumentKind, ' 123 ', TODAY);
    expect(r).toMatchObject({ valid: false, normalized: '123' });
    expect(r.findings[0]?.code).toBe('idFormat');
  });

  it('never throws, for any kind and any text, and valid always means no error', () => {
    fc.assert(fc.property(fc.constantFrom(...ID_DOCUMENT_KINDS), fc.string({ unit: 'binary', maxLength: 24 }), (kind, raw) => {
      const r = checkIdDocument(kind, raw, TODAY);
      expect(r.kind).toBe(kind);
      expect(r.valid).toBe(!r.findings.some((f) => f.severity === 'error'));
      for (const f of r.findings) expect(f.message.length).toBeGreaterThan(0);
    }), { numRuns: 300 });
  });

  it('is safe on values that are not strings at run time', () => {
    for (const kind of ID_DOCUMENT_KINDS) {
      for (const raw of [undefined, null, 110101199003074477, {}]) {
        const r = checkIdDocument(kind, raw as unknown as string, TODAY);
        expect(r).toMatchObject({ valid: false, normalized: '' });
      }
    }
  });
});
