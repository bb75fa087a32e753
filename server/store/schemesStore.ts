/**
 * The scheme catalogue: every published version of every scheme, validated with the
 * domain's loadScheme before it is stored, each with its ETag.
 */
import { createHash } from 'node:crypto';
import { loadScheme, type Scheme } from '../../shared/domain/scheme';
import type { SqlDb } from '../db/sqlDb';
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

  constructor(private readonly db: SqlDb) {}

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
  async insert(file: unknown, publishedAt: string): Promise<{ stored: StoredScheme; added: boolean }> {
    const scheme = loadScheme(file);
    const json = toJson(file);
    const etag = schemeEtag(scheme.id, scheme.version, json);
    const added =
      (await this.db.run('INSERT INTO schemes (id, version, json, etag, published_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id, version) DO NOTHING', [
        scheme.id, scheme.version, json, etag, publishedAt,
      ])) > 0;
    return { stored: (await this.get(scheme.id, scheme.version))!, added };
  }

  async get(id: string, version: number): Promise<StoredScheme | null> {
    const row = await this.db.one<SchemeRow>('SELECT * FROM schemes WHERE id = $1 AND version = $2', [id, version]);
    return row ? this.toStored(row) : null;
  }

  async newest(id: string): Promise<StoredScheme | null> {
    const row = await this.db.one<SchemeRow>('SELECT * FROM schemes WHERE id = $1 ORDER BY version DESC LIMIT 1', [id]);
    return row ? this.toStored(row) : null;
  }

  async listNewest(): Promise<StoredScheme[]> {
    const rows = await this.db.all<SchemeRow>('SELECT DISTINCT ON (id) * FROM schemes ORDER BY id, version DESC');
    return rows.map((r) => this.toStored(r));
  }
}
