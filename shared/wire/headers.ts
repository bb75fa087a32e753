/** The HTTP headers the protocol uses beyond the ordinary ones. */
import { z } from 'zod';

export const WIRE_HEADERS = {
  /** `Bearer <token>`: the unit's session token, or the admin token on /admin routes. */
  authorization: 'authorization',
  /** Required on every action (a POST that changes something); the server applies each key once per unit. */
  idempotencyKey: 'idempotency-key',
  /** `true` on a response replayed from an earlier request with the same key. */
  idempotencyReplayed: 'idempotency-replayed',
  /** Optional on a chunk PUT: the chunk's sha256 in hex, checked before it is stored. */
  chunkSha256: 'x-chunk-sha256',
  etag: 'etag',
  ifNoneMatch: 'if-none-match',
} as const;

/** 8 to 200 characters of letters, digits and `_ . : -` (a UUID fits). */
export const idempotencyKeySchema = z
  .string({ error: '缺少幂等键（Idempotency-Key）' })
  .regex(/^[A-Za-z0-9_.:-]{8,200}$/, { error: '幂等键（Idempotency-Key）须为 8 到 200 个字母、数字或 _ . : -' });

export const sha256HexSchema = z
  .string({ error: '必须是 64 位十六进制的 SHA-256 摘要' })
  .regex(/^[0-9a-f]{64}$/, { error: '必须是 64 位小写十六进制的 SHA-256 摘要' });
