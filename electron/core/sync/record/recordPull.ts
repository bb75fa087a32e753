/**
 * The unit's record from the association (issue 18): every batch of every coverage year the
 * association holds for the unit and not submitted from this machine, with its persons
 * (plans, 职退情况, refusals), payment confirmation, invoices and 保单操作记录, so a fresh
 * install reads a unit that enrolled for years as the association knows it.
 *
 * Pulled in pages, each written in its own short transaction with how far it reached, so the
 * core's process never holds the store long and a pull cut off resumes at its page. Once
 * pulled, a batch is kept current by the change feed; it is pulled again only when the
 * association's `updatedAt` of it moved. Batches this machine submitted are left to the feed.
 */
import type { ApiEvent } from '../../../../shared/api';
import { ROSTER_FIELDS, type RawRosterRow } from '../../../../shared/domain/roster';
import { batchListSchema, batchPersonsPageSchema, batchViewSchema, ROUTES, routePath, type BatchView } from '../../../../shared/wire';
import type { AssociationBatch, RecordPullProgress } from '../../store';
import type { PullJob, ServerFacts } from '../feed/changeFeed';
import type { WireResponse } from '../serverClient';
import { rejectionFinding } from '../feed/rejectionFinding';
import { batchesMovedBy } from '../feed/serverBatchState';
import { knownRevisionKey, serverFactsKey } from '../syncKeys';

/** The server's largest persons page. */
export const RECORD_PAGE_SIZE = 1000;

export interface RecordPullJob extends PullJob {
  /** At most this many persons pages in one call; the rest waits for the next (the loop has other work). */
  maxPages: number;
  emit: (event: Extract<ApiEvent, { type: 'record.progress' }>) => void;
}

export interface RecordPullReport {
  batches: number;
  persons: number;
  pages: number;
  /** Everything the association listed is on this machine. */
  finished: boolean;
}

export type RecordPullOutcome = { ok: true; report: RecordPullReport } | { ok: false; response: Extract<WireResponse, { ok: false }> };

type Summary = ReturnType<typeof batchListSchema.parse>['batches'][number];

const unreadable = (what: string): Extract<WireResponse, { ok: false }> => ({
  ok: false,
  status: 0,
  reached: true,
  failure: 'retry',
  error: { code: 'unreadableResponse', message: `服务器的${what}格式不正确，稍后自动重试` },
});

const KNOWN_FIELDS = new Set<string>(ROSTER_FIELDS);

/** The row's fields this version of the app knows; another server version's extra keys are left out. */
function rosterValues(values: Record<string, string>): RawRosterRow {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) if (KNOWN_FIELDS.has(key)) out[key] = value;
  return out as RawRosterRow;
}

function associationBatch(view: BatchView, summary: Summary, unitId: string): AssociationBatch {
  return {
    id: view.batchId,
    unitId,
    schemeId: view.schemeId,
    schemeVersion: view.schemeVersion,
    enrollmentType: view.enrollmentType,
    title: view.title,
    state: view.state,
    selection: view.selection,
    headCountLines: view.headCountLines,
    requestedStart: view.requestedStart,
    cover: view.cover,
    coverageYear: summary.coverageYear,
    policyBatchId: view.policyBatchId,
    policyNumber: view.policyNumber,
    payableFen: view.payableFen,
    submittedAt: view.submittedAt,
    updatedAt: view.updatedAt,
    history: view.history.map((r) => ({ ...r, actor: { kind: r.actor.kind, ...(r.actor.name !== undefined ? { name: r.actor.name } : {}) }, ...(r.reason !== undefined ? { reason: r.reason } : {}) })),
  };
}

/** What the documents read about payment and invoices, as the change feed would have left it. */
function factsOf(view: BatchView): ServerFacts {
  const facts: ServerFacts = {};
  if (view.payment?.confirmedFen !== undefined && view.payment.confirmedOn !== undefined) {
    facts.payment = { amountFen: view.payment.confirmedFen, confirmedOn: view.payment.confirmedOn };
  }
  const issued = view.invoices.flatMap((i) =>
    i.status === 'issued' && i.invoiceNumber !== undefined && i.issuedOn !== undefined
      ? [
          {
            invoiceId: i.invoiceId,
            requestId: i.requestId,
            ...(i.ref !== undefined ? { ref: i.ref } : {}),
            invoiceNumber: i.invoiceNumber,
            amountFen: i.amountFen,
            title: i.title,
            ...(i.feeSource !== undefined ? { feeSource: i.feeSource } : {}),
            issuedOn: i.issuedOn,
            ...(i.document !== undefined ? { document: i.document } : {}),
          },
        ]
      : [],
  );
  if (issued.length > 0) facts.invoices = issued;
  return facts;
}

class RecordPull {
  private readonly report: RecordPullReport = { batches: 0, persons: 0, pages: 0, finished: false };
  private readonly unreadable = new Set<string>();
  private done = 0;
  private total = 0;

  constructor(private readonly job: RecordPullJob) {}

  private get(path: string): Promise<WireResponse> {
    const { job } = this;
    return job.client.send({ method: 'GET', path, token: job.token, timeoutMs: job.timeoutMs, ...(job.signal ? { signal: job.signal } : {}) });
  }

