/**
 * A large write whose checkpoint the background thread runs: its commit leaves everything in
 * the write-ahead log, and the store's own checkpointing is back as before afterwards.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from './storeFixtures';

let t: TestStore | null = null;
afterEach(() => t?.dispose());

/** The rows of `table` in the store's file alone, as if its write-ahead log were lost. */
function rowsInFileAlone(store: TestStore, table: string): number {
  const copy = join(store.dir, 'file-alone.sqlite');
  copyFileSync(store.store.file, copy);
  const db = new Database(copy, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('transactionLeavingCheckpoint', () => {
  it('commits a large write into the log only, then checkpoints as usual again', () => {
    t = openTestStore();
    const { db } = t.store;
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('CREATE TABLE bulk (n INTEGER, text TEXT)');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const insert = db.prepare('INSERT INTO bulk VALUES (?, ?)');
    // Far more than the 1,000 pages after which SQLite checkpoints at commit.
    t.store.transactionLeavingCheckpoint(() => {
      for (let n = 0; n < 20_000; n++) insert.run(n, 'x'.repeat(300));
    });
    expect(rowsInFileAlone(t, 'bulk')).toBe(0);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);

    // An ordinary write checkpoints at its commit again.
    t.store.transaction(() => insert.run(-1, 'after'));
    expect(rowsInFileAlone(t, 'bulk')).toBe(20_001);
  });

  it('restores checkpointing when the write fails, and keeps nothing of it', () => {
    t = openTestStore();
    const { db } = t.store;
    db.exec('CREATE TABLE bulk (n INTEGER)');
    expect(() =>
      t!.store.transactionLeavingCheckpoint(() => {
        db.prepare('INSERT INTO bulk VALUES (1)').run();
        throw new Error('broke');
      }),
    ).toThrow('broke');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(db.prepare('SELECT count(*) AS n FROM bulk').get()).toEqual({ n: 0 });
  });
});
