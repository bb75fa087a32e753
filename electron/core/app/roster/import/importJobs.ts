/**
 * Roster imports as jobs the renderer can follow and cancel: read the file (streaming, with
 * progress), check every row together with the rows already in the batch, then write it
 * all in one transaction. Until that transaction nothing stored changes, so a failed or
 * cancelled import leaves the batch exactly as it was.
 */
import { randomUUID } from 'node:crypto';
import type { ApiError, ImportPhase, ImportProgress, ImportRecordView, ValidIn } from '../../../../../shared/api';
import { acrossPerson, hasError, type AcrossPerson, type RawRosterRow, type RosterFinding, type RowCheckContext } from '../../../../../shared/domain/roster';
import { isRosterFileError } from '../../../roster';
import type { BackgroundThread } from '../../../background/backgroundThread';
import { withColumnMapping, type ColumnMapping } from '../../../../../shared/domain/scheme';
import { RosterStaging, type BatchRecord } from '../../../store';
import { readAndCheckRoster, type CheckedRow } from './checkRowsAsRead';
import { schemeOf, storeCall, type CoreContext } from '../../coreContext';
import { CoreError } from '../../../coreError';
import { assertRosterEditable, checkAcross, rowCheckContext } from '../rosterChecks';
import { commitIntake, commitStagedIntake, planIntake, type IncomingRow } from './commitIntake';

/** An import's file name and options, without the file's text. */
interface RunInput {
  fileName: string;
  mode: ValidIn<'roster.import'>['mode'];
  planCodes?: ValidIn<'roster.import'>['planCodes'];
  /** Given with this import: saved for the unit once the import succeeds. */
  columnMapping?: ColumnMapping;
}

interface Job {
  progress: ImportProgress;
  abort: AbortController;
}

const INTERNAL_FAILURE: ApiError = { code: 'importFailed', message: '导入失败：读取或保存时出错，批次未被修改，请重试' };

