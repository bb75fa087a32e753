import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_FILE_BYTES } from '../../../shared/api/primitives';
import { resolveStatic, sendFile } from './staticFiles';
import { bearerOf, cookieValue, tokenMatches } from './token';

/** What the host needs from the application: one call per operation, already validated inside. */
export interface OperationDispatcher {
  has(operation: string): boolean;
  dispatch(operation: string, rawInput: unknown): Promise<DispatchResult>;
}

export type DispatchResult =
  | { ok: true; value: unknown }
  | { ok: false; status: number; error: { code: string; message: string; details?: unknown } };

export interface HostEvents {
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: { type: string } & Record<string, unknown>) => void): () => void;
}

export interface HttpHostOptions {
  dispatcher: OperationDispatcher;
  events?: HostEvents;
  token: string;
  port?: number; // 0 or absent: a free port
  /** The built renderer; absent means API only. */
  staticRoot?: string;
  maxBodyBytes?: number;
}

export interface RunningHost {
  server: Server;
  port: number;
  url: string;
  /** The address a browser opens: it carries the token once, then a cookie takes over for static files. */
  openUrl: string;
  close(): Promise<void>;
}

const COOKIE = 'huzhu_token';

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { code, message } });
}

const MiB = 1024 * 1024;

/** Room for the largest file the API takes (as base64) and the JSON around it. */
export const DEFAULT_MAX_BODY_BYTES = Math.ceil(MAX_FILE_BYTES / 3) * 4 + MiB;

class BodyTooLarge extends Error {}

/**
 * The 413, with the rest of the body still read and dropped: closing the connection (or
 * leaving the body unread until it times out) while the client is sending would reach it as a
 * reset instead of the answer.
 */
function bodyTooLarge(req: IncomingMessage, res: ServerResponse, limit: number): void {
  req.removeAllListeners('data');
  req.resume();
  refuse(res, 413, 'BODY_TOO_LARGE', `请求内容超过 ${Math.floor(limit / MiB)} MB 的上限，未被处理（导入的文件不能超过 ${MAX_FILE_BYTES / MiB} MB）`);
}

/** The body as text, refused with BodyTooLarge once past `limit` (bodyTooLarge reads the rest). */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The browser host: the application API over HTTP on 127.0.0.1 only, every request with the
 * per-launch token. `POST /api/<operation>` takes and returns JSON; `GET /api/events` is a
 * server-sent event stream; everything else is the renderer build.
 */
export function startHttpHost(options: HttpHostOptions): Promise<RunningHost> {
  const { dispatcher, events, token, staticRoot } = options;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let port = 0;

  // A page on another site can make the browser talk to 127.0.0.1; checking the Host header
  // defeats DNS rebinding, and a custom Authorization header forces a CORS preflight we never grant.
  const hostAllowed = (host: string | undefined) =>
    host === `127.0.0.1:${port}` || host === `localhost:${port}`;

  const server = createServer(async (req, res) => {
    try {
      if (!hostAllowed(req.headers.host)) return refuse(res, 403, 'HOST_REFUSED', '只接受本机地址的访问');
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

      if (url.pathname.startsWith('/api/')) {
        // The bearer from the launch address, or after a reload the HttpOnly SameSite=Strict cookie set from it
        // (a cross-site page cannot send JSON without a preflight this host never grants).
        if (!tokenMatches(token, bearerOf(req.headers.authorization)) && !tokenMatches(token, cookieValue(req.headers.cookie, COOKIE))) {
          return refuse(res, 401, 'UNAUTHORIZED', '缺少或错误的访问令牌');
        }
        if (url.pathname === '/api/events' && req.method === 'GET') return streamEvents(res);
        if (req.method !== 'POST') return refuse(res, 405, 'METHOD_NOT_ALLOWED', '接口只接受 POST 请求');
        const operation = decodeURIComponent(url.pathname.slice('/api/'.length));
        if (!dispatcher.has(operation)) return refuse(res, 404, 'UNKNOWN_OPERATION', `没有这个操作: ${operation}`);
        if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
          return refuse(res, 415, 'NOT_JSON', '请求体必须是 JSON (Content-Type: application/json)');
        }
        // A declared length past the limit is refused before any of the body is read.
        if (Number(req.headers['content-length'] ?? 0) > maxBody) return bodyTooLarge(req, res, maxBody);
        let raw: unknown;
        try {
          const text = await readBody(req, maxBody);
          raw = text.trim() === '' ? {} : JSON.parse(text);
        } catch (e) {
          if (e instanceof BodyTooLarge) return bodyTooLarge(req, res, maxBody);
          return refuse(res, 400, 'MALFORMED_JSON', '请求体不是有效的 JSON');
        }
        const result = await dispatcher.dispatch(operation, raw);
        if (result.ok) return sendJson(res, 200, { result: result.value ?? null });
        return sendJson(res, result.status, { error: result.error });
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'METHOD_NOT_ALLOWED', '不支持的请求方法');
      const presented = url.searchParams.get('token') ?? cookieValue(req.headers.cookie, COOKIE);
      if (!tokenMatches(token, presented)) return refuse(res, 401, 'UNAUTHORIZED', '缺少或错误的访问令牌');
      if (url.searchParams.has('token')) {
        // Trade the token in the query for a cookie (static files) and a fragment the renderer
        // reads once for its API calls; a fragment is never sent to a server or in a Referer.
        res.writeHead(303, {
          Location: `/#token=${encodeURIComponent(token)}`,
          'Set-Cookie': `${COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
          'Cache-Control': 'no-store',
        });
        return res.end();
      }
      if (!staticRoot) return refuse(res, 404, 'NO_RENDERER', '未找到界面文件，请先运行 npm run build:renderer');
      const file = resolveStatic(staticRoot, url.pathname);
      if (!file) return refuse(res, 404, 'NOT_FOUND', '找不到该文件');
      return sendFile(res, file);
    } catch (e) {
      // Never echo internals: they may hold personal data from the failing row.
      console.error('[host] request failed:', (e as Error).name);
      if (!res.headersSent) refuse(res, 500, 'INTERNAL', '内部错误，请重试');
      else res.end();
    }
  });

  function streamEvents(res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const unsubscribe = events?.subscribe((event) => {
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    res.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe?.();
    });
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      const url = `http://127.0.0.1:${port}`;
      resolve({
        server,
        port,
        url,
        openUrl: `${url}/?token=${encodeURIComponent(token)}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
