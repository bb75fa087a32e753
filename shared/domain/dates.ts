/**
 * Calendar dates as plain `YYYY-MM-DD` strings. No `Date` object is ever used for a
 * calendar day, so a date cannot shift with the machine's time zone.
 * Arithmetic goes through a day number (days since 1970-01-01, proleptic Gregorian).
 */

/** A validated `YYYY-MM-DD` calendar date. */
export type IsoDate = string;

export interface DateParts {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidParts(p: DateParts): boolean {
  return (
    Number.isInteger(p.year) && Number.isInteger(p.month) && Number.isInteger(p.day) &&
    p.year >= 1 && p.year <= 9999 && p.month >= 1 && p.month <= 12 &&
    p.day >= 1 && p.day <= daysInMonth(p.year, p.month)
  );
}

/** Parses a strict `YYYY-MM-DD`; returns null for anything else, including 2023-02-29. */
export function parseIsoDate(value: string): DateParts | null {
  // By character codes, not a regular expression: every roster row's dates pass through here.
  if (value.length !== 10 || value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) return null;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  if (year < 0 || month < 0 || day < 0) return null;
  const parts = { year, month, day };
  return isValidParts(parts) ? parts : null;
}

const DASH = 0x2d;

/** The number written by `length` ASCII digits from `start`; -1 when one is not a digit. */
function digitsAt(value: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i++) {
    const d = value.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parseIsoDate(value) !== null;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function formatIsoDate(p: DateParts): IsoDate {
  if (!isValidParts(p)) throw new RangeError(`不是有效日期: ${p.year}-${p.month}-${p.day}`);
  return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}`;
}

function mustParse(value: IsoDate): DateParts {
  const p = parseIsoDate(value);
  if (!p) throw new RangeError(`日期格式应为 YYYY-MM-DD: ${value}`);
  return p;
}

// Howard Hinnant's days-from-civil, exact for the proleptic Gregorian calendar.
export function toDayNumber(value: IsoDate): number {
  const { year, month, day } = mustParse(value);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(dayNumber: number): IsoDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return formatIsoDate({ year, month, day });
}

export function addDays(value: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(value) + days);
}

/** Adds calendar months; the day is clamped to the target month (01-31 + 1 month = 02-28/29). */
export function addMonths(value: IsoDate, months: number): IsoDate {
  const p = mustParse(value);
  const index = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return formatIsoDate({ year, month, day: Math.min(p.day, daysInMonth(year, month)) });
}

export function addYears(value: IsoDate, years: number): IsoDate {
  return addMonths(value, years * 12);
}

/** Days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  // Valid ISO dates sort lexically; parsing guards against malformed input.
  mustParse(a);
  mustParse(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) <= 0 ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) >= 0 ? a : b;
}

/**
 * Age in full years (周岁) on `on`. A 29 February birthday is reached on 1 March in a
 * common year, as Chinese civil practice counts it.
 */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const b = mustParse(birthDate);
  const d = mustParse(on);
  let age = d.year - b.year;
  const birthdayThisYear =
    b.month === 2 && b.day === 29 && !isLeapYear(d.year) ? { month: 3, day: 1 } : { month: b.month, day: b.day };
  if (d.month < birthdayThisYear.month || (d.month === birthdayThisYear.month && d.day < birthdayThisYear.day)) {
    age -= 1;
  }
  return age;
}

/**
 * Months of cover from `start` to `end` inclusive, counting a started month as a whole
 * one (the way monthly pro-rata premiums are charged: cover from 15 March to 30 September
 * is 7 months).
 */
export function coverMonths(start: IsoDate, end: IsoDate): number {
  const s = mustParse(start);
  const e = mustParse(end);
  if (compareDates(start, end) > 0) return 0;
  return (e.year - s.year) * 12 + (e.month - s.month) + 1;
}

/** Whole months from `start` to the day before `end + 1 day`, i.e. the exact length in months, fractional part dropped. */
export function fullMonthsBetween(start: IsoDate, endInclusive: IsoDate): number {
  const s = mustParse(start);
  const next = mustParse(addDays(endInclusive, 1));
  let months = (next.year - s.year) * 12 + (next.month - s.month);
  if (next.day < s.day) months -= 1;
  return Math.max(0, months);
}

export interface Period {
  start: IsoDate;
  end: IsoDate; // inclusive
}

export function isWithin(date: IsoDate, period: Period): boolean {
  return compareDates(period.start, date) <= 0 && compareDates(date, period.end) <= 0;
}

/** Today's calendar date in China (UTC+8, no daylight saving), whatever the machine's zone. */
export function todayInChina(now: number = Date.now()): IsoDate {
  return fromDayNumber(Math.floor((now + 8 * 3600_000) / 86_400_000));
}

/** `2020-04-15T09:30:00.000+08:00`: the form transitions record, readable to a clerk in China. */
export function chinaTimestamp(date: Date): string {
  const shifted = new Date(date.getTime() + 8 * 3600_000);
  return shifted.toISOString().replace('Z', '+08:00');
}
