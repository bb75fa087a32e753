/**
 * The outbox: actions for the association's server, written in the same transaction as the
 * change they report (every method runs inside the caller's transaction when there is one).
 *
 * Ordering: actions share a lane (their batch, else their unit); a lane sends one action at a
 * time, oldest first, and a lane waiting on a retry holds back only itself. A permanent
 * refusal ends the action as `failed` (shown to the clerk) and does not block its lane.
 * Transient errors leave it `pending` with a later `next_attempt_at`.
 */
import { randomUUID } from 'node:crypto';
import type { ApiError } from '../../../shared/api/dto';
import { StoreError, notFound } from './errors';
import { fromJson, fromJsonOrNull, toJson, toJsonOrNull } from './json';
import type { SqliteDatabase } from './openDatabase';
import type { PersonalDataCipher } from './personalDataCipher';
import { openSealedJson, sealedJson } from './sealPersonalData';
import { Statements, inWriteTransaction } from './statements';
import { isoAt, toStoreTime, type Clock } from './time';

export type OutboxStatus = 'pending' | 'sending' | 'failed' | 'done';

export interface NewOutboxAction {
  /** The wire protocol's action kind (submitBatch, withdrawBatch, registerUnit …). */
  kind: string;
  batchId?: string;
  unitId?: string;
  payload: unknown;
  /** Defaults to a fresh UUID; the server applies each key once. */
  idempotencyKey?: string;
  /** Not before this time (default: now). */
  notBefore?: Date | string;
}

export interface OutboxAction {
  id: string;
  /** Global order of enqueueing. */
  seq: number;
  kind: string;
  lane: string;
  batchId: string | null;
  unitId: string | null;
  idempotencyKey: string;
  payload: unknown;
  createdAt: string;
  /** Sending attempts started (0: never sent, so a submission can still be cancelled). */
  attempts: number;
  nextAttemptAt: string;
  lastError: ApiError | null;
  status: OutboxStatus;
  /** Where a chunked upload stopped. */
  progress: unknown;
  finishedAt: string | null;
  dismissedAt: string | null;
}

export interface OutboxStatusCounts {
  /** Waiting to be sent (not counting those being sent). */
  pending: number;
  sending: OutboxAction[];
  /** Permanent refusals the clerk has not dismissed, oldest first. */
  failed: OutboxAction[];
  /** The earliest time a lane's next action is due, or null when nothing waits. */
  nextAttemptAt: string | null;
}

interface OutboxRow {
  seq: number;
  id: string;
  kind: string;
  lane: string;
  batch_id: string | null;
  unit_id: string | null;
  idempotency_key: string;
  payload: string;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  status: OutboxStatus;
  progress: string | null;
  finished_at: string | null;
  dismissed_at: string | null;
}

/** Payloads carry personal data (a unit's handler and phones, attachments): sealed whole. */
function toAction(row: OutboxRow, cipher: PersonalDataCipher): OutboxAction {
  return {
    id: row.id,
    seq: row.seq,
    kind: row.kind,
    lane: row.lane,
    batchId: row.batch_id,
    unitId: row.unit_id,
    idempotencyKey: row.idempotency_key,
    payload: fromJson<unknown>(openSealedJson(cipher, row.payload)),
    createdAt: row.created_at,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: fromJsonOrNull<ApiError>(row.last_error),
    status: row.status,
    progress: fromJsonOrNull<unknown>(row.progress),
    finishedAt: row.finished_at,
    dismissedAt: row.dismissed_at,
  };
}

export function laneOf(action: { batchId?: string | null; unitId?: string | null }, id: string): string {
  if (action.batchId) return `batch:${action.batchId}`;
  if (action.unitId) return `unit:${action.unitId}`;
  return `action:${id}`;
}

const STATUS_LABELS: Record<OutboxStatus, string> = { pending: '待发送', sending: '发送中', failed: '发送失败', done: '已完成' };

