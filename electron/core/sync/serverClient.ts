/**
 * HTTP to the association server, reduced to what the sync engine decides on: a parsed
 * body, or a failure with the protocol's classification (`classifyFailure`). No response,
 * a timeout, a truncated or unparsable body all count as status 0 ("no usable answer"),
 * which the protocol says to retry with the same idempotency key.
 */
import { classifyFailure, WIRE_HEADERS, wireErrorSchema, type FailureKind, type HttpMethod, type WireError } from '../../../shared/wire';

export interface WireRequest {
  method: HttpMethod;
  /** The path with its query, e.g. `/v1/changes?after=0`. */
  path: string;
  token?: string | null;
  idempotencyKey?: string;
  /** A JSON body, as a value or as text already serialised (large rosters). */
  json?: unknown;
  jsonText?: string;
  /** Raw bytes (`application/octet-stream`): an upload chunk. */
  raw?: Uint8Array;
  /** A successful answer is a file, not JSON: its body is `{ bytes, contentType }` (errors are still JSON). */
  expectBytes?: boolean;
  headers?: Readonly<Record<string, string>>;
  timeoutMs?: number;
  /** Aborts the request from outside (the engine stopping). */
  signal?: AbortSignal;
}

export type WireResponse =
  | { ok: true; status: number; body: unknown; etag: string | null; replayed: boolean }
  | {
      ok: false;
      /** The HTTP status, or 0 when there was no usable answer. */
      status: number;
      /** An HTTP answer arrived (the server is up), even if its body was unusable. */
      reached: boolean;
      failure: FailureKind;
      error: WireError;
    };

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export const DEFAULT_TIMEOUT_MS = 30_000;

function noUsableAnswer(reached: boolean, error: WireError): WireResponse {
  return { ok: false, status: 0, reached, failure: 'retry', error };
}

export class ServerClient {
  readonly baseUrl: string;
  private readonly fetchFn: FetchLike;

  constructor(baseUrl: string, options: { fetch?: FetchLike } = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.fetchFn = options.fetch ?? ((url, init) => fetch(url, init));
  }

  async send(req: WireRequest): Promise<WireResponse> {
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    if (req.token) headers[WIRE_HEADERS.authorization] = `Bearer ${req.token}`;
    if (req.idempotencyKey) headers[WIRE_HEADERS.idempotencyKey] = req.idempotencyKey;
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    if (req.raw) {
      headers['content-type'] = 'application/octet-stream';
      body = new Uint8Array(req.raw.buffer as ArrayBuffer, req.raw.byteOffset, req.raw.byteLength);
    } else if (req.jsonText !== undefined || req.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = req.jsonText ?? JSON.stringify(req.json);
    }
    const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = req.signal ? AbortSignal.any([timeout, req.signal]) : timeout;

    let res: Response;
    try {
      res = await this.fetchFn(`${this.baseUrl}${req.path}`, { method: req.method, headers, signal, ...(body !== undefined ? { body } : {}) });
    } catch {
      if (req.signal?.aborted) return noUsableAnswer(false, { code: 'aborted', message: '同步已停止，下次启动时继续发送' });
      if (timeout.aborted) return noUsableAnswer(false, { code: 'timeout', message: `互助会服务器 ${Math.round(timeoutMs / 1000)} 秒内没有答复，稍后自动重试` });
      return noUsableAnswer(false, { code: 'offline', message: '无法连接互助会服务器（网络不通或服务器未启动），联网后自动重试' });
    }

    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await res.arrayBuffer());
    } catch {
      // The status line came but the body broke off (connection dropped, timed out mid-body).
      return noUsableAnswer(true, { code: 'truncatedResponse', message: '服务器的答复不完整（连接中断），稍后自动重试' });
    }

    if (req.expectBytes && res.ok) return { ok: true, status: res.status, body: { bytes, contentType: res.headers.get('content-type') }, etag: null, replayed: false };
    const text = new TextDecoder().decode(bytes);
    const etag = res.headers.get(WIRE_HEADERS.etag);
    if (res.status === 304) return { ok: true, status: 304, body: null, etag, replayed: false };
    let parsed: unknown = null;
    if (text.trim() !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        return noUsableAnswer(true, { code: 'unreadableResponse', message: '服务器的答复无法解析，稍后自动重试' });
      }
    }
    if (res.ok) {
      if (parsed === null && res.status !== 204) return noUsableAnswer(true, { code: 'unreadableResponse', message: '服务器的答复为空，稍后自动重试' });
      return { ok: true, status: res.status, body: parsed, etag, replayed: res.headers.get(WIRE_HEADERS.idempotencyReplayed) === 'true' };
    }
    const wire = wireErrorSchema.safeParse(parsed);
    const error: WireError = wire.success ? wire.data : { code: `http${res.status}`, message: `互助会服务器答复 HTTP ${res.status}` };
    return { ok: false, status: res.status, reached: true, failure: classifyFailure(res.status, error.code), error };
  }
}
