/**
 * The 18-character numbers built like the resident ID: 17 digits and a MOD 11-2 check
 * character, birth date at digits 7–14, gender at digit 17. Each kind differs only in
 * what its first digits must be. This is the hot path of a roster check, so the
 * well-formed case reads character codes and allocates only the result.
 */
import type { IsoDate } from '../dates';
import { checkBirthDigits, genderOfDigitCode } from './birthDate';
import { characterFinding, error, failed, hasError, info } from './findings';
import { MOD11_2_CHECK_CHARACTERS, MOD11_2_WEIGHTS } from './mod11';
import type { IdDocumentKind, IdDocumentResult, IdFinding } from './types';

export interface Mod11Kind {
  kind: IdDocumentKind;
  /** How messages name the number: "身份证号码". */
  noun: string;
  /** Pushes what is wrong with the leading digits (province, prefix); `s` is 17 digits and a check character. */
  checkPrefix(s: string, findings: IdFinding[]): void;
}

const W = Int32Array.from(MOD11_2_WEIGHTS);
const X = 88;
const LOWER_X = 120;

/** `s` is trimmed and 18 code units long. `where` names the birth digits in hints. */
export function checkMod11Document(spec: Mod11Kind, s: string, today: IsoDate, where = '第7–14位', findings: IdFinding[] = []): IdDocumentResult {
  let sum = 0;
  let wellFormed = true;
  for (let i = 0; i < 17; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) {
      wellFormed = false;
      break;
    }
    sum += d * W[i]!;
  }
  let last = s.charCodeAt(17);
  if (!wellFormed || !((last >= 48 && last <= 57) || last === X || last === LOWER_X)) {
    const f = characterFinding(spec.noun, s, (i) => (i < 17 ? 'digit' : 'digitOrX'), `${spec.noun}前17位只能是数字，第18位为数字或X`);
    if (f) findings.push(f);
    return failed(spec.kind, s, findings);
  }

  let normalized = s;
  if (last === LOWER_X) {
    normalized = `${s.slice(0, 17)}X`;
    last = X;
    findings.push(info('idLowerCaseX', '末位小写x已改为大写X'));
  }
  spec.checkPrefix(normalized, findings);
  const birthDate = checkBirthDigits(normalized, 6, today, where, findings);
  const expected = MOD11_2_CHECK_CHARACTERS.charCodeAt(sum % 11);
  if (last !== expected) {
    const c = String.fromCharCode(expected);
    findings.push(error('idCheckDigit', `${spec.noun}校验位错误`, `校验位应为${c}（若末位无误，请核对前17位是否录错）`));
  }

  const valid = findings.length === 0 || !hasError(findings);
  const gender = genderOfDigitCode(normalized.charCodeAt(16));
  return birthDate === undefined
    ? { kind: spec.kind, normalized, valid, findings, gender }
    : { kind: spec.kind, normalized, valid, findings, birthDate, gender };
}
