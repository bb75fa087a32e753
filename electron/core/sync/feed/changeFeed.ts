/**
 * Pulling the unit's change feed and applying it. Each page is applied in ONE store
 * transaction together with its cursor, so a change is applied exactly once and in order
 * even if the app dies half-way. What a page needs from the network (a new scheme version's
 * file) is fetched before the transaction opens.
 */
import {
  CHANGES_DEFAULT_LIMIT,
  changesPageSchema,
  parseChange,
  ROUTES,
  routePath,
  type Change,
  type ChangeOf,
} from '../../../../shared/wire';
import type { BatchRecord, Store } from '../../store';
import type { SessionRecord } from '../session';
import type { ServerClient, WireResponse } from '../serverClient';
import { ASSOCIATION } from '../associationActor';
import { applyOnboardingChange } from './onboardingChanges';
import { applyServerBatchState, type BatchChangedEvent } from './serverBatchState';
import { upsertCachedClaim } from './claimsCache';
import { rejectionFinding } from './rejectionFinding';
import { ENGINE_KEYS, pullCursorKey, serverFactsKey } from '../syncKeys';


export interface PullReport {
  pages: number;
  /** Changes that changed something here. */
  applied: number;
  /** Changes for nothing on this machine, of unknown kinds, or unusable. */
  skipped: number;
  events: BatchChangedEvent[];
}

export type PullOutcome = { ok: true; report: PullReport } | { ok: false; response: Extract<WireResponse, { ok: false }> };

/** Facts the batch record has no column for, kept per batch until the documents need them. */
export interface ServerFacts {
  payment?: { amountFen: number; confirmedOn: string };
  invoices?: ChangeOf<'invoicesIssued'>['invoices'];
}

export interface PullJob {
  store: Store;
  client: ServerClient;
  session: SessionRecord;
  token: string;
  timeoutMs: number;
  now: () => Date;
  signal?: AbortSignal;
  log: (line: string) => void;
}

const MAX_PAGES_PER_PULL = 200;

function facts(store: Store, batchId: string): ServerFacts {
  return store.syncState.getJson<ServerFacts>(serverFactsKey(batchId)) ?? {};
}

type Applied = { applied: boolean; event?: BatchChangedEvent };

class PageApplier {
  constructor(
    private readonly store: Store,
    private readonly session: SessionRecord,
    private readonly schemes: Map<string, { json: unknown; etag: string | null } | null>,
  ) {}

  /** The local batch a change is about, only if it is this unit's. */
  private ownBatch(batchId: string): BatchRecord | null {
    const batch = this.store.batches.get(batchId);
    return batch && batch.unitId === this.session.localUnitId ? batch : null;
  }

  apply(change: Change): Applied {
    switch (change.kind) {
      case 'batchState':
        return this.batchState(change);
      case 'personsRejected': {
        const batch = this.ownBatch(change.batchId);
        if (!batch) return { applied: false };
        // Each review round reports its full list: earlier marks give way to it.
        this.store.persons.clearServerRejections(batch.id);
        this.store.persons.markServerRejections(
          batch.id,
          change.persons.map((p) => ({ docNumber: p.docNumber, rejection: rejectionFinding(p.reasons) })),
        );
        return { applied: true };
      }
      case 'paymentConfirmed': {
        if (!this.ownBatch(change.batchId)) return { applied: false };
        const known = facts(this.store, change.batchId);
        this.store.syncState.setJson(serverFactsKey(change.batchId), { ...known, payment: { amountFen: change.amountFen, confirmedOn: change.confirmedOn } });
        return { applied: true };
      }
      case 'policy': {
        if (!this.ownBatch(change.batchId)) return { applied: false };
        this.store.batches.update(change.batchId, { policyNumber: change.policyNumber, cover: { start: change.cover.start, end: change.cover.end } }, ASSOCIATION);
        return { applied: true };
      }
      case 'invoicesIssued': {
        if (!this.ownBatch(change.batchId)) return { applied: false };
        const known = facts(this.store, change.batchId);
        const byId = new Map((known.invoices ?? []).map((i) => [i.invoiceId, i]));
        for (const invoice of change.invoices) byId.set(invoice.invoiceId, invoice);
        this.store.syncState.setJson(serverFactsKey(change.batchId), { ...known, invoices: [...byId.values()] });
        return { applied: true };
      }
      case 'occupied':
        this.store.occupied.upsertMany([
          { docNumber: change.docNumber, coverageYear: change.coverageYear, unitName: change.unitName, contact: change.contact, reportedAt: change.at },
        ]);
        return { applied: true };
      case 'occupiedReleased':
        return { applied: this.store.occupied.remove(change.docNumber, change.coverageYear) };
      case 'onboardingReview':
      case 'unitProfile':
        return applyOnboardingChange(this.store, this.session, change);
      case 'schemeVersion': {
        const fetched = this.schemes.get(`${change.schemeId}@${change.version}`);
        if (!fetched) return { applied: false };
        this.store.schemes.saveFromServer(fetched.json, fetched.etag ?? change.etag);
        return { applied: true };
      }
      case 'claim':
        // Kept current only in a list the clerk fetched (claims.search); no list is started here.
        return { applied: upsertCachedClaim(this.store, this.session.localUnitId, change.claim) };
    }
  }

