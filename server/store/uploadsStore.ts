/** Chunked roster uploads: the session and the chunks received so far. */
import type { UploadState, WireError } from '../../shared/wire';
import { asBuffer, type SqlDb } from '../db/sqlDb';
import { fromJsonOrNull, toJson } from './json';

export interface UploadRecord {
  id: string;
  unitId: string;
  totalBytes: number;
  chunkBytes: number;
  totalChunks: number;
  sha256: string;
  state: UploadState;
  rowCount: number | null;
  error: WireError | null;
  createdAt: string;
  expiresAt: string;
  usedByBatch: string | null;
}

interface UploadRow {
  id: string;
  unit_id: string;
  total_bytes: number;
  chunk_bytes: number;
  total_chunks: number;
  sha256: string;
  state: UploadState;
  row_count: number | null;
  error: string | null;
  created_at: string;
  expires_at: string;
  used_by_batch: string | null;
}

const toUpload = (r: UploadRow): UploadRecord => ({
  id: r.id,
  unitId: r.unit_id,
  totalBytes: r.total_bytes,
  chunkBytes: r.chunk_bytes,
  totalChunks: r.total_chunks,
  sha256: r.sha256,
  state: r.state,
  rowCount: r.row_count,
  error: fromJsonOrNull<WireError>(r.error),
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedByBatch: r.used_by_batch,
});

export class UploadsStore {
  constructor(private readonly db: SqlDb) {}

  async insert(u: Omit<UploadRecord, 'state' | 'rowCount' | 'error' | 'usedByBatch'>): Promise<void> {
    await this.db.run(
      `INSERT INTO uploads (id, unit_id, total_bytes, chunk_bytes, total_chunks, sha256, state, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8)`,
      [u.id, u.unitId, u.totalBytes, u.chunkBytes, u.totalChunks, u.sha256, u.createdAt, u.expiresAt],
    );
  }

  /** The unit's own upload only. */
  async get(unitId: string, id: string): Promise<UploadRecord | null> {
    const row = await this.db.one<UploadRow>('SELECT * FROM uploads WHERE id = $1 AND unit_id = $2', [id, unitId]);
    return row ? toUpload(row) : null;
  }

  async receivedChunks(id: string): Promise<{ idx: number; size: number }[]> {
    return this.db.all<{ idx: number; size: number }>('SELECT idx, length(bytes) AS size FROM upload_chunks WHERE upload_id = $1 ORDER BY idx', [id]);
  }

  async chunkHash(id: string, idx: number): Promise<string | null> {
    return (await this.db.one<{ sha256: string }>('SELECT sha256 FROM upload_chunks WHERE upload_id = $1 AND idx = $2', [id, idx]))?.sha256 ?? null;
  }

  /** False when that chunk was stored meanwhile (a concurrent retry). */
  async putChunk(id: string, idx: number, sha256: string, bytes: Buffer): Promise<boolean> {
    return (await this.db.run('INSERT INTO upload_chunks (upload_id, idx, sha256, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [id, idx, sha256, bytes])) === 1;
  }

  /** The chunks in order, one at a time, for hashing and parsing at completion. */
  async *chunks(id: string): AsyncGenerator<Buffer> {
    const indexes = await this.db.all<{ idx: number }>('SELECT idx FROM upload_chunks WHERE upload_id = $1 ORDER BY idx', [id]);
    for (const { idx } of indexes) {
      const row = await this.db.one<{ bytes: Uint8Array }>('SELECT bytes FROM upload_chunks WHERE upload_id = $1 AND idx = $2', [id, idx]);
      if (row) yield asBuffer(row.bytes);
    }
  }

  async complete(id: string, rowCount: number, at: string): Promise<void> {
    await this.db.run("UPDATE uploads SET state = 'complete', row_count = $1, completed_at = $2 WHERE id = $3", [rowCount, at, id]);
  }

  async fail(id: string, error: WireError, at: string): Promise<void> {
    await this.db.run("UPDATE uploads SET state = 'failed', error = $1, completed_at = $2 WHERE id = $3", [toJson(error), at, id]);
  }

  /** A batch took the upload's rows; the chunks are no longer needed. */
  async markUsed(id: string, batchId: string): Promise<void> {
    await this.db.run("UPDATE uploads SET state = 'used', used_by_batch = $1 WHERE id = $2", [batchId, id]);
    await this.db.run('DELETE FROM upload_chunks WHERE upload_id = $1', [id]);
  }
}
