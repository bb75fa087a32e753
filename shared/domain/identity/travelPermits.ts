/**
 * The mainland travel permits of Hong Kong, Macao and Taiwan residents. Neither number
 * carries a birth date or gender, and neither has a published check character, so only
 * the shape is checked.
 */
import { characterFinding, emptyFinding, error, failed, lengthFinding, toAsciiUpper, trimInput, warning } from './findings';
import type { IdDocumentResult, IdFinding } from './types';

const H = 72;
const M = 77;

function allDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * 港澳居民来往内地通行证（回乡证）: H (Hong Kong) or M (Macao) and 8 digits; the booklet
 * and early card numbers add two digits counting renewals, 11 characters in all.
 */
export function isHkMacaoTravelPermitNumber(normalized: string): boolean {
  const n = normalized.length;
  const first = normalized.charCodeAt(0);
  return (n === 9 || n === 11) && (first === H || first === M) && allDigits(normalized, 1, n);
}

export function checkHkMacaoTravelPermit(raw: string): IdDocumentResult {
  const noun = '回乡证号码';
  const s = trimInput(raw);
  if (s.length === 0) return failed('hkMacaoTravelPermit', s, [emptyFinding(noun)]);
  const upper = toAsciiUpper(s);
  if (isHkMacaoTravelPermitNumber(upper)) return { kind: 'hkMacaoTravelPermit', normalized: upper, valid: true, findings: [] };

  const shape = '回乡证号码为H（香港）或M（澳门）加8位数字，旧证另有2位换证次数';
  const findings: IdFinding[] = [];
  const first = upper.charCodeAt(0);
  if (first !== H && first !== M) findings.push(error('idFormat', `${noun}应以H（香港）或M（澳门）开头`, shape));
  const chars = characterFinding(noun, s, (i) => (i === 0 ? 'letterOrDigit' : 'digit'), shape);
  if (chars) findings.push(chars);
  const n = Array.from(s).length;
  if (n !== 9 && n !== 11) findings.push(lengthFinding(noun, '9位或11位', s, shape));
  return failed('hkMacaoTravelPermit', s, findings);
}

/**
 * 台湾居民来往大陆通行证（台胞证）: the card issued since 2015 has 8 digits. The booklet it
 * replaced had 10 digits (sometimes followed by a bracketed letter counting renewals);
 * booklets were valid for five years at most, so such a number is accepted but flagged.
 */
const OLD_TAIWAN_PERMIT = /^\d{10}(?:\([A-Z]\))?$/;

export function checkTaiwanTravelPermit(raw: string): IdDocumentResult {
  const noun = '台胞证号码';
  const s = trimInput(raw);
  if (s.length === 0) return failed('taiwanTravelPermit', s, [emptyFinding(noun)]);
  if (s.length === 8 && allDigits(s, 0, 8)) return { kind: 'taiwanTravelPermit', normalized: s, valid: true, findings: [] };

  const upper = toAsciiUpper(s);
  if (OLD_TAIWAN_PERMIT.test(upper)) {
    return {
      kind: 'taiwanTravelPermit',
      normalized: upper,
      valid: true,
      findings: [warning('idOutdatedForm', `${noun}为旧版本式证件的10位号码`, '现行卡式台胞证号码为8位数字，请核对持证人是否已换发新证')],
    };
  }
  const shape = '现行卡式台胞证号码为8位数字';
  const findings: IdFinding[] = [];
  const chars = characterFinding(noun, s, () => 'digit', shape);
  if (chars) findings.push(chars);
  if (Array.from(s).length !== 8) findings.push(lengthFinding(noun, '8位', s, shape));
  return failed('taiwanTravelPermit', s, findings);
}
