/** Registering a route by its ROUTES string, and the small answers many routes share. */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { splitRoute, WIRE_HEADERS } from '../../../shared/wire';

export type Handler = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export function on(app: FastifyInstance, route: string, handler: Handler, opts: { bodyLimit?: number } = {}): void {
  const { method, path } = splitRoute(route);
  app.route({ method, url: path, handler, ...(opts.bodyLimit !== undefined ? { bodyLimit: opts.bodyLimit } : {}) });
}

export function params(req: FastifyRequest): Record<string, string> {
  return (req.params ?? {}) as Record<string, string>;
}

/** Does `If-None-Match` name this ETag (weak or strong, in a list, or `*`)? */
export function etagMatches(req: FastifyRequest, etag: string): boolean {
  const header = req.headers[WIRE_HEADERS.ifNoneMatch];
  if (!header) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}

/** JSON with an ETag, or 304 when the client has it. */
export function sendWithEtag(req: FastifyRequest, reply: FastifyReply, etag: string, body: string): FastifyReply {
  reply.header(WIRE_HEADERS.etag, etag).header('cache-control', 'no-cache');
  if (etagMatches(req, etag)) return reply.code(304).send();
  return reply.code(200).header('content-type', 'application/json; charset=utf-8').send(body);
}

export function etagOf(parts: readonly string[]): string {
  return `"${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 24)}"`;
}
