/**
 * Why a roster file was refused. The code is stable (the import job and the UI switch on
 * it); the message is the Chinese sentence the clerk reads, saying what to do.
 */
import type { UnmatchedColumns } from '../../../shared/api/dto';
import type { RosterField } from '../../../shared/domain/roster/fields';

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
