/** Import records: one per roster file taken into a batch, with what came of it (成功人数 / 失败人数). */
import { randomUUID } from 'node:crypto';
import type { ApiError } from '../../../shared/api/dto';
import { StoreError, notFound } from './errors';
import { fromJsonOrNull, toJson, toJsonOrNull } from './json';
import type { SqliteDatabase } from './openDatabase';
import { Statements } from './statements';
import { isoAt, type Clock } from './time';

export type ImportMode = 'append' | 'replace' | 'merge';
export type ImportStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface ImportRecord {
  id: string;
  batchId: string;
  fileName: string;
  mode: ImportMode;
  startedAt: string;
  finishedAt: string | null;
  /** Rows in the file, once known. */
  total: number | null;
  accepted: number;
  rejected: number;
  status: ImportStatus;
  error: ApiError | null;
  /** The file's headers read but not imported. */
  ignoredColumns: string[];
}

export interface ImportOutcome {
  status: Exclude<ImportStatus, 'running'>;
  total?: number | null;
  accepted: number;
  rejected: number;
  error?: ApiError | null;
  ignoredColumns?: readonly string[];
}

interface ImportRow {
  id: string;
  batch_id: string;
  file_name: string;
  mode: ImportMode;
  started_at: string;
  finished_at: string | null;
  total: number | null;
  accepted: number;
  rejected: number;
  status: ImportStatus;
  error: string | null;
  ignored_columns: string | null;
}

function toRecord(row: ImportRow): ImportRecord {
  return {
    id: row.id,
    batchId: row.batch_id,
    fileName: row.file_name,
    mode: row.mode,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    total: row.total,
    accepted: row.accepted,
    rejected: row.rejected,
    status: row.status,
    error: fromJsonOrNull<ApiError>(row.error),
    ignoredColumns: fromJsonOrNull<string[]>(row.ignored_columns) ?? [],
  };
}

export const INTERRUPTED_IMPORT: ApiError = { code: 'importInterrupted', message: '导入在完成前被中断（软件被关闭），已导入的内容未保存，请重新导入' };

export class ImportsRepo {
  private readonly sql: Statements;

  constructor(
    db: SqliteDatabase,
    private readonly clock: Clock,
  ) {
    this.sql = new Statements(db);
  }

  /** `id` lets the import job's id double as the record's. */
  start(input: { batchId: string; fileName: string; mode: ImportMode; id?: string }): ImportRecord {
    const id = input.id ?? randomUUID();
    this.sql
      .get("INSERT INTO imports (id, batch_id, file_name, mode, started_at, status) VALUES (?, ?, ?, ?, ?, 'running')")
      .run(id, input.batchId, input.fileName, input.mode, isoAt(this.clock));
    return this.require(id);
  }

  get(id: string): ImportRecord | null {
    const row = this.sql.get<[string], ImportRow>('SELECT * FROM imports WHERE id = ?').get(id);
    return row ? toRecord(row) : null;
  }

  require(id: string): ImportRecord {
    const record = this.get(id);
    if (!record) throw notFound('导入记录', id);
    return record;
  }

  /** Newest first. */
  listForBatch(batchId: string): ImportRecord[] {
    return this.sql.get<[string], ImportRow>('SELECT * FROM imports WHERE batch_id = ? ORDER BY started_at DESC, rowid DESC').all(batchId).map(toRecord);
  }

  /** Ends a running import; call it in the transaction that stores the rows, so both or neither land. */
  finish(id: string, outcome: ImportOutcome): ImportRecord {
    const changes = this.sql
      .get("UPDATE imports SET status = ?, finished_at = ?, total = ?, accepted = ?, rejected = ?, error = ?, ignored_columns = ? WHERE id = ? AND status = 'running'")
      .run(outcome.status, isoAt(this.clock), outcome.total ?? null, outcome.accepted, outcome.rejected, toJsonOrNull(outcome.error), outcome.ignoredColumns?.length ? toJson(outcome.ignoredColumns) : null, id).changes;
    if (changes === 0) {
      const current = this.require(id);
      throw new StoreError('conflict', `导入已结束（${current.status}），不能再次结束`);
    }
    return this.require(id);
  }

  /** On start-up: imports left running by a crash are marked failed. */
  recoverInterrupted(): number {
    return this.sql
      .get("UPDATE imports SET status = 'failed', finished_at = ?, error = ? WHERE status = 'running'")
      .run(isoAt(this.clock), toJsonOrNull(INTERRUPTED_IMPORT)).changes;
  }
}
