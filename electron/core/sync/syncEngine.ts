/**
 * The sync engine: sends the outbox to the association server and pulls the server's
 * changes back.
 *
 * - Actions go out oldest first per lane (a batch, else a unit) and independently across
 *   lanes, each under its own idempotency key, reused on every retry.
 * - A failure is classified by the protocol (`classifyFailure`): transient ones back off
 *   exponentially with jitter (ACTION_BACKOFF); permanent ones are recorded on the action
 *   and its batch and block nothing else; an expired login holds everything until the clerk
 *   logs in again, then the same actions go out with the same keys.
 * - Online means "the server answers": a cheap conditional GET of the scheme catalogue
 *   probes it while offline; when it answers again every waiting action is due at once.
 * - Every path out of a send either reschedules the action or records a failure, and every
 *   run plans the next one: the loop never stops silently.
 *
 * Timers come from an injectable Scheduler and times from the injected clock, so tests
 * drive it with `runOnce()` and never wait on real back-off.
 */
import { checkServerUrl, isAllowedServerUrl } from './serverUrlPolicy';
import type { ApiError, ApiEvent, AuthStatus, SyncStatus } from '../../../shared/api';
import { accountViewSchema, batchViewSchema, catalogueSchema, DEFAULT_CHUNK_BYTES, parseWire, registerUnitRequestSchema, ROUTES, routePath, sessionViewSchema, type ClaimsPage, claimsPageSchema, type WireError } from '../../../shared/wire';
import { chinaTimestamp } from '../app/coreContext';
import { memoryTokenVault, type TokenVault } from '../app/account/tokenVault';
import type { OutboxAction, Store } from '../store';
import { DEFAULT_TIMEOUTS, isSubmission, sendAction, type Failure, type SendResult, type Timeouts } from './actionSender';
import { ACTION_BACKOFF, backoffDelay, PROBE_BACKOFF, type BackoffPolicy } from './backoff';
import { ASSOCIATION } from './associationActor';
import { pullChanges, type ServerFacts } from './changeFeed';
import { rememberAnswer, releaseDeferredStates, type BatchChangedEvent } from './serverBatchState';
import { handBackRefusedPayment, settlePaidBatches, type HandedBack } from './paymentRefusal';
import { realScheduler, type Scheduler } from './scheduler';
import { ServerClient, type FetchLike } from './serverClient';
import { localUnitFor, SessionStore, type ActiveSession } from './session';
import { buildSyncStatus, type LiveSend } from './syncStatus';
import { ENGINE_KEYS, serverFactsKey } from './syncKeys';

export interface SyncEngineOptions {
  store: Store;
  /** Where `sync.status` and `batch.changed` go; with `subscribe`, a batch the clerk moves (a submission queued) wakes the loop at once. */
  events: { emit(event: ApiEvent): void; subscribe?(listener: (event: ApiEvent) => void): () => void };
  /** Where the unit account's token is kept; in memory when not given. */
  tokens?: TokenVault;
  now?: () => Date;
  /** Overrides the server URL stored on this machine (HUZHU_SERVER_URL). */
  serverUrl?: string | null | undefined;
  scheduler?: Scheduler;
  /** [0, 1): the jitter of back-off. */
  random?: () => number;
  fetch?: FetchLike;
  backoff?: BackoffPolicy;
  probeBackoff?: BackoffPolicy;
  /** How often the change feed is pulled when nothing else prompts it. */
  pullIntervalMs?: number;
  /** The chunk size of new roster uploads. */
  chunkBytes?: number;
  /** Lanes sent in parallel. */
  concurrency?: number;
  timeouts?: Partial<Timeouts>;
  /** Lines without personal data (kinds, codes, counts). */
  log?: (line: string) => void;
}

/** What one run did (the tests report these figures). */
export interface RunReport {
  online: boolean;
  /** Attempts made. */
  attempts: number;
  /** Actions the server applied (or had applied: a replay). */
  done: number;
  /** Of those, answered from the server's idempotency store. */
  replayed: number;
  /** Permanently refused. */
  failed: number;
  /** Rescheduled after a transient failure. */
  retried: number;
  /** Waiting for a login. */
  held: number;
  /** Upload chunks put. */
  chunksSent: number;
  /** Changes applied from the feed. */
  changesApplied: number;
}

export type LoginResult = { ok: true; status: AuthStatus } | { ok: false; code: string; message: string; httpStatus: number };

