/**
 * A spreadsheet cell as the text the clerk saw, for the roster normaliser to check.
 *
 * The contract with the normaliser:
 * - Text cells come back unchanged (no trimming: stray spaces are the normaliser's to report).
 * - Numbers come back as plain decimal text ("13800138000", "12.5"), never "1.38E+10",
 *   as long as the number is exactly what Excel holds for what was typed.
 * - A number that cannot be the digits the clerk typed comes back in Excel's scientific
 *   form with 15 significant digits, e.g. "3.20102199001011E+17": an ID or bank card typed
 *   into a number cell. Excel keeps 15 significant digits, so any integer of 16 or more
 *   digits that ends in 0 may have lost its tail, and anything above 2^53 has lost digits
 *   in any case. The normaliser recognises /^\d(\.\d+)?E\+\d+$/ as "lost, re-enter as text".
 * - Dates come back as YYYY-MM-DD, from the serial's calendar day (never a local-time
 *   Date, so the machine's time zone cannot shift a birth date).
 * - Booleans (TRUE/FALSE typed into a yes/no column) come back as 是 / 否, the words every
 *   scheme's yes/no columns use.
 * - Formulas give their cached result; an error result (a broken VLOOKUP) gives
 *   FORMULA_ERROR_TEXT because the streaming reader does not keep which error it was.
 * - Error cells (#N/A, #REF!) give the error text; rich text its runs joined; hyperlinks their text.
 */
import type { CellValue } from 'exceljs';
import { fromDayNumber } from '../../../shared/domain/dates';

export const FORMULA_ERROR_TEXT = '#公式错误';
export const TRUE_TEXT = '是';
export const FALSE_TEXT = '否';

/** Excel's serial number of 1970-01-01 in the 1900 date system. */
const UNIX_EPOCH_SERIAL = 25569;
/** Days between the 1900 and 1904 date systems. */
const DATE1904_OFFSET = 1462;
const MS_PER_DAY = 86_400_000;

// Excel's limit: digits beyond the 15th are stored as zeros.
const EXCEL_DIGITS = 15;

/** Excel's scientific notation with up to 15 significant digits: 3.20102199001011E+17. */
export function excelScientific(value: number): string {
  const [mantissa = '', exponent = '0'] = value.toExponential(EXCEL_DIGITS - 1).split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  const exp = Number(exponent);
  return `${trimmed}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** True when the number may not be the integer that was typed (see the contract above). */
export function isLostPrecisionInteger(value: number): boolean {
  if (!Number.isInteger(value)) return false;
  const magnitude = Math.abs(value);
  if (magnitude > Number.MAX_SAFE_INTEGER) return true;
  return magnitude >= 1e15 && magnitude % 10 === 0;
}

function zeroPadWidth(numFmt: string | undefined): number {
  // A format of only zeros (00000000) shows codes with their leading zeros.
  return numFmt !== undefined && /^0+$/.test(numFmt) ? numFmt.length : 0;
}

export function numberText(value: number, numFmt?: string): string {
  if (!Number.isFinite(value)) return FORMULA_ERROR_TEXT;
  if (Number.isInteger(value)) {
    if (isLostPrecisionInteger(value)) return excelScientific(value);
    const plain = String(value);
    const width = zeroPadWidth(numFmt);
    return width > plain.length && value >= 0 ? plain.padStart(width, '0') : plain;
  }
  // Excel shows at most 15 significant digits; 0.1+0.2 is 0.3 to the clerk.
  const rounded = Number(value.toPrecision(EXCEL_DIGITS));
  const text = String(rounded);
  return /e/i.test(text) ? excelScientific(rounded) : text;
}

/** The calendar day of an Excel date serial (fractions of a day are the time). */
export function serialDateText(serial: number, date1904 = false): string {
  const whole = Math.floor(serial);
  // Excel's 1900 system counts a 29 February 1900 that never was (serial 60).
  if (!date1904 && whole === 60) return '1900-02-29';
  const day = whole - UNIX_EPOCH_SERIAL + (date1904 ? DATE1904_OFFSET : 0) + (!date1904 && whole < 60 ? 1 : 0);
  try {
    return fromDayNumber(day);
  } catch {
    return numberText(serial);
  }
}

/** exceljs hands out date cells as a Date at the serial's instant read as UTC. */
export function dateText(value: Date): string {
  const ms = value.getTime();
  if (Number.isNaN(ms)) return '';
  try {
    return fromDayNumber(Math.floor(ms / MS_PER_DAY));
  } catch {
    return '';
  }
}

/** Excel's test for a date format: date letters outside quoted text and [colour]/[locale] blocks. */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const bare = numFmt.replace(/\[[^\]]*\]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

export interface CellTextContext {
  numFmt?: string;
  date1904?: boolean;
}

/**
 * A formula's cached result. exceljs's cell.value leaves out a result that is falsy (0, '',
 * and the NaN its streaming reader makes of an error), so callers holding a cell pass
 * cell.result here instead.
 */
export function formulaResultText(result: CellValue | undefined, context: CellTextContext = {}): string {
  if (typeof result === 'number' && Number.isNaN(result)) return FORMULA_ERROR_TEXT;
  return cellText(result, context);
}

export function cellText(value: CellValue | undefined, context: CellTextContext = {}): string {
  if (value === null || value === undefined) return '';
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return isDateFormat(context.numFmt) ? serialDateText(value, context.date1904) : numberText(value, context.numFmt);
    case 'boolean':
      return value ? TRUE_TEXT : FALSE_TEXT;
    default:
      break;
  }
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((run) => run.text ?? '').join('');
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) return formulaResultText(value.result, context);
  // Typed as text, but a rich-text run list in some files.
  if ('hyperlink' in value) return cellText(value.text, context);
  return '';
}
