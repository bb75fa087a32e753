/**
 * The sync engine's own state, key by key (the pull cursor, the last pull time). Written in
 * the same transaction as the changes a pull brings, so the cursor never runs ahead of them.
 */
import type { SqliteDatabase } from './openDatabase';
import { Statements } from './statements';
import { isoAt, type Clock } from './time';

export const SYNC_KEYS = {
  /** The server's cursor after the last applied pull. */
  pullCursor: 'pullCursor',
  lastPullAt: 'lastPullAt',
} as const;

export class SyncStateRepo {
  private readonly sql: Statements;

  constructor(
    db: SqliteDatabase,
    private readonly clock: Clock,
  ) {
    this.sql = new Statements(db);
  }

  get(key: string): string | null {
    return this.sql.get<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?').get(key)?.value ?? null;
  }

  set(key: string, value: string): void {
    this.sql
      .get('INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
      .run(key, value, isoAt(this.clock));
  }

  getJson<T>(key: string): T | null {
    const value = this.get(key);
    return value === null ? null : (JSON.parse(value) as T);
  }

  setJson(key: string, value: unknown): void {
    this.set(key, JSON.stringify(value));
  }

  delete(key: string): void {
    this.sql.get('DELETE FROM sync_state WHERE key = ?').run(key);
  }
}
