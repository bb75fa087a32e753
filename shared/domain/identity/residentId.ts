/**
 * 居民身份证 (GB 11643-1999): a six-digit address code, the birth date, a three-digit
 * sequence whose last digit gives the gender, and a MOD 11-2 check character. Numbers
 * issued before 1999 had 15 digits (two-digit year, no check character); they are
 * upgraded to 18 and flagged, since the clerk's roster should carry the 18-digit form.
 */
import type { IsoDate } from '../dates';
import { characterFinding, emptyFinding, error, failed, lengthFinding, scientificNotationFinding, visibleLength, warning } from './findings';
import { checkMod11Document, type Mod11Kind } from './mod11Document';
import { mod11_2CheckCharacter } from './mod11';
import { divisionStatus } from './divisions';
import { addressCodeProblem, isProvinceCode, RESIDENCE_PERMIT_PREFIXES } from './provinces';
import type { IdDocumentResult, IdFinding } from './types';

const NOUN = '身份证号码';
const ZERO = 48;

function checkResidentPrefix(s: string, findings: IdFinding[]): void {
  const province = (s.charCodeAt(0) - 48) * 10 + (s.charCodeAt(1) - 48);
  if (!isProvinceCode(province)) {
    const hint = s[0] === '9'
      ? '以9开头的18位号码是外国人永久居留身份证，请核对证件类型'
      : '前两位应为省级行政区划代码（如北京11、上海31、广东44），请核对';
    findings.push(error('idProvince', `${NOUN}前两位“${s.slice(0, 2)}”不是有效的省级行政区划代码`, hint));
    return;
  }
  if (s.charCodeAt(2) !== ZERO || s.charCodeAt(3) !== ZERO) {
    const address = s.slice(0, 6);
    if (divisionStatus(address) === 'unknown') {
      findings.push(warning('idAddressCodeUnknown', `${NOUN}地址码 ${address} 不是现行或历史上使用过的县级以上行政区划代码`, '身份证保留签发时的地址码，未收录的旧码也可能有效；请与证件核对前6位'));
    }
    return;
  }
  const address = s.slice(0, 6);
  const region = RESIDENCE_PERMIT_PREFIXES[address];
  if (region !== undefined) {
    findings.push(warning('idKindMismatch', `以${address}开头的号码是${region}居民的港澳台居民居住证号码`, '请核对证件类型，应为“港澳台居民居住证”'));
    return;
  }
  const problem = addressCodeProblem(address);
  if (problem !== null) findings.push(warning('idAddressCodeUnknown', `${NOUN}地址码 ${address} ${problem}`, '前6位应为签发地的县级行政区划代码，请核对'));
}

const RESIDENT: Mod11Kind = { kind: 'residentId', noun: NOUN, checkPrefix: checkResidentPrefix };

/** The 18-digit form of a 15-digit resident ID (19 inserted before the year, check character appended); null unless 15 ASCII digits. */
export function convertResidentId15To18(old: string): string | null {
  if (old.length !== 15) return null;
  const body = `${old.slice(0, 6)}19${old.slice(6)}`;
  const check = mod11_2CheckCharacter(body);
  return check === null ? null : body + check;
}

function lengthHint(s: string): string {
  if (visibleLength(s) === 17) {
    const check = mod11_2CheckCharacter(s);
    if (check !== null) return `可能漏录了末位校验位（按前17位计算应为${check}），请核对`;
  }
  return '请核对是否多录或漏录了数字（15位旧号码也可录入，将自动升级为18位）';
}

function checkResidentId15(s: string, today: IsoDate): IdDocumentResult {
  const converted = convertResidentId15To18(s);
  if (converted === null) {
    const f = characterFinding(NOUN, s, () => 'digit', '15位旧身份证号码应全部为数字');
    return failed('residentId', s, f ? [f] : []);
  }
  const findings: IdFinding[] = [
    warning('idConvertedFrom15', `15位旧身份证号码，已按规则升级为18位：${converted}`, '请核对后在清册中改用18位号码'),
  ];
  return checkMod11Document(RESIDENT, converted, today, '第7–12位', findings);
}

export function checkResidentId(raw: string, today: IsoDate): IdDocumentResult {
  const s = typeof raw === 'string' ? raw.trim() : '';
  if (s.length === 18) return checkMod11Document(RESIDENT, s, today);
  if (s.length === 0) return failed('residentId', s, [emptyFinding(NOUN)]);
  if (s.length === 15) return checkResidentId15(s, today);
  return failed('residentId', s, [scientificNotationFinding(NOUN, s) ?? lengthFinding(NOUN, '18位', s, lengthHint(s))]);
}
