/**
 * Dates as they arrive in rosters: ISO text, Chinese and slashed forms, 8 digits, and Excel
 * date serials (a date cell read as a number). The result is always a plain `YYYY-MM-DD`.
 */
import { addDays, formatIsoDate, isValidParts, type IsoDate } from '../dates';

/**
 * Excel's 1900 date system counts 1900-01-01 as 1 and wrongly keeps a 29 February 1900
 * (serial 60), so serials from 61 on are days since 1899-12-30.
 */
export function excelSerialToDate(serial: number): IsoDate | null {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2958465) return null;
  if (serial === 60) return null; // 1900-02-29 never existed
  return addDays(serial < 60 ? '1899-12-31' : '1899-12-30', serial);
}

const SEPARATED = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
// Excel serials for 1900-03-01 … 2099-12-31; rosters hold no dates outside that.
const SERIAL = /^\d{2,5}$/;

/** Parses a roster date cell; null when it is no date. */
export function parseRosterDate(text: string): IsoDate | null {
  const t = text.trim();
  const m = SEPARATED.exec(t) ?? COMPACT.exec(t);
  if (m) {
    const parts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
    return isValidParts(parts) ? formatIsoDate(parts) : null;
  }
  if (SERIAL.test(t)) {
    const serial = Number(t);
    return serial >= 61 && serial <= 73415 ? excelSerialToDate(serial) : null;
  }
  return null;
}
