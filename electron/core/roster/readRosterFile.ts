/**
 * Reading a roster file (xlsx, or CSV / tab-separated text) into raw roster rows for
 * the normaliser. Whatever goes wrong becomes a RosterFileError with a stable code and a
 * Chinese message; nothing here touches the store.
 */
import type { Scheme } from '../../../shared/domain/scheme';
import { collectRoster, type CollectOptions, type RosterFileResult } from './collectRoster';
import { textEncoding, textSheets } from './delimitedText';
import { cancelledError, isRosterFileError } from './errors';
import { MAX_IMPORT_ROWS } from './rosterLimits';
import { abortable, throwIfAborted, type SheetSource } from './sheetSource';
import { sniffRosterFile } from './sniffFile';
import { xlsxSheets } from './xlsxSheets';

export interface RosterFileInput {
  fileName: string;
  bytes: Buffer | Uint8Array;
  /** The caller is done with the bytes: a reader on another thread may take them (they are empty here afterwards) instead of copying them. */
  handOver?: boolean;
}

export type ReadRosterOptions = CollectOptions;

export type RosterFileFormat = 'xlsx' | 'text';

/** readRosterFile, or something that reads with its contract elsewhere (the core's background thread). */
export type RosterReader = (input: RosterFileInput, scheme: Scheme, options?: ReadRosterOptions) => Promise<ReadRosterResult>;

export interface ReadRosterResult extends RosterFileResult {
  format: RosterFileFormat;
  /** For text files: the encoding the bytes were read in. */
  encoding?: string;
}

function asBuffer(bytes: Buffer | Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function baseName(fileName: string): string {
  const name = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * Reads the first sheet that has a roster header for this scheme. Progress is reported
 * in roster rows read; an aborted `signal` ends the read with RosterFileError 'cancelled'.
 * More than `maxRows` roster rows (MAX_IMPORT_ROWS unless given) is 'tooManyRows'.
 * Every failure of the file itself is a RosterFileError; an error thrown by `onProgress`
 * comes out as it was thrown.
 */
export async function readRosterFile(input: RosterFileInput, scheme: Scheme, options: ReadRosterOptions = {}): Promise<ReadRosterResult> {
  const { signal } = options;
  throwIfAborted(signal);
  const bytes = asBuffer(input.bytes);
  try {
    const sniffed = sniffRosterFile(bytes);
    let sheets: AsyncIterable<SheetSource>;
    let extra: { format: RosterFileFormat; encoding?: string };
    if (sniffed.kind === 'xlsx') {
      sheets = xlsxSheets(bytes, sniffed.entries);
      extra = { format: 'xlsx' };
    } else {
      const encoding = textEncoding(bytes);
      sheets = textSheets(bytes, encoding, baseName(input.fileName));
      extra = { format: 'text', encoding };
    }
    const result = await collectRoster(abortable(sheets, signal), scheme.roster, { ...options, maxRows: options.maxRows ?? MAX_IMPORT_ROWS });
    return { ...result, ...extra };
  } catch (error) {
    // Whatever a cancelled read ran into on its way out, the clerk asked for it to stop.
    if (signal?.aborted && !(isRosterFileError(error) && error.code === 'cancelled')) throw cancelledError(error);
    throw error;
  }
}
