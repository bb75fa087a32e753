/**
 * Schemes available offline: the built-in ones seeded at start, and newer versions the
 * association's server sent. Every scheme is validated (loadScheme) before it is stored and
 * again when read, so a damaged cache row is refused rather than used.
 */
import { loadScheme, type Scheme } from '../../../shared/domain/scheme';
import { notFound } from './errors';
import { toJson } from './json';
import type { SqliteDatabase } from './openDatabase';
import { Statements, inWriteTransaction } from './statements';
import { isoAt, type Clock } from './time';

export type SchemeSource = 'builtIn' | 'server';

export interface CachedScheme {
  scheme: Scheme;
  source: SchemeSource;
  etag: string | null;
  fetchedAt: string;
}

interface SchemeRow {
  id: string;
  version: number;
  json: string;
  etag: string | null;
  source: SchemeSource;
  fetched_at: string;
}

export class SchemeCacheRepo {
  private readonly sql: Statements;
  /** Parsed schemes by `id@version`; rows never change without going through this repo. */
  private readonly parsed = new Map<string, { json: string; scheme: Scheme }>();

  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock,
  ) {
    this.sql = new Statements(db);
  }

  private toCached(row: SchemeRow): CachedScheme {
    const key = `${row.id}@${row.version}`;
    let hit = this.parsed.get(key);
    if (!hit || hit.json !== row.json) {
      hit = { json: row.json, scheme: loadScheme(JSON.parse(row.json) as unknown) };
      this.parsed.set(key, hit);
    }
    return { scheme: hit.scheme, source: row.source, etag: row.etag, fetchedAt: row.fetched_at };
  }

  /**
   * Stores the shipped schemes: those whose (id, version) is not cached yet, and the shipped
   * text of a built-in one an earlier release stored (a new release may complete a scheme's
   * data, e.g. when its documents may be printed); a server's copy is left as it is. Returns
   * how many were added or refreshed.
   */
  seedBuiltIns(schemes: readonly Scheme[]): number {
    return inWriteTransaction(this.db, () => {
      const insert = this.sql.get(
        `INSERT INTO scheme_cache (id, version, json, etag, source, fetched_at) VALUES (?, ?, ?, NULL, 'builtIn', ?)
         ON CONFLICT (id, version) DO UPDATE SET json = excluded.json, fetched_at = excluded.fetched_at
         WHERE scheme_cache.source = 'builtIn' AND scheme_cache.json <> excluded.json`,
      );
      const now = isoAt(this.clock);
      let added = 0;
      for (const s of schemes) added += insert.run(s.id, s.version, toJson(s), now).changes;
      return added;
    });
  }

  /** A scheme the server sent: validated (throws SchemeError), then stored; the server's copy replaces one of the same version. */
  saveFromServer(json: unknown, etag: string | null = null): CachedScheme {
    const scheme = loadScheme(json);
    this.sql
      .get(
        `INSERT INTO scheme_cache (id, version, json, etag, source, fetched_at) VALUES (?, ?, ?, ?, 'server', ?)
         ON CONFLICT (id, version) DO UPDATE SET json = excluded.json, etag = excluded.etag, source = 'server', fetched_at = excluded.fetched_at`,
      )
      .run(scheme.id, scheme.version, toJson(scheme), etag, isoAt(this.clock));
    return this.require(scheme.id, scheme.version);
  }

  get(id: string, version: number): CachedScheme | null {
    const row = this.sql.get<[string, number], SchemeRow>('SELECT * FROM scheme_cache WHERE id = ? AND version = ?').get(id, version);
    return row ? this.toCached(row) : null;
  }

  require(id: string, version: number): CachedScheme {
    const cached = this.get(id, version);
    if (!cached) throw notFound('保障方案', `${id} 第 ${version} 版`);
    return cached;
  }

  newest(id: string): CachedScheme | null {
    const row = this.sql.get<[string], SchemeRow>('SELECT * FROM scheme_cache WHERE id = ? ORDER BY version DESC LIMIT 1').get(id);
    return row ? this.toCached(row) : null;
  }

  /** The newest version of every scheme, by id. */
  listNewest(): CachedScheme[] {
    return this.sql
      .get<[], SchemeRow>(
        `SELECT s.* FROM scheme_cache s
         WHERE s.version = (SELECT MAX(version) FROM scheme_cache t WHERE t.id = s.id) ORDER BY s.id`,
      )
      .all()
      .map((r) => this.toCached(r));
  }

  /** The ETag of the newest cached version, for a conditional fetch. */
  etagOf(id: string): string | null {
    return this.sql.get<[string], { etag: string | null }>('SELECT etag FROM scheme_cache WHERE id = ? ORDER BY version DESC LIMIT 1').get(id)?.etag ?? null;
  }
}