  /**
   * The batches still to bring here: not submitted from this machine, and new or changed at
   * the association. One an action of this machine waits on is left to the feed until the
   * answer came (as serverBatchState.ts does), and one that could not be read this time
   * waits for the next pull.
   */
  private wanted(list: readonly Summary[]): Summary[] {
    const { store } = this.job;
    const busy = new Set(store.outbox.unfinished().flatMap((a) => [...batchesMovedBy(a), ...(a.batchId ? [a.batchId] : [])]));
    return list.filter((s) => {
      if (busy.has(s.batchId) || this.unreadable.has(s.batchId)) return false;
      const progress = store.associationRecord.progress(s.batchId);
      if (!progress) return store.batches.get(s.batchId) === null;
      return progress.serverUpdatedAt !== s.updatedAt || progress.done < progress.total;
    });
  }

  async run(): Promise<RecordPullOutcome> {
    const { job } = this;
    const listed = await this.get(routePath(ROUTES.batches));
    if (!listed.ok) return { ok: false, response: listed };
    const list = batchListSchema.safeParse(listed.body);
    if (!list.success) return { ok: false, response: unreadable('批次列表') };
    // Policies before the supplementary batches that join them, so the link to the policy holds.
    const wanted = this.wanted(list.data.batches).sort(
      (a, b) => Number(a.enrollmentType === 'supplementary') - Number(b.enrollmentType === 'supplementary') || a.submittedAt.localeCompare(b.submittedAt),
    );
    for (const s of wanted) {
      const progress = job.store.associationRecord.progress(s.batchId);
      this.total += s.counts.submitted - (progress?.serverUpdatedAt === s.updatedAt ? progress.done : 0);
    }
    for (const summary of wanted) {
      const failed = await this.pullBatch(summary);
      if (failed) return failed;
      if (this.report.pages >= job.maxPages) break;
    }
    this.report.finished = this.wanted(list.data.batches).length === 0;
    if (this.report.finished) job.store.associationRecord.setPulledAt(job.now().toISOString());
    job.emit({ type: 'record.progress', done: this.done, total: this.total, finished: this.report.finished });
    return { ok: true, report: this.report };
  }

  private async pullBatch(summary: Summary): Promise<RecordPullOutcome | null> {
    const { job } = this;
    const { store } = job;
    const stored = store.associationRecord.progress(summary.batchId);
    let progress: RecordPullProgress;
    if (stored && stored.serverUpdatedAt === summary.updatedAt) progress = stored;
    else {
      const res = await this.get(routePath(ROUTES.batch, { batchId: summary.batchId }));
      if (!res.ok && res.status === 404) {
        // Gone between the list and now (withdrawn and deleted): the next list says.
        this.unreadable.add(summary.batchId);
        return null;
      }
      if (!res.ok) return { ok: false, response: res };
      const view = batchViewSchema.safeParse(res.body);
      if (!view.success) return { ok: false, response: unreadable('批次') };
      // A batch this machine created meanwhile (the clerk submitted it here) is the feed's.
      if (!stored && store.batches.get(summary.batchId)) return null;
      const header = associationBatch(view.data, summary, job.session.localUnitId);
      const started = { serverUpdatedAt: view.data.updatedAt, total: view.data.counts.submitted, done: 0 };
      store.transaction(() => {
        store.associationRecord.upsertBatch(header);
        // The feed's records up to here are in the history just written: they are not applied again.
        store.syncState.set(knownRevisionKey(header.id), String(header.history.length));
        store.syncState.setJson(serverFactsKey(header.id), factsOf(view.data));
        store.associationRecord.setProgress(header.id, started);
      });
      progress = started;
      this.report.batches++;
    }
    while (progress.done < progress.total) {
      if (this.report.pages >= job.maxPages) return null;
      const res = await this.get(`${routePath(ROUTES.batchPersons, { batchId: summary.batchId })}?offset=${progress.done}&limit=${RECORD_PAGE_SIZE}`);
      if (!res.ok) return { ok: false, response: res };
      const page = batchPersonsPageSchema.safeParse(res.body);
      if (!page.success) return { ok: false, response: unreadable('参保人员') };
      const rows = page.data.persons.map((p) => ({
        sourceRow: p.sourceRow,
        values: rosterValues(p.values),
        docNumber: p.docNumber || null,
        name: p.name || null,
        findings: [],
        serverRejection: p.status === 'rejected' ? rejectionFinding(p.reasons) : null,
      }));
      // An empty page before the total: the association's count moved; the batch is read again at the next pull.
      if (rows.length === 0) this.unreadable.add(summary.batchId);
      const next: RecordPullProgress = { serverUpdatedAt: rows.length === 0 ? '' : progress.serverUpdatedAt, total: page.data.total, done: progress.done + rows.length };
      store.transaction(() => {
        store.persons.putFromAssociation(summary.batchId, progress.done + 1, rows);
        store.associationRecord.setProgress(summary.batchId, next);
      });
      progress = next;
      this.report.pages++;
      this.report.persons += rows.length;
      this.done += rows.length;
      job.emit({ type: 'record.progress', done: this.done, total: this.total, finished: false });
      if (rows.length === 0) break;
    }
    return null;
  }
}

/** Brings the unit's record here, or as much of it as `maxPages` allows; call again until `finished`. */
export function pullRecord(job: RecordPullJob): Promise<RecordPullOutcome> {
  return new RecordPull(job).run();
}
