import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkBankCard, isLuhnValid, luhnCheckDigit, type IdFindingCode } from '../../../../shared/domain/identity';
import { referenceLuhnValid } from './referenceChecks';

describe('Luhn', () => {
  // Verified by hand.
  it.each([
    ['4111111111111111', true],
    ['6228480402564890018', true],
    ['6222600260001072444', true],
    ['6222021001115225', false], // its Luhn digit would be 4
    ['6222021001115224', true],
    ['79927398713', true], // the textbook example
    ['79927398710', false],
  ])('%s: %s', (n, valid) => {
    expect(isLuhnValid(n)).toBe(valid);
    expect(referenceLuhnValid(n)).toBe(valid);
  });

  it('computes the digit to append', () => {
    expect(luhnCheckDigit('622202100111522')).toBe(4);
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(luhnCheckDigit('12a')).toBeNull();
  });

  const body = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 11, maxLength: 18 });

  it('a body and its check digit pass, in agreement with the reference', () => {
    fc.assert(fc.property(body, (b) => {
      const card = b + String(luhnCheckDigit(b));
      expect(referenceLuhnValid(card)).toBe(true);
      expect(checkBankCard(card)).toEqual({ normalized: card, valid: true, findings: [] });
    }));
  });

  it('changing any single digit fails it', () => {
    fc.assert(fc.property(body, fc.nat(), fc.integer({ min: 1, max: 9 }), (b, atSeed, shift) => {
      const card = b + String(luhnCheckDigit(b));
      const at = atSeed % card.length;
      const changed = card.slice(0, at) + String((Number(card[at]) + shift) % 10) + card.slice(at + 1);
      expect(isLuhnValid(changed)).toBe(false);
      expect(checkBankCard(changed).findings.map((f) => f.code)).toEqual(['idCheckDigit']);
    }));
  });
});

describe('checkBankCard', () => {
  it('warns on a Luhn failure and names the expected last digit', () => {
    const r = checkBankCard('6222021001115225');
    expect(r.valid).toBe(true);
    expect(r.findings).toEqual([expect.objectContaining({ code: 'idCheckDigit', severity: 'warning', message: '银行卡号校验位不符' })]);
    expect(r.findings[0]?.hint).toMatch(/^末位校验位应为4/);
  });

  it.each<[string, IdFindingCode[], string]>([
    ['', ['idEmpty'], '银行卡号为空'],
    ['62220210011', ['idLength'], '银行卡号应为12–19位数字（当前11位）'],
    ['62220210011152250000', ['idLength'], '银行卡号应为12–19位数字（当前20位）'],
    ['6222 0210 0111 5224', ['idCharacter'], '银行卡号第5位“空格”不是数字，第10位“空格”不是数字，第15位“空格”不是数字'],
    ['62220210011152A4', ['idCharacter'], '银行卡号第15位“A”不是数字'],
    ['6.22202E+15', ['idScientificNotation'], '银行卡号已被Excel转成科学计数法（6.22202E+15），原号码无法恢复'],
  ])('%j: %j', (n, codes, message) => {
    const r = checkBankCard(n);
    expect(r.valid).toBe(false);
    expect(r.findings.map((f) => f.code)).toEqual(codes);
    expect(r.findings[0]?.message).toBe(message);
  });
});
