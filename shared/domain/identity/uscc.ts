/**
 * 统一社会信用代码 (GB 32100-2015) of units: 18 characters from a 31-character alphabet
 * (no I, O, S, V, Z), the last a check character over the first 17 with weights
 * 3^(i-1) mod 31. Some real codes issued in the early years fail the check, so a
 * mismatch is a warning; the clerk compares with the business licence.
 */
import { characterFinding, emptyFinding, hasError, lengthFinding, toAsciiUpper, trimInput, USCC_ALPHABET, warning } from './findings';
import type { IdFinding, NumberCheckResult } from './types';

export { USCC_ALPHABET };

export const USCC_WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

// Character code → value in the alphabet, -1 for a forbidden character.
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < USCC_ALPHABET.length; i++) VALUE[USCC_ALPHABET.charCodeAt(i)] = i;

function valueAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c < 128 ? VALUE[c]! : -1;
}

/** The check character of the first 17 characters of an upper-case code; null when any is outside the alphabet. */
export function usccCheckCharacter(s: string): string | null {
  if (s.length < 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = valueAt(s, i);
    if (v < 0) return null;
    sum += v * USCC_WEIGHTS[i]!;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

const NOUN = '统一社会信用代码';

export function checkUscc(raw: string): NumberCheckResult {
  const s = trimInput(raw);
  if (s.length === 0) return { normalized: s, valid: false, findings: [emptyFinding(NOUN)] };
  const upper = toAsciiUpper(s);
  const findings: IdFinding[] = [];
  let wellFormed = true;
  for (let i = 0; i < upper.length; i++) if (valueAt(upper, i) < 0) wellFormed = false;
  if (!wellFormed) {
    const f = characterFinding(NOUN, s, () => 'usccCharacter', '代码只含数字和大写字母，且不含I、O、S、V、Z（字母O多为数字0，I多为数字1）');
    if (f) findings.push(f);
  }
  if (upper.length !== 18) findings.push(lengthFinding(NOUN, '18位', s, '请与营业执照或统一社会信用代码证书核对'));
  if (findings.length > 0) return { normalized: wellFormed ? upper : s, valid: !hasError(findings), findings };

  const expected = usccCheckCharacter(upper);
  if (expected !== null && upper[17] !== expected) {
    findings.push(warning('idCheckDigit', `${NOUN}校验位不符`, `校验位应为${expected}（少数早期代码不符合校验规则，请与营业执照核对）`));
  }
  return { normalized: upper, valid: true, findings };
}
