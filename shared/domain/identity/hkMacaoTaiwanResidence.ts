/**
 * 港澳台居民居住证 (issued since 2018): numbered like a resident ID, with 810000 (Hong
 * Kong), 820000 (Macao) or 830000 (Taiwan) in place of the address code.
 */
import type { IsoDate } from '../dates';
import { emptyFinding, error, failed, lengthFinding, scientificNotationFinding, trimInput } from './findings';
import { checkMod11Document, type Mod11Kind } from './mod11Document';
import { isProvinceCode, RESIDENCE_PERMIT_PREFIXES } from './provinces';
import type { IdDocumentResult, IdFinding } from './types';

const NOUN = '居住证号码';
const KIND = 'hkMacaoTaiwanResidence';

function checkPermitPrefix(s: string, findings: IdFinding[]): void {
  if (RESIDENCE_PERMIT_PREFIXES[s.slice(0, 6)] !== undefined) return;
  const province = (s.charCodeAt(0) - 48) * 10 + (s.charCodeAt(1) - 48);
  const hint = isProvinceCode(province) ? '如为内地居民身份证，请将证件类型改为居民身份证' : '请核对号码';
  findings.push(error('idFormat', `港澳台居民${NOUN}应以810000（香港）、820000（澳门）或830000（台湾）开头`, hint));
}

const PERMIT: Mod11Kind = { kind: KIND, noun: NOUN, checkPrefix: checkPermitPrefix };

export function checkHkMacaoTaiwanResidence(raw: string, today: IsoDate): IdDocumentResult {
  const s = trimInput(raw);
  if (s.length === 18) return checkMod11Document(PERMIT, s, today);
  if (s.length === 0) return failed(KIND, s, [emptyFinding(NOUN)]);
  return failed(KIND, s, [scientificNotationFinding(NOUN, s) ?? lengthFinding(NOUN, '18位', s)]);
}
