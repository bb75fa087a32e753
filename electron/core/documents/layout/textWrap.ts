/**
 * Line breaking for Chinese documents: a line may break between any two hanzi, but runs of
 * Latin letters and digits (account numbers, amounts, codes) stay whole unless a run alone
 * is wider than the line. Punctuation follows the usual rules (禁则): a line does not start
 * with a closing mark such as ，。）, nor end with an opening one such as （《.
 */

/** Measures text at the size and weight the caller has fixed. */
export type WidthOf = (text: string) => number;

/** Marks that must not start a line. */
const NO_LINE_START = new Set(Array.from('，。、；：？！）》」』】〕〉”’％‰…—·,.;:?!)]}%'));
/** Marks that must not end a line. */
const NO_LINE_END = new Set(Array.from('（《「『【〔〈“‘([{'));

/** Characters that glue into one unbreakable run (words, numbers, codes). */
const isRunChar = (ch: string) => /^[A-Za-z0-9_@#&*+\-./\\=~^$'"<>|:%,]$/.test(ch);

/** Splits text into break units: a run of Latin/digits, a single space, or one other character. */
function units(text: string): string[] {
  const out: string[] = [];
  let run = '';
  for (const ch of text) {
    if (isRunChar(ch)) {
      run += ch;
      continue;
    }
    if (run) {
      out.push(run);
      run = '';
    }
    out.push(ch);
  }
  if (run) out.push(run);
  return out;
}

/** Breaks a unit too wide for any line into pieces that fit, character by character. */
function splitWide(unit: string, maxWidth: number, widthOf: WidthOf): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const ch of unit) {
    if (piece && widthOf(piece + ch) > maxWidth) {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

const firstChar = (s: string) => String.fromCodePoint(s.codePointAt(0)!);
const lastChar = (s: string) => Array.from(s).pop() ?? '';

function wrapParagraph(text: string, maxWidth: number, widthOf: WidthOf): string[] {
  if (widthOf(text) <= maxWidth) return [text];
  const queue = units(text);
  const lines: string[] = [];
  let line: string[] = [];
  let width = 0;
  const emit = (parts: string[]) => lines.push(parts.join('').trimEnd());
  let i = 0;
  while (i < queue.length) {
    const unit = queue[i]!;
    if (line.length === 0 && unit === ' ') {
      i++;
      continue;
    }
    const w = widthOf(unit);
    if (width + w <= maxWidth || line.length === 0) {
      if (w > maxWidth && unit.length > 1) {
        // Alone wider than a line: only a long run can be; cut it where it must be cut.
        queue.splice(i, 1, ...splitWide(unit, maxWidth, widthOf));
        continue;
      }
      line.push(unit);
      width += w;
      i++;
      continue;
    }
    // Break before `unit`. The line holds queue[i - line.length .. i - 1], so carrying units
    // over to the next line is stepping `i` back. At least one unit always stays, so this ends.
    let carry = 0;
    if (NO_LINE_START.has(firstChar(unit))) {
      while (line.length - carry > 1) {
        const u = line[line.length - 1 - carry]!;
        carry++;
        if (!NO_LINE_START.has(firstChar(u))) break;
      }
    }
    while (line.length - carry > 1 && NO_LINE_END.has(lastChar(line[line.length - 1 - carry]!))) carry++;
    emit(line.slice(0, line.length - carry));
    i -= carry;
    line = [];
    width = 0;
  }
  if (line.length > 0) emit(line);
  return lines;
}

/**
 * The lines `text` takes at `maxWidth`; explicit line breaks are kept. Never returns a line
 * wider than `maxWidth` unless a single character is (then that character stands alone).
 */
export function wrapText(text: string, maxWidth: number, widthOf: WidthOf): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) out.push(...wrapParagraph(paragraph, maxWidth, widthOf));
  return out;
}
