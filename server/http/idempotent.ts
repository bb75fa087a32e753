/**
 * Actions applied once per idempotency key: the key, a keyed hash of the request and the
 * response are stored in the same transaction as the effect, so a retry after a lost
 * response gets the stored response and nothing happens twice. Refusals are not stored.
 * The hash is an HMAC under the server's key over the body without its secret fields: a
 * stored row gives nothing to test password guesses against.
 */
import { createHmac } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { canonicalJson, WIRE_HEADERS, withoutSecretFields } from '../../shared/wire';
import { isoAt } from '../clock';
import type { ServerContext } from '../context';
import { inTransaction } from '../db/openServerDb';
import { LEGACY_REQUEST_HASH, type StoredResponse } from '../store/idempotencyStore';
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

function sameRequest(stored: StoredResponse, route: string, hash: string): boolean {
  return stored.requestHash === LEGACY_REQUEST_HASH ? stored.route === route : stored.requestHash === hash;
}

const reused = () => refuse('idempotencyKeyReused', '该幂等键已用于内容不同的另一个请求；新的操作须使用新的幂等键');

function send(reply: FastifyReply, status: number, body: string, replayed: boolean): FastifyReply {
  reply.code(status).header('content-type', 'application/json; charset=utf-8');
  if (replayed) reply.header(WIRE_HEADERS.idempotencyReplayed, 'true');
  return reply.send(body);
}

/**
 * Runs `apply` once for the request's key within `scope` (the unit, or `public`). `prepare`
 * does slow work outside the transaction (hashing a password) and only for a key not seen yet.
 */
export async function idempotentAction<P = undefined>(
  ctx: ServerContext,
  req: FastifyRequest,
  reply: FastifyReply,
  scope: string,
  route: string,
  apply: (prepared: P) => ActionResult,
  prepare?: () => Promise<P>,
): Promise<FastifyReply> {
  const key = idempotencyKeyOf(req.headers[WIRE_HEADERS.idempotencyKey]);
  const hash = requestHash(ctx.requestHashKey, route, req);
  const seen = ctx.idempotency.find(scope, key);
  if (seen) {
    if (!sameRequest(seen, route, hash)) throw reused();
    return send(reply, seen.status, seen.body, true);
  }
  const prepared = prepare ? await prepare() : (undefined as P);
  const outcome = inTransaction(ctx.db, () => {
    // Looked up again inside the transaction: another request with the key may have won meanwhile.
    const stored = ctx.idempotency.find(scope, key);
    if (stored) {
      if (!sameRequest(stored, route, hash)) throw reused();
      return { status: stored.status, body: stored.body, replayed: true };
    }
    const result = apply(prepared);
    const body = JSON.stringify(result.body);
    ctx.idempotency.save(scope, key, { route, requestHash: hash, status: result.status, body }, isoAt(ctx.clock));
    return { status: result.status, body, replayed: false };
  });
  return send(reply, outcome.status, outcome.body, outcome.replayed);
}
