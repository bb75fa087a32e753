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

/** A cell as a clerk meant it: invisible characters gone, spaces collapsed and trimmed, full-width ASCII folded. */
export function cleanCellText(raw: string | undefined | null): string {
  if (raw == null) return '';
  return toHalfWidth(raw.replace(INVISIBLE, '')).replace(SPACES, ' ').trim();
}

/** For numbers and codes (ID, phone, bank card): every space and separator dash removed as well. */
export function compactCellText(raw: string | undefined | null): string {
  return cleanCellText(raw).replace(/[\s-]/g, '');
}
