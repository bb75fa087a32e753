/**
 * Chunked, resumable roster uploads:
 * 1. `POST /v1/uploads` {totalBytes, sha256, chunkBytes?} (Idempotency-Key) → 201 UploadStatus;
 * 2. `PUT /v1/uploads/:id/chunks/:index` with the raw bytes of chunk `index`
 *    (`application/octet-stream`; every chunk `chunkBytes` long except the last), optionally
 *    `X-Chunk-SHA256`. Idempotent: the same bytes again answer 200; other bytes for a stored
 *    chunk answer 409 `chunkConflict`;
 * 3. after a dropped connection, `GET /v1/uploads/:id` says which chunks the server has;
 *    send only the missing ones;
 * 4. `POST /v1/uploads/:id/complete` checks every chunk is there (409 `uploadIncomplete`),
 *    the whole file's sha256 (422 `sha256Mismatch`: the session is `failed`, start a new
 *    one) and every NDJSON row (422 `rosterInvalid`) → 200 with state `complete`;
 * 5. the submission names it: `roster: { uploadId }`. One upload serves one batch.
 * Chunks may be sent in any order and in parallel. The upload is part of sending the
 * submission, not an outbox action of its own: keep the upload id and sha256 in the
 * action's progress, and on a retry ask the server what it has. The refusals in
 * `RESTART_UPLOAD_CODES` mean the session is of no more use: open a new one.
 */
import { z } from 'zod';
import { sha256HexSchema } from './headers';
import { DEFAULT_CHUNK_BYTES, MAX_CHUNK_BYTES, MAX_UPLOAD_BYTES, MIN_CHUNK_BYTES } from './limits';
import { ROSTER_NDJSON_TYPE } from './roster';
import { wireErrorSchema } from './errors';

const intIn = (min: number, max: number, what: string) =>
  z
    .number({ error: `${what}必须是整数` })
    .int({ error: `${what}必须是整数` })
    .min(min, { error: `${what}不能小于 ${min}` })
    .max(max, { error: `${what}不能大于 ${max}` });

export const createUploadRequestSchema = z.strictObject({
  totalBytes: intIn(1, MAX_UPLOAD_BYTES, '文件大小'),
  /** Of the whole file, lower-case hex. */
  sha256: sha256HexSchema,
  chunkBytes: intIn(MIN_CHUNK_BYTES, MAX_CHUNK_BYTES, '分块大小').default(DEFAULT_CHUNK_BYTES),
  contentType: z.literal(ROSTER_NDJSON_TYPE, { error: `目前只接受 ${ROSTER_NDJSON_TYPE}` }).default(ROSTER_NDJSON_TYPE),
});
export type CreateUploadRequest = z.input<typeof createUploadRequestSchema>;

export const UPLOAD_STATES = ['open', 'complete', 'failed', 'used'] as const;
export type UploadState = (typeof UPLOAD_STATES)[number];

export const uploadStatusSchema = z.object({
  uploadId: z.string(),
  state: z.enum(UPLOAD_STATES),
  totalBytes: z.number().int(),
  chunkBytes: z.number().int(),
  totalChunks: z.number().int(),
  sha256: z.string(),
  /** Indexes the server holds, ascending. */
  receivedChunks: z.array(z.number().int()),
  receivedBytes: z.number().int(),
  /** Rows in the file, once complete. */
  rowCount: z.number().int().nullable(),
  expiresAt: z.string(),
  /** Why a failed upload failed. */
  error: wireErrorSchema.optional(),
});
export type UploadStatus = z.infer<typeof uploadStatusSchema>;

/** The chunks still to send. */
export function missingChunks(status: Pick<UploadStatus, 'totalChunks' | 'receivedChunks'>): number[] {
  const have = new Set(status.receivedChunks);
  const out: number[] = [];
  for (let i = 0; i < status.totalChunks; i++) if (!have.has(i)) out.push(i);
  return out;
}

/** Refusals after which the client opens a new upload session instead of failing the action. */
export const RESTART_UPLOAD_CODES: readonly string[] = ['uploadExpired', 'sha256Mismatch', 'uploadNotOpen', 'uploadAlreadyUsed', 'uploadNotReady', 'chunkConflict'];
