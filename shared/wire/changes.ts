/**
 * The change feed: `GET /v1/changes?after=<cursor>&limit=<n>` answers the unit's changes
 * after the cursor, oldest first, with the cursor to store. Sequence numbers are per unit,
 * start at 1 and only grow; the cursor is their decimal text ("0": from the start). Store
 * the cursor in the same transaction as the changes it covers, so each change is applied
 * exactly once and in order. A cursor beyond the server's last change answers 409
 * `cursorAhead` (the server's data was reset): start again from "0".
 *
 * Kinds (a client skips kinds it does not know):
 * - `batchState`: a transition of the batch on the server into a state the server reports
 *   (the association's own, and the clerk's withdrawal and payment proof as the server
 *   applied them), with the record from `transition()` and the batch's figures after it.
 *   A record the client already holds (`batch.revision` at or below what it has seen of
 *   the batch's history, in the feed or in the answer to its own action) is not applied
 *   again; nor is one that arrives while the client's own action on the batch waits for its
 *   answer, until that answer came. Otherwise: if the local batch is already in `batch.state`, nothing; else if
 *   `transition(local, record.event, {at, actor, reason})` is legal and lands there, apply
 *   it; else `adoptServerState` with `serverState: batch.state`.
 * - `personsRejected`: persons the association will not enrol, by document number, with reasons.
 * - `paymentConfirmed`: the amount and day the association confirmed (before its batchState).
 * - `policy`: the policy number and the cover (effective date) (before its batchState).
 * - `invoicesIssued`: invoice numbers for requested invoices, and the e-invoice document when attached.
 * - `occupied`: a person this unit submitted is enrolled by another unit this coverage year
 *   (被某单位占用), with that unit's name and handler; keep it for the offline duplicate check.
 * - `occupiedReleased`: that person is free again.
 * - `schemeVersion`: a new scheme version is published; fetch it.
 * - `claim`: a claim record of the unit, new or changed.
 * - `onboardingReview` / `unitProfile`: an onboarding application's state (申请中, 审核通过
 *   with the insurance code, 审核不通过 with the reason) and the account's profile after it
 *   changed (onboardingChanges.ts).
 * Facts come before the state change they explain, in the same feed order.
 */
import { z } from 'zod';
import { BATCH_STATES } from '../domain/batch';
import { claimRecordSchema } from './claims';
import { periodSchema, transitionRecordSchema } from './common';
import { rejectedPersonSchema } from './batches';
import { onboardingChangeSchemas } from './onboardingChanges';

const changeBase = { seq: z.number().int().positive(), at: z.string() };
const batchRef = { batchId: z.string(), serverBatchId: z.string() };

export const batchSnapshotSchema = z.object({
  /** The batch's place in its history on the server: 1 for its first transition, one more for each after it. */
  revision: z.number().int().positive(),
  state: z.enum(BATCH_STATES),
  stateLabel: z.string(),
  policyNumber: z.string().nullable(),
  cover: periodSchema.nullable(),
  payableFen: z.number().int(),
});
export type BatchSnapshot = z.infer<typeof batchSnapshotSchema>;

export const changeSchema = z.discriminatedUnion('kind', [
  z.object({ ...changeBase, kind: z.literal('batchState'), ...batchRef, record: transitionRecordSchema, batch: batchSnapshotSchema }),
  z.object({ ...changeBase, kind: z.literal('personsRejected'), ...batchRef, persons: z.array(rejectedPersonSchema) }),
  z.object({ ...changeBase, kind: z.literal('paymentConfirmed'), ...batchRef, amountFen: z.number().int(), confirmedOn: z.string() }),
  z.object({ ...changeBase, kind: z.literal('policy'), ...batchRef, policyNumber: z.string(), cover: periodSchema }),
  z.object({
    ...changeBase,
    kind: z.literal('invoicesIssued'),
    ...batchRef,
    invoices: z.array(
      z.object({
        invoiceId: z.string(),
        requestId: z.string(),
        ref: z.string().optional(),
        invoiceNumber: z.string(),
        amountFen: z.number().int(),
        title: z.string(),
        feeSource: z.string().optional(),
        issuedOn: z.string(),
        /** The e-invoice document attached (download: ROUTES.invoiceDocument). */
        document: z.object({ name: z.string(), bytes: z.number().int(), type: z.string() }).optional(),
      }),
    ),
  }),
  z.object({
    ...changeBase,
    kind: z.literal('occupied'),
    schemeId: z.string(),
    coverageYear: periodSchema,
    docNumber: z.string(),
    unitName: z.string(),
    contact: z.object({ name: z.string(), phone: z.string() }).nullable(),
  }),
  z.object({ ...changeBase, kind: z.literal('occupiedReleased'), schemeId: z.string(), coverageYear: periodSchema, docNumber: z.string() }),
  z.object({ ...changeBase, kind: z.literal('schemeVersion'), schemeId: z.string(), version: z.number().int(), title: z.string(), etag: z.string() }),
  z.object({ ...changeBase, kind: z.literal('claim'), claim: claimRecordSchema }),
  ...onboardingChangeSchemas(changeBase),
]);
export type Change = z.infer<typeof changeSchema>;
export type ChangeKind = Change['kind'];
export type ChangeOf<K extends ChangeKind> = Extract<Change, { kind: K }>;
export const CHANGE_KINDS = changeSchema.options.map((o) => o.shape.kind.value) as ChangeKind[];

/** A page as it arrives; each entry is then read with `parseChange`, so an unknown kind is skipped, not fatal. */
export const changesPageSchema = z.object({
  changes: z.array(z.looseObject({ seq: z.number().int().positive(), at: z.string(), kind: z.string() })),
  /** Store it with the applied changes; pass it as `after` next time. */
  cursor: z.string().regex(/^\d+$/),
  hasMore: z.boolean(),
});
export type ChangesPage = z.infer<typeof changesPageSchema>;

export type ParsedChange = { ok: true; change: Change } | { ok: false; kind: string; seq: number; unknownKind: boolean; message: string };

export function parseChange(entry: { seq: number; kind: string } & Record<string, unknown>): ParsedChange {
  if (!(CHANGE_KINDS as string[]).includes(entry.kind)) {
    return { ok: false, kind: entry.kind, seq: entry.seq, unknownKind: true, message: `未知的变更类型：${entry.kind}` };
  }
  const parsed = changeSchema.safeParse(entry);
  if (parsed.success) return { ok: true, change: parsed.data };
  return { ok: false, kind: entry.kind, seq: entry.seq, unknownKind: false, message: `变更 ${entry.seq} 格式不正确：${parsed.error.issues[0]?.message ?? ''}` };
}

export const changesQuerySchema = z.object({
  after: z.string().regex(/^\d{1,15}$/, { error: 'after 必须是变更序号（非负整数）' }).default('0'),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, { error: 'limit 必须是正整数' })
    .transform(Number)
    .optional(),
});
