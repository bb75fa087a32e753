/**
 * Batches (参保批次 / 保单). A batch's state changes only in `applyTransition`, which asks the
 * domain's `transition()` and writes state, history, audit and (when given) the outbox
 * action in one transaction, or writes nothing and returns the domain's refusal unchanged.
 */
import { randomUUID } from 'node:crypto';
import { isClerkCommand } from '../../../shared/api/operations';
import type { BatchCounts, BatchDetail, BatchSummary, Contact, UnitHeadCounts } from '../../../shared/api/dto';
import {
  availableEvents,
  batchStateLabel,
  transition,
  type Actor,
  type BatchEvent,
  type BatchState,
  type EnrollmentType,
  type TransitionContext,
  type TransitionFailureCode,
  type TransitionRecord,
} from '../../../shared/domain/batch';
import type { IsoDate, Period } from '../../../shared/domain/dates';
import type { PlanChoice } from '../../../shared/domain/eligibility';
import type { AuditRepo } from './auditRepo';
import { patchColumns, toBatchRecord, type BatchPatch, type BatchRecord, type BatchRow } from './batchRecord';
import { StoreError, notFound } from './errors';
import { fromJson, toJson, toJsonOrNull } from './json';
import type { SqliteDatabase } from './openDatabase';
import type { PersonalDataCipher } from './personalDataCipher';
import { sealedJsonOrNull } from './sealPersonalData';
import type { NewOutboxAction, OutboxAction, OutboxRepo } from './outboxRepo';
import { Statements, inWriteTransaction } from './statements';
import { isoAt, type Clock } from './time';

export interface NewBatch {
  unitId: string;
  schemeId: string;
  schemeVersion: number;
  /** The scheme's coverage year (保障年度). */
  coverageYear: Period;
  enrollmentType: EnrollmentType;
  title: string;
  requestedStart?: IsoDate;
  /** Supplementary enrollment (保全): the unit's batch whose policy the persons join. */
  policyBatchId?: string;
  selection?: PlanChoice[];
  contact?: Contact;
  headCounts?: UnitHeadCounts;
}

export interface BatchFilter {
  unitId?: string;
  schemeId?: string;
  /** Only these states; without it, every state but `deleted` (unless includeDeleted). */
  states?: readonly BatchState[];
  enrollmentTypes?: readonly EnrollmentType[];
  includeDeleted?: boolean;
}

export interface TransitionOptions {
  /** Written in the same transaction, only when the transition is allowed. */
  outbox?: NewOutboxAction;
  /** Field changes that go with the transition (e.g. the policy number the server reports). */
  patch?: BatchPatch;
}

export type TransitionOutcome =
  | { ok: true; batch: BatchRecord; record: TransitionRecord; outboxAction: OutboxAction | null }
  | { ok: false; code: TransitionFailureCode | 'notFound'; message: string };

interface HistoryRow {
  from_state: string;
  to_state: string;
  event: string;
  at: string;
  actor: string;
  reason: string | null;
}

interface CountRow {
  batch_id: string;
  persons: number;
  error_rows: number;
  warning_rows: number;
  rejected_rows: number;
}

