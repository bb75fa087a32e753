/**
 * 外国人永久居留身份证. Since December 2023 the number has 18 characters built like a
 * resident ID: 9, the two-digit province of the issuing office, a three-digit
 * nationality code, the birth date, a sequence whose last digit gives the gender, and a
 * MOD 11-2 check character. The earlier cards (still valid until they expire) carry
 * three letters (the nationality) and 12 digits; their digits are not a documented
 * birth date, so birth date and gender of those holders come from the roster's columns.
 */
import type { IsoDate } from '../dates';
import { characterFinding, emptyFinding, error, failed, lengthFinding, scientificNotationFinding, toAsciiUpper, trimInput } from './findings';
import { checkMod11Document, type Mod11Kind } from './mod11Document';
import { isMainlandProvinceCode } from './provinces';
import type { IdDocumentResult, IdFinding } from './types';

const NOUN = '永久居留身份证号码';
const KIND = 'permanentResidence';

function checkPermanentPrefix(s: string, findings: IdFinding[]): void {
  if (s[0] !== '9') {
    findings.push(error('idFormat', `18位的${NOUN}应以9开头`, '如为中国居民身份证，请将证件类型改为居民身份证'));
    return;
  }
  const province = (s.charCodeAt(1) - 48) * 10 + (s.charCodeAt(2) - 48);
  if (!isMainlandProvinceCode(province)) {
    findings.push(error('idProvince', `${NOUN}第2–3位“${s.slice(1, 3)}”不是有效的受理地省级行政区划代码`, '请核对号码'));
  }
}

const PERMANENT: Mod11Kind = { kind: KIND, noun: NOUN, checkPrefix: checkPermanentPrefix };

/** The pre-2023 form: 3 letters and 12 digits. */
export function isOldPermanentResidenceNumber(normalized: string): boolean {
  if (normalized.length !== 15) return false;
  for (let i = 0; i < 15; i++) {
    const c = normalized.charCodeAt(i);
    if (i < 3 ? c < 65 || c > 90 : c < 48 || c > 57) return false;
  }
  return true;
}

function checkOldForm(s: string): IdDocumentResult {
  const upper = toAsciiUpper(s);
  if (isOldPermanentResidenceNumber(upper)) return { kind: KIND, normalized: upper, valid: true, findings: [] };
  const f = characterFinding(NOUN, s, (i) => (i < 3 ? 'letter' : 'digit'), '15位旧版号码为3位字母加12位数字');
  return failed(KIND, s, f ? [f] : [error('idFormat', `${NOUN}格式不正确`, '15位旧版号码为3位字母加12位数字')]);
}

export function checkPermanentResidence(raw: string, today: IsoDate): IdDocumentResult {
  const s = trimInput(raw);
  if (s.length === 18) return checkMod11Document(PERMANENT, s, today);
  if (s.length === 15) return checkOldForm(s);
  if (s.length === 0) return failed(KIND, s, [emptyFinding(NOUN)]);
  return failed(KIND, s, [scientificNotationFinding(NOUN, s) ?? lengthFinding(NOUN, '18位（2023年起的新版）或15位（旧版）', s)]);
}
