/**
 * The chunked, resumable upload of a large roster, as part of sending its submission. Where
 * it stands (the session id, the file's sha256, the chunks the server confirmed) is saved
 * in the outbox action's progress after every chunk, so a dropped connection or a killed
 * app resumes with the chunks still missing: on resume the server is asked what it has.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  chunkCount,
  chunkSpan,
  RESTART_UPLOAD_CODES,
  ROUTES,
  routePath,
  uploadStatusSchema,
  WIRE_HEADERS,
  type UploadStatus,
} from '../../../../shared/wire';
import type { OutboxAction, Store } from '../../store';
import type { ServerClient, WireResponse } from '../serverClient';

const uploadProgressSchema = z.object({
  /** Bumped whenever a new upload session must be opened; part of that session's idempotency key. */
  session: z.number().int().nonnegative(),
  uploadId: z.string().nullable(),
  sha256: z.string(),
  totalBytes: z.number().int().nonnegative(),
  chunkBytes: z.number().int().positive(),
  totalChunks: z.number().int().nonnegative(),
  received: z.array(z.number().int().nonnegative()),
});
export type UploadProgress = z.infer<typeof uploadProgressSchema>;

/** The upload part of an outbox action's progress, if it has a usable one. */
export function uploadProgressOf(action: Pick<OutboxAction, 'progress'>): UploadProgress | null {
  const upload = (action.progress as { upload?: unknown } | null)?.upload;
  const parsed = uploadProgressSchema.safeParse(upload);
  return parsed.success ? parsed.data : null;
}

export interface UploadJob {
  client: ServerClient;
  store: Store;
  action: OutboxAction;
  token: string;
  /** The roster file and its digest. */
  ndjson: Buffer;
  sha256: string;
  /** For a new session; a resumed one keeps the size it was opened with. */
  chunkBytes: number;
  timeoutMs: number;
  signal?: AbortSignal;
  onProgress(sentBytes: number, totalBytes: number): void;
  /** Told of every chunk PUT issued (what the tests count). */
  onChunkSent?(index: number): void;
}

export type UploadOutcome = { ok: true; uploadId: string; chunksSent: number } | { ok: false; response: Extract<WireResponse, { ok: false }> };

/** New sessions opened within one attempt before it is left to the next attempt. */
const MAX_RESTARTS = 3;

function freshProgress(job: UploadJob, session: number): UploadProgress {
  return {
    session,
    uploadId: null,
    sha256: job.sha256,
    totalBytes: job.ndjson.length,
    chunkBytes: job.chunkBytes,
    totalChunks: chunkCount(job.ndjson.length, job.chunkBytes),
    received: [],
  };
}

function bytesReceived(p: UploadProgress): number {
  let n = 0;
  for (const i of p.received) {
    const span = chunkSpan(i, p.totalBytes, p.chunkBytes);
    n += span.end - span.start;
  }
  return n;
}

type SessionStep = { kind: 'done'; uploadId: string } | { kind: 'restart' } | { kind: 'failed'; response: Extract<WireResponse, { ok: false }> };

const isRestart = (r: Extract<WireResponse, { ok: false }>) => r.status === 404 || r.status === 410 || RESTART_UPLOAD_CODES.includes(r.error.code);

const unreadableStatus = (): Extract<WireResponse, { ok: false }> => ({
  ok: false,
  status: 0,
  reached: true,
  failure: 'retry',
  error: { code: 'unreadableResponse', message: '服务器关于名单上传的答复无法解析，稍后自动重试' },
});

export class RosterUpload {
  private progress: UploadProgress;
  private chunksSent = 0;

  constructor(private readonly job: UploadJob) {
    const saved = uploadProgressOf(job.action);
    // A saved session for other bytes (cannot happen for a frozen batch, but be sure) is abandoned.
    this.progress = saved === null ? freshProgress(job, 0) : saved.sha256 === job.sha256 ? saved : freshProgress(job, saved.session + 1);
  }

  private save(): void {
    this.job.store.outbox.saveProgress(this.job.action.id, { upload: this.progress });
    this.job.onProgress(bytesReceived(this.progress), this.progress.totalBytes);
  }

  async run(): Promise<UploadOutcome> {
    this.job.onProgress(bytesReceived(this.progress), this.progress.totalBytes);
    for (let restarts = 0; ; restarts++) {
      const step = await this.session();
      if (step.kind === 'done') return { ok: true, uploadId: step.uploadId, chunksSent: this.chunksSent };
      if (step.kind === 'failed') return { ok: false, response: step.response };
      if (restarts >= MAX_RESTARTS) {
        return {
          ok: false,
          response: { ok: false, status: 0, reached: true, failure: 'retry', error: { code: 'uploadRestarted', message: '名单上传多次需要重新开始，稍后自动重试' } },
        };
      }
      this.progress = freshProgress(this.job, this.progress.session + 1);
      this.save();
    }
  }

