/**
 * The core's side of its background thread (backgroundWorker.ts). Roster files are read
 * there with readRosterFile's contract (rows to `onRow` in file order, progress, cancel by
 * signal, the same RosterFileError refusals); until the thread is up, or if it cannot start
 * or breaks, they are read on the core's thread instead, so a read never waits on it.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RosterField } from '../../../shared/domain/roster/fields';
import type { RosterFileRow } from '../roster/collectRoster';
import { cancelledError, RosterFileError } from '../roster/errors';
import { readRosterFile, type ReadRosterOptions, type ReadRosterResult, type RosterReader } from '../roster/readRosterFile';
import { throwIfAborted } from '../roster/sheetSource';
import type { BackgroundReply, BackgroundRequest } from './protocol';

type ReadReply = Extract<BackgroundReply, { type: 'rows' | 'done' }>;

/** A thread left holding more than this after a refused file is let go of (an idle one holds about 15 MB). */
const RENEW_ABOVE_BYTES = 64 * 1024 * 1024;

interface PendingRead {
  kind: 'read';
  options: ReadRosterOptions;
  /** The rows, when the caller takes them with the result rather than one by one. */
  rows: RosterFileRow[];
  /** Replies received and not yet handed on, in order (see receive). */
  queue: ReadReply[];
  handing: boolean;
  resolve: (result: ReadRosterResult) => void;
  reject: (error: unknown) => void;
}

interface PendingCheckpoint {
  kind: 'checkpoint';
  resolve: (done: boolean) => void;
}

/** tsx's ESM API module (tsImport) as a file URL, found without import.meta.resolve (absent when tsx runs this module as CommonJS). */
function tsxEsmApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const exported = (require(manifest) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!.import.default;
  return pathToFileURL(join(dirname(manifest), exported)).href;
}

