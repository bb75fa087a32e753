/**
 * The birth date inside an ID number (YYYYMMDD at digits 7–14), checked against a
 * `today` the caller passes: shared code never reads the clock.
 */
import { isLeapYear, parseIsoDate, type IsoDate } from '../dates';
import { error } from './findings';
import type { IdFinding } from './types';

/** Before this, a birth date is a typing error, not a person on a payroll. */
export const EARLIEST_BIRTH_YEAR = 1900;

const DASH = 45;

// A roster is checked against one `today`: parse it once, not once per row.
let cachedToday: string | null = null;
let cachedTodayKey = Number.POSITIVE_INFINITY;

/** YYYYMMDD as a number; +∞ for an unusable `today`, which turns the future check off rather than failing every row. */
function todayKey(today: IsoDate): number {
  if (today !== cachedToday) {
    const p = typeof today === 'string' ? parseIsoDate(today) : null;
    cachedTodayKey = p ? p.year * 10000 + p.month * 100 + p.day : Number.POSITIVE_INFINITY;
    cachedToday = typeof today === 'string' ? today : null;
  }
  return cachedTodayKey;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Checks the eight digits at `offset` of `s` (already known to be digits). Pushes an
 * error and returns undefined when the date does not exist, is in the future or before
 * 1900; returns the date otherwise. `where` names the digits for the hint ("第7–14位").
 */
export function checkBirthDigits(s: string, offset: number, today: IsoDate, where: string, findings: IdFinding[]): IsoDate | undefined {
  // Inline reads, no helper closure: this runs once per roster row.
  const year = s.charCodeAt(offset) * 1000 + s.charCodeAt(offset + 1) * 100 + s.charCodeAt(offset + 2) * 10 + s.charCodeAt(offset + 3) - 48 * 1111;
  const month = s.charCodeAt(offset + 4) * 10 + s.charCodeAt(offset + 5) - 48 * 11;
  const day = s.charCodeAt(offset + 6) * 10 + s.charCodeAt(offset + 7) - 48 * 11;
  const key = year * 10000 + month * 100 + day;

  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) {
    const digits = s.slice(offset, offset + 8);
    const why = month < 1 || month > 12 ? `月份应为01–12` : `${year}年${month}月只有${daysIn(year, month)}天`;
    findings.push(error('idBirthDateInvalid', `出生日期 ${digits} 不存在`, `${why}，请核对${where}的出生日期`));
    return undefined;
  }
  if (year < EARLIEST_BIRTH_YEAR) {
    findings.push(error('idBirthDateTooOld', `出生日期 ${s.slice(offset, offset + 8)} 早于${EARLIEST_BIRTH_YEAR}年`, `请核对${where}的出生日期`));
    return undefined;
  }
  const todayNumber = todayKey(today);
  if (key > todayNumber) {
    findings.push(error('idBirthDateFuture', `出生日期 ${s.slice(offset, offset + 8)} 晚于今天（${today}）`, `请核对${where}的出生日期`));
    return undefined;
  }
  // One string built from the codes; slicing and joining would allocate four.
  return String.fromCharCode(
    s.charCodeAt(offset), s.charCodeAt(offset + 1), s.charCodeAt(offset + 2), s.charCodeAt(offset + 3), DASH,
    s.charCodeAt(offset + 4), s.charCodeAt(offset + 5), DASH, s.charCodeAt(offset + 6), s.charCodeAt(offset + 7),
  );
}

/** Odd = male, even = female; `code` is the character code of an ASCII digit. */
export function genderOfDigitCode(code: number): 'male' | 'female' {
  return (code & 1) === 1 ? 'male' : 'female';
}
