/**
 * Passports. Chinese ordinary passports are E and 8 letters or digits (the older ones G
 * and 8 digits); foreign passports follow no common rule. Both fit "5 to 20 letters or
 * digits", which is all that can be checked without rejecting real foreign numbers: no
 * check character, no birth date, no gender (rosters carry those in their own columns).
 */
import { characterFinding, emptyFinding, failed, lengthFinding, toAsciiUpper, trimInput } from './findings';
import type { IdDocumentResult, IdFinding } from './types';

export const PASSPORT_MIN_LENGTH = 5;
export const PASSPORT_MAX_LENGTH = 20;

export function isPassportNumber(normalized: string): boolean {
  const n = normalized.length;
  if (n < PASSPORT_MIN_LENGTH || n > PASSPORT_MAX_LENGTH) return false;
  for (let i = 0; i < n; i++) {
    const c = normalized.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return false;
  }
  return true;
}

/** The Chinese passport forms: E + 8 letters/digits, or the older G + 8 digits. */
export function isChinesePassportNumber(normalized: string): boolean {
  if (normalized.length !== 9) return false;
  if (normalized[0] === 'E') return isPassportNumber(normalized);
  return normalized[0] === 'G' && /^G\d{8}$/.test(normalized);
}

export function checkPassport(raw: string): IdDocumentResult {
  const noun = '护照号码';
  const s = trimInput(raw);
  if (s.length === 0) return failed('passport', s, [emptyFinding(noun)]);
  const upper = toAsciiUpper(s);
  if (isPassportNumber(upper)) return { kind: 'passport', normalized: upper, valid: true, findings: [] };

  const shape = '护照号码只含字母和数字（中国护照为E加8位），请去掉空格、横线等符号';
  const findings: IdFinding[] = [];
  const chars = characterFinding(noun, s, () => 'letterOrDigit', shape);
  if (chars) findings.push(chars);
  const n = Array.from(s).length;
  if (n < PASSPORT_MIN_LENGTH || n > PASSPORT_MAX_LENGTH) findings.push(lengthFinding(noun, `${PASSPORT_MIN_LENGTH}–${PASSPORT_MAX_LENGTH}位`, s, shape));
  return failed('passport', s, findings);
}
