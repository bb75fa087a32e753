/** Chunked roster uploads: the session and the chunks received so far. */
import type { UploadState, WireError } from '../../shared/wire';
import type { BlobStore } from '../blobs/blobStore';
import type { SqlDb } from '../db/sqlDb';
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
  constructor(
    private readonly db: SqlDb,
    private readonly blobs: BlobStore,
  ) {}

  async insert(u: Omit<UploadRecord, 'state' | 'rowCount' | 'error' | 'usedByBatch'>): Promise<void> {
    await this.db.run(
      `INSERT INTO uploads (id, unit_id, total_bytes, chunk_bytes, total_chunks, sha256, state, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8)`,
      [u.id, u.unitId, u.totalBytes, u.chunkBytes, u.totalChunks, u.sha256, u.createdAt, u.expiresAt],
    );
  }

  /** The unit's uploads that still hold chunks (open or complete, not expired): how many and their bytes. */
  async pending(unitId: string, now: string): Promise<{ count: number; bytes: number }> {
    const row = await this.db.one<{ count: number; bytes: number }>(
      `SELECT COUNT(*)::int AS count, COALESCE(SUM(total_bytes), 0)::bigint AS bytes FROM uploads
       WHERE unit_id = $1 AND state IN ('open', 'complete') AND expires_at >= $2`,
      [unitId, now],
    );
    return row ?? { count: 0, bytes: 0 };
  }

  /** The unit's own upload only. */
  async get(unitId: string, id: string): Promise<UploadRecord | null> {
    const row = await this.db.one<UploadRow>('SELECT * FROM uploads WHERE id = $1 AND unit_id = $2', [id, unitId]);
    return row ? toUpload(row) : null;
  }

  async receivedChunks(id: string): Promise<{ idx: number; size: number }[]> {
    return this.db.all<{ idx: number; size: number }>('SELECT idx, size FROM upload_chunks WHERE upload_id = $1 ORDER BY idx', [id]);
  }

  async chunkHash(id: string, idx: number): Promise<string | null> {
    return (await this.db.one<{ sha256: string }>('SELECT sha256 FROM upload_chunks WHERE upload_id = $1 AND idx = $2', [id, idx]))?.sha256 ?? null;
  }

  /** False when that chunk was stored meanwhile (a concurrent retry). The bytes go under a key of their own hash. */
  async putChunk(id: string, idx: number, sha256: string, bytes: Buffer): Promise<boolean> {
    const key = `uploads/${id}/${idx}-${sha256}`;
    await this.blobs.put(key, bytes);
    const stored = await this.db.run(
      'INSERT INTO upload_chunks (upload_id, idx, sha256, blob_key, size) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
      [id, idx, sha256, key, bytes.length],
    );
    return stored === 1;
  }

  /** The chunks in order, one at a time, for hashing and parsing at completion. */
  async *chunks(id: string): AsyncGenerator<Buffer> {
    const keys = await this.db.all<{ blob_key: string }>('SELECT blob_key FROM upload_chunks WHERE upload_id = $1 ORDER BY idx', [id]);
    for (const { blob_key } of keys) yield await this.blobs.get(blob_key);
  }

  /** Chunks no longer needed (the upload was used, failed or expired before `cutoff`): rows and files. */
  async purgeChunks(cutoff: string): Promise<number> {
    const rows = await this.db.all<{ blob_key: string }>(
      `DELETE FROM upload_chunks c USING uploads u WHERE u.id = c.upload_id AND (u.state IN ('used', 'failed') OR u.expires_at < $1)
       RETURNING c.blob_key`,
      [cutoff],
    );
    await this.blobs.delete(rows.map((r) => r.blob_key));
    return rows.length;
  }

  async complete(id: string, rowCount: number, at: string): Promise<void> {
    await this.db.run("UPDATE uploads SET state = 'complete', row_count = $1, completed_at = $2 WHERE id = $3", [rowCount, at, id]);
  }

  async fail(id: string, error: WireError, at: string): Promise<void> {
    await this.db.run("UPDATE uploads SET state = 'failed', error = $1, completed_at = $2 WHERE id = $3", [toJson(error), at, id]);
  }

  /** A batch took the upload's rows; the clean-up job removes its chunks. */
  async markUsed(id: string, batchId: string): Promise<void> {
    await this.db.run("UPDATE uploads SET state = 'used', used_by_batch = $1 WHERE id = $2", [batchId, id]);
  }
}
