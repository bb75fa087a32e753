import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkUscc, USCC_ALPHABET, USCC_WEIGHTS, usccCheckCharacter } from '../../../../shared/domain/identity';
import { referenceUsccCheck, USCC_CHARS } from './referenceChecks';

describe('unified social credit code', () => {
  it('uses the GB 32100-2015 weights and alphabet', () => {
    expect(USCC_WEIGHTS).toEqual([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);
    expect(USCC_ALPHABET).toBe(USCC_CHARS);
    expect(USCC_ALPHABET).not.toMatch(/[IOSVZ]/);
  });

  // Verified by hand: weighted sums 1640, 538 and 966 (mod 31: 28, 11, 5; 31 minus each: 3, 20 = L, 26 = T).
  it.each([
    ['91350100M000100Y43', '3'],
    ['91110000600037341L', 'L'],
    ['91440300708461136T', 'T'],
  ])('%s is valid', (code, check) => {
    expect(usccCheckCharacter(code)).toBe(check);
    expect(referenceUsccCheck(code)).toBe(check);
    expect(checkUscc(code)).toEqual({ normalized: code, valid: true, findings: [] });
  });

  it('upper-cases', () => {
    expect(checkUscc(' 91350100m000100y43 ')).toEqual({ normalized: '91350100M000100Y43', valid: true, findings: [] });
  });

  it('treats a check mismatch as a warning naming the expected character', () => {
    const r = checkUscc('913100007109303459');
    expect(r.valid).toBe(true);
    expect(r.findings).toEqual([expect.objectContaining({ code: 'idCheckDigit', severity: 'warning', message: '统一社会信用代码校验位不符' })]);
    expect(r.findings[0]?.hint).toMatch(/^校验位应为G/);
  });

  it.each([
    ['', 'idEmpty', '统一社会信用代码为空'],
    ['91350100M000100Y4', 'idLength', '统一社会信用代码应为18位（当前17位）'],
    ['91350100M000100Y433', 'idLength', '统一社会信用代码应为18位（当前19位）'],
    ['91350100MO00100Y43', 'idCharacter', '统一社会信用代码第10位“O”不是统一社会信用代码允许的字符'],
    ['9135010OM000100S43', 'idCharacter', '统一社会信用代码第8位“O”不是统一社会信用代码允许的字符，第16位“S”不是统一社会信用代码允许的字符'],
    ['91350100M000100Y4-', 'idCharacter', '统一社会信用代码第18位“-”不是统一社会信用代码允许的字符'],
  ])('%j: %s', (code, findingCode, message) => {
    const r = checkUscc(code);
    expect(r.valid).toBe(false);
    expect(r.findings).toEqual([expect.objectContaining({ code: findingCode, severity: 'error', message })]);
  });

  const first17 = fc.array(fc.constantFrom(...USCC_CHARS), { minLength: 17, maxLength: 17 }).map((a) => a.join(''));

  it('17 characters and their check character form a code without findings', () => {
    fc.assert(fc.property(first17, (body) => {
      expect(checkUscc(body + referenceUsccCheck(body))).toEqual({ normalized: body + referenceUsccCheck(body), valid: true, findings: [] });
    }));
  });

  it('changing any single character makes the check fail', () => {
    fc.assert(fc.property(first17, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (body, at, shift) => {
      const code = body + referenceUsccCheck(body);
      const replacement = USCC_CHARS[(USCC_CHARS.indexOf(code[at]!) + shift) % 31]!;
      const r = checkUscc(code.slice(0, at) + replacement + code.slice(at + 1));
      expect(r.findings.map((f) => f.code)).toEqual(['idCheckDigit']);
    }));
  });
});
