/**
 * Sizes both sides agree on. The server refuses what exceeds them; the client uses the same
 * figures to decide, before sending, whether a roster goes inline or through an upload.
 */

/** The protocol's version, the `/v1` in every path. */
export const WIRE_VERSION = 1;

/** A roster of more rows than this goes through a chunked upload, never inline. */
export const MAX_INLINE_ROWS = 2_000;
/** The most roster rows one batch may carry (inline or uploaded). */
export const MAX_ROSTER_ROWS = 200_000;

export const DEFAULT_CHUNK_BYTES = 1024 * 1024;
export const MIN_CHUNK_BYTES = 64 * 1024;
export const MAX_CHUNK_BYTES = 8 * 1024 * 1024;
/** The largest roster upload (a 100,000-row roster in NDJSON is about 20 MB). */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;
/** An upload session the client has not completed and used by then is gone. */
export const UPLOAD_TTL_HOURS = 48;
/** Per unit, uploads not yet used or expired: at most this many, holding at most this many bytes (429 `uploadQuotaExceeded` beyond). */
export const MAX_PENDING_UPLOADS = 20;
export const MAX_PENDING_UPLOAD_BYTES = 2 * MAX_UPLOAD_BYTES;

/** The payment voucher (缴费凭证 / 底单) file, decoded. */
export const MAX_PROOF_BYTES = 5 * 1024 * 1024;
/** JSON request bodies in general; the payment proof route allows the voucher's base64 on top. */
export const MAX_JSON_BODY_BYTES = 4 * 1024 * 1024;
export const MAX_PROOF_BODY_BYTES = Math.ceil(MAX_PROOF_BYTES / 3) * 4 + 64 * 1024;

export const CHANGES_DEFAULT_LIMIT = 500;
export const CHANGES_MAX_LIMIT = 1_000;

/** How many chunks an upload of `totalBytes` has. */
export function chunkCount(totalBytes: number, chunkBytes: number): number {
  return Math.ceil(totalBytes / chunkBytes);
}

/** The byte range [start, end) chunk `index` covers. */
export function chunkSpan(index: number, totalBytes: number, chunkBytes: number): { start: number; end: number } {
  const start = index * chunkBytes;
  return { start, end: Math.min(start + chunkBytes, totalBytes) };
}