/** Held actions wait this long, unless a login or "retry now" makes them due first. */
const HOLD_MS = 60 * 60_000;
/** The loop never wakes more often than this. */
const MIN_WAKE_MS = 20;
/** Passes over the outbox in one run (each pass sends the head of every due lane). */
const MAX_PASSES = 10_000;
// Stored times compare as text: a year beyond 9999 would sort before them.
const FAR_FUTURE = new Date('9999-12-31T23:59:59.999Z');

const emptyReport = (online: boolean): RunReport => ({
  online,
  attempts: 0,
  done: 0,
  replayed: 0,
  failed: 0,
  retried: 0,
  held: 0,
  chunksSent: 0,
  changesApplied: 0,
});

/** The wire error as the clerk reads it: every distinct message of it. */
function toApiError(error: WireError): ApiError {
  const messages = [...new Set([error.message, ...(error.details ?? []).map((d) => d.message)])];
  return { code: error.code, message: messages.join('；'), ...(error.field ? { field: error.field } : {}) };
}

export class SyncEngine {
  private readonly store: Store;
  private readonly events: SyncEngineOptions['events'];
  private readonly now: () => Date;
  private readonly scheduler: Scheduler;
  private readonly random: () => number;
  private readonly backoff: BackoffPolicy;
  private readonly probeBackoff: BackoffPolicy;
  private readonly pullIntervalMs: number;
  private readonly chunkBytes: number;
  private readonly concurrency: number;
  private readonly timeouts: Timeouts;
  private readonly log: (line: string) => void;
  private readonly urlOverride: string | null;
  private readonly fetchFn: FetchLike | undefined;
  readonly sessions: SessionStore;

  private client: ServerClient | null = null;
  private online = false;
  private probeFailures = 0;
  private nextProbeAt = 0;
  private lastContactAt = 0;
  private wantPull = true;
  private pullFailures = 0;
  private nextPullAt = 0;
  private readonly live = new Map<string, LiveSend>();
  /** Set while the engine emits, so its own batch.changed events do not wake it again. */
  private emitting = false;

  private started = false;
  private timer: unknown = null;
  private nextWakeAt: number | null = null;
  private running: Promise<RunReport> | null = null;
  private again = false;
  private abort = new AbortController();

  /** Chunk PUTs issued, per upload chunk index (the tests check no chunk is sent twice). */
  onChunkSent: ((index: number) => void) | null = null;

  constructor(options: SyncEngineOptions) {
    this.store = options.store;
    this.events = options.events;
    this.now = options.now ?? (() => new Date());
    this.scheduler = options.scheduler ?? realScheduler;
    this.random = options.random ?? Math.random;
    this.backoff = options.backoff ?? ACTION_BACKOFF;
    this.probeBackoff = options.probeBackoff ?? PROBE_BACKOFF;
    this.pullIntervalMs = options.pullIntervalMs ?? 60_000;
    this.chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    this.concurrency = Math.max(1, options.concurrency ?? 3);
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.log = options.log ?? ((line) => console.error(line));
    // An address that is not https is refused here, before any request could carry personal data to it.
    this.urlOverride = options.serverUrl?.trim() ? checkServerUrl(options.serverUrl) : null;
    this.fetchFn = options.fetch;
    this.sessions = new SessionStore(this.store, options.tokens ?? memoryTokenVault());
    this.connect();
    // The clerk's own lifecycle commands write their outbox action in the same transaction and then say so here.
    options.events.subscribe?.((event) => {
      if (event.type === 'batch.changed' && !this.emitting) this.kick();
    });
  }

  // ---- Settings ----

  /** The server in use: HUZHU_SERVER_URL (the override) wins over the setting stored here. */
  get serverUrl(): string | null {
    if (this.urlOverride) return this.urlOverride;
    const stored = this.store.syncState.get(ENGINE_KEYS.serverUrl);
    // A setting an older version stored without the https check stays unused.
    return stored && isAllowedServerUrl(stored) ? stored : null;
  }

  /** Stores the server URL setting (null: work offline); the override, when given, still wins. */
  setServerUrl(url: string | null): void {
    if (url === null || url.trim() === '') this.store.syncState.delete(ENGINE_KEYS.serverUrl);
    else this.store.syncState.set(ENGINE_KEYS.serverUrl, checkServerUrl(url));
    this.connect();
    this.kick();
  }

