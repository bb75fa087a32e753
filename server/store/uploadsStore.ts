/** Chunked roster uploads: the session and the chunks received so far. */
import type { UploadState, WireError } from '../../shared/wire';
import type { ServerDb } from '../db/openServerDb';
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
  constructor(private readonly db: ServerDb) {}

  insert(u: Omit<UploadRecord, 'state' | 'rowCount' | 'error' | 'usedByBatch'>): void {
    this.db
      .prepare(
        `INSERT INTO uploads (id, unit_id, total_bytes, chunk_bytes, total_chunks, sha256, state, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
      )
      .run(u.id, u.unitId, u.totalBytes, u.chunkBytes, u.totalChunks, u.sha256, u.createdAt, u.expiresAt);
  }

  /** The unit's own upload only. */
  get(unitId: string, id: string): UploadRecord | null {
    const row = this.db.prepare<[string, string], UploadRow>('SELECT * FROM uploads WHERE id = ? AND unit_id = ?').get(id, unitId);
    return row ? toUpload(row) : null;
  }

  receivedChunks(id: string): { idx: number; size: number }[] {
    return this.db
      .prepare<[string], { idx: number; size: number }>('SELECT idx, length(bytes) AS size FROM upload_chunks WHERE upload_id = ? ORDER BY idx')
      .all(id);
  }

  chunkHash(id: string, idx: number): string | null {
    return this.db.prepare<[string, number], { sha256: string }>('SELECT sha256 FROM upload_chunks WHERE upload_id = ? AND idx = ?').get(id, idx)?.sha256 ?? null;
  }

  putChunk(id: string, idx: number, sha256: string, bytes: Buffer): void {
    this.db.prepare('INSERT INTO upload_chunks (upload_id, idx, sha256, bytes) VALUES (?, ?, ?, ?)').run(id, idx, sha256, bytes);
  }

  /** The chunks in order, for hashing and parsing at completion. */
  *chunks(id: string): Generator<Buffer> {
    const stmt = this.db.prepare<[string], { bytes: Buffer }>('SELECT bytes FROM upload_chunks WHERE upload_id = ? ORDER BY idx');
    for (const row of stmt.iterate(id)) yield row.bytes;
  }

  complete(id: string, rowCount: number, at: string): void {
    this.db.prepare("UPDATE uploads SET state = 'complete', row_count = ?, completed_at = ? WHERE id = ?").run(rowCount, at, id);
  }

  fail(id: string, error: WireError, at: string): void {
    this.db.prepare("UPDATE uploads SET state = 'failed', error = ?, completed_at = ? WHERE id = ?").run(toJson(error), at, id);
  }

  /** A batch took the upload's rows; the chunks are no longer needed. */
  markUsed(id: string, batchId: string): void {
    this.db.prepare("UPDATE uploads SET state = 'used', used_by_batch = ? WHERE id = ?").run(batchId, id);
    this.db.prepare('DELETE FROM upload_chunks WHERE upload_id = ?').run(id);
  }
}
