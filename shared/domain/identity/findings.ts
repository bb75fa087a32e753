/**
 * Building blocks for findings shared by every checker. They run only once a number has
 * failed, so they favour clear messages over speed.
 */
import type { IdDocumentKind, IdDocumentResult, IdFinding, IdFindingCode } from './types';

export function error(code: IdFindingCode, message: string, hint?: string): IdFinding {
  return hint === undefined ? { code, severity: 'error', message } : { code, severity: 'error', message, hint };
}

export function warning(code: IdFindingCode, message: string, hint?: string): IdFinding {
  return hint === undefined ? { code, severity: 'warning', message } : { code, severity: 'warning', message, hint };
}

export function info(code: IdFindingCode, message: string): IdFinding {
  return { code, severity: 'info', message };
}

export function hasError(findings: readonly IdFinding[]): boolean {
  for (const f of findings) if (f.severity === 'error') return true;
  return false;
}

/** A result carrying no birth data: validity follows from the findings. */
export function failed(kind: IdDocumentKind, normalized: string, findings: IdFinding[]): IdDocumentResult {
  return { kind, normalized, valid: !hasError(findings), findings };
}

/** Callers are typed, but roster cells reach here from untyped code; never throw on them. */
export function trimInput(raw: unknown): string {
  return typeof raw === 'string' ? raw.trim() : '';
}

/** Length as the clerk counts it: a Chinese character or an emoji is one. */
export function visibleLength(s: string): number {
  let n = 0;
  for (const _ of s) n += 1;
  return n;
}

export function emptyFinding(noun: string): IdFinding {
  return error('idEmpty', `${noun}为空`, `请填写${noun}`);
}

/** `expected` is how the clerk would say the right length: "18位", "9位或11位". */
export function lengthFinding(noun: string, expected: string, s: string, hint?: string): IdFinding {
  return error('idLength', `${noun}应为${expected}（当前${visibleLength(s)}位）`, hint);
}

/** What may stand at one position of a number. */
export type Slot = 'digit' | 'digitOrX' | 'letter' | 'letterOrDigit' | 'usccCharacter';

// The unified social credit code alphabet (GB 32100-2015): no I, O, S, V, Z.
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const isAsciiDigit = (c: string) => c.length === 1 && c >= '0' && c <= '9';
const isAsciiLetter = (c: string) => c.length === 1 && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));

const SLOT_TEST: Record<Slot, (c: string) => boolean> = {
  digit: isAsciiDigit,
  digitOrX: (c) => isAsciiDigit(c) || c === 'X' || c === 'x',
  letter: isAsciiLetter,
  letterOrDigit: (c) => isAsciiDigit(c) || isAsciiLetter(c),
  usccCharacter: (c) => isAsciiDigit(c) || (isAsciiLetter(c) && USCC_ALPHABET.includes(c.toUpperCase())),
};

const SLOT_PROBLEM: Record<Slot, string> = {
  digit: '不是数字',
  digitOrX: '应为数字或X',
  letter: '应为字母',
  letterOrDigit: '不是字母或数字',
  usccCharacter: '不是统一社会信用代码允许的字符',
};

// The usual mix-ups when a number is typed or read by eye, where a digit belongs.
const LOOK_ALIKES: Record<string, string> = { O: '0', o: '0', I: '1', i: '1', l: '1' };
const DIGIT_SLOTS: ReadonlySet<Slot> = new Set(['digit', 'digitOrX', 'usccCharacter']);

/**
 * One finding naming every position (1-based, as printed on the card) whose character
 * does not fit its slot, and what is wrong with it; null when all fit.
 */
export function characterFinding(noun: string, s: string, slotAt: (index: number) => Slot, generalHint: string): IdFinding | null {
  const bad: string[] = [];
  const lookAlikes: string[] = [];
  Array.from(s).forEach((c, i) => {
    const slot = slotAt(i);
    if (SLOT_TEST[slot](c)) return;
    bad.push(`第${i + 1}位“${printable(c)}”${SLOT_PROBLEM[slot]}`);
    const digit = LOOK_ALIKES[c];
    if (digit !== undefined && DIGIT_SLOTS.has(slot)) lookAlikes.push(`第${i + 1}位的字母${c}应为数字${digit}`);
  });
  if (bad.length === 0) return null;
  const shown = bad.length > 4 ? [...bad.slice(0, 4), `等共${bad.length}处`] : bad;
  const hint = lookAlikes.length > 0 ? `${lookAlikes.join('，')}；${generalHint}` : generalHint;
  return error('idCharacter', `${noun}${shown.join('，')}`, hint);
}

function printable(c: string): string {
  if (c === ' ' || c === '\u3000') return '空格';
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0) || (code >= 0x200b && code <= 0x200f) || code === 0xfeff) {
    return `不可见字符U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return c;
}

/** Upper-cases a–z only: `toUpperCase` would also turn ı into I and ß into SS, making a foreign character pass as a letter. */
export function toAsciiUpper(s: string): string {
  return s.replace(/[a-z]+/g, (m) => m.toUpperCase());
}

// Excel turns a long number typed into a general cell into 3.20102E+17; its digits are gone.
const SCIENTIFIC = /^\d(?:\.\d+)?E\+?\d+$/i;

/** A number Excel has already rounded into scientific notation; null for any other text. */
export function scientificNotationFinding(noun: string, s: string): IdFinding | null {
  if (!SCIENTIFIC.test(s)) return null;
  return error('idScientificNotation', `${noun}已被Excel转成科学计数法（${s}），原号码无法恢复`, '请把该列单元格格式设为“文本”后重新录入号码');
}
