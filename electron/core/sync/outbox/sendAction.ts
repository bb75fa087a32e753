/**
 * Sending one outbox action: its wire body built (a submission from the frozen batch, with
 * a chunked upload for a large roster), sent under the action's own idempotency key, and
 * the answer handed back for the engine to record. Nothing here decides what happens to the
 * action afterwards.
 */
import { ACTIONS, actionTarget, isActionKind, parseWire, RESTART_UPLOAD_CODES, type WireError } from '../../../../shared/wire';
import type { OutboxAction, Store } from '../../store';
import { abandonUploadSession, RosterUpload } from './rosterUpload';
import type { ServerClient, WireResponse } from '../serverClient';
import { prepareSubmission, submissionTarget } from './submissionBody';

export interface Timeouts {
  /** Ordinary requests. */
  request: number;
  /** Each upload request (chunk PUT, status, complete). */
  upload: number;
  /** A submission: the server checks every row before it answers. */
  submit: number;
  /** The connectivity probe. */
  probe: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { request: 30_000, upload: 60_000, submit: 180_000, probe: 5_000 };

export interface SendJob {
  store: Store;
  client: ServerClient;
  action: OutboxAction;
  token: string;
  chunkBytes: number;
  timeouts: Timeouts;
  signal?: AbortSignal;
  onProgress(sentBytes: number, totalBytes: number): void;
  onChunkSent?(index: number): void;
}

export type Failure = Extract<WireResponse, { ok: false }>;

export type SendResult =
  | { ok: true; body: unknown; replayed: boolean; submission: boolean }
  | { ok: false; response: Failure; submission: boolean };

/** A refusal decided here, before anything is sent, as the server would have answered it. */
export function localRefusal(status: number, error: WireError): Failure {
  return { ok: false, status, reached: false, failure: status === 0 ? 'retry' : 'permanent', error };
}

const SUBMISSIONS = ['submitBatch', 'submitSupplementary'];

export function isSubmission(kind: string): boolean {
  return SUBMISSIONS.includes(kind);
}

function payloadOf(action: OutboxAction): Record<string, unknown> {
  return typeof action.payload === 'object' && action.payload !== null ? (action.payload as Record<string, unknown>) : {};
}

function batchIdOf(action: OutboxAction): string | null {
  const fromPayload = payloadOf(action).batchId;
  return typeof fromPayload === 'string' ? fromPayload : action.batchId;
}

async function sendSubmission(job: SendJob): Promise<SendResult> {
  const { store, action } = job;
  const fail = (response: Failure): SendResult => ({ ok: false, response, submission: true });
  const batchId = batchIdOf(action);
  const batch = batchId ? store.batches.get(batchId) : null;
  if (!batch) return fail(localRefusal(404, { code: 'notFound', message: '要提交的批次已不存在' }));
  const target = submissionTarget(batch);
  if ('code' in target) return fail(localRefusal(422, target));
  const prepared = prepareSubmission(store, batch, target.kind);
  if (prepared.mode === 'invalid') return fail(localRefusal(422, prepared.error));
  const send = (jsonText: string) =>
    job.client.send({
      method: target.method,
      path: target.path,
      token: job.token,
      idempotencyKey: action.idempotencyKey,
      jsonText,
      timeoutMs: job.timeouts.submit,
      ...(job.signal ? { signal: job.signal } : {}),
    });

  if (prepared.mode === 'inline') {
    job.onProgress(0, prepared.totalBytes);
    const res = await send(prepared.jsonText);
    if (!res.ok) return fail(res);
    job.onProgress(prepared.totalBytes, prepared.totalBytes);
    return { ok: true, body: res.body, replayed: res.replayed, submission: true };
  }

  // One fresh upload is allowed when the server refuses the finished one for the submission.
  for (let round = 0; ; round++) {
    const upload = await new RosterUpload({
      client: job.client,
      store,
      action: store.outbox.require(action.id),
      token: job.token,
      ndjson: prepared.ndjson,
      sha256: prepared.sha256,
      chunkBytes: job.chunkBytes,
      timeoutMs: job.timeouts.upload,
      ...(job.signal ? { signal: job.signal } : {}),
      onProgress: job.onProgress,
      ...(job.onChunkSent ? { onChunkSent: job.onChunkSent } : {}),
    }).run();
    if (!upload.ok) return fail(upload.response);
    const res = await send(prepared.withUpload(upload.uploadId));
    if (res.ok) return { ok: true, body: res.body, replayed: res.replayed, submission: true };
    if (!RESTART_UPLOAD_CODES.includes(res.error.code)) return fail(res);
    abandonUploadSession(store, action.id);
    if (round >= 1) return fail({ ...res, failure: 'retry' });
  }
}

/** The body of a later action on a batch: `payload.body` when the core stored the wire body there, else the payload without its batch id. */
function laterActionBody(action: OutboxAction): unknown {
  const payload = payloadOf(action);
  if (action.kind === 'withdrawBatch') return { reason: payload.reason };
  if (payload.body !== undefined) return payload.body;
  const { batchId: _batchId, ...rest } = payload;
  return rest;
}

export async function sendAction(job: SendJob): Promise<SendResult> {
  const { action } = job;
  if (isSubmission(action.kind)) return sendSubmission(job);
  const fail = (response: Failure): SendResult => ({ ok: false, response, submission: false });
  if (!isActionKind(action.kind) || action.kind === 'registerUnit') {
    return fail(localRefusal(400, { code: 'unknownAction', message: `无法发送的操作类型：${action.kind}` }));
  }
  const spec = ACTIONS[action.kind];
  const batchId = batchIdOf(action);
  if (spec.onBatch && !batchId) return fail(localRefusal(400, { code: 'batchMissing', message: `${spec.label}没有指明批次` }));
  const body = laterActionBody(action);
  const checked = parseWire(spec.body, body);
  if (!checked.ok) return fail(localRefusal(422, checked.error));
  const target = actionTarget(action.kind, batchId ?? undefined);
  const jsonText = JSON.stringify(body);
  job.onProgress(0, Buffer.byteLength(jsonText));
  const res = await job.client.send({
    method: target.method,
    path: target.path,
    token: job.token,
    idempotencyKey: action.idempotencyKey,
    jsonText,
    timeoutMs: job.timeouts.request,
    ...(job.signal ? { signal: job.signal } : {}),
  });
  if (!res.ok) return fail(res);
  return { ok: true, body: res.body, replayed: res.replayed, submission: false };
}
