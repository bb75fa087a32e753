/**
 * What the import template and the exports share: the scheme's template columns in
 * order, their widths, the header look, and the text format that keeps an ID an ID.
 */
import type ExcelJS from 'exceljs';
import type { RosterField } from '../../../shared/domain/roster/fields';
import type { RosterColumn, RosterSpec } from '../../../shared/domain/scheme/rosterSchema';
import { displayHeader } from './rosterHeader';

/** Excel's "Text" number format: what is typed stays as typed (no 3.2E+17, no lost leading zero). */
export const TEXT_FORMAT = '@';

/** The columns of the association's template, in its order. */
export function templateColumns(roster: RosterSpec): RosterColumn[] {
  return roster.columns.filter((c) => c.inTemplate);
}

/** The header without its “*” marks and bracketed hints: 证件类型, 出生日期. */
export function shortHeader(column: RosterColumn): string {
  const header = displayHeader(column);
  const bracket = header.search(/[(（[【]/);
  const short = bracket > 0 ? header.slice(0, bracket).trim() : header;
  return short === '' ? header : short;
}

/** Width in Excel's character units: CJK characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return width;
}

// Room for the values these fields hold, beyond their header.
const CONTENT_WIDTH: Partial<Record<RosterField, number>> = {
  name: 10,
  documentNumber: 21, // 18 characters
  bankCard: 23, // up to 19 digits
  phone: 14,
  birthDate: 12,
  effectiveDate: 12,
  bankName: 24,
  socialSecurityCode: 14,
  remark: 16,
};

export function columnWidth(column: RosterColumn, samples: readonly string[] = []): number {
  const widest = Math.max(
    CONTENT_WIDTH[column.key] ?? 8,
    // Long headers wrap onto two lines rather than widen the column without end.
    Math.ceil(displayWidth(displayHeader(column)) / (displayWidth(column.header) > 24 ? 2 : 1)),
    ...(column.enumValues ?? []).map(displayWidth),
    ...samples.map(displayWidth),
  );
  return Math.min(40, Math.max(8, widest + 2));
}

export function widthForText(header: string, samples: readonly string[] = []): number {
  return Math.min(60, Math.max(8, ...[header, ...samples].map(displayWidth)) + 2);
}

/** Excel refuses sheet names over 31 characters or with any of : \ / ? * [ ]. */
export function safeSheetName(name: string | undefined, fallback: string): string {
  const cleaned = (name ?? '').replace(/[:\\/?*[\]]/g, ' ').trim().slice(0, 31);
  return cleaned === '' ? fallback : cleaned;
}

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF999999' } };
export const CELL_BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export function styleHeaderCell(cell: ExcelJS.Cell, required: boolean): void {
  cell.font = { bold: true, color: { argb: required ? 'FFC00000' : 'FF000000' } };
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  cell.border = CELL_BORDER;
}

/** Which rows must fill the column, in words. */
export function requirementText(roster: RosterSpec, column: RosterColumn): string {
  if (column.required) return '必填';
  const when = column.requiredWhen;
  if (when?.kind === 'fieldIn') {
    const other = roster.columns.find((c) => c.key === when.field);
    return `${other ? shortHeader(other) : when.field}为${when.values.join('或')}时必填`;
  }
  if (when?.kind === 'documentLacksBirthData') return '证件不含出生日期和性别时必填（如护照）';
  return '选填';
}