  private connect(): void {
    const url = this.serverUrl;
    this.client = url ? new ServerClient(url, this.fetchFn ? { fetch: this.fetchFn } : {}) : null;
    this.online = false;
    this.probeFailures = 0;
    this.nextProbeAt = 0;
  }

  // ---- The loop ----

  /** Starts the background loop (createCore does when a server URL is set). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.abort = new AbortController();
    this.kick();
  }

  /** Stops the loop; an action on its way is aborted and goes back to pending (same key next time). */
  async stop(): Promise<void> {
    this.started = false;
    if (this.timer !== null) this.scheduler.clearTimer(this.timer);
    this.timer = null;
    this.nextWakeAt = null;
    this.abort.abort();
    try {
      await this.running;
    } catch {
      // A run's own failure was already logged.
    }
  }

  /** Runs the loop as soon as possible. */
  kick(): void {
    if (this.started) this.wakeIn(0);
  }

  private wakeIn(ms: number): void {
    if (!this.started) return;
    if (this.timer !== null) this.scheduler.clearTimer(this.timer);
    this.nextWakeAt = this.now().getTime() + ms;
    this.timer = this.scheduler.setTimer(() => {
      this.timer = null;
      this.tick();
    }, ms);
  }

  private tick(): void {
    // A wake-up during a run becomes one more run right after it.
    if (this.running) this.again = true;
    else void this.runOnce();
  }

  /** Resolves when no run is in progress (tests step the loop with a manual scheduler). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** One run: probe if offline, send what is due, pull the feed when prompted. Serialised: a run asked for during another follows it. */
  runOnce(): Promise<RunReport> {
    if (this.running) return this.running.then(() => this.runOnce());
    const run = this.run()
      .catch((error: unknown) => {
        // Whatever broke, the next run is planned below: the loop never stops silently.
        this.log(`[sync] 同步出错：${(error as Error)?.name ?? 'Error'}`);
        return emptyReport(this.online);
      })
      .finally(() => {
        this.running = null;
        try {
          this.planNext();
        } catch (error) {
          // Even planning can fail (the store busy or closing): try again after a probe's back-off.
          this.log(`[sync] 安排下次同步时出错：${(error as Error)?.name ?? 'Error'}`);
          this.wakeIn(backoffDelay(1, this.probeBackoff, this.random));
        }
      });
    this.running = run;
    return run;
  }

  private planNext(): void {
    if (!this.started) return;
    if (this.again) {
      this.again = false;
      this.wakeIn(0);
      return;
    }
    if (!this.client) {
      this.nextWakeAt = null;
      return;
    }
    const now = this.now().getTime();
    const candidates: number[] = [];
    if (!this.online) candidates.push(this.nextProbeAt);
    else {
      const next = this.store.outbox.status().nextAttemptAt;
      if (next !== null) candidates.push(Date.parse(next));
      candidates.push(this.sessions.active() ? this.nextPullAt : this.lastContactAt + this.pullIntervalMs);
    }
    const at = Math.min(...candidates);
    this.wakeIn(Math.max(MIN_WAKE_MS, at - now));
    this.emitStatus();
  }

  private async run(): Promise<RunReport> {
    const report = emptyReport(this.online);
    if (!this.client) return report;
    const now = this.now().getTime();
    if (!this.online) {
      if (now < this.nextProbeAt) return report;
      if (!(await this.probe())) return { ...report, online: false };
    } else if (!this.sessions.active() && now - this.lastContactAt >= this.pullIntervalMs) {
      // Nothing else talks to the server without a login: keep "online" true to fact.
      if (!(await this.probe())) return { ...report, online: false };
    }
    await this.sendDue(report);
    if (this.online && this.sessions.active() && (this.wantPull || report.done > 0 || this.now().getTime() >= this.nextPullAt)) {
      await this.pull(report);
    }
    report.online = this.online;
    this.emitStatus();
    return report;
  }

  // ---- Connectivity ----

  private reached(): void {
    this.lastContactAt = this.now().getTime();
    if (this.online) return;
    this.online = true;
    this.probeFailures = 0;
    // Connectivity is back: everything waiting goes now rather than at its back-off time.
    this.store.outbox.makeAllDue(this.now());
    this.wantPull = true;
    this.emitStatus();
  }

  private unreachable(): void {
    const wasOnline = this.online;
    this.online = false;
    this.probeFailures++;
    this.nextProbeAt = this.now().getTime() + backoffDelay(this.probeFailures, this.probeBackoff, this.random);
    if (wasOnline) this.emitStatus();
  }

