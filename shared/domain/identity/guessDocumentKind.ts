/**
 * The document kind a number's shape suggests, for rosters without a 证件类型 column and
 * to tell the clerk when the column names the wrong kind.
 */
import { isOldPermanentResidenceNumber } from './permanentResidence';
import { RESIDENCE_PERMIT_PREFIXES } from './provinces';
import { toAsciiUpper } from './findings';
import type { IdDocumentKind } from './types';

const DIGITS = /^\d+$/;
const DIGITS_THEN_CHECK = /^\d{17}[\dX]$/;
const HK_MACAO_PERMIT = /^[HM]\d{8}(?:\d{2})?$/;
const TAIWAN_OLD = /^\d{10}(?:\([A-Z]\))?$/;
const LETTERS_AND_DIGITS = /^[A-Z0-9]{5,20}$/;
const HAS_LETTER = /[A-Z]/;

/**
 * Null when the shape fits no kind. Digit strings of a length near 18 are taken for
 * resident IDs, so a mistyped ID number still gets the resident-ID messages.
 */
export function guessDocumentKind(number: string): IdDocumentKind | null {
  if (typeof number !== 'string') return null;
  const s = toAsciiUpper(number.trim());
  if (DIGITS_THEN_CHECK.test(s)) {
    if (RESIDENCE_PERMIT_PREFIXES[s.slice(0, 6)] !== undefined) return 'hkMacaoTaiwanResidence';
    return s[0] === '9' ? 'permanentResidence' : 'residentId';
  }
  if (s.length === 15 && DIGITS.test(s)) return 'residentId';
  if (isOldPermanentResidenceNumber(s)) return 'permanentResidence';
  if (HK_MACAO_PERMIT.test(s)) return 'hkMacaoTravelPermit';
  if (s.length === 8 && DIGITS.test(s)) return 'taiwanTravelPermit';
  if (TAIWAN_OLD.test(s)) return 'taiwanTravelPermit';
  if (s.length >= 14 && s.length <= 19 && /^\d+X?$/.test(s)) return 'residentId';
  if (LETTERS_AND_DIGITS.test(s) && HAS_LETTER.test(s)) return 'passport';
  return null;
}
