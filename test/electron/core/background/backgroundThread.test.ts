/**
 * The core's background thread reads roster files with readRosterFile's contract and
 * checkpoints the store; a read never depends on the thread being there.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackgroundThread, startBackgroundWorker } from '../../../../electron/core/background/backgroundThread';
import type { RosterFileRow } from '../../../../electron/core/roster';
import { isRosterFileError, readRosterFile } from '../../../../electron/core/roster';
import { schemeById } from '../../../../shared/schemes';
import { writeShanghaiRoster } from '../../../support/shanghaiRosterFile';
import { bundleElectron, ELECTRON_OUT } from '../../../../build/bundleElectron';

const scheme = schemeById('shanghai-2020')!;
let dir: string;
let roster: Buffer;
let thread: BackgroundThread;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'huzhu-background-'));
  const path = join(dir, 'roster.xlsx');
  await writeShanghaiRoster(path, 2_600);
  roster = readFileSync(path);
  thread = new BackgroundThread();
  expect(await thread.ready).toBe(true);
}, 60_000);

afterAll(async () => {
  await thread.close();
  rmSync(dir, { recursive: true, force: true });
});

async function readWith(read: BackgroundThread['readRoster'], bytes: Buffer = roster) {
  const rows: RosterFileRow[] = [];
  const progress: number[] = [];
  const result = await read({ fileName: 'roster.xlsx', bytes }, scheme, { onRow: (row) => rows.push(row), onProgress: (n) => progress.push(n) });
  return { result, rows, progress };
}

async function refusalOf(read: BackgroundThread['readRoster'], fileName: string, bytes: Buffer): Promise<unknown> {
  try {
    await read({ fileName, bytes }, scheme);
  } catch (error) {
    return error;
  }
  throw new Error('the read should have been refused');
}

describe('reading on the thread', () => {
  it('hands over the same rows, in order, with the same progress and result as reading on this thread', async () => {
    const there = await readWith(thread.readRoster);
    const here = await readWith(readRosterFile);
    expect(there.rows).toHaveLength(2_600);
    expect(there.rows).toEqual(here.rows);
    expect(there.progress).toEqual(here.progress);
    expect(there.result).toEqual(here.result);
  });

  it('returns the rows with the result when the caller takes no rows one by one', async () => {
    const there = await thread.readRoster({ fileName: 'roster.xlsx', bytes: roster }, scheme);
    const here = await readRosterFile({ fileName: 'roster.xlsx', bytes: roster }, scheme);
    expect(there.rows).toHaveLength(2_600);
    expect(there).toEqual(here);
  });

  it('hands on one batch of rows per turn of the event loop, however far ahead the thread has read', async () => {
    let turn = 0;
    let ticking = true;
    const tick = () => {
      turn++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const turns: number[] = [];
    try {
      await thread.readRoster({ fileName: 'roster.xlsx', bytes: roster }, scheme, {
        progressEvery: 100,
        onRow: () => undefined,
        onProgress: () => {
          turns.push(turn);
          // A caller slower than the thread, so replies wait in the port.
          for (let k = 0; k < 200_000; k++) Math.sqrt(k);
        },
      });
    } finally {
      ticking = false;
    }
    expect(turns).toHaveLength(26);
    for (let k = 1; k < turns.length; k++) expect(turns[k], `batch ${k}`).toBeGreaterThan(turns[k - 1]!);
  });

  it('takes a handed-over file instead of copying it, and leaves a file not handed over alone', async () => {
    const handed = Buffer.from(roster);
    const rows: RosterFileRow[] = [];
    await thread.readRoster({ fileName: 'roster.xlsx', bytes: handed, handOver: true }, scheme, { onRow: (row) => rows.push(row) });
    expect(handed.byteLength).toBe(0);
    expect(rows).toEqual((await readWith(readRosterFile)).rows);
    const kept = Buffer.from(roster);
    await thread.readRoster({ fileName: 'roster.xlsx', bytes: kept }, scheme);
    expect(kept.equals(roster)).toBe(true);
  });

  it('refuses a bad file with the same RosterFileError as this thread', async () => {
    const randomBytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const there = await refusalOf(thread.readRoster, '名单.xlsx', randomBytes);
    const here = await refusalOf(readRosterFile, '名单.xlsx', randomBytes);
    expect(isRosterFileError(there)).toBe(true);
    expect(there).toMatchObject({ code: (here as { code: string }).code, message: (here as Error).message });

    const noIdColumn = Buffer.from('姓名,证件类型,是否有社保\n张三,身份证,是\n', 'utf8');
    const missing = await refusalOf(thread.readRoster, '名单.csv', noIdColumn);
    expect(missing).toMatchObject({ code: 'missingColumns', missingFields: (await refusalOf(readRosterFile, '名单.csv', noIdColumn) as { missingFields: string[] }).missingFields });
  });

  it('lets the thread go after a refused file that left it holding much, and reads the next file on a fresh one', async () => {
    const notRoster = Buffer.from('会议纪要\n今天讨论了参保事宜\n');
    for (const [holdsTooMuch, renewAboveBytes] of [[false, undefined], [true, 0]] as const) {
      let started = 0;
      const renewing = new BackgroundThread(
        undefined,
        () => {
          started++;
          return startBackgroundWorker();
        },
        renewAboveBytes,
      );
      try {
        expect(await renewing.ready).toBe(true);
        expect(await refusalOf(renewing.readRoster, '会议纪要.csv', notRoster)).toMatchObject({ code: 'notRoster' });
        const next = await readWith(renewing.readRoster);
        expect(started).toBe(holdsTooMuch ? 2 : 1);
        expect(renewing.running).toBe(true);
        expect(next.rows).toEqual((await readWith(readRosterFile)).rows);
      } finally {
        await renewing.close();
      }
    }
  });

  it('stops a read when its signal aborts, and reads the next file as before', async () => {
    const abort = new AbortController();
    let seen = 0;
    const error = await thread
      .readRoster({ fileName: 'roster.xlsx', bytes: roster }, scheme, {
        signal: abort.signal,
        onRow: () => {
          if (++seen === 600) abort.abort();
        },
      })
      .then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'cancelled' });
    expect(seen).toBeLessThan(2_600);
    expect((await readWith(thread.readRoster)).rows).toHaveLength(2_600);
  });

  it('ends the read with the error when the caller’s row handler throws', async () => {
    const error = await thread
      .readRoster({ fileName: 'roster.xlsx', bytes: roster }, scheme, {
        onRow: () => {
          throw new Error('row handler broke');
        },
      })
      .then(() => null, (e: unknown) => e);
    expect((error as Error).message).toBe('row handler broke');
    expect((await readWith(thread.readRoster)).rows).toHaveLength(2_600);
  });
});

describe('without the thread', () => {
  it('reads on this thread when the worker cannot start', async () => {
    const broken = new BackgroundThread(undefined, () => {
      throw new Error('no worker here');
    });
    expect(await broken.ready).toBe(false);
    expect(broken.running).toBe(false);
    expect((await readWith(broken.readRoster)).rows).toHaveLength(2_600);
    expect(await broken.checkpoint(join(dir, 'none.sqlite'))).toBe(false);
  });

  it('reads on this thread after the worker died, and a read it was doing fails instead of hanging', async () => {
    let worker: Worker | null = null;
    const dying = new BackgroundThread(undefined, () => (worker = new Worker('require("node:worker_threads").parentPort.postMessage({ type: "ready" }); setTimeout(() => process.exit(3), 200);', { eval: true })));
    expect(await dying.ready).toBe(true);
    expect(worker).not.toBeNull();
    const during = await dying.readRoster({ fileName: 'roster.xlsx', bytes: roster }, scheme).then(() => null, (e: unknown) => e);
    expect((during as Error).message).toMatch(/exited \(3\)/);
    expect(dying.running).toBe(false);
    expect((await readWith(dying.readRoster)).rows).toHaveLength(2_600);
    await dying.close();
  });
});

describe('checkpoints', () => {
  it('copies the write-ahead log into the store file, from its own connection', async () => {
    const file = join(dir, 'store.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (n INTEGER)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    db.transaction(() => {
      for (let n = 0; n < 5_000; n++) insert.run(n);
    })();
    // The file alone (without its -wal) does not hold the rows yet…
    const before = join(dir, 'before.sqlite');
    copyFileSync(file, before);
    expect(() => new Database(before, { readonly: true }).prepare('SELECT count(*) AS n FROM t').get()).toThrow();

    expect(await thread.checkpoint(file)).toBe(true);
    // …and after the thread's checkpoint it does.
    const after = join(dir, 'after.sqlite');
    copyFileSync(file, after);
    expect(new Database(after, { readonly: true }).prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 5_000 });
    db.close();
  });

  it('answers false for a file it cannot open, without breaking', async () => {
    expect(await thread.checkpoint(join(dir, 'missing', 'store.sqlite'))).toBe(false);
    expect(thread.running).toBe(true);
  });
});

describe('the Electron bundle', () => {
  it('builds the thread as its own module, which reads rosters and checkpoints like the source', async () => {
    await bundleElectron();
    const bundled = new BackgroundThread(undefined, () => new Worker(join(ELECTRON_OUT, 'backgroundWorker.mjs')));
    try {
      expect(await bundled.ready).toBe(true);
      const there = await readWith(bundled.readRoster);
      expect(there.rows).toEqual((await readWith(readRosterFile)).rows);
      // Its better-sqlite3 loads from the bundle too.
      const file = join(dir, 'bundled.sqlite');
      const db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.exec('CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1)');
      expect(await bundled.checkpoint(file)).toBe(true);
      db.close();
    } finally {
      await bundled.close();
    }
  }, 60_000);
});
