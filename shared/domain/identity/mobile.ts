/** 11-digit mainland mobile numbers: 1, then 3–9 (the second digit of every mobile number range). */
import { characterFinding, emptyFinding, error, lengthFinding, scientificNotationFinding, trimInput, visibleLength } from './findings';
import type { IdFinding, NumberCheckResult } from './types';

const NOUN = '手机号码';

const COUNTRY_CODE = /^(?:\+|00)?86/;

function lengthHint(s: string): string {
  if (COUNTRY_CODE.test(s) && visibleLength(s.replace(COUNTRY_CODE, '')) === 11) return '请去掉开头的国家代码86';
  if (s.startsWith('0')) return '请填写11位手机号码，座机号码不能作为手机号码';
  return '请核对是否多录或漏录了数字';
}

export function checkMobile(raw: string): NumberCheckResult {
  const s = trimInput(raw);
  if (s.length === 0) return { normalized: s, valid: false, findings: [emptyFinding(NOUN)] };
  const scientific = scientificNotationFinding(NOUN, s);
  if (scientific) return { normalized: s, valid: false, findings: [scientific] };
  const findings: IdFinding[] = [];
  const chars = characterFinding(NOUN, s, () => 'digit', COUNTRY_CODE.test(s) ? '请去掉开头的国家代码+86' : '手机号码只含数字，请去掉空格、横线等符号');
  if (chars) findings.push(chars);
  if (visibleLength(s) !== 11) findings.push(lengthFinding(NOUN, '11位', s, lengthHint(s)));
  if (!chars) {
    const second = s.charCodeAt(1);
    if (s[0] !== '1' || second < 51 || second > 57) {
      findings.push(error('mobilePrefix', `${NOUN}应以13–19开头（当前为“${s.slice(0, 2)}”）`, '请核对号码，座机号码不能作为手机号码'));
    }
  }
  return { normalized: s, valid: findings.length === 0, findings };
}
