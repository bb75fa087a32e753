/**
 * Roster files made on the spot with exceljs, so no binary fixture is committed.
 */
import ExcelJS from 'exceljs';

export type FixtureCell = string | number | boolean | null | ExcelJS.CellValue;

export interface FixtureSheet {
  name?: string;
  /** Rows from row 1 (or from `startRow`). */
  rows: FixtureCell[][];
  startRow?: number;
  /** Number formats by 1-based column, applied to every row given. */
  numFmts?: Record<number, string>;
}

export async function workbookBytes(sheets: FixtureSheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  sheets.forEach((spec, i) => {
    const sheet = workbook.addWorksheet(spec.name ?? `Sheet${i + 1}`);
    spec.rows.forEach((cells, r) => {
      const row = sheet.getRow((spec.startRow ?? 1) + r);
      cells.forEach((value, c) => {
        if (value === null) return;
        const cell = row.getCell(c + 1);
        cell.value = value as ExcelJS.CellValue;
        const fmt = spec.numFmts?.[c + 1];
        if (fmt) cell.numFmt = fmt;
      });
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function sheetBytes(rows: FixtureCell[][], options: Omit<FixtureSheet, 'rows'> = {}): Promise<Buffer> {
  return workbookBytes([{ ...options, rows }]);
}

/** Loads a workbook fully (not streaming), to inspect what was written. */
export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own global Buffer, which Node's generic Buffer type does not match.
  await workbook.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  return workbook;
}

/** A large roster written with the streaming writer, as quickly as exceljs can. */
export async function largeRosterBytes(rows: number, header: string[], row: (i: number) => FixtureCell[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const { Writable } = await import('node:stream');
  const stream = new Writable({
    write(chunk: Buffer, _e, done) {
      chunks.push(chunk);
      done();
    },
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet('名单');
  sheet.addRow(header).commit();
  for (let i = 1; i <= rows; i++) sheet.addRow(row(i) as ExcelJS.CellValue[]).commit();
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}
