/**
 * Roster files: the import template, reading a clerk's roster (xlsx or CSV) into raw rows,
 * and writing rows back out (rejected rows, records export). Files and buffers only; the
 * store and the normaliser live elsewhere.
 */
export { buildImportTemplate, templateFileName, DEFAULT_TEMPLATE_DATA_ROWS, INSTRUCTIONS_SHEET_NAME, type TemplateOptions } from './templateWorkbook';
export { readRosterFile, type RosterFileInput, type ReadRosterOptions, type ReadRosterResult, type RosterFileFormat, type RosterReader } from './readRosterFile';
export { DEFAULT_PROGRESS_EVERY, type RosterFileResult, type RosterFileRow } from './collectRoster';
export type { MappedColumn } from './rosterHeader';
export {
  buildRosterExportWorkbook,
  buildRejectedRowsWorkbook,
  DEFAULT_REASON_HEADER,
  SOURCE_ROW_HEADER,
  type ExportColumn,
  type ExportCell,
  type RosterExportRow,
  type RosterExportOptions,
  type RejectedRow,
  type RejectedRowsOptions,
} from './exportRows';
export { RosterFileError, isRosterFileError, ROSTER_FILE_ERROR_CODES, type RosterFileErrorCode } from './errors';
export { FORMULA_ERROR_TEXT, isLostPrecisionInteger } from './cellText';
export { neutraliseFormula, isFormulaLike } from './formulaInjection';

export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