export class OutboxRepo {
  private readonly sql: Statements;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock,
    private readonly cipher: PersonalDataCipher,
  ) {
    this.sql = new Statements(db);
  }

  /** Adds an action; call it inside the transaction that makes the change it reports. */
  enqueue(action: NewOutboxAction): OutboxAction {
    const id = randomUUID();
    const now = isoAt(this.clock);
    this.sql
      .get(
        `INSERT INTO outbox (id, kind, lane, batch_id, unit_id, idempotency_key, payload, created_at, attempts, next_attempt_at, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 'pending')`,
      )
      .run(
        id,
        action.kind,
        laneOf(action, id),
        action.batchId ?? null,
        action.unitId ?? null,
        action.idempotencyKey ?? randomUUID(),
        sealedJson(this.cipher, toJson(action.payload ?? null)),
        now,
        action.notBefore === undefined ? now : toStoreTime(action.notBefore),
      );
    return this.require(id);
  }

  get(id: string): OutboxAction | null {
    const row = this.sql.get<[string], OutboxRow>('SELECT * FROM outbox WHERE id = ?').get(id);
    return row ? toAction(row, this.cipher) : null;
  }

  require(id: string): OutboxAction {
    const action = this.get(id);
    if (!action) throw notFound('待发送操作', id);
    return action;
  }

  /** All actions of a batch in order, finished ones included. */
  listForBatch(batchId: string): OutboxAction[] {
    return this.sql.get<[string], OutboxRow>('SELECT * FROM outbox WHERE batch_id = ? ORDER BY seq').all(batchId).map((row) => toAction(row, this.cipher));
  }

  /** Every action not yet answered (pending or on its way), in order. */
  unfinished(): OutboxAction[] {
    return this.sql.get<[], OutboxRow>("SELECT * FROM outbox WHERE status IN ('pending', 'sending') ORDER BY seq").all().map((row) => toAction(row, this.cipher));
  }

  /** The actions to send now: the oldest unfinished action of each lane, when it is pending and due. */
  nextSendable(now: Date = this.clock(), limit = 20): OutboxAction[] {
    return this.sql
      .get<[string, number], OutboxRow>(
        `SELECT o.* FROM outbox o
         WHERE o.status = 'pending' AND o.next_attempt_at <= ?
           AND o.seq = (SELECT MIN(h.seq) FROM outbox h WHERE h.lane = o.lane AND h.status IN ('pending', 'sending'))
         ORDER BY o.next_attempt_at, o.seq LIMIT ?`,
      )
      .all(now.toISOString(), limit)
      .map((row) => toAction(row, this.cipher));
  }

  private transition(id: string, allowed: readonly OutboxStatus[], sql: string, ...params: unknown[]): OutboxAction {
    return inWriteTransaction(this.db, () => {
      const current = this.require(id);
      if (!allowed.includes(current.status)) {
        throw new StoreError('conflict', `操作当前为“${STATUS_LABELS[current.status]}”，不能再变更（编号 ${id}）`);
      }
      this.sql.get(sql).run(...params, id);
      return this.require(id);
    });
  }

  /** An attempt starts: counted, so `attempts > 0` means the server may have it. */
  markSending(id: string): OutboxAction {
    return this.transition(id, ['pending'], "UPDATE outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ?");
  }

  /** The server applied it (or had already: same idempotency key). */
  markDone(id: string): OutboxAction {
    return this.transition(id, ['pending', 'sending'], "UPDATE outbox SET status = 'done', last_error = NULL, finished_at = ? WHERE id = ?", isoAt(this.clock));
  }

  /** A permanent refusal: shown to the clerk on its batch, no more retries. */
  markFailed(id: string, error: ApiError): OutboxAction {
    return this.transition(
      id,
      ['pending', 'sending'],
      "UPDATE outbox SET status = 'failed', last_error = ?, finished_at = ? WHERE id = ?",
      toJson(error),
      isoAt(this.clock),
    );
  }

  /** A transient failure (offline, timeout, 5xx): back to pending, due again at `nextAttemptAt`. */
  reschedule(id: string, error: ApiError, nextAttemptAt: Date | string): OutboxAction {
    return this.transition(
      id,
      ['pending', 'sending'],
      "UPDATE outbox SET status = 'pending', last_error = ?, next_attempt_at = ? WHERE id = ?",
      toJson(error),
      toStoreTime(nextAttemptAt),
    );
  }

  /** Remembers how far a chunked upload got. */
  saveProgress(id: string, progress: unknown): void {
    const result = this.sql.get('UPDATE outbox SET progress = ? WHERE id = ?').run(toJsonOrNull(progress), id);
    if (result.changes === 0) throw notFound('待发送操作', id);
  }

  /** On start-up: an action left `sending` by a crash goes back to pending (the idempotency key makes the resend safe). */
  recoverInterrupted(): number {
    return this.sql.get("UPDATE outbox SET status = 'pending' WHERE status = 'sending'").run().changes;
  }

  /** "Retry now": every pending action becomes due at once. */
  makeAllDue(now: Date = this.clock()): number {
    const at = now.toISOString();
    return this.sql.get("UPDATE outbox SET next_attempt_at = ? WHERE status = 'pending' AND next_attempt_at > ?").run(at, at).changes;
  }

  /**
   * The batch's latest action (of `kind`, if given) that no attempt has touched yet: what
   * cancelSubmission needs to know (`notYetSent`) before it removes the action.
   */
  unsentAction(batchId: string, kind?: string): OutboxAction | null {
    const row = this.sql
      .get<[string, string | null, string | null], OutboxRow>(
        `SELECT * FROM outbox WHERE batch_id = ? AND status = 'pending' AND attempts = 0 AND (? IS NULL OR kind = ?)
         ORDER BY seq DESC LIMIT 1`,
      )
      .get(batchId, kind ?? null, kind ?? null);
    return row ? toAction(row, this.cipher) : null;
  }

  /**
   * Removes an action that was never sent (cancelSubmission); false when an attempt has
   * started, since the server may already have it.
   */
  cancelUnsent(id: string): boolean {
    return this.sql.get("DELETE FROM outbox WHERE id = ? AND status = 'pending' AND attempts = 0").run(id).changes > 0;
  }

  /** The clerk has dealt with a permanent failure; it leaves the failure list. */
  dismissFailure(id: string): OutboxAction {
    return this.transition(id, ['failed'], 'UPDATE outbox SET dismissed_at = ? WHERE id = ?', isoAt(this.clock));
  }

  /** Sends a permanently refused action again (after the clerk fixed the cause). */
  requeueFailed(id: string, now: Date = this.clock()): OutboxAction {
    return this.transition(
      id,
      ['failed'],
      "UPDATE outbox SET status = 'pending', finished_at = NULL, dismissed_at = NULL, next_attempt_at = ? WHERE id = ?",
      now.toISOString(),
    );
  }

  /** The figures behind SyncStatus. */
  status(): OutboxStatusCounts {
    const pending = this.sql.get<[], { n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'").get()!.n;
    const sending = this.sql.get<[], OutboxRow>("SELECT * FROM outbox WHERE status = 'sending' ORDER BY seq").all().map((row) => toAction(row, this.cipher));
    const failed = this.sql
      .get<[], OutboxRow>("SELECT * FROM outbox WHERE status = 'failed' AND dismissed_at IS NULL ORDER BY seq")
      .all()
      .map((row) => toAction(row, this.cipher));
    const next = this.sql
      .get<[], { at: string | null }>(
        `SELECT MIN(o.next_attempt_at) AS at FROM outbox o
         WHERE o.status = 'pending'
           AND o.seq = (SELECT MIN(h.seq) FROM outbox h WHERE h.lane = o.lane AND h.status IN ('pending', 'sending'))`,
      )
      .get()!.at;
    return { pending, sending, failed, nextAttemptAt: next };
  }
}
