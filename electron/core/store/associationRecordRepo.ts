/**
 * The unit's record as the association holds it (issue 18): batches this machine did not
 * submit, written as the association reports them so the records query, last year's list,
 * renewal reminders, the person view and the 保全 policy picker read them like local ones.
 * How far each batch's persons were pulled is kept in sync_state, one key per batch, so a
 * pull stopped half-way resumes at its page and a batch submitted here is never touched.
 */
import type { TransitionRecord } from '../../../shared/domain/batch';
import type { BatchRecord } from './batchRecord';
import { toJson } from './json';
import type { SqliteDatabase } from './openDatabase';
import { Statements } from './statements';
import type { SyncStateRepo } from './syncStateRepo';

/** A batch as the association reports it; `id` is the client id every unit route uses. */
export type AssociationBatch = Pick<
  BatchRecord,
  'id' | 'unitId' | 'schemeId' | 'schemeVersion' | 'enrollmentType' | 'title' | 'state' | 'selection' | 'headCountLines' | 'requestedStart' | 'cover' | 'coverageYear' | 'policyBatchId' | 'policyNumber'
> & {
  payableFen: number;
  submittedAt: string;
  updatedAt: string;
  /** 保单操作记录 as the association keeps it, oldest first. */
  history: TransitionRecord[];
};

/** How far a pulled batch's persons reach. */
export interface RecordPullProgress {
  /** The association's `updatedAt` of the batch these persons belong to: another one restarts the batch's persons. */
  serverUpdatedAt: string;
  total: number;
  done: number;
}

const PROGRESS_PREFIX = 'recordPull:';
export const RECORD_PULLED_AT_KEY = 'recordPulledAt';

export class AssociationRecordRepo {
  private readonly sql: Statements;

  constructor(
    db: SqliteDatabase,
    private readonly syncState: SyncStateRepo,
  ) {
    this.sql = new Statements(db);
  }

  progress(batchId: string): RecordPullProgress | null {
    return this.syncState.getJson<RecordPullProgress>(`${PROGRESS_PREFIX}${batchId}`);
  }

  setProgress(batchId: string, progress: RecordPullProgress): void {
    this.syncState.setJson(`${PROGRESS_PREFIX}${batchId}`, progress);
  }

  /** Whether the batch came from the association's record rather than from this machine. */
  isPulled(batchId: string): boolean {
    return this.progress(batchId) !== null;
  }

  /** When the whole record was last brought up to date, or null if it never was. */
  pulledAt(): string | null {
    return this.syncState.get(RECORD_PULLED_AT_KEY);
  }

  setPulledAt(at: string): void {
    this.syncState.set(RECORD_PULLED_AT_KEY, at);
  }

  /** Inserts the batch or brings it to the association's version, its history replaced. Call inside a transaction. */
  upsertBatch(b: AssociationBatch): void {
    // A supplementary batch names its policy only where that policy is on this machine (the foreign key).
    const policy = b.policyBatchId !== null && this.sql.get<[string], { id: string }>('SELECT id FROM batches WHERE id = ?').get(b.policyBatchId) ? b.policyBatchId : null;
    this.sql
      .get(
        `INSERT INTO batches (id, unit_id, scheme_id, scheme_version, enrollment_type, title, state, selection, head_count_lines, requested_start,
           cover_start, cover_end, coverage_year_start, coverage_year_end, policy_batch_id, policy_number, payable_fen, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET scheme_version = excluded.scheme_version, title = excluded.title, state = excluded.state,
           selection = excluded.selection, head_count_lines = excluded.head_count_lines, requested_start = excluded.requested_start,
           cover_start = excluded.cover_start, cover_end = excluded.cover_end, policy_batch_id = excluded.policy_batch_id,
           policy_number = excluded.policy_number, payable_fen = excluded.payable_fen, updated_at = excluded.updated_at`,
      )
      .run(
        b.id,
        b.unitId,
        b.schemeId,
        b.schemeVersion,
        b.enrollmentType,
        b.title,
        b.state,
        toJson(b.selection),
        toJson(b.headCountLines),
        b.requestedStart,
        b.cover?.start ?? null,
        b.cover?.end ?? null,
        b.coverageYear.start,
        b.coverageYear.end,
        policy,
        b.policyNumber,
        b.payableFen,
        b.submittedAt,
        b.updatedAt,
      );
    this.sql.get('DELETE FROM batch_history WHERE batch_id = ?').run(b.id);
    const insert = this.sql.get('INSERT INTO batch_history (batch_id, from_state, to_state, event, at, actor, reason) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const r of b.history) insert.run(b.id, r.from, r.to, r.event, r.at, toJson(r.actor), r.reason ?? null);
  }
}
