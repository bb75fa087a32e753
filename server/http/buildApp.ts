/**
 * The Fastify application: hooks for the fault switch and the request log, the error shape
 * of the protocol, the raw-bytes parser for upload chunks, and the three route groups.
 */
import { Readable } from 'node:stream';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import { MAX_JSON_BODY_BYTES, ROUTES, type WireError } from '../../shared/wire';
import type { ServerContext } from '../context';
import type { FaultRule, FaultSwitch } from './faults';
import { adminRoutes } from './routes/adminRoutes';
import { onboardingAdminRoutes, onboardingRoutes } from './routes/onboardingRoutes';
import { publicRoutes } from './routes/publicRoutes';
import { unitRoutes } from './routes/unitRoutes';
import { paymentRoutes } from './routes/paymentRoutes';
import { scrubDigits, type LogSink } from './safeLog';
import { requireUnit } from './unitAuth';
import { WireHttpError } from './wireHttpError';

export interface AppOptions {
  ctx: ServerContext;
  adminToken: string;
  faults: FaultSwitch;
  log: LogSink;
  trustProxy: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The routes answered without a unit's token; every other /v1 route needs one. */
const PUBLIC_ROUTES: ReadonlySet<string> = new Set([ROUTES.login, ROUTES.registerUnit, ROUTES.schemes, ROUTES.scheme, ROUTES.schemeVersion]);

function routeOf(req: FastifyRequest): string {
  return req.routeOptions.url ?? '(未知路径)';
}

/** A fastify error (bad JSON, too large …) in the protocol's terms. */
function frameworkError(error: FastifyError): { status: number; body: WireError } | null {
  const status = error.statusCode ?? 500;
  if (status === 413) return { status, body: { code: 'payloadTooLarge', message: '请求体过大' } };
  if (status === 415) return { status, body: { code: 'unsupportedMediaType', message: '请求体须为 JSON（Content-Type: application/json）或分块的 application/octet-stream' } };
  if (status >= 400 && status < 500) return { status: 400, body: { code: 'malformedJson', message: '请求体不是有效的 JSON' } };
  return null;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { ctx, faults, log } = options;
  // Closing the server also drops idle keep-alive sockets (a client's spare connection would hold close() open).
  const app = Fastify({ logger: false, bodyLimit: MAX_JSON_BODY_BYTES, forceCloseConnections: true, trustProxy: options.trustProxy });
  const started = new WeakMap<FastifyRequest, number>();
  const armed = new WeakMap<FastifyRequest, FaultRule>();

  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  // An empty JSON body reads as no body (e.g. completing an upload), not as broken JSON.
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    return jsonParser(req, text, done);
  });

  app.addHook('onRequest', async (req, reply) => {
    started.set(req, performance.now());
    const path = req.url.split('?')[0] ?? req.url;
    const fault = faults.enabled ? faults.take(req.method, req.routeOptions.url, path) : null;
    if (!fault) return;
    armed.set(req, fault);
    if (fault.kind === 'fail500') {
      return reply.code(500).send({ code: 'injectedFault', message: '测试故障：服务器内部错误' } satisfies WireError);
    }
  });

  // A unit route refuses a missing or stale token before its body is read (an upload chunk, a voucher).
  app.addHook('onRequest', async (req, reply) => {
    if (reply.sent) return;
    const url = req.routeOptions.url;
    if (url?.startsWith('/v1/') && !PUBLIC_ROUTES.has(`${req.method} ${url}`)) await requireUnit(ctx, req);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const fault = armed.get(req);
    if (!fault) return payload;
    switch (fault.kind) {
      case 'dropAfterCommit':
        req.raw.socket.destroy();
        return payload;
      case 'delay':
        await sleep(fault.ms ?? 0);
        return payload;
      case 'malformedJson':
        reply.header('content-type', 'application/json; charset=utf-8');
        return '{"batchId": "';
      case 'truncateBody': {
        const bytes = Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload ?? null));
        reply.header('content-length', String(bytes.length));
        const socket = req.raw.socket;
        const half = bytes.subarray(0, Math.floor(bytes.length / 2));
        return Readable.from([half]).on('end', () => setImmediate(() => socket.destroy()));
      }
      default:
        return payload;
    }
  });

  app.addHook('onResponse', async (req, reply) => {
    const ms = Math.round(performance.now() - (started.get(req) ?? performance.now()));
    const fault = armed.get(req);
    log(`${req.method} ${routeOf(req)} ${reply.statusCode} ${ms}ms${fault ? ` [测试故障 ${fault.kind}]` : ''}`);
  });

  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (error instanceof WireHttpError) {
      log(`${req.method} ${routeOf(req)} 拒绝 ${error.status} ${error.body.code}`);
      return reply.code(error.status).headers(error.headers).send(error.body);
    }
    const mapped = frameworkError(error);
    if (mapped) return reply.code(mapped.status).send(mapped.body);
    log(`${req.method} ${routeOf(req)} 内部错误 ${error.name}: ${scrubDigits(error.message)}`);
    return reply.code(500).send({ code: 'internal', message: '服务器内部错误，请稍后重试' } satisfies WireError);
  });

  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ code: 'notFound', message: '没有这个接口' } satisfies WireError));

  publicRoutes(app, ctx);
  unitRoutes(app, ctx);
  onboardingRoutes(app, ctx);
  paymentRoutes(app, ctx);
  await app.register(async (scope) => adminRoutes(scope, ctx, options.adminToken));
  await app.register(async (scope) => onboardingAdminRoutes(scope, ctx, options.adminToken));
  return app;
}
