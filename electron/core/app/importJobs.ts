/**
 * Roster imports as jobs the renderer can follow and cancel: read the file (streaming, with
 * progress), check every row together with the rows already in the batch, then write it
 * all in one transaction. Until that transaction nothing stored changes, so a failed or
 * cancelled import leaves the batch exactly as it was.
 */
import { randomUUID } from 'node:crypto';
import type { ApiError, ImportPhase, ImportProgress, ImportRecordView, ValidIn } from '../../../shared/api';
import { isRosterFileError, readRosterFile } from '../roster';
import { schemeOf, storeCall, type CoreContext } from './coreContext';
import { CoreError } from './coreError';
import { assertRosterEditable } from './rosterChecking';
import { commitIntake, planIntake, withPlans } from './rosterIntake';

interface Job {
  progress: ImportProgress;
  abort: AbortController;
}

const INTERNAL_FAILURE: ApiError = { code: 'importFailed', message: '导入失败：读取或保存时出错，批次未被修改，请重试' };

export class ImportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly ctx: CoreContext) {}

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
    setImmediate(() => void this.run(job, batch.id, bytes, input));
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

  private async run(job: Job, batchId: string, bytes: Buffer, input: ValidIn<'roster.import'>): Promise<void> {
    const { ctx } = this;
    const signal = job.abort.signal;
    try {
      const batch = ctx.store.batches.require(batchId);
      const scheme = schemeOf(ctx, batch.schemeId, batch.schemeVersion);
      this.update(job, { phase: 'reading' });
      const file = await readRosterFile({ fileName: input.file.name, bytes }, scheme, { signal, onProgress: (rowsRead) => this.update(job, { rowsRead }) });
      this.update(job, { phase: 'checking', rowsRead: file.totalRows, totalRows: file.totalRows });
      await yieldToEventLoop();
      if (signal.aborted) throw signal.reason;

      const incoming = file.rows.map((r) => ({ sourceRow: r.sourceRow, values: withPlans(r.values, input.planCodes) }));
      const current = ctx.store.batches.require(batchId);
      assertRosterEditable(current);
      const plan = planIntake(ctx, current, input.mode === 'replace' ? [] : ctx.store.persons.allRows(batchId), incoming);
      await yieldToEventLoop();
      if (signal.aborted) throw signal.reason;

      this.update(job, { phase: 'saving' });
      const { rejected } = plan;
      commitIntake(ctx, batchId, plan, {
        replace: input.mode === 'replace',
        actor: ctx.clerk(),
        importId: job.progress.jobId,
        alongside: () => ctx.store.imports.finish(job.progress.jobId, { status: 'done', total: file.totalRows, accepted: file.totalRows - rejected, rejected }),
      });
      this.update(job, { phase: 'done', accepted: file.totalRows - rejected, rejected });
    } catch (e) {
      const cancelled = signal.aborted || (isRosterFileError(e) && e.code === 'cancelled');
      const error: ApiError | undefined = cancelled ? undefined : isRosterFileError(e) ? { code: e.code, message: e.message } : e instanceof CoreError ? e.toApiError() : INTERNAL_FAILURE;
      if (!cancelled && !isRosterFileError(e) && !(e instanceof CoreError)) console.error('[import] failed:', (e as Error)?.name);
      ctx.store.imports.finish(job.progress.jobId, { status: cancelled ? 'cancelled' : 'failed', accepted: 0, rejected: 0, ...(error ? { error } : {}) });
      this.update(job, { phase: cancelled ? 'cancelled' : 'failed', ...(error ? { error } : {}) });
    }
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
