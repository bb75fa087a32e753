/**
 * Bank card numbers (the social-security card's bank account on Wuxi's roster): 12 to 19
 * digits. Most cards end in a Luhn check digit, but not every bank's numbers do, so a
 * Luhn failure is a warning.
 */
import { characterFinding, emptyFinding, lengthFinding, scientificNotationFinding, trimInput, visibleLength, warning } from './findings';
import type { IdFinding, NumberCheckResult } from './types';

export const BANK_CARD_MIN_LENGTH = 12;
export const BANK_CARD_MAX_LENGTH = 19;

/** The Luhn check digit to append to `body`; null unless `body` is ASCII digits. */
export function luhnCheckDigit(body: string): number | null {
  let sum = 0;
  // Doubling starts with the body's last digit, which sits next to the check digit.
  for (let i = body.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = body.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isLuhnValid(number: string): boolean {
  if (number.length < 2) return false;
  const expected = luhnCheckDigit(number.slice(0, -1));
  return expected !== null && number.charCodeAt(number.length - 1) - 48 === expected;
}

const NOUN = '银行卡号';

export function checkBankCard(raw: string): NumberCheckResult {
  const s = trimInput(raw);
  if (s.length === 0) return { normalized: s, valid: false, findings: [emptyFinding(NOUN)] };
  const scientific = scientificNotationFinding(NOUN, s);
  if (scientific) return { normalized: s, valid: false, findings: [scientific] };
  const findings: IdFinding[] = [];
  const chars = characterFinding(NOUN, s, () => 'digit', '银行卡号只含数字，请去掉空格、横线等符号');
  if (chars) findings.push(chars);
  const n = visibleLength(s);
  if (n < BANK_CARD_MIN_LENGTH || n > BANK_CARD_MAX_LENGTH) {
    findings.push(lengthFinding(NOUN, `${BANK_CARD_MIN_LENGTH}–${BANK_CARD_MAX_LENGTH}位数字`, s, '请与卡面或存折核对'));
  }
  if (findings.length > 0) return { normalized: s, valid: false, findings };

  const expected = luhnCheckDigit(s.slice(0, -1));
  if (expected !== null && s.charCodeAt(s.length - 1) - 48 !== expected) {
    findings.push(warning('idCheckDigit', `${NOUN}校验位不符`, `末位校验位应为${expected}（部分银行卡不使用该校验，请与卡面核对）`));
  }
  return { normalized: s, valid: true, findings };
}
