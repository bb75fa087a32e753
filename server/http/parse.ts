/** Request bodies, queries and headers through the wire schemas: a refusal is a 422 naming the field. */
import type { z } from 'zod';
import { idempotencyKeySchema, parseWire } from '../../shared/wire';
import { refuse, WireHttpError } from './wireHttpError';

export function parseOr422<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = parseWire(schema, raw ?? {});
  if (!parsed.ok) throw new WireHttpError(422, parsed.error);
  return parsed.value;
}

export function idempotencyKeyOf(header: string | string[] | undefined): string {
  if (header === undefined) throw refuse('idempotencyKeyMissing', '此操作须带幂等键（Idempotency-Key 请求头）');
  const parsed = idempotencyKeySchema.safeParse(Array.isArray(header) ? header[0] : header);
  if (!parsed.success) throw refuse('idempotencyKeyInvalid', parsed.error.issues[0]?.message ?? '幂等键格式不正确');
  return parsed.data;
}
