/** The unit behind a request's bearer token, or 401 with the code that tells the client to log in again. */
import type { FastifyRequest } from 'fastify';
import { WIRE_HEADERS } from '../../shared/wire';
import { bearerToken, hashToken, secretsEqual } from '../auth/tokens';
import type { ServerContext } from '../context';
import type { UnitRecord } from '../store/unitsStore';
import { refuse } from './wireHttpError';

export type AuthenticatedUnit = UnitRecord & { tokenHash: string };

// Looked up once per request: by the hook that runs before the body is read, then by the handler.
const known = new WeakMap<FastifyRequest, Promise<AuthenticatedUnit>>();

export function requireUnit(ctx: ServerContext, req: FastifyRequest): Promise<AuthenticatedUnit> {
  let unit = known.get(req);
  if (!unit) known.set(req, (unit = lookUpUnit(ctx, req)));
  return unit;
}

async function lookUpUnit(ctx: ServerContext, req: FastifyRequest): Promise<AuthenticatedUnit> {
  const token = bearerToken(req.headers[WIRE_HEADERS.authorization]);
  if (!token) throw refuse('authRequired', '请先登录');
  const tokenHash = hashToken(token);
  const session = await ctx.units.bySession(tokenHash);
  if (!session) throw refuse('authRequired', '登录已失效，请重新登录');
  if (session.expiresAt <= ctx.clock().toISOString()) throw refuse('tokenExpired', '登录已过期，请重新登录');
  return { ...session.unit, tokenHash };
}

export function requireAdmin(adminToken: string, req: FastifyRequest): void {
  const token = bearerToken(req.headers[WIRE_HEADERS.authorization]);
  if (!token || !secretsEqual(token, adminToken)) throw refuse('adminAuthRequired', '缺少或错误的管理令牌');
}
