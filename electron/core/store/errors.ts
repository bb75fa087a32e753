/**
 * Why the store refused: each code is a situation the app handles differently (offer to
 * upgrade, offer to put a damaged file aside, show "not found"), with the Chinese message
 * the clerk reads.
 */
export type StoreErrorCode =
  /** The file was written by a newer version of the workbench; nothing was touched. */
  | 'newerVersion'
  /** Not a SQLite database, or it fails its integrity check. */
  | 'corrupt'
  /** A migration file is missing, misnumbered or failed to apply (rolled back). */
  | 'migrationFailed'
  | 'notFound'
  /** The roster of a batch in this state may not be changed. */
  | 'notEditable'
  /** Another write got there first (a print number taken, an action no longer pending). */
  | 'conflict'
  /** The data key given is not the one the file's personal data was sealed with; nothing was touched. */
  | 'wrongKey';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  /** The database file concerned, when there is one. */
  readonly file?: string;

  constructor(code: StoreErrorCode, message: string, options: { file?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreError';
    this.code = code;
    if (options.file !== undefined) this.file = options.file;
  }
}

export function isStoreError(value: unknown, code?: StoreErrorCode): value is StoreError {
  return value instanceof StoreError && (code === undefined || value.code === code);
}

export function notFound(what: string, id: string): StoreError {
  return new StoreError('notFound', `${what}不存在（编号 ${id}）`);
}
