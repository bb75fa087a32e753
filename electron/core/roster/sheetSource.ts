/**
 * The shape both readers (xlsx and delimited text) hand to the roster collector: sheets of
 * rows whose cells are read as text on demand, so the collector converts only the cells
 * of mapped columns. Rows come in batches (as the xlsx reader parses them, a chunk of XML
 * at a time): one asynchronous step per batch rather than per row.
 */
import { cancelledError } from './errors';

export interface SheetRow {
  /** 1-based, as Excel numbers rows (and as the clerk finds the row again). */
  readonly number: number;
  /** Cells up to the last one present. */
  readonly width: number;
  /** The cell's text; '' for an empty or absent cell. 0-based column. */
  text(columnIndex: number): string;
}

export interface SheetSource {
  readonly name: string;
  /** The rows in order, in batches of any size (empty batches allowed). */
  readonly rows: AsyncIterable<readonly SheetRow[]>;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError();
}

/**
 * Each step of `source`, given up as soon as `signal` aborts even while the step is still
 * waiting (a large shared-string table can keep the xlsx reader busy before any row).
 * The abandoned step is left to finish on its own; it holds no file handle.
 */
export async function* abortable<T>(source: AsyncIterable<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
  if (!signal) {
    yield* source;
    return;
  }
  const iterator = source[Symbol.asyncIterator]();
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(cancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined); // observed through the race below
  let finished = false;
  try {
    throwIfAborted(signal);
    for (;;) {
      const step = await Promise.race([iterator.next(), aborted]);
      if (step.done) {
        finished = true;
        return;
      }
      yield step.value;
      throwIfAborted(signal);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    // Closing a generator that is still mid-step would wait for that step; only close it when idle.
    if (!finished && !signal.aborted) await iterator.return?.();
  }
}
