/**
 * The core's background thread. It unzips and parses roster files, handing the rows back as
 * they are read, so a large import's checking and staging run alongside its reading instead
 * of after it; and it checkpoints the store after a large write, so the core's thread never
 * stops to copy tens of megabytes from the write-ahead log into the file. It neither checks
 * rows nor writes data: its store connection only checkpoints.
 */
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { RosterFileRow } from '../roster/collectRoster';
import { isRosterFileError } from '../roster/errors';
import { readRosterFile } from '../roster/readRosterFile';
import type { BackgroundReply, BackgroundRequest } from './protocol';

const port = parentPort;
if (!port) throw new Error('backgroundWorker runs as a worker thread');

/** 'rows' messages a read may have unanswered ('taken') before it waits. */
const ROWS_AHEAD = 4;

/** A read's rows messages the core has not taken yet, and the reader waiting for it to catch up. */
class Pace {
  private unanswered = 0;
  private waiting: (() => void) | null = null;

  sent(): void {
    this.unanswered++;
  }

  taken(): void {
    this.unanswered--;
    if (this.unanswered < ROWS_AHEAD && this.waiting) {
      const go = this.waiting;
      this.waiting = null;
      go();
    }
  }

  wait(): Promise<void> | void {
    if (this.unanswered < ROWS_AHEAD) return;
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** A cancelled read waits no more: its next step sees the abort. */
  release(): void {
    this.waiting?.();
    this.waiting = null;
  }
}

const reads = new Map<number, { abort: AbortController; pace: Pace }>();

/** This thread's heap and the buffers it holds (process.memoryUsage's figures are this isolate's, bar rss). */
function heldBytes(): number {
  const { heapTotal, external } = process.memoryUsage();
  return heapTotal + external;
}
const stores = new Map<string, Database.Database>();
const send = (reply: BackgroundReply) => port.postMessage(reply);

async function read(request: Extract<BackgroundRequest, { type: 'read' }>): Promise<void> {
  const abort = new AbortController();
  const pace = new Pace();
  reads.set(request.id, { abort, pace });
  let rows: RosterFileRow[] = [];
  try {
    const result = await readRosterFile({ fileName: request.fileName, bytes: request.bytes }, request.scheme, {
      signal: abort.signal,
      ...(request.maxRows !== undefined ? { maxRows: request.maxRows } : {}),
      ...(request.progressEvery !== undefined ? { progressEvery: request.progressEvery } : {}),
      onRow: (row) => rows.push(row),
      onProgress: (rowsRead) => {
        send({ type: 'rows', id: request.id, rows, rowsRead });
        pace.sent();
        rows = [];
      },
      pace: () => pace.wait(),
    });
    if (rows.length > 0) send({ type: 'rows', id: request.id, rows, rowsRead: result.totalRows });
    send({ type: 'done', id: request.id, result });
  } catch (error) {
    send({
      type: 'failed',
      id: request.id,
      error: isRosterFileError(error) ? { code: error.code, message: error.message, missingFields: [...error.missingFields], ...(error.unmatched ? { unmatched: error.unmatched } : {}) } : null,
      heldBytes: heldBytes(),
    });
  } finally {
    reads.delete(request.id);
  }
}

function checkpoint(request: Extract<BackgroundRequest, { type: 'checkpoint' }>): void {
  let done = false;
  try {
    let db = stores.get(request.file);
    if (!db) {
      db = new Database(request.file, { fileMustExist: true, ...(request.nativeBinding ? { nativeBinding: request.nativeBinding } : {}) });
      stores.set(request.file, db);
    }
    const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    done = result !== undefined && result.busy === 0 && result.checkpointed === result.log;
  } catch {
    // Left to SQLite's own checkpoint on the core's next write or its close.
  }
  send({ type: 'checkpointed', id: request.id, done });
}

port.on('message', (request: BackgroundRequest) => {
  if (request.type === 'read') void read(request);
  else if (request.type === 'taken') reads.get(request.id)?.pace.taken();
  else if (request.type === 'cancel') {
    const read = reads.get(request.id);
    read?.abort.abort();
    read?.pace.release();
  }
  else checkpoint(request);
});
send({ type: 'ready' });
