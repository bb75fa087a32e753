/**
 * What Excel and copy-paste do to text before it reaches us: full-width digits and letters
 * (typed with a Chinese IME), the ideographic space, non-breaking and zero-width spaces.
 * Only those are folded; NFKC is not used because it would also rewrite CJK compatibility
 * ideographs, which some rare names (生僻字) are written with.
 */

// Zero-width space/joiners, word joiner, BOM, soft hyphen, bidi marks.
const INVISIBLE = /[\u200b-\u200f\u2060\ufeff\u00ad\u202a-\u202e]/g;
// Every kind of space, including the ideographic one and NBSP.
const SPACES = /[\s\u00a0\u3000]+/g;

/** Full-width ASCII (！ to ～) to half-width. */
export function toHalfWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : text[i];
  }
  return out;
}

/** Whether `c` is one of the spaces `\s` matches above ASCII, or the ideographic space. */
function isWideSpace(c: number): boolean {
  return c === 0x00a0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

function isInvisible(c: number): boolean {
  return (c >= 0x200b && c <= 0x200f) || c === 0x2060 || c === 0xfeff || c === 0x00ad || (c >= 0x202a && c <= 0x202e);
}

/**
 * Whether cleanCellText would change `raw`. Nearly every cell of a large roster is already
 * clean: one pass over it is far cheaper than the replacements (100,000 rows, 600,000 cells).
 */
function needsCleaning(raw: string): boolean {
  const last = raw.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = raw.charCodeAt(i);
    if (c <= 0x20) {
      // A single inner space stays; any other space or control character takes the full path.
      if (c !== 0x20 || i === 0 || i === last || raw.charCodeAt(i + 1) <= 0x20) return true;
    } else if (c >= 0xa0 && (isWideSpace(c) || isInvisible(c) || (c >= 0xff01 && c <= 0xff5e))) {
      return true;
    }
  }
  return false;
}

/** A cell as a clerk meant it: invisible characters gone, spaces collapsed and trimmed, full-width ASCII folded. */
export function cleanCellText(raw: string | undefined | null): string {
  if (raw == null) return '';
  if (!needsCleaning(raw)) return raw;
  return toHalfWidth(raw.replace(INVISIBLE, '')).replace(SPACES, ' ').trim();
}

/** For numbers and codes (ID, phone, bank card): every space and separator dash removed as well. */
export function compactCellText(raw: string | undefined | null): string {
  const clean = cleanCellText(raw);
  return clean.includes(' ') || clean.includes('-') ? clean.replace(/[\s-]/g, '') : clean;
}