  /** GET /v1/schemes with If-None-Match: cheap (304) when nothing changed, and new scheme versions are fetched when something did. */
  private async probe(): Promise<boolean> {
    const client = this.client!;
    const etag = this.store.syncState.get(ENGINE_KEYS.catalogueEtag);
    const res = await client.send({
      method: 'GET',
      path: routePath(ROUTES.schemes),
      timeoutMs: this.timeouts.probe,
      signal: this.abort.signal,
      ...(etag ? { headers: { 'if-none-match': etag } } : {}),
    });
    if (!res.ok && !res.reached) {
      this.unreachable();
      return false;
    }
    this.reached();
    if (res.ok && res.status === 200) await this.refreshSchemes(res.body, res.etag);
    return true;
  }

  /** Scheme versions the catalogue lists and this machine lacks (a unit not logged in still gets them). */
  private async refreshSchemes(body: unknown, etag: string | null): Promise<void> {
    const catalogue = catalogueSchema.safeParse(body);
    if (!catalogue.success || !this.client) return;
    let complete = true;
    for (const entry of catalogue.data.schemes) {
      if (this.store.schemes.get(entry.id, entry.version)) continue;
      const res = await this.client.send({
        method: 'GET',
        path: routePath(ROUTES.schemeVersion, { schemeId: entry.id, version: entry.version }),
        timeoutMs: this.timeouts.request,
        signal: this.abort.signal,
      });
      try {
        if (res.ok) this.store.schemes.saveFromServer(res.body, res.etag ?? entry.etag);
        else complete = false;
      } catch {
        // A scheme file this version of the app cannot read is left out; the built-in one stays.
        this.log(`[sync] 方案 ${entry.id} 第 ${entry.version} 版无法读取，已跳过`);
      }
    }
    if (etag && complete) this.store.syncState.set(ENGINE_KEYS.catalogueEtag, etag);
  }

  // ---- Sending ----

  /** Why an action cannot go now, or null. */
  private holdReason(action: OutboxAction, active: ActiveSession | null): ApiError | null {
    if (action.kind === 'registerUnit') {
      return { code: 'REGISTRATION_AT_LOGIN', message: '单位注册将在登录时发送：请用该单位名称或经办人手机号及新账号的密码登录' };
    }
    if (!active) {
      return this.sessions.record()
        ? { code: 'LOGIN_REQUIRED', message: '登录已失效，请重新登录互助会账号，登录后继续发送' }
        : { code: 'LOGIN_REQUIRED', message: '请先登录互助会账号，登录后自动发送' };
    }
    const unitId = action.unitId ?? (action.batchId ? (this.store.batches.get(action.batchId)?.unitId ?? null) : null);
    if (unitId !== active.record.localUnitId) {
      const name = unitId ? this.store.units.get(unitId)?.name : undefined;
      return { code: 'OTHER_UNIT', message: `需登录${name ? `“${name}”` : '该单位'}的互助会账号后才能发送` };
    }
    return null;
  }

