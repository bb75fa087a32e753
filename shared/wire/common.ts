/**
 * Building blocks of wire messages. Request schemas are strict (an unknown key is refused by
 * name); response schemas are loose, so a client ignores fields a newer server adds.
 */
import { z } from 'zod';
import { ACTOR_KINDS, BATCH_EVENTS, BATCH_STATES } from '../domain/batch';
import { isoDate, isoTimestamp, phone, text } from '../api/primitives';

export const periodSchema = z.object({ start: isoDate, end: isoDate });

/** Who to call: a unit's handler, a batch's contact. */
export const contactSchema = z.strictObject({ name: text(50), phone, role: text(50).optional() });
export type WireContact = z.infer<typeof contactSchema>;

/** A batch's history line, exactly as `transition()` produced it on the server. */
export const transitionRecordSchema = z.object({
  from: z.enum(BATCH_STATES),
  to: z.enum(BATCH_STATES),
  event: z.enum(BATCH_EVENTS),
  at: isoTimestamp,
  actor: z.object({ kind: z.enum(ACTOR_KINDS), name: z.string().optional() }),
  reason: z.string().optional(),
});
export type WireTransitionRecord = z.infer<typeof transitionRecordSchema>;

export const planChoiceSchema = z.object({ planCode: z.string(), shares: z.number().int() });

export const headCountLineSchema = z.object({
  planCode: z.string(),
  shares: z.number().int(),
  headCount: z.number().int(),
  newEmploymentForm: z.boolean().optional(),
});

/** `offset` / `limit` query parameters, as text in the URL. */
export function pageQuery(maxLimit: number, defaultLimit: number) {
  const int = (what: string) =>
    z
      .string({ error: `${what}必须是非负整数` })
      .regex(/^\d{1,9}$/, { error: `${what}必须是非负整数` })
      .transform(Number);
  return z.object({
    offset: int('offset').default(0),
    limit: int('limit')
      .refine((n) => n >= 1 && n <= maxLimit, { error: `limit 须在 1 到 ${maxLimit} 之间` })
      .default(defaultLimit),
  });
}