export class ImportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly ctx: CoreContext,
    /** Reads the files and checkpoints the store after an import, when the core has one. */
    private readonly background?: BackgroundThread,
  ) {}

  start(input: ValidIn<'roster.import'>): { jobId: string } {
    const { ctx } = this;
    const batch = storeCall(() => ctx.store.batches.require(input.batchId));
    assertRosterEditable(batch);
    const jobId = randomUUID();
    const bytes = Buffer.from(input.file.base64, 'base64');
    ctx.store.imports.start({ batchId: batch.id, fileName: input.file.name, mode: input.mode, id: jobId });
    const job: Job = {
      abort: new AbortController(),
      progress: { jobId, batchId: batch.id, fileName: input.file.name, phase: 'queued', rowsRead: 0, totalRows: null, accepted: 0, rejected: 0 },
    };
    this.jobs.set(jobId, job);
    // Let the call return the job id first; the renderer follows it with events or polling.
    // Only what the run needs is kept: not the file's base64 text (a third larger than the file).
    const { mode, planCodes, columnMapping } = input;
    // A mapping is remembered once an import succeeds with it; an empty one forgets the unit's at once.
    if (columnMapping && Object.keys(columnMapping).length === 0) storeCall(() => ctx.store.columnMappings.save(batch.unitId, batch.schemeId, {}));
    const fileName = input.file.name;
    setImmediate(() => void this.run(job, batch.id, bytes, { fileName, mode, ...(planCodes ? { planCodes } : {}), ...(columnMapping ? { columnMapping } : {}) }));
    return { jobId };
  }

  progress(jobId: string): ImportProgress {
    const job = this.jobs.get(jobId);
    if (job) return { ...job.progress };
    const record = this.ctx.store.imports.get(jobId);
    if (!record) throw new CoreError('NOT_FOUND', `找不到导入任务（${jobId}）`, 404);
    const phase: ImportPhase = record.status === 'running' ? 'failed' : record.status;
    const progress: ImportProgress = { jobId, batchId: record.batchId, fileName: record.fileName, phase, rowsRead: record.total ?? 0, totalRows: record.total, accepted: record.accepted, rejected: record.rejected };
    if (record.error) progress.error = record.error;
    if (record.ignoredColumns.length > 0) progress.ignoredColumns = record.ignoredColumns;
    return progress;
  }

  /** The batch's imports, newest first: a running one as it stands, an ended one as recorded. */
  history(batchId: string): ImportRecordView[] {
    return this.ctx.store.imports.listForBatch(batchId).map((record) => ({
      ...this.progress(record.id),
      mode: record.mode,
      startedAt: record.startedAt,
      finishedAt: record.finishedAt,
    }));
  }

  cancel(jobId: string): ImportProgress {
    const job = this.jobs.get(jobId);
    if (!job) return this.progress(jobId);
    if (job.progress.phase === 'reading' || job.progress.phase === 'checking' || job.progress.phase === 'queued') job.abort.abort();
    return { ...job.progress };
  }

  /** Waits for a job to end (tests and the print queue). */
  async settled(jobId: string): Promise<ImportProgress> {
    for (;;) {
      const p = this.progress(jobId);
      if (p.phase === 'done' || p.phase === 'failed' || p.phase === 'cancelled') return p;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private update(job: Job, change: Partial<ImportProgress>): void {
    Object.assign(job.progress, change);
    this.ctx.events.emit({ type: 'import.progress', progress: { ...job.progress } });
  }

  /** Writes an import's one transaction; with a background thread, the store's checkpoint after it runs there. */
  private commit(write: () => void): void {
    const { background } = this;
    if (!background?.running) return write();
    this.ctx.store.transactionLeavingCheckpoint(write);
    void background.checkpoint(this.ctx.store.file);
  }

  private async run(job: Job, batchId: string, bytes: Buffer, input: RunInput): Promise<void> {
    const { ctx } = this;
    const signal = job.abort.signal;
    let staging: RosterStaging | null = null;
    try {
      const batch = ctx.store.batches.require(batchId);
      const scheme = schemeOf(ctx, batch.schemeId, batch.schemeVersion);
      const mapping = input.columnMapping ?? ctx.store.columnMappings.get(batch.unitId, batch.schemeId) ?? undefined;
      const readWith = mapping ? { ...scheme, roster: withColumnMapping(scheme.roster, mapping) } : scheme;
      this.update(job, { phase: 'reading', ...(mapping && Object.keys(mapping).length > 0 ? { columnMapping: { ...mapping } } : {}) });
      // Rows are checked as they are read and staged as they are checked, so little is left
      // to do once the last row is in, and the rows of a large file are never all held at once.
      const rows = new StagedRows((staging = ctx.store.stageRoster()));
      const checkedWith = { ...rowCheckContext(ctx, batch, scheme), scheme: readWith };
      const file = await readAndCheckRoster(
        { fileName: input.fileName, bytes, handOver: true, ...(input.planCodes ? { planCodes: input.planCodes } : {}) },
        checkedWith,
        { signal, onProgress: (rowsRead) => this.update(job, { rowsRead }), onRows: (checked) => rows.add(checked), ...(this.background ? { read: this.background.readRoster } : {}) },
      );
      this.update(job, { phase: 'checking', rowsRead: file.totalRows, totalRows: file.totalRows });
      await yieldToEventLoop();
      if (signal.aborted) throw signal.reason;

      const current = ctx.store.batches.require(batchId);
      assertRosterEditable(current);
      const replace = input.mode === 'replace';
      const actor = ctx.clerk();
      const importId = job.progress.jobId;
      const finish = (rejected: number) => () => {
        ctx.store.imports.finish(importId, { status: 'done', total: file.totalRows, accepted: file.totalRows - rejected, rejected, ignoredColumns: file.ignoredHeaders });
        if (input.columnMapping) ctx.store.columnMappings.save(current.unitId, current.schemeId, { ...input.columnMapping });
      };
      // The batch changed what the row checks depend on (its plans, its dates) while the file was read: check the rows again.
      const stale = contextKey(rowCheckContext(ctx, current, schemeOf(ctx, current.schemeId, current.schemeVersion))) !== contextKey(checkedWith);
      let rejected: number;
      if (!stale && (replace || ctx.store.persons.count(batchId) === 0)) {
        const across = rows.checkAcross(ctx, current);
        rejected = across.rejected;
        await yieldToEventLoop();
        if (signal.aborted) throw signal.reason;
        this.update(job, { phase: 'saving' });
        const intake = { staging, extraFindings: across.extraFindings, unitFindings: across.unitFindings };
        this.commit(() => commitStagedIntake(ctx, batchId, intake, { replace, actor, importId, alongside: finish(rejected) }));
      } else {
        // A re-import merges by document number: the stored rows take part in the checks.
        const incoming = rows.incoming();
        // Checked again from their cleaned values, which check to the same: only what the checks across rows need was kept of each.
        const plan = planIntake(ctx, current, replace ? [] : ctx.store.persons.allRows(batchId), incoming);
        rejected = plan.rejected;
        await yieldToEventLoop();
        if (signal.aborted) throw signal.reason;
        this.update(job, { phase: 'saving' });
        this.commit(() => commitIntake(ctx, batchId, plan, { replace, actor, importId, alongside: finish(rejected) }));
      }
      this.update(job, { phase: 'done', accepted: file.totalRows - rejected, rejected, ...(file.ignoredHeaders.length > 0 ? { ignoredColumns: file.ignoredHeaders } : {}) });
    } catch (e) {
      const cancelled = signal.aborted || (isRosterFileError(e) && e.code === 'cancelled');
      const error: ApiError | undefined = cancelled ? undefined : isRosterFileError(e) ? { code: e.code, message: e.message } : e instanceof CoreError ? e.toApiError() : INTERNAL_FAILURE;
      if (!cancelled && !isRosterFileError(e) && !(e instanceof CoreError)) console.error('[import] failed:', (e as Error)?.name);
      ctx.store.imports.finish(job.progress.jobId, { status: cancelled ? 'cancelled' : 'failed', accepted: 0, rejected: 0, ...(error ? { error } : {}) });
      const unmatched = isRosterFileError(e) ? e.unmatched : undefined;
      this.update(job, { phase: cancelled ? 'cancelled' : 'failed', ...(error ? { error } : {}), ...(unmatched ? { unmatched } : {}) });
    } finally {
      staging?.drop();
    }
  }
}

/**
 * The checked rows of an import: staged in the store as they come, and of each only what
 * the checks across rows need (AcrossPerson, its sheet row, whether it has an error): a
 * 100,000-row import keeps no full person in memory.
 */
class StagedRows {
  private readonly persons: AcrossPerson[] = [];
  private readonly sourceRows: number[] = [];
  private readonly ownError: boolean[] = [];

  constructor(private readonly staging: RosterStaging) {}

  add(rows: readonly CheckedRow[]): void {
    this.staging.add(rows);
    for (const r of rows) {
      this.persons.push(acrossPerson(r.person));
      this.sourceRows.push(r.sourceRow);
      this.ownError.push(hasError(r.findings));
    }
  }

  /** Duplicates among the rows and against the store, and the unit rules (checkAcross), for a batch with no stored rows to merge onto. */
  checkAcross(ctx: CoreContext, batch: BatchRecord): { extraFindings: Map<number, RosterFinding[]>; unitFindings: RosterFinding[]; rejected: number } {
    const checks = this.persons.map((person) => ({ person, findings: [] as RosterFinding[] }));
    const unitFindings = checkAcross(ctx, batch, checks, this.sourceRows);
    const extraFindings = new Map<number, RosterFinding[]>();
    let rejected = 0;
    checks.forEach((c, i) => {
      if (c.findings.length > 0) extraFindings.set(i + 1, c.findings);
      if (this.ownError[i] || hasError(c.findings)) rejected++;
    });
    return { extraFindings, unitFindings, rejected };
  }

  /** The rows as planIntake takes them (their cleaned values, which check again to the same), read back from the staging table. */
  incoming(): IncomingRow[] {
    const out: IncomingRow[] = [];
    for (const r of this.staging.rows()) out.push({ sourceRow: r.sourceRow, values: JSON.parse(r.valuesJson) as RawRosterRow });
    return out;
  }
}

/** What the row checks depend on, to compare the context a file was checked in with the batch's current one. */
function contextKey(context: RowCheckContext): string {
  const { scheme, ...rest } = context;
  return JSON.stringify({ ...rest, scheme: [scheme.id, scheme.version] });
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