  private async sendDue(report: RunReport): Promise<void> {
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      if (!this.online || this.abort.signal.aborted) return;
      const active = this.sessions.active();
      const ready: OutboxAction[] = [];
      for (const action of this.store.outbox.nextSendable(this.now(), 1000)) {
        const hold = this.holdReason(action, active);
        if (!hold) {
          ready.push(action);
          continue;
        }
        this.store.outbox.reschedule(action.id, hold, new Date(this.now().getTime() + HOLD_MS));
        report.held++;
      }
      if (ready.length === 0 || !active) return;
      let next = 0;
      const worker = async () => {
        while (next < ready.length && this.online && !this.abort.signal.aborted && this.sessions.active()) {
          const action = ready[next++]!;
          await this.sendOne(action, active, report);
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.concurrency, ready.length) }, worker));
    }
  }

  private async sendOne(action: OutboxAction, active: ActiveSession, report: RunReport): Promise<void> {
    let sending: OutboxAction;
    try {
      sending = this.store.outbox.markSending(action.id);
    } catch {
      // Cancelled or finished meanwhile (e.g. the clerk cancelled an unsent submission).
      return;
    }
    report.attempts++;
    this.live.set(action.id, { sentBytes: 0, totalBytes: 0 });
    this.emitStatus();
    let result: SendResult;
    try {
      result = await sendAction({
        store: this.store,
        client: this.client!,
        action: sending,
        token: active.token,
        chunkBytes: this.chunkBytes,
        timeouts: this.timeouts,
        signal: this.abort.signal,
        onProgress: (sentBytes, totalBytes) => {
          this.live.set(action.id, { sentBytes, totalBytes });
          this.emitStatus();
        },
        onChunkSent: (index) => {
          report.chunksSent++;
          this.onChunkSent?.(index);
        },
      });
    } catch (error) {
      this.log(`[sync] ${action.kind} 发送时出错：${(error as Error)?.name ?? 'Error'}`);
      result = {
        ok: false,
        submission: isSubmission(action.kind),
        response: { ok: false, status: 0, reached: true, failure: 'retry', error: { code: 'clientError', message: '发送时出错，稍后自动重试' } },
      };
    } finally {
      this.live.delete(action.id);
    }
    try {
      this.record(sending, result, report);
    } catch (error) {
      this.log(`[sync] ${action.kind} 记录结果时出错：${(error as Error)?.name ?? 'Error'}`);
      try {
        this.store.outbox.reschedule(action.id, { code: 'clientError', message: '记录发送结果时出错，稍后自动重试' }, this.retryAt(sending.attempts));
      } catch {
        // Left `sending`: recoverInterrupted puts it back on the next start, and the key makes the resend safe.
      }
    }
    this.emitStatus();
  }

  private retryAt(attempts: number): Date {
    return new Date(this.now().getTime() + backoffDelay(Math.max(1, attempts), this.backoff, this.random));
  }

  private record(action: OutboxAction, result: SendResult, report: RunReport): void {
    if (result.ok) {
      this.recordDone(action, result);
      report.done++;
      if (result.replayed) report.replayed++;
      this.wantPull = true;
      return;
    }
    const { response } = result;
    if (response.reached) this.reached();
    switch (response.failure) {
      case 'retry':
        this.store.outbox.reschedule(action.id, toApiError(response.error), this.retryAt(action.attempts));
        report.retried++;
        if (!response.reached) this.unreachable();
        return;
      case 'relogin':
        // Held, not failed: after the clerk logs in it goes again with the same key.
        this.sessions.expire();
        this.store.outbox.reschedule(action.id, { code: 'LOGIN_REQUIRED', message: `登录已失效（${response.error.message}），请重新登录后继续发送` }, new Date(this.now().getTime() + HOLD_MS));
        report.held++;
        return;
      case 'permanent':
        this.recordRefusal(action, response, result.submission);
        report.failed++;
        return;
    }
  }

  private recordDone(action: OutboxAction, result: Extract<SendResult, { ok: true }>): void {
    let released: BatchChangedEvent[] = [];
    this.store.transaction(() => {
      this.store.outbox.markDone(action.id);
      rememberAnswer(this.store, action, result.body);
      released = releaseDeferredStates(this.store, action);
      settlePaidBatches(this.store, action);
      const batchId = action.batchId;
      if (!batchId) return;
      const batch = this.store.batches.get(batchId);
      if (!batch) return;
      // The association's batch number (参保批次号) until a policy number replaces it.
      const view = result.submission ? batchViewSchema.safeParse(result.body) : null;
      if (view?.success && batch.policyNumber === null) this.store.batches.update(batchId, { policyNumber: view.data.serverBatchId }, ASSOCIATION);
      // An earlier refusal of the same kind on this batch is settled by this success.
      for (const earlier of this.store.outbox.listForBatch(batchId)) {
        if (earlier.status === 'failed' && earlier.dismissedAt === null && earlier.kind === action.kind) this.store.outbox.dismissFailure(earlier.id);
      }
      const stillFailed = this.store.outbox.listForBatch(batchId).some((a) => a.status === 'failed' && a.dismissedAt === null);
      if (!stillFailed && batch.syncError !== null) this.store.batches.update(batchId, { syncError: null }, ASSOCIATION);
    });
    for (const event of released) this.emit(event);
  }

  /** A permanent refusal: on the action and its batch, shown to the clerk; a refused submission hands the batch back (refuseSubmission). */
  private recordRefusal(action: OutboxAction, response: Failure, submission: boolean): void {
    const error = toApiError(response.error);
    let handedBack: HandedBack[] = [];
    let released: BatchChangedEvent[] = [];
    const changed = this.store.transaction(() => {
      this.store.outbox.markFailed(action.id, error);
      handedBack = handBackRefusedPayment(this.store, action, response.status, error, chinaTimestamp(this.now()));
      // What waited for this action's answer is the association's word now.
      released = releaseDeferredStates(this.store, action);
      const batch = action.batchId ? this.store.batches.get(action.batchId) : null;
      if (!batch) return null;
      this.store.batches.update(batch.id, { syncError: error }, ASSOCIATION);
      if (!submission || response.status !== 422 || batch.state !== 'queued') return null;
      const outcome = this.store.batches.applyTransition(batch.id, 'refuseSubmission', { at: chinaTimestamp(this.now()), actor: ASSOCIATION, reason: error.message });
      return outcome.ok ? { batchId: batch.id, state: outcome.batch.state, record: outcome.record } : null;
    });
    if (changed) this.emit({ type: 'batch.changed', ...changed });
    for (const back of handedBack) this.emit({ type: 'batch.changed', ...back });
    for (const event of released) this.emit(event);
  }

  // ---- The change feed ----

  private async pull(report: RunReport): Promise<void> {
    const active = this.sessions.active();
    if (!active || !this.client) return;
    const outcome = await pullChanges({
      store: this.store,
      client: this.client,
      session: active.record,
      token: active.token,
      timeoutMs: this.timeouts.request,
      now: this.now,
      signal: this.abort.signal,
      log: this.log,
    });
    const now = this.now().getTime();
    if (outcome.ok) {
      this.reached();
      this.wantPull = false;
      this.pullFailures = 0;
      this.nextPullAt = now + this.pullIntervalMs;
      report.changesApplied += outcome.report.applied;
      for (const event of outcome.report.events) this.emit(event);
      return;
    }
    const { response } = outcome;
    if (response.reached) this.reached();
    else this.unreachable();
    if (response.failure === 'relogin') {
      this.sessions.expire();
      return;
    }
    if (response.failure === 'permanent') this.log(`[sync] 拉取变更被拒绝：${response.error.code}`);
    this.pullFailures++;
    this.nextPullAt = now + backoffDelay(this.pullFailures, this.backoff, this.random);
  }

  // ---- What the API offers ----

  status(): SyncStatus {
    return buildSyncStatus(this.store, {
      online: this.online,
      sending: this.live,
      nextWakeAt: this.started && this.nextWakeAt !== null ? new Date(this.nextWakeAt).toISOString() : null,
      ...this.blockerFacts(),
    });
  }

  /** Whose login the outbox waits for, and whether a server is set at all (SyncStatus.blocker). */
  private blockerFacts(): { serverSet: boolean; session: 'active' | 'expired' | 'none'; account?: string } {
    const record = this.sessions.record();
    const session = this.sessions.active() ? 'active' : record ? 'expired' : 'none';
    return { serverSet: this.client !== null, session, ...(record ? { account: record.account } : {}) };
  }

  private emit(event: ApiEvent): void {
    this.emitting = true;
    try {
      this.events.emit(event);
    } finally {
      this.emitting = false;
    }
  }

  private emitStatus(): void {
    let status: SyncStatus;
    try {
      status = this.status();
    } catch {
      // A closed store while stopping: nothing left to tell.
      return;
    }
    this.emit({ type: 'sync.status', status });
  }

  /** "Retry now": everything waiting becomes due, the server is probed again, the feed pulled. */
  retryNow(): SyncStatus {
    this.store.outbox.makeAllDue(this.now());
    this.nextProbeAt = 0;
    this.probeFailures = 0;
    this.wantPull = true;
    this.nextPullAt = 0;
    this.kick();
    const status = this.status();
    this.emit({ type: 'sync.status', status });
    return status;
  }

  authStatus(): AuthStatus {
    return this.sessions.authStatus();
  }

  /**
   * Logs in with the unit's name or login phone and its password. When the server knows no
   * such account but this machine holds that unit's registration, the registration is sent
   * now, with this password, and the login follows: the password never waits in the outbox.
   */
  async login(account: string, password: string): Promise<LoginResult> {
    const client = this.client;
    if (!client) return { ok: false, code: 'SERVER_NOT_SET', message: '尚未设置互助会服务器地址，目前只能离线工作', httpStatus: 503 };
    const name = account.trim();
    const res = await client.send({ method: 'POST', path: routePath(ROUTES.login), json: { account: name, password }, timeoutMs: this.timeouts.request });
    if (res.ok) {
      this.reached();
      return this.establish(res.body);
    }
    if (!res.reached) {
      this.unreachable();
      return { ok: false, code: 'OFFLINE', message: res.error.message, httpStatus: 503 };
    }
    this.reached();
    if (res.error.code === 'loginFailed') {
      const registration = this.pendingRegistration(name);
      if (registration) return this.registerThenLogin(registration, name, password);
    }
    if (res.failure === 'retry') return { ok: false, code: 'SERVER_BUSY', message: res.error.message, httpStatus: 503 };
    return { ok: false, code: res.error.code === 'loginFailed' ? 'LOGIN_FAILED' : res.error.code, message: res.error.message, httpStatus: 422 };
  }

  private establish(body: unknown): LoginResult {
    const view = sessionViewSchema.safeParse(body);
    if (!view.success) return { ok: false, code: 'SERVER_BUSY', message: '服务器的登录答复无法解析，请稍后重试', httpStatus: 503 };
    const { token, expiresAt, account } = view.data;
    this.store.transaction(() => {
      const localUnitId = localUnitFor(this.store, account, ASSOCIATION);
      this.settleRegistration(localUnitId);
      this.sessions.save({ account: account.name, loginPhone: account.loginPhone, serverUnitId: account.unitId, localUnitId, expiresAt }, token);
    });
    // Everything held for this login goes now, with the keys it always had.
    this.store.outbox.makeAllDue(this.now());
    this.wantPull = true;
    this.nextPullAt = 0;
    this.kick();
    this.emitStatus();
    return { ok: true, status: this.sessions.authStatus() };
  }

  /** The unit has an account now: a registration still queued for it has nothing left to do. */
  private settleRegistration(unitId: string): void {
    for (const action of this.store.outbox.nextSendable(FAR_FUTURE, 100_000)) {
      if (action.kind !== 'registerUnit' || action.unitId !== unitId) continue;
      if (!this.store.outbox.cancelUnsent(action.id)) this.store.outbox.markDone(action.id);
    }
  }

  private pendingRegistration(account: string): { action: OutboxAction; unitId: string } | null {
    const units = this.store.units.list().filter((u) => u.registration === 'pending' && (u.name === account || u.handler.phone === account));
    if (units.length === 0) return null;
    const ids = new Set(units.map((u) => u.id));
    const action = this.store.outbox.nextSendable(FAR_FUTURE, 100_000).find((a) => a.kind === 'registerUnit' && a.unitId !== null && ids.has(a.unitId));
    return action ? { action, unitId: action.unitId! } : null;
  }

  private refuseRegistration(action: OutboxAction, unitId: string, error: ApiError): void {
    this.store.transaction(() => {
      if (action.status === 'pending' || action.status === 'sending') this.store.outbox.markFailed(action.id, error);
      this.store.units.setRegistration(unitId, 'refused', error, ASSOCIATION);
    });
    this.emitStatus();
  }

  private async registerThenLogin(registration: { action: OutboxAction; unitId: string }, account: string, password: string): Promise<LoginResult> {
    const { unitId } = registration;
    const payload = (registration.action.payload ?? {}) as { unit?: Record<string, unknown> };
    const { id: _id, ...unit } = payload.unit ?? {};
    const body = { unit, password };
    const checked = parseWire(registerUnitRequestSchema, body);
    if (!checked.ok) {
      // A password the server would refuse is the clerk's to change; a bad profile is the registration's.
      if (checked.error.field === 'password') return { ok: false, code: 'PASSWORD_INVALID', message: `新账号的密码：${checked.error.message}`, httpStatus: 422 };
      this.refuseRegistration(registration.action, unitId, toApiError(checked.error));
      return { ok: false, code: 'REGISTRATION_INVALID', message: `单位注册信息有误：${checked.error.message}`, httpStatus: 422 };
    }
    let action: OutboxAction;
    try {
      action = this.store.outbox.markSending(registration.action.id);
    } catch {
      return { ok: false, code: 'REGISTRATION_BUSY', message: '单位注册正在发送中，请稍后再登录', httpStatus: 409 };
    }
    const res = await this.client!.send({
      method: 'POST',
      path: routePath(ROUTES.registerUnit),
      idempotencyKey: action.idempotencyKey,
      json: body,
      timeoutMs: this.timeouts.request,
    });
    if (!res.ok && res.failure !== 'permanent') {
      this.store.outbox.reschedule(action.id, toApiError(res.error), new Date(this.now().getTime() + HOLD_MS));
      if (!res.reached) this.unreachable();
      return { ok: false, code: 'OFFLINE', message: `单位注册未能发送：${res.error.message}`, httpStatus: 503 };
    }
    if (!res.ok) {
      if (res.error.code === 'idempotencyKeyReused') {
        // The registration went through earlier with another password: the account is there.
        this.store.outbox.reschedule(action.id, toApiError(res.error), new Date(this.now().getTime() + HOLD_MS));
        return { ok: false, code: 'LOGIN_FAILED', message: '该单位已注册，请使用注册时设置的密码登录', httpStatus: 422 };
      }
      this.refuseRegistration(action, unitId, toApiError(res.error));
      return { ok: false, code: res.error.code, message: `单位注册被拒绝：${res.error.message}`, httpStatus: 422 };
    }
    const registered = accountViewSchema.safeParse((res.body as { account?: unknown } | null)?.account);
    this.store.transaction(() => {
      this.store.outbox.markDone(action.id);
      this.store.units.setRegistration(unitId, 'registered', null, ASSOCIATION);
    });
    this.emitStatus();
    const login = await this.client!.send({
      method: 'POST',
      path: routePath(ROUTES.login),
      json: { account: registered.success ? registered.data.loginPhone : account, password },
      timeoutMs: this.timeouts.request,
    });
    if (login.ok) return this.establish(login.body);
    return { ok: false, code: 'LOGIN_FAILED', message: `单位已注册，但登录未成功：${login.error.message}`, httpStatus: login.reached ? 422 : 503 };
  }

  /** Forgets the token (and tells the server, if it can be reached); the outbox stays as it is. */
  async logout(): Promise<AuthStatus> {
    const active = this.sessions.active();
    if (active && this.client) {
      const res = await this.client.send({ method: 'DELETE', path: routePath(ROUTES.logout), token: active.token, timeoutMs: this.timeouts.probe });
      if (res.ok || res.reached) this.reached();
    }
    this.sessions.clear();
    this.emitStatus();
    return this.sessions.authStatus();
  }

  /** The unit's claim records (理赔记录), read from the server when shown: they are not kept on this machine. */
  async fetchClaims(offset = 0, limit = 100): Promise<{ ok: true; page: ClaimsPage } | { ok: false; error: ApiError }> {
    const active = this.sessions.active();
    if (!active || !this.client) return { ok: false, error: { code: 'LOGIN_REQUIRED', message: '请先登录互助会账号' } };
    const res = await this.client.send({
      method: 'GET',
      path: `${routePath(ROUTES.claims)}?offset=${offset}&limit=${limit}`,
      token: active.token,
      timeoutMs: this.timeouts.request,
    });
    if (!res.ok) {
      if (res.failure === 'relogin') this.sessions.expire();
      return { ok: false, error: toApiError(res.error) };
    }
    const page = claimsPageSchema.safeParse(res.body);
    return page.success ? { ok: true, page: page.data } : { ok: false, error: { code: 'unreadableResponse', message: '服务器的理赔记录无法解析' } };
  }

  /** An issued invoice's e-invoice document (电子发票), read from the server when asked for: not kept on this machine. */
  async fetchInvoiceDocument(batchId: string, invoiceId: string): Promise<{ ok: true; bytes: Uint8Array; contentType: string | null } | { ok: false; error: ApiError }> {
    const active = this.sessions.active();
    if (!active || !this.client) return { ok: false, error: { code: 'LOGIN_REQUIRED', message: '请先登录互助会账号' } };
    const res = await this.client.send({
      method: 'GET',
      path: routePath(ROUTES.invoiceDocument, { batchId, invoiceId }),
      token: active.token,
      timeoutMs: this.timeouts.request,
      expectBytes: true,
    });
    if (!res.ok) {
      if (res.failure === 'relogin') this.sessions.expire();
      return { ok: false, error: toApiError(res.error) };
    }
    const body = res.body as { bytes: Uint8Array; contentType: string | null };
    return { ok: true, bytes: body.bytes, contentType: body.contentType };
  }

  /** What the association reported about a batch beyond its record: payment confirmation, invoice numbers. */
  serverFacts(batchId: string): ServerFacts {
    return this.store.syncState.getJson<ServerFacts>(serverFactsKey(batchId)) ?? {};
  }
}
