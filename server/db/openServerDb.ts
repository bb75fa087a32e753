/** Opens the server's SQLite file: WAL, foreign keys on, migrated. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations';

export type ServerDb = Database.Database;

export function openServerDb(file: string): ServerDb {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Runs `fn` as one write transaction (BEGIN IMMEDIATE): every multi-row write goes through here. */
export function inTransaction<T>(db: ServerDb, fn: () => T): T {
  return db.transaction(fn).immediate();
}
