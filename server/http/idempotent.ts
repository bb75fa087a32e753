/**
 * Actions applied once per idempotency key. The key is inserted, pending, as the action's
 * transaction starts and its response stored before it commits: a retry after a lost response
 * gets the stored response, a concurrent retry (on any instance) waits for the first and then
 * replays it, and nothing happens twice. Refusals roll back, key included.
 * The hash is an HMAC under the server's key over the body without its secret fields: a
 * stored row gives nothing to test password guesses against.
 */
import { createHmac } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { canonicalJson, WIRE_HEADERS, withoutSecretFields } from '../../shared/wire';
import { isoAt } from '../clock';
import type { ServerContext } from '../context';
import { idempotencyKeyOf } from './parse';
import { refuse } from './wireHttpError';

export interface ActionResult {
  status: number;
  body: unknown;
}

function requestHash(key: Buffer, route: string, req: FastifyRequest): string {
  return createHmac('sha256', key)
    .update(canonicalJson({ route, params: req.params ?? {}, body: withoutSecretFields(req.body ?? null) }))
    .digest('hex');
}

const reused = () => refuse('idempotencyKeyReused', '该幂等键已用于内容不同的另一个请求；新的操作须使用新的幂等键');

function send(reply: FastifyReply, status: number, body: string, replayed: boolean): FastifyReply {
  reply.code(status).header('content-type', 'application/json; charset=utf-8');
  if (replayed) reply.header(WIRE_HEADERS.idempotencyReplayed, 'true');
  return reply.send(body);
}

/**
 * Runs `apply` once for the request's key within `scope` (the unit, or `public`). `prepare`
 * does slow work outside the transaction (hashing a password, checking rows) and only for a
 * key not seen yet.
 */
export async function idempotentAction<P = undefined>(
  ctx: ServerContext,
  req: FastifyRequest,
  reply: FastifyReply,
  scope: string,
  route: string,
  apply: (prepared: P) => Promise<ActionResult>,
  prepare?: () => Promise<P>,
): Promise<FastifyReply> {
  const key = idempotencyKeyOf(req.headers[WIRE_HEADERS.idempotencyKey]);
  const hash = requestHash(ctx.requestHashKey, route, req);
  const seen = await ctx.idempotency.find(scope, key);
  if (seen) {
    if (seen.requestHash !== hash) throw reused();
    return send(reply, seen.status, seen.body, true);
  }
  const prepared = prepare ? await prepare() : (undefined as P);
  const outcome = await ctx.db.transaction(async () => {
    if (!(await ctx.idempotency.begin(scope, key, route, hash, isoAt(ctx.clock)))) {
      // Taken by a request that committed while this one was on its way (or that it waited for).
      const stored = await ctx.idempotency.find(scope, key);
      if (!stored || stored.requestHash !== hash) throw reused();
      return { status: stored.status, body: stored.body, replayed: true };
    }
    const result = await apply(prepared);
    const body = JSON.stringify(result.body);
    await ctx.idempotency.finish(scope, key, result.status, body);
    return { status: result.status, body, replayed: false };
  });
  return send(reply, outcome.status, outcome.body, outcome.replayed);
}
