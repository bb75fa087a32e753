/**
 * Validating a wire message with its schema and turning zod's issues into one WireError in
 * Chinese, naming the field (the same wording the application API uses). The server answers
 * it with 422; the client can run it before queuing an action.
 */
import type { z } from 'zod';
import { fallbackMessage, toApiError } from '../api/validate';
import type { WireError } from './errors';

export type WireParse<T> = { ok: true; value: T } | { ok: false; error: WireError };

export function parseWire<S extends z.ZodType>(schema: S, raw: unknown): WireParse<z.output<S>> {
  const parsed = schema.safeParse(raw, { error: (issue) => fallbackMessage(issue) });
  if (parsed.success) return { ok: true, value: parsed.data };
  const apiError = toApiError(parsed.error);
  return { ok: false, error: { ...apiError, code: 'validationFailed' } };
}
