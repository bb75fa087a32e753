/**
 * Roster rows out to xlsx: the rejected-rows list (不可参保人员 / 导入失败人员, with the
 * reason in a last column, to be corrected and imported again) and the records export
 * (参保记录导出) are the same sheet with different trailing columns, so one writer serves
 * both. Columns follow the import template, so the file maps straight back on re-import.
 * Every text is written inert (see formulaInjection.ts); ID columns are text-formatted.
 */
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { RawRosterRow } from '../../../shared/domain/roster/fields';
import type { Scheme } from '../../../shared/domain/scheme';
import type { RosterColumn } from '../../../shared/domain/scheme/rosterSchema';
import { neutraliseFormula } from './formulaInjection';
import { TEXT_FORMAT, columnWidth, safeSheetName, styleHeaderCell, templateColumns, widthForText } from './sheetLayout';

/** A column after the roster fields (a reason, a plan, a status, a date). */
export interface ExportColumn {
  header: string;
  width?: number;
  /** Format the column as text (numbers typed later stay as typed). */
  text?: boolean;
}

export type ExportCell = string | number | null | undefined;

export interface RosterExportRow {
  values: RawRosterRow;
  /** One value per extra column, in order. */
  extra?: readonly ExportCell[];
}

export interface RosterExportOptions {
  sheetName?: string;
  /** 'template' (default): the template's columns; 'all': also those accepted only on import. */
  fields?: 'template' | 'all';
  extraColumns?: readonly ExportColumn[];
}

function exportFields(scheme: Scheme, fields: 'template' | 'all'): RosterColumn[] {
  const inTemplate = templateColumns(scheme.roster);
  return fields === 'all' ? [...inTemplate, ...scheme.roster.columns.filter((c) => !c.inTemplate)] : inTemplate;
}

function cellValue(value: ExportCell): string | number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value : neutraliseFormula(value);
}

/** Writes the rows through exceljs's streaming writer, so a 100,000-row export stays light. */
export async function buildRosterExportWorkbook(
  scheme: Scheme,
  rows: Iterable<RosterExportRow> | AsyncIterable<RosterExportRow>,
  options: RosterExportOptions = {},
): Promise<Buffer> {
  const columns = exportFields(scheme, options.fields ?? 'template');
  const extras = options.extraColumns ?? [];
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: true, useStyles: true });
  workbook.creator = '互助保障工作台';
  const sheet = workbook.addWorksheet(safeSheetName(options.sheetName ?? scheme.roster.template.sheetName, '参保名单'), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  });
  sheet.columns = [
    ...columns.map((column) => ({
      width: columnWidth(column),
      style: column.text ? { numFmt: TEXT_FORMAT } : {},
    })),
    ...extras.map((extra) => ({
      width: extra.width ?? Math.max(14, widthForText(extra.header)),
      style: extra.text ? { numFmt: TEXT_FORMAT } : {},
    })),
  ];

  const header = sheet.addRow([...columns.map((c) => neutraliseFormula(c.header)), ...extras.map((e) => neutraliseFormula(e.header))]);
  columns.forEach((column, i) => styleHeaderCell(header.getCell(i + 1), column.required));
  extras.forEach((_, i) => styleHeaderCell(header.getCell(columns.length + i + 1), false));
  header.height = 32;
  header.commit();

  for await (const row of rows) {
    const cells = [...columns.map((c) => cellValue(row.values[c.key])), ...extras.map((_, i) => cellValue(row.extra?.[i]))];
    sheet.addRow(cells).commit();
  }
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

export interface RejectedRow {
  /** The row's number in the file it came from, or null for rows typed in by hand. */
  sourceRow: number | null;
  values: RawRosterRow;
  /** Every reason, joined for the one cell (e.g. with '；'). */
  reasons: string;
}

export interface RejectedRowsOptions {
  /** The reason column's header: 不可参保原因 (Wuxi) unless given, e.g. 失败原因 (Qingdao). */
  reasonHeader?: string;
  /** Add the original row number after the reason, to find the row in the clerk's own file. */
  includeSourceRow?: boolean;
  sheetName?: string;
}

export const DEFAULT_REASON_HEADER = '不可参保原因';
export const SOURCE_ROW_HEADER = '原文件行号';

/** The template's columns plus the reason: corrected in place, the file imports again as it is. */
export function buildRejectedRowsWorkbook(scheme: Scheme, rows: Iterable<RejectedRow>, options: RejectedRowsOptions = {}): Promise<Buffer> {
  const extraColumns: ExportColumn[] = [{ header: options.reasonHeader ?? DEFAULT_REASON_HEADER, width: 48 }];
  if (options.includeSourceRow) extraColumns.push({ header: SOURCE_ROW_HEADER, width: 12 });
  const exportRows = (function* () {
    for (const row of rows) {
      const extra: ExportCell[] = [row.reasons];
      if (options.includeSourceRow) extra.push(row.sourceRow);
      yield { values: row.values, extra };
    }
  })();
  return buildRosterExportWorkbook(scheme, exportRows, { sheetName: options.sheetName ?? '不可参保人员', extraColumns });
}
