/** Chunked roster uploads: open, put chunks (idempotent), ask what arrived, complete. */
import { createHash, randomUUID } from 'node:crypto';
import {
  chunkCount,
  chunkSpan,
  MAX_PENDING_UPLOAD_BYTES,
  MAX_PENDING_UPLOADS,
  MAX_ROSTER_ROWS,
  parseRosterLine,
  UPLOAD_TTL_HOURS,
  type CreateUploadRequest,
  type UploadStatus,
  type WireError,
} from '../../shared/wire';
import { isoAt } from '../clock';
import type { ServerContext } from '../context';
import { notFound, refuse } from '../http/wireHttpError';
import type { UploadRecord } from '../store/uploadsStore';
import { ndjsonLines } from './ndjsonLines';

export async function uploadStatus(ctx: ServerContext, u: UploadRecord): Promise<UploadStatus> {
  const chunks = await ctx.uploads.receivedChunks(u.id);
  const status: UploadStatus = {
    uploadId: u.id,
    state: u.state,
    totalBytes: u.totalBytes,
    chunkBytes: u.chunkBytes,
    totalChunks: u.totalChunks,
    sha256: u.sha256,
    receivedChunks: u.state === 'used' ? [] : chunks.map((c) => c.idx),
    receivedBytes: u.state === 'used' ? u.totalBytes : chunks.reduce((n, c) => n + c.size, 0),
    rowCount: u.rowCount,
    expiresAt: u.expiresAt,
  };
  if (u.error) status.error = u.error;
  return status;
}

export async function createUpload(ctx: ServerContext, unitId: string, req: Required<Pick<CreateUploadRequest, 'totalBytes' | 'sha256' | 'chunkBytes'>>): Promise<UploadStatus> {
  const now = ctx.clock();
  const pending = await ctx.uploads.pending(unitId, now.toISOString());
  if (pending.count >= MAX_PENDING_UPLOADS || pending.bytes + req.totalBytes > MAX_PENDING_UPLOAD_BYTES) {
    throw refuse('uploadQuotaExceeded', `本单位未使用的名单上传过多（${pending.count} 个），请先提交或等待其过期后再上传`, {
      headers: { 'retry-after': String(3600) },
    });
  }
  const record = {
    id: randomUUID(),
    unitId,
    totalBytes: req.totalBytes,
    chunkBytes: req.chunkBytes,
    totalChunks: chunkCount(req.totalBytes, req.chunkBytes),
    sha256: req.sha256,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + UPLOAD_TTL_HOURS * 3600_000).toISOString(),
  };
  await ctx.uploads.insert(record);
  return uploadStatus(ctx, (await ctx.uploads.get(unitId, record.id))!);
}

/** The unit's own upload, not expired unless it is already done with. */
export async function requireUpload(ctx: ServerContext, unitId: string, uploadId: string): Promise<UploadRecord> {
  const upload = await ctx.uploads.get(unitId, uploadId);
  if (!upload) throw notFound('名单上传');
  if ((upload.state === 'open' || upload.state === 'complete') && upload.expiresAt < isoAt(ctx.clock)) {
    throw refuse('uploadExpired', '名单上传已过期，请重新上传');
  }
  return upload;
}

export async function putChunk(ctx: ServerContext, upload: UploadRecord, index: number, bytes: Buffer, declaredSha256: string | undefined): Promise<UploadStatus> {
  if (!Number.isSafeInteger(index) || index < 0 || index >= upload.totalChunks) {
    throw refuse('chunkIndexOutOfRange', `分块序号须在 0 到 ${upload.totalChunks - 1} 之间`, { field: 'index' });
  }
  const span = chunkSpan(index, upload.totalBytes, upload.chunkBytes);
  if (bytes.length !== span.end - span.start) {
    throw refuse('chunkSizeWrong', `第 ${index} 块应为 ${span.end - span.start} 字节，收到 ${bytes.length} 字节`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (declaredSha256 !== undefined && declaredSha256.toLowerCase() !== sha256) {
    throw refuse('chunkSha256Mismatch', `第 ${index} 块内容与其 SHA-256 摘要不符，请重新发送该块`);
  }
  let stored = await ctx.uploads.chunkHash(upload.id, index);
  if (stored === null) {
    if (upload.state !== 'open') throw refuse('uploadNotOpen', '名单上传已结束，不能再发送分块');
    // A retry of the same chunk on another connection may have stored it meanwhile.
    if (!(await ctx.uploads.putChunk(upload.id, index, sha256, bytes))) stored = await ctx.uploads.chunkHash(upload.id, index);
  }
  if (stored !== null && stored !== sha256) {
    throw refuse('chunkConflict', `第 ${index} 块已收到不同的内容；如名单有变，请重新开始上传`);
  }
  return uploadStatus(ctx, upload);
}

/**
 * Checks every chunk, the whole file's sha256 and every row. A wrong file fails the session
 * for good: the failure is stored (so it is returned, not thrown, and the caller commits it).
 */
export async function completeUpload(ctx: ServerContext, upload: UploadRecord): Promise<{ ok: true; status: UploadStatus } | { ok: false; error: WireError }> {
  if (upload.state === 'complete' || upload.state === 'used') return { ok: true, status: await uploadStatus(ctx, upload) };
  if (upload.state === 'failed') throw refuse('uploadNotOpen', `名单上传已失败（${upload.error?.message ?? ''}），请重新上传`);
  const received = await ctx.uploads.receivedChunks(upload.id);
  if (received.length < upload.totalChunks) {
    throw refuse('uploadIncomplete', `名单还有 ${upload.totalChunks - received.length} 块未上传`);
  }
  const at = isoAt(ctx.clock);
  // One pass over the chunks, one at a time: hashed and every line checked as they stream by.
  const hash = createHash('sha256');
  const hashed = (async function* (): AsyncGenerator<Buffer> {
    for await (const chunk of ctx.uploads.chunks(upload.id)) {
      hash.update(chunk);
      yield chunk;
    }
  })();
  let lineError: WireError | null = null;
  let rowCount = 0;
  let lineNo = 0;
  for await (const line of ndjsonLines(hashed)) {
    if (lineError) continue;
    const parsed = parseRosterLine(line, ++lineNo);
    if (parsed === null) continue;
    if (!parsed.ok) lineError = { code: 'rosterInvalid', message: parsed.message };
    else if (++rowCount > MAX_ROSTER_ROWS) lineError = { code: 'rosterInvalid', message: `名单超过 ${MAX_ROSTER_ROWS} 行` };
  }
  let error: WireError | null = null;
  if (hash.digest('hex') !== upload.sha256) error = { code: 'sha256Mismatch', message: '名单文件的 SHA-256 摘要与上传时声明的不符，请重新上传' };
  else error = lineError;
  if (error) {
    await ctx.uploads.fail(upload.id, error, at);
    return { ok: false, error };
  }
  await ctx.uploads.complete(upload.id, rowCount, at);
  return { ok: true, status: await uploadStatus(ctx, (await ctx.uploads.get(upload.unitId, upload.id))!) };
}
