/**
 * The messages between the core and its background thread (backgroundThread.ts and
 * backgroundWorker.ts): roster files read there with their rows sent back as they are read,
 * and checkpoints of the store's write-ahead log after large writes.
 */
import type { Scheme } from '../../../shared/domain/scheme';
import type { RosterFileRow } from '../roster/collectRoster';
import type { UnmatchedColumns } from '../../../shared/api/dto';
import type { RosterFileErrorCode } from '../roster/errors';
import type { ReadRosterResult } from '../roster/readRosterFile';

export type BackgroundRequest =
  | { type: 'read'; id: number; fileName: string; bytes: Uint8Array; scheme: Scheme; maxRows?: number; progressEvery?: number }
  | { type: 'cancel'; id: number }
  /** The core has taken one 'rows' message of the read (the thread keeps only a few unanswered). */
  | { type: 'taken'; id: number }
  /** Copy the store's write-ahead log into its file (a PASSIVE checkpoint: it never waits for the core's reads or writes). */
  | { type: 'checkpoint'; id: number; file: string; nativeBinding?: string };

export type BackgroundReply =
  | { type: 'ready' }
  /** Rows read since the last message, in file order, and the count read so far. */
  | { type: 'rows'; id: number; rows: RosterFileRow[]; rowsRead: number }
  /** The read ended well; `result.rows` is empty (the rows came in 'rows' messages). */
  | { type: 'done'; id: number; result: ReadRosterResult }
  /** The file was refused (RosterFileError), or the read broke (`error` null: not the file's fault). */
  /** `heldBytes`: what the thread's heap holds after the read, garbage included (a large one is let go of). */
  | { type: 'failed'; id: number; error: { code: RosterFileErrorCode; message: string; missingFields: string[]; unmatched?: UnmatchedColumns } | null; heldBytes: number }
  /** `done`: the whole log is in the file now (false: a reader still needed part of it, or the checkpoint failed). */
  | { type: 'checkpointed'; id: number; done: boolean };
