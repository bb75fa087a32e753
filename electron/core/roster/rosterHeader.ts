/**
 * Finding a roster's header row and mapping its columns onto roster fields. Clerks keep
 * their own sheets: the header may sit below a title and an instruction row, columns come
 * in any order, and headers carry asterisks, line breaks and hints in brackets
 * (“证件类型 (身份证、护照)”).
 */
import type { RosterField } from '../../../shared/domain/roster/fields';
import { closestHeader, columnForHeader } from '../../../shared/domain/scheme/roster';
import type { RosterColumn, RosterSpec } from '../../../shared/domain/scheme/rosterSchema';

export interface MappedColumn {
  field: RosterField;
  /** The header as the file writes it. */
  header: string;
  /** 0-based (column A is 0). */
  columnIndex: number;
}

export interface HeaderMatch {
  /** 1-based row number of the header. */
  rowNumber: number;
  mapped: MappedColumn[];
  /** Headers that name no roster field (or a field an earlier column already took). */
  ignoredHeaders: string[];
  /** The template's serial-number column (序号), if the file has it. */
  serialColumnIndex: number | null;
}

/** How many rows from the top may come before the header. */
export const HEADER_SCAN_ROWS = 20;

const HINT_IN_BRACKETS = /[(（[【〔<《][^)）\]】〕>》]*[)）\]】〕>》]/g;
const FIRST_BRACKET = /[(（[【〔<《]/;

/** The header text and the shorter readings of it to try when it does not match as a whole. */
function headerReadings(text: string): string[] {
  const firstLine = text.split(/\r?\n|\r/)[0] ?? '';
  const bracket = text.search(FIRST_BRACKET);
  const readings = [text, text.replace(HINT_IN_BRACKETS, ''), bracket > 0 ? text.slice(0, bracket) : '', firstLine];
  return [...new Set(readings.filter((r) => r.trim() !== ''))];
}

/** The scheme column a header cell names, tolerant of hints in brackets and line breaks. */
export function matchHeader(roster: RosterSpec, text: string): RosterColumn | undefined {
  for (const reading of headerReadings(text)) {
    const column = columnForHeader(roster, reading);
    if (column) return column;
  }
  return undefined;
}

const compact = (text: string) => text.normalize('NFKC').replace(/[\s\u200b*]/g, '');

export function isSerialNumberHeader(roster: RosterSpec, text: string): boolean {
  const serial = roster.template.serialNumberHeader;
  return serial !== undefined && compact(text) === compact(serial) && compact(text) !== '';
}

/** Maps one row's cells, read as header texts. */
export function mapHeaderRow(roster: RosterSpec, rowNumber: number, cells: readonly string[]): HeaderMatch {
  const mapped: MappedColumn[] = [];
  const ignoredHeaders: string[] = [];
  let serialColumnIndex: number | null = null;
  cells.forEach((raw, columnIndex) => {
    const header = raw.trim();
    if (header === '') return;
    if (serialColumnIndex === null && isSerialNumberHeader(roster, header)) {
      serialColumnIndex = columnIndex;
      return;
    }
    const column = matchHeader(roster, header);
    if (column && !mapped.some((m) => m.field === column.key)) mapped.push({ field: column.key, header, columnIndex });
    else ignoredHeaders.push(header);
  });
  return { rowNumber, mapped, ignoredHeaders, serialColumnIndex };
}

/** Fewer mapped columns than this and a row is not taken for a header (a 说明 sheet lists one column per row). */
export function minimumHeaderColumns(roster: RosterSpec): number {
  return Math.min(2, roster.columns.length);
}

/** The row among these that maps the most columns; the first of equals. Null if none maps enough. */
export function findHeader(roster: RosterSpec, rows: readonly { number: number; cells: readonly string[] }[]): HeaderMatch | null {
  let best: HeaderMatch | null = null;
  for (const row of rows) {
    const match = mapHeaderRow(roster, row.number, row.cells);
    if (match.mapped.length >= minimumHeaderColumns(roster) && (!best || match.mapped.length > best.mapped.length)) best = match;
  }
  return best;
}

/** The required columns no header names. */
export function missingRequiredColumns(roster: RosterSpec, mapped: readonly MappedColumn[]): RosterColumn[] {
  return roster.columns.filter((c) => c.required && !mapped.some((m) => m.field === c.key));
}

/** Each missing required column with the header most like it among those nothing took. */
export function missingWithClosest(roster: RosterSpec, header: HeaderMatch): { column: RosterColumn; closest?: string }[] {
  return missingRequiredColumns(roster, header.mapped).map((column) => {
    const closest = closestHeader(roster, column, header.ignoredHeaders);
    return closest === undefined ? { column } : { column, closest };
  });
}

/** A header as the clerk should look for it: the template's text without its leading “*” marks. */
export function displayHeader(column: RosterColumn): string {
  return column.header.replace(/^[*＊\s]+/, '');
}