export class BatchesRepo {
  private readonly sql: Statements;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock,
    private readonly audit: AuditRepo,
    private readonly outbox: OutboxRepo,
    private readonly cipher: PersonalDataCipher,
  ) {
    this.sql = new Statements(db);
  }

  get(id: string): BatchRecord | null {
    const row = this.sql.get<[string], BatchRow>('SELECT * FROM batches WHERE id = ?').get(id);
    return row ? toBatchRecord(row, this.cipher) : null;
  }

  require(id: string): BatchRecord {
    const batch = this.get(id);
    if (!batch) throw notFound('批次', id);
    return batch;
  }

  /** A new batch in 暂存 (draft). */
  create(input: NewBatch, actor: Actor): BatchRecord {
    return inWriteTransaction(this.db, () => {
      if (!this.sql.get<[string]>('SELECT 1 FROM units WHERE id = ?').get(input.unitId)) throw notFound('单位', input.unitId);
      if (input.policyBatchId !== undefined) {
        const policy = this.get(input.policyBatchId);
        if (!policy) throw notFound('要补充的保单', input.policyBatchId);
        if (policy.unitId !== input.unitId) throw new StoreError('conflict', '要补充的保单不属于该单位');
      }
      const id = randomUUID();
      const now = isoAt(this.clock);
      this.sql
        .get(
          `INSERT INTO batches (id, unit_id, scheme_id, scheme_version, enrollment_type, title, state, selection, requested_start,
             coverage_year_start, coverage_year_end, policy_batch_id, contact, head_counts, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          input.unitId,
          input.schemeId,
          input.schemeVersion,
          input.enrollmentType,
          input.title,
          toJson(input.selection ?? []),
          input.requestedStart ?? null,
          input.coverageYear.start,
          input.coverageYear.end,
          input.policyBatchId ?? null,
          sealedJsonOrNull(this.cipher, toJsonOrNull(input.contact)),
          toJsonOrNull(input.headCounts),
          now,
          now,
        );
      this.audit.record({
        actor,
        entity: 'batch',
        entityId: id,
        action: 'batch.create',
        detail: { schemeId: input.schemeId, enrollmentType: input.enrollmentType },
      });
      return this.require(id);
    });
  }

  /** Newest change first. */
  list(filter: BatchFilter = {}): BatchRecord[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.unitId !== undefined) { where.push('unit_id = ?'); params.push(filter.unitId); }
    if (filter.schemeId !== undefined) { where.push('scheme_id = ?'); params.push(filter.schemeId); }
    if (filter.states !== undefined) { where.push('state IN (SELECT value FROM json_each(?))'); params.push(toJson(filter.states)); }
    else if (!filter.includeDeleted) where.push("state <> 'deleted'");
    if (filter.enrollmentTypes !== undefined) {
      where.push('enrollment_type IN (SELECT value FROM json_each(?))');
      params.push(toJson(filter.enrollmentTypes));
    }
    const sql = `SELECT * FROM batches ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC, id`;
    return this.sql.get<unknown[], BatchRow>(sql).all(...params).map((row) => toBatchRecord(row, this.cipher));
  }

  /**
   * Persons and problem rows per batch: named rows plus head-count-only persons; errorRows and
   * warningRows count rows by their worst finding.
   */
  counts(batches: readonly BatchRecord[]): Map<string, BatchCounts> {
    const rows = this.sql
      .get<[string], CountRow>(
        `SELECT batch_id, COUNT(*) AS persons, SUM(verdict = 'error') AS error_rows, SUM(verdict = 'warning') AS warning_rows, SUM(server_rejection IS NOT NULL) AS rejected_rows
         FROM persons WHERE batch_id IN (SELECT value FROM json_each(?)) GROUP BY batch_id`,
      )
      .all(toJson(batches.map((b) => b.id)));
    const byBatch = new Map(rows.map((r) => [r.batch_id, r]));
    return new Map(
      batches.map((b) => {
        const r = byBatch.get(b.id);
        const headCountOnly = b.headCountLines.reduce((sum, line) => sum + line.headCount, 0);
        const counts: BatchCounts = { persons: (r?.persons ?? 0) + headCountOnly, errorRows: r?.error_rows ?? 0, warningRows: r?.warning_rows ?? 0 };
        if (r?.rejected_rows) counts.rejectedRows = r.rejected_rows;
        return [b.id, counts];
      }),
    );
  }

  private unitNames(unitIds: readonly string[]): Map<string, string> {
    const rows = this.sql
      .get<[string], { id: string; name: string }>('SELECT id, name FROM units WHERE id IN (SELECT value FROM json_each(?))')
      .all(toJson([...new Set(unitIds)]));
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  toSummaries(batches: readonly BatchRecord[]): BatchSummary[] {
    const counts = this.counts(batches);
    const names = this.unitNames(batches.map((b) => b.unitId));
    return batches.map((b) => {
      const summary: BatchSummary = {
        id: b.id,
        unitId: b.unitId,
        unitName: names.get(b.unitId) ?? '',
        schemeId: b.schemeId,
        enrollmentType: b.enrollmentType,
        state: b.state,
        stateLabel: batchStateLabel(b.state),
        title: b.title,
        cover: b.cover,
        counts: counts.get(b.id)!,
        payableFen: b.payableFen,
        createdAt: b.createdAt,
        updatedAt: b.updatedAt,
      };
      if (b.policyNumber !== null) summary.policyNumber = b.policyNumber;
      if (b.syncError !== null) summary.syncError = b.syncError;
      return summary;
    });
  }

  listSummaries(filter: BatchFilter = {}): BatchSummary[] {
    return this.toSummaries(this.list(filter));
  }

  summary(id: string): BatchSummary | null {
    const batch = this.get(id);
    return batch ? this.toSummaries([batch])[0]! : null;
  }

  /** Everything `batches.get` returns; clerkEvents are the domain's events for a clerk in this state. */
  detail(id: string): BatchDetail | null {
    const batch = this.get(id);
    if (!batch) return null;
    const detail: BatchDetail = {
      ...this.toSummaries([batch])[0]!,
      selection: batch.selection,
      headCountLines: batch.headCountLines,
      unitFindings: batch.unitFindings,
      clerkEvents: availableEvents(batch.state, 'clerk').filter(isClerkCommand),
      history: this.history(id),
    };
    if (batch.requestedStart !== null) detail.requestedStart = batch.requestedStart;
    if (batch.policyBatchId !== null) detail.policyBatchId = batch.policyBatchId;
    if (batch.contact !== null) detail.contact = batch.contact;
    if (batch.headCounts !== null) detail.headCounts = batch.headCounts;
    if (batch.overAgeCommitmentAt !== null) detail.overAgeCommitmentAt = batch.overAgeCommitmentAt;
    if (batch.socialSecurityTotals !== null) detail.socialSecurityTotals = batch.socialSecurityTotals;
    return detail;
  }

  /** Oldest first. */
  history(id: string): TransitionRecord[] {
    return this.sql
      .get<[string], HistoryRow>('SELECT from_state, to_state, event, at, actor, reason FROM batch_history WHERE batch_id = ? ORDER BY id')
      .all(id)
      .map((r) => {
        const record: TransitionRecord = {
          from: r.from_state as BatchState,
          to: r.to_state as BatchState,
          event: r.event as BatchEvent,
          at: r.at,
          actor: fromJson<Actor>(r.actor),
        };
        if (r.reason !== null) record.reason = r.reason;
        return record;
      });
  }

  private writePatch(id: string, patch: BatchPatch, now: string): string[] {
    const { columns, values, fields } = patchColumns(patch, this.cipher);
    const sets = [...columns.map((c) => `${c} = ?`), 'updated_at = ?'];
    this.sql.get(`UPDATE batches SET ${sets.join(', ')} WHERE id = ?`).run(...values, now, id);
    return fields;
  }

  /** Changes fields other than the state; audited with the field names. */
  update(id: string, patch: BatchPatch, actor: Actor): BatchRecord {
    return inWriteTransaction(this.db, () => {
      this.require(id);
      const fields = this.writePatch(id, patch, isoAt(this.clock));
      this.audit.record({ actor, entity: 'batch', entityId: id, action: 'batch.update', detail: { fields } });
      return this.require(id);
    });
  }

  /** Marks the batch changed (its roster was edited). */
  touch(id: string): void {
    this.sql.get('UPDATE batches SET updated_at = ? WHERE id = ?').run(isoAt(this.clock), id);
  }

  /**
   * The one way a batch changes state. Refusals (and an unknown batch) come back as
   * `{ ok: false, code, message }` with the domain's Chinese message, and nothing is written.
   * Call it inside `store.transaction` to add further writes to the same commit.
   */
  applyTransition(batchId: string, event: BatchEvent, ctx: TransitionContext, options: TransitionOptions = {}): TransitionOutcome {
    return inWriteTransaction(this.db, (): TransitionOutcome => {
      const batch = this.get(batchId);
      if (!batch) return { ok: false, code: 'notFound', message: `批次不存在（编号 ${batchId}）` };
      const result = transition({ state: batch.state, cover: batch.cover }, event, ctx);
      if (!result.ok) return { ok: false, code: result.code, message: result.message };

      const now = isoAt(this.clock);
      const changed = this.sql
        .get('UPDATE batches SET state = ?, updated_at = ? WHERE id = ? AND state = ?')
        .run(result.state, now, batchId, batch.state).changes;
      if (changed !== 1) throw new StoreError('conflict', '批次状态已被其他操作改变，请刷新后重试');
      const { record } = result;
      this.sql
        .get('INSERT INTO batch_history (batch_id, from_state, to_state, event, at, actor, reason) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(batchId, record.from, record.to, record.event, record.at, toJson(record.actor), record.reason ?? null);
      const fields = options.patch ? this.writePatch(batchId, options.patch, now) : [];
      const outboxAction = options.outbox ? this.outbox.enqueue({ ...options.outbox, batchId: options.outbox.batchId ?? batchId, unitId: options.outbox.unitId ?? batch.unitId }) : null;
      this.audit.record({
        actor: ctx.actor,
        entity: 'batch',
        entityId: batchId,
        action: 'batch.transition',
        detail: {
          event,
          from: record.from,
          to: record.to,
          withReason: record.reason !== undefined,
          fields,
          outboxKind: outboxAction?.kind ?? null,
        },
      });
      return { ok: true, batch: this.require(batchId), record, outboxAction };
    });
  }
}
