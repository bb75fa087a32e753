/**
 * The scheme catalogue: every published version of every scheme, validated with the
 * domain's loadScheme before it is stored, each with its ETag.
 */
import { createHash } from 'node:crypto';
import { loadScheme, type Scheme } from '../../shared/domain/scheme';
import type { ServerDb } from '../db/openServerDb';
import { toJson } from './json';

export interface StoredScheme {
  scheme: Scheme;
  /** The file as published (what the client downloads and validates itself). */
  json: string;
  etag: string;
  publishedAt: string;
}

interface SchemeRow {
  id: string;
  version: number;
  json: string;
  etag: string;
  published_at: string;
}

export function schemeEtag(id: string, version: number, json: string): string {
  return `"${id}-v${version}-${createHash('sha256').update(json).digest('hex').slice(0, 16)}"`;
}

export class SchemesStore {
  private readonly parsed = new Map<string, Scheme>();

  constructor(private readonly db: ServerDb) {}

  private toStored(row: SchemeRow): StoredScheme {
    const key = `${row.id}@${row.version}`;
    let scheme = this.parsed.get(key);
    if (!scheme) {
      scheme = loadScheme(JSON.parse(row.json) as unknown);
      this.parsed.set(key, scheme);
    }
    return { scheme, json: row.json, etag: row.etag, publishedAt: row.published_at };
  }

  /** Validates and stores a scheme file; false when that id and version exist already. */
  insert(file: unknown, publishedAt: string): { stored: StoredScheme; added: boolean } {
    const scheme = loadScheme(file);
    const json = toJson(file);
    const etag = schemeEtag(scheme.id, scheme.version, json);
    const added =
      this.db
        .prepare('INSERT INTO schemes (id, version, json, etag, published_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id, version) DO NOTHING')
        .run(scheme.id, scheme.version, json, etag, publishedAt).changes > 0;
    return { stored: this.get(scheme.id, scheme.version)!, added };
  }

  get(id: string, version: number): StoredScheme | null {
    const row = this.db.prepare<[string, number], SchemeRow>('SELECT * FROM schemes WHERE id = ? AND version = ?').get(id, version);
    return row ? this.toStored(row) : null;
  }

  newest(id: string): StoredScheme | null {
    const row = this.db.prepare<[string], SchemeRow>('SELECT * FROM schemes WHERE id = ? ORDER BY version DESC LIMIT 1').get(id);
    return row ? this.toStored(row) : null;
  }

  listNewest(): StoredScheme[] {
    return this.db
      .prepare<[], SchemeRow>('SELECT s.* FROM schemes s WHERE s.version = (SELECT MAX(version) FROM schemes t WHERE t.id = s.id) ORDER BY s.id')
      .all()
      .map((r) => this.toStored(r));
  }
}
