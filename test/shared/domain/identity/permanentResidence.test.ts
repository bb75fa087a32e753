import { describe, expect, it } from 'vitest';
import { checkPermanentResidence, documentCarriesBirthData, isOldPermanentResidenceNumber } from '../../../../shared/domain/identity';

const TODAY = '2025-06-01';

describe('checkPermanentResidence: the 2023 form', () => {
  // 9,受理地 31 (上海) / 44 (广东), nationality 840 / 156, birth date, sequence, MOD 11-2 (verified by hand).
  it.each([
    ['931840198506150015', '1985-06-15', 'male'],
    ['931840198506150023', '1985-06-15', 'female'],
    ['944156199001011230', '1990-01-01', 'male'],
  ])('%s: born %s, %s', (n, birthDate, gender) => {
    expect(checkPermanentResidence(n, TODAY)).toEqual({ kind: 'permanentResidence', normalized: n, valid: true, birthDate, gender, findings: [] });
    expect(documentCarriesBirthData('permanentResidence', n)).toBe(true);
  });

  it.each([
    ['931840198506150016', 'idCheckDigit'],
    ['931840198502300012', 'idBirthDateInvalid'],
    ['110101199003074477', 'idFormat'], // a resident ID entered as a permanent residence ID
    ['981840198506150014', 'idProvince'], // 81 (Hong Kong) cannot issue a permanent residence ID
    ['90184019850615001X', 'idProvince'],
  ])('%s: %s', (n, code) => {
    const r = checkPermanentResidence(n, TODAY);
    expect(r.valid).toBe(false);
    expect(r.findings.map((f) => f.code)).toContain(code);
  });

  it('accepts a lower-case x', () => {
    // 93184019850615004 + X (verified by hand)
    const r = checkPermanentResidence('93184019850615004x', TODAY);
    expect(r).toMatchObject({ normalized: '93184019850615004X', valid: true, gender: 'female' });
    expect(r.findings.map((f) => f.code)).toEqual(['idLowerCaseX']);
  });
});

describe('checkPermanentResidence: the old form', () => {
  it.each(['USA310085061501', 'GBR440090010112', 'kor110075123100'])('%s: valid, no birth data', (n) => {
    const r = checkPermanentResidence(n, TODAY);
    expect(r).toEqual({ kind: 'permanentResidence', normalized: n.toUpperCase(), valid: true, findings: [] });
    expect(documentCarriesBirthData('permanentResidence', r.normalized)).toBe(false);
  });

  it.each([
    ['US1310085061501', '永久居留身份证号码第3位“1”应为字母'],
    ['USA31008506150O', '永久居留身份证号码第15位“O”不是数字'],
    ['110105491231002', '永久居留身份证号码第1位“1”应为字母，第2位“1”应为字母，第3位“0”应为字母'],
  ])('%s is refused: %s', (n, message) => {
    const r = checkPermanentResidence(n, TODAY);
    expect(r.valid).toBe(false);
    expect(r.findings).toEqual([expect.objectContaining({ code: 'idCharacter', message })]);
  });

  it('says both forms when the length is wrong', () => {
    expect(checkPermanentResidence('USA3100850615', TODAY).findings).toEqual([
      expect.objectContaining({ code: 'idLength', message: '永久居留身份证号码应为18位（2023年起的新版）或15位（旧版）（当前13位）' }),
    ]);
  });

  it('is exact about the letter block', () => {
    expect(isOldPermanentResidenceNumber('USA310085061501')).toBe(true);
    expect(isOldPermanentResidenceNumber('usa310085061501')).toBe(false);
    expect(isOldPermanentResidenceNumber('USA31008506150')).toBe(false);
    expect(isOldPermanentResidenceNumber('USAB10085061501')).toBe(false);
  });
});
