/** Prepared statements, compiled once per SQL text and reused (preparing is the slow part). */
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from './openDatabase';

export class Statements {
  private readonly cache = new Map<string, Statement<unknown[], unknown>>();

  constructor(private readonly db: SqliteDatabase) {}

  get<P extends unknown[] = unknown[], R = unknown>(sql: string): Statement<P, R> {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare<unknown[], unknown>(sql);
      this.cache.set(sql, stmt);
    }
    return stmt as unknown as Statement<P, R>;
  }
}

/**
 * Runs `fn` as one write transaction: BEGIN IMMEDIATE when alone (takes the write lock at
 * once, so it cannot fail half-way on a lock upgrade), a savepoint inside a caller's transaction.
 */
export function inWriteTransaction<T>(db: SqliteDatabase, fn: () => T): T {
  return db.transaction(fn).immediate();
}
