/**
 * The vocabulary of identity-document checks: which document, what was found wrong, and
 * what the number says about its holder.
 */
import type { IsoDate } from '../dates';
import type { Gender } from '../scheme/primitives';

/**
 * The identity documents seen on real rosters. Not `DocumentKind`: that name belongs to
 * the printed documents (PDFs) in shared/api/dto.ts.
 */
export type IdDocumentKind =
  | 'residentId' // 居民身份证
  | 'permanentResidence' // 外国人永久居留身份证
  | 'hkMacaoTaiwanResidence' // 港澳台居民居住证
  | 'hkMacaoTravelPermit' // 港澳居民来往内地通行证（回乡证）
  | 'taiwanTravelPermit' // 台湾居民来往大陆通行证（台胞证）
  | 'passport'; // 护照

/**
 * Stable codes of every finding; the roster checks and the UI key on them, so a code is
 * never renamed or reused for another meaning.
 */
export type IdFindingCode =
  | 'idEmpty'
  | 'idLength'
  | 'idCharacter' // a character that may not stand at its position
  | 'idFormat' // right characters, wrong shape (prefix, letter block)
  | 'idProvince'
  | 'idAddressCodeUnknown'
  | 'idBirthDateInvalid'
  | 'idBirthDateFuture'
  | 'idBirthDateTooOld'
  | 'idCheckDigit'
  | 'idConvertedFrom15'
  | 'idLowerCaseX'
  | 'idKindMismatch' // the number fits another document kind
  | 'idOutdatedForm' // an old form that should have been replaced by now
  | 'idScientificNotation' // Excel rounded the number into 3.20102E+17: the digits are lost
  | 'mobilePrefix';

/**
 * `error` makes the number invalid; `warning` asks the clerk to look; `info` records a
 * normalisation that needs no action (a lower-case x stored upper-case), so the change
 * to what the clerk typed is never silent.
 */
export type IdFindingSeverity = 'error' | 'warning' | 'info';

export interface IdFinding {
  code: IdFindingCode;
  severity: IdFindingSeverity;
  /** What is wrong, in Chinese. */
  message: string;
  /** How to fix it, where that is known. */
  hint?: string;
}

export interface IdDocumentResult {
  kind: IdDocumentKind;
  /** The number as stored: trimmed, upper-case, 15-digit converted to 18. Equals the input trimmed when it cannot be normalised. */
  normalized: string;
  /** No error-severity finding. */
  valid: boolean;
  /** When the document carries a birth date and it is a real, plausible date (even if another part of the number is wrong). */
  birthDate?: IsoDate;
  /** When the document carries the gender digit and the number's characters are well-formed. */
  gender?: Gender;
  findings: IdFinding[];
}

/** The outcome of checking a number that is not an identity document (USCC, mobile, bank card). */
export interface NumberCheckResult {
  /** Trimmed and, where letters are allowed, upper-case; the input trimmed when it cannot be normalised. */
  normalized: string;
  /** No error-severity finding. */
  valid: boolean;
  findings: IdFinding[];
}