  private batchState(change: ChangeOf<'batchState'>): Applied {
    const local = this.ownBatch(change.batchId);
    if (!local) return { applied: false };
    const outcome = applyServerBatchState(this.store, local, change);
    return outcome.kind === 'applied' ? { applied: true, ...(outcome.event ? { event: outcome.event } : {}) } : { applied: false };
  }
}

/** Fetches the scheme files a page announces and this machine lacks; null for one the server no longer has. */
async function fetchSchemes(job: PullJob, changes: readonly Change[]): Promise<Map<string, { json: unknown; etag: string | null } | null> | Extract<WireResponse, { ok: false }>> {
  const out = new Map<string, { json: unknown; etag: string | null } | null>();
  for (const c of changes) {
    if (c.kind !== 'schemeVersion' || out.has(`${c.schemeId}@${c.version}`)) continue;
    if (job.store.schemes.get(c.schemeId, c.version)) continue;
    const res = await job.client.send({
      method: 'GET',
      path: routePath(ROUTES.schemeVersion, { schemeId: c.schemeId, version: c.version }),
      timeoutMs: job.timeoutMs,
      ...(job.signal ? { signal: job.signal } : {}),
    });
    if (res.ok) out.set(`${c.schemeId}@${c.version}`, { json: res.body, etag: res.etag });
    else if (res.status === 404) out.set(`${c.schemeId}@${c.version}`, null);
    else return res;
  }
  return out;
}

/** Pulls and applies every page there is. */
export async function pullChanges(job: PullJob): Promise<PullOutcome> {
  const { store } = job;
  const report: PullReport = { pages: 0, applied: 0, skipped: 0, events: [] };
  const cursorKey = pullCursorKey(job.session.serverUnitId);
  let resetOnce = false;
  while (report.pages < MAX_PAGES_PER_PULL) {
    const after = store.syncState.get(cursorKey) ?? '0';
    const res = await job.client.send({
      method: 'GET',
      path: `${routePath(ROUTES.changes)}?after=${encodeURIComponent(after)}&limit=${CHANGES_DEFAULT_LIMIT}`,
      token: job.token,
      timeoutMs: job.timeoutMs,
      ...(job.signal ? { signal: job.signal } : {}),
    });
    if (!res.ok) {
      // The server's data was reset: its feed starts again, and so does ours.
      if (res.error.code === 'cursorAhead' && !resetOnce) {
        resetOnce = true;
        store.syncState.set(cursorKey, '0');
        continue;
      }
      return { ok: false, response: res };
    }
    const page = changesPageSchema.safeParse(res.body);
    if (!page.success) {
      return { ok: false, response: { ok: false, status: 0, reached: true, failure: 'retry', error: { code: 'unreadableResponse', message: '服务器的变更记录格式不正确，稍后自动重试' } } };
    }
    const changes: Change[] = [];
    for (const entry of page.data.changes) {
      const parsed = parseChange(entry);
      if (parsed.ok) changes.push(parsed.change);
      else {
        report.skipped++;
        job.log(`[sync] 跳过变更 ${parsed.seq}（${parsed.kind}）：${parsed.unknownKind ? '未知类型' : '格式不正确'}`);
      }
    }
    const schemes = await fetchSchemes(job, changes);
    if (!(schemes instanceof Map)) return { ok: false, response: schemes };

    const applier = new PageApplier(store, job.session, schemes);
    const events: BatchChangedEvent[] = [];
    store.transaction(() => {
      for (const change of changes) {
        try {
          // Each change in its own savepoint: one that cannot be applied leaves no half-write.
          const result = store.transaction(() => applier.apply(change));
          if (result.applied) report.applied++;
          else report.skipped++;
          if (result.event) events.push(result.event);
        } catch (error) {
          report.skipped++;
          job.log(`[sync] 变更 ${change.seq}（${change.kind}）无法应用：${(error as Error)?.name ?? 'Error'}`);
        }
      }
      store.syncState.set(cursorKey, page.data.cursor);
      store.syncState.set(ENGINE_KEYS.lastPullAt, job.now().toISOString());
    });
    report.pages++;
    report.events.push(...events);
    if (!page.data.hasMore) break;
  }
  return { ok: true, report };
}