/** The worker: the built module beside this one (the Electron bundle), else the TypeScript source through tsx (development, tests). */
export function startBackgroundWorker(): Worker {
  const built = new URL('./backgroundWorker.mjs', import.meta.url);
  if (existsSync(fileURLToPath(built))) return new Worker(built);
  const source = new URL('./backgroundWorker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsxEsmApi())}).then(({ tsImport }) => tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)}))`, { eval: true });
}

export class BackgroundThread {
  /** Resolves true once the thread takes work, false when it could not start. */
  readonly ready: Promise<boolean>;
  private worker: Worker | null = null;
  private up = false;
  /** A fresh thread starting in place of one let go after a refused file (see receive); reads wait for it. */
  private restarting: Promise<boolean> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, PendingRead | PendingCheckpoint>();

  constructor(
    /** better-sqlite3 rebuilt for Electron, as the store opens it. */
    private readonly nativeBinding?: string,
    private readonly start: () => Worker = startBackgroundWorker,
    /** What a thread may hold after a refused file and still be kept. */
    private readonly renewAboveBytes = RENEW_ABOVE_BYTES,
  ) {
    this.ready = this.launch();
  }

  /** Starts a thread; resolves true once it takes work, false when it could not start or stopped first. */
  private launch(): Promise<boolean> {
    let settle!: (up: boolean) => void;
    const ready = new Promise<boolean>((resolve) => (settle = resolve));
    let worker: Worker;
    try {
      worker = this.start();
    } catch {
      this.worker = null;
      settle(false);
      return ready;
    }
    this.worker = worker;
    // An idle thread must not keep the process alive (the core's close ends it anyway).
    worker.unref();
    worker.on('message', (reply: BackgroundReply) => {
      if (this.worker !== worker) return; // let go of, or closed
      if (reply.type === 'ready') {
        this.up = true;
        settle(true);
      } else this.receive(reply);
    });
    const broken = (error: unknown) => {
      settle(false);
      if (this.worker !== worker) return; // let go of, or closed
      this.up = false;
      this.worker = null;
      const failure = error instanceof Error ? error : new Error('background thread stopped');
      for (const [, job] of this.pending) {
        if (job.kind === 'read') job.reject(failure);
        else job.resolve(false);
      }
      this.pending.clear();
    };
    worker.on('error', broken);
    worker.on('exit', (code) => broken(new Error(`background thread exited (${code})`)));
    return ready;
  }

  /**
   * A refused file may have swollen the thread's heap (a bomb inflated up to its cap, a
   * million rows parsed), and V8 keeps what it grew. Such a thread is let go of, with all it
   * holds, and a fresh one started; reads wait for it. Only when idle: another read's rows
   * would be lost.
   */
  private renew(): void {
    if (this.pending.size > 0 || !this.worker) return;
    const old = this.worker;
    this.up = false;
    const restarting = this.launch();
    this.restarting = restarting;
    void restarting.then(() => {
      if (this.restarting === restarting) this.restarting = null;
    });
    void old.terminate();
  }

  /** readRosterFile, on the thread when it is up. */
  readonly readRoster: RosterReader = (input, scheme, options = {}) => {
    if (this.restarting) return this.restarting.then(() => this.readRoster(input, scheme, options));
    const worker = this.worker;
    if (!this.up || !worker) return readRosterFile(input, scheme, options);
    throwIfAborted(options.signal);
    const id = this.nextId++;
    return new Promise<ReadRosterResult>((resolve, reject) => {
      const { signal } = options;
      const onAbort = () => {
        this.pending.delete(id);
        worker.postMessage({ type: 'cancel', id } satisfies BackgroundRequest);
        reject(cancelledError());
      };
      const ending = <T>(settle: (value: T) => void) => (value: T) => {
        signal?.removeEventListener('abort', onAbort);
        settle(value);
      };
      this.pending.set(id, { kind: 'read', options, rows: [], queue: [], handing: false, resolve: ending(resolve), reject: ending(reject) });
      signal?.addEventListener('abort', onAbort, { once: true });
      // A handed-over file moves to the thread (its 10 MB are not copied); else the thread gets a copy.
      const { bytes } = input;
      const movable = input.handOver && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
      worker.postMessage({
        type: 'read',
        id,
        fileName: input.fileName,
        bytes: input.bytes,
        scheme,
        ...(options.maxRows !== undefined ? { maxRows: options.maxRows } : {}),
        ...(options.progressEvery !== undefined ? { progressEvery: options.progressEvery } : {}),
      } satisfies BackgroundRequest, movable ? [bytes.buffer as ArrayBuffer] : []);
    });
  };

  /** Checkpoints the store file on the thread; false when the thread is not up (SQLite then checkpoints on the core's next write). */
  checkpoint(file: string): Promise<boolean> {
    const worker = this.worker;
    if (!this.up || !worker) return Promise.resolve(false);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { kind: 'checkpoint', resolve });
      worker.postMessage({ type: 'checkpoint', id, file, ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}) } satisfies BackgroundRequest);
    });
  }

  /** Whether work goes to the thread now. */
  get running(): boolean {
    return this.up;
  }

  /**
   * The thread can read faster than the caller checks and stores rows, and a port hands over
   * every message waiting in one turn of the event loop: taken as they come, a backlog of
   * a few hundred batches would hold this thread (the window's) for seconds. So replies are
   * handed on one per turn, each answered 'taken', and the thread reads only a few messages
   * ahead of those answers (backgroundWorker.ts). A refusal drops what is waiting.
   */
  private receive(reply: Exclude<BackgroundReply, { type: 'ready' }>): void {
    const job = this.pending.get(reply.id);
    if (!job) return; // a cancelled read: what the thread still sends is of no use
    if (job.kind === 'checkpoint') {
      this.pending.delete(reply.id);
      job.resolve(reply.type === 'checkpointed' && reply.done);
      return;
    }
    if (reply.type === 'failed' || reply.type === 'checkpointed') {
      this.pending.delete(reply.id);
      job.queue.length = 0;
      if (reply.type === 'failed' && reply.error) {
        job.reject(new RosterFileError(reply.error.code, reply.error.message, { missingFields: reply.error.missingFields as RosterField[], ...(reply.error.unmatched ? { unmatched: reply.error.unmatched } : {}) }));
      } else job.reject(new Error('background thread: the read broke'));
      if (reply.type === 'failed' && reply.heldBytes > this.renewAboveBytes) this.renew();
      return;
    }
    job.queue.push(reply);
    if (!job.handing) this.handOnNext(reply.id, job);
  }

  private handOnNext(id: number, job: PendingRead): void {
    job.handing = true;
    setImmediate(() => {
      job.handing = false;
      const reply = job.queue.shift();
      if (!reply || this.pending.get(id) !== job) return;
      this.handOn(id, job, reply);
      if (job.queue.length > 0) this.handOnNext(id, job);
    });
  }

  private handOn(id: number, job: PendingRead, reply: ReadReply): void {
    try {
      if (reply.type === 'rows') {
        const { onRow, onProgress } = job.options;
        if (onRow) for (const row of reply.rows) onRow(row);
        else for (const row of reply.rows) job.rows.push(row);
        onProgress?.(reply.rowsRead);
        this.worker?.postMessage({ type: 'taken', id } satisfies BackgroundRequest);
        return;
      }
      this.pending.delete(id);
      job.resolve({ ...reply.result, rows: job.rows });
    } catch (error) {
      // The caller's row or progress handler threw: the read ends with that error, as on this thread.
      this.pending.delete(id);
      job.queue.length = 0;
      this.worker?.postMessage({ type: 'cancel', id } satisfies BackgroundRequest);
      job.reject(error);
    }
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.up = false;
    for (const [, job] of this.pending) {
      if (job.kind === 'read') job.reject(cancelledError());
      else job.resolve(false);
    }
    this.pending.clear();
    if (worker) await worker.terminate();
  }
}
