/**
 * Taking many rows into a batch at once: a file import and the suggested list go the same
 * way. The roster as it will be afterwards is checked as a whole (each row, duplicates
 * among all of them and against the store, the unit rules), then written in one store
 * transaction, so a failure before that leaves the batch exactly as it was.
 */
import { hasError, type RawRosterRow, type RosterFinding, type RowCheck } from '../../../../../shared/domain/roster';
import type { Actor } from '../../../../../shared/domain/batch';
import type { BatchRecord, PersonRecord, RosterStaging } from '../../../store';
import type { CoreContext } from '../../coreContext';
import { beginRosterEdit, checkAcross, checkEach, settleCheckState, toNewPerson } from '../rosterChecks';

export { withPlans } from './checkRowsAsRead';

export interface IncomingRow {
  sourceRow: number | null;
  values: RawRosterRow;
  /** 是否建议名单: the last-year batch the row was taken from. */
  suggestedFrom?: string;
}

export interface IntakePlan {
  incoming: readonly IncomingRow[];
  incomingChecks: RowCheck[];
  /** Stored rows no incoming row replaces, with their new findings. */
  untouched: { id: string; check: RowCheck }[];
  unitFindings: ReturnType<typeof checkAcross>;
  storedCount: number;
  /** Incoming rows with an error finding (Qingdao's 失败人数). */
  rejected: number;
}

/**
 * The roster after the intake, checked as a whole: an incoming row whose document number
 * is already stored takes that row's place (the Wuxi way of re-importing corrected rows),
 * the rest are appended, exactly as `mergeByDocNumber` will write them.
 */
export function planIntake(
  ctx: CoreContext,
  batch: BatchRecord,
  stored: readonly PersonRecord[],
  incoming: readonly IncomingRow[],
): IntakePlan {
  const incomingChecks = checkEach(ctx, batch, incoming);
  const firstByDoc = new Map<string, number>();
  stored.forEach((p, i) => {
    if (p.docNumber && !firstByDoc.has(p.docNumber)) firstByDoc.set(p.docNumber, i);
  });
  const replaced = new Set<number>();
  for (const c of incomingChecks) {
    const at = c.person.documentNumber ? firstByDoc.get(c.person.documentNumber) : undefined;
    if (at !== undefined && !replaced.has(at)) replaced.add(at);
  }
  const kept = stored.map((p, i) => ({ p, i })).filter(({ i }) => !replaced.has(i));
  const keptChecks = checkEach(ctx, batch, kept.map(({ p }) => p));
  const all = [...keptChecks, ...incomingChecks];
  const sourceRows = [...kept.map(({ p }) => p.sourceRow), ...incoming.map((r) => r.sourceRow)];
  const unitFindings = checkAcross(ctx, batch, all, sourceRows);
  return {
    incoming,
    incomingChecks,
    untouched: kept.map(({ p }, k) => ({ id: p.id, check: keptChecks[k]! })),
    unitFindings,
    storedCount: stored.length,
    rejected: incomingChecks.filter((c) => hasError(c.findings)).length,
  };
}

export interface CommitOptions {
  /** replace: the incoming rows become the roster. */
  replace: boolean;
  actor: Actor;
  importId?: string;
  /** Written in the same transaction (the import record's outcome). */
  alongside?: () => void;
}

/** Writes a planned intake in one transaction and settles the batch's check state. */
export function commitIntake(ctx: CoreContext, batchId: string, plan: IntakePlan, options: CommitOptions): void {
  ctx.store.transaction(() => {
    const editable = beginRosterEdit(ctx, ctx.store.batches.require(batchId));
    const writeOptions = { actor: options.actor, importId: options.importId ?? null };
    if (options.replace) ctx.store.persons.removeAll(batchId, options.actor);
    const persons = plan.incomingChecks.map((c, i) => {
      const row = plan.incoming[i]!;
      return { ...toNewPerson(c, row.sourceRow), ...(row.suggestedFrom ? { suggestedFrom: row.suggestedFrom } : {}) };
    });
    // Nothing stored to merge onto (a first import, or a replacement): a plain append skips a lookup per row.
    if (options.replace || plan.storedCount === 0) ctx.store.persons.insertMany(batchId, persons, writeOptions);
    else ctx.store.persons.mergeByDocNumber(batchId, persons, writeOptions);
    ctx.store.persons.setFindings(batchId, plan.untouched.map((u) => ({ personId: u.id, findings: u.check.findings })));
    ctx.store.batches.update(editable.id, { unitFindings: plan.unitFindings }, options.actor);
    options.alongside?.();
    settleCheckState(ctx, batchId);
  });
}

/** A first import (or a replacement) whose rows were checked and staged as the file was read. */
export interface StagedIntake {
  staging: RosterStaging;
  /** Findings of the checks across rows, by staged row (its order number, from 1). */
  extraFindings: ReadonlyMap<number, readonly RosterFinding[]>;
  unitFindings: RosterFinding[];
}

/** Writes a staged intake in one transaction and settles the batch's check state (commitIntake's path for a batch with no rows to merge onto). */
export function commitStagedIntake(ctx: CoreContext, batchId: string, intake: StagedIntake, options: CommitOptions): void {
  ctx.store.transaction(() => {
    const editable = beginRosterEdit(ctx, ctx.store.batches.require(batchId));
    if (options.replace) ctx.store.persons.removeAll(batchId, options.actor);
    ctx.store.persons.insertStaged(batchId, intake.staging, intake.extraFindings, { actor: options.actor, importId: options.importId ?? null });
    ctx.store.batches.update(editable.id, { unitFindings: intake.unitFindings }, options.actor);
    options.alongside?.();
    settleCheckState(ctx, batchId);
  });
}