  private async status(uploadId: string): Promise<UploadStatus | Extract<WireResponse, { ok: false }>> {
    const { job } = this;
    const res = await job.client.send({ method: 'GET', path: routePath(ROUTES.upload, { uploadId }), token: job.token, timeoutMs: job.timeoutMs, ...(job.signal ? { signal: job.signal } : {}) });
    if (!res.ok) return res;
    const parsed = uploadStatusSchema.safeParse(res.body);
    return parsed.success ? parsed.data : unreadableStatus();
  }

  /** Takes the server's word for what it has. Returns the step to take when the session is of no more use or done. */
  private adopt(status: UploadStatus): SessionStep | null {
    if (status.state === 'complete' || status.state === 'used') return { kind: 'done', uploadId: status.uploadId };
    if (status.state === 'failed') return { kind: 'restart' };
    this.progress = { ...this.progress, uploadId: status.uploadId, chunkBytes: status.chunkBytes, totalChunks: status.totalChunks, received: [...status.receivedChunks] };
    this.save();
    return null;
  }

  private async open(): Promise<SessionStep | null> {
    const { job, progress } = this;
    const res = await job.client.send({
      method: 'POST',
      path: routePath(ROUTES.createUpload),
      token: job.token,
      // One key per session of this action: a retry after a lost answer gets the same session back.
      idempotencyKey: `${job.action.idempotencyKey}.u${progress.session}`,
      json: { totalBytes: progress.totalBytes, sha256: progress.sha256, chunkBytes: progress.chunkBytes },
      timeoutMs: job.timeoutMs,
      ...(job.signal ? { signal: job.signal } : {}),
    });
    if (!res.ok) return { kind: 'failed', response: res };
    const created = uploadStatusSchema.safeParse(res.body);
    if (!created.success) return { kind: 'failed', response: unreadableStatus() };
    if (!res.replayed) return this.adopt(created.data);
    // A replayed answer is the session as it was when opened; ask what it holds now.
    const now = await this.status(created.data.uploadId);
    if ('ok' in now) return now.status === 404 || now.status === 410 ? { kind: 'restart' } : { kind: 'failed', response: now };
    return this.adopt(now);
  }

  private async session(): Promise<SessionStep> {
    const { job } = this;
    if (this.progress.uploadId === null) {
      const step = await this.open();
      if (step) return step;
    } else {
      const now = await this.status(this.progress.uploadId);
      if ('ok' in now) return isRestart(now) ? { kind: 'restart' } : { kind: 'failed', response: now };
      const step = this.adopt(now);
      if (step) return step;
    }
    const uploadId = this.progress.uploadId!;
    const have = new Set(this.progress.received);
    for (let index = 0; index < this.progress.totalChunks; index++) {
      if (have.has(index)) continue;
      const { start, end } = chunkSpan(index, this.progress.totalBytes, this.progress.chunkBytes);
      const bytes = job.ndjson.subarray(start, end);
      const res = await job.client.send({
        method: 'PUT',
        path: routePath(ROUTES.putChunk, { uploadId, index }),
        token: job.token,
        raw: bytes,
        headers: { [WIRE_HEADERS.chunkSha256]: createHash('sha256').update(bytes).digest('hex') },
        timeoutMs: job.timeoutMs,
        ...(job.signal ? { signal: job.signal } : {}),
      });
      this.chunksSent++;
      job.onChunkSent?.(index);
      if (!res.ok) return isRestart(res) ? { kind: 'restart' } : { kind: 'failed', response: res };
      this.progress = { ...this.progress, received: [...this.progress.received, index] };
      this.save();
    }
    const done = await job.client.send({
      method: 'POST',
      path: routePath(ROUTES.completeUpload, { uploadId }),
      token: job.token,
      timeoutMs: job.timeoutMs,
      ...(job.signal ? { signal: job.signal } : {}),
    });
    if (done.ok) return { kind: 'done', uploadId };
    if (isRestart(done)) return { kind: 'restart' };
    // A chunk the server lost track of: the next attempt asks again what it has.
    if (done.error.code === 'uploadIncomplete') return { kind: 'failed', response: { ...done, failure: 'retry' } };
    return { kind: 'failed', response: done };
  }
}

/** The server refused the finished upload for the submission (expired, used, not ready): the next upload opens a new session. */
export function abandonUploadSession(store: Store, actionId: string): void {
  const action = store.outbox.require(actionId);
  const saved = uploadProgressOf(action);
  if (saved) store.outbox.saveProgress(actionId, { upload: { ...saved, session: saved.session + 1, uploadId: null, received: [] } });
}
