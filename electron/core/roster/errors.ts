/**
 * Why a roster file was refused. The code is stable (the import job and the UI switch on
 * it); the message is the Chinese sentence the clerk reads, saying what to do.
 */
import type { UnmatchedColumns } from '../../../shared/api/dto';
import type { RosterField } from '../../../shared/domain/roster/fields';
import { MAX_CELL_CHARS } from './rosterLimits';

export const ROSTER_FILE_ERROR_CODES = [
  'legacyXls', // Excel 97-2003 .xls
  'encrypted', // password-protected workbook
  'corrupt', // damaged or truncated file
  'notRoster', // no roster header found
  'missingColumns', // a header, but required columns absent
  'empty', // no content, or a header without rows
  'tooManyRows', // more rows than the caller allows
  'unsupportedType', // a Word file, a picture, a PDF, …
  'cancelled', // the caller aborted the read
  'tooLarge', // inflates, or spreads, beyond what a roster can be (rosterLimits.ts)
  'cellTooLong', // one cell longer than a roster cell can be
  'unsafeMarkup', // DTD or entity declarations, which SpreadsheetML never holds
] as const;

export type RosterFileErrorCode = (typeof ROSTER_FILE_ERROR_CODES)[number];

export interface RosterFileErrorDetails {
  /** For missingColumns: the required fields no header names. */
  missingFields?: readonly RosterField[];
  /** For missingColumns: the file's headers and the closest one per missing column. */
  unmatched?: UnmatchedColumns;
  cause?: unknown;
}

export class RosterFileError extends Error {
  readonly code: RosterFileErrorCode;
  readonly missingFields: readonly RosterField[];
  readonly unmatched: UnmatchedColumns | undefined;

  constructor(code: RosterFileErrorCode, message: string, details: RosterFileErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'RosterFileError';
    this.code = code;
    this.missingFields = details.missingFields ?? [];
    this.unmatched = details.unmatched;
  }
}

export function isRosterFileError(error: unknown): error is RosterFileError {
  return error instanceof RosterFileError;
}

export function cancelledError(cause?: unknown): RosterFileError {
  return new RosterFileError('cancelled', '已取消导入，未读取的内容没有保存', { cause });
}

export function corruptError(cause?: unknown): RosterFileError {
  return new RosterFileError('corrupt', '文件已损坏或不完整，无法读取。请在 Excel 中打开确认无误后重新保存为 .xlsx 再导入', { cause });
}

const REFUSED = '已拒绝导入，没有保存任何内容';

/** `what` says which part of the file went past its bound, e.g. 共享字符串表解压后超过 64 MB. */
export function tooLargeError(what: string, cause?: unknown): RosterFileError {
  return new RosterFileError('tooLarge', `${what}，远超参保名单应有的大小，文件可能已损坏或是恶意构造的，${REFUSED}。请在 Excel 中打开确认后另存为新的 .xlsx 再导入`, { cause });
}

/** Excel's name of a 0-based column: A … Z, AA …. */
export function columnLetters(columnIndex: number): string {
  let letters = '';
  for (let n = columnIndex + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export function cellTooLongError(rowNumber: number, columnIndex: number): RosterFileError {
  return new RosterFileError(
    'cellTooLong',
    `第 ${rowNumber} 行 ${columnLetters(columnIndex)} 列的内容超过 ${MAX_CELL_CHARS} 个字符（每格的上限），${REFUSED}。名单每格只填一项信息（姓名、证件号码等），请检查该格后再导入`,
  );
}

export function unsafeMarkupError(): RosterFileError {
  return new RosterFileError('unsafeMarkup', `文件中含有 DTD 或实体声明（<!DOCTYPE …>），Excel 不会写出这样的内容，文件可能是恶意构造的，${REFUSED}`);
}
