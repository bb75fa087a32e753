/**
 * The sync engine's loop: each run probes the server while offline (connectivity.ts), sends
 * what is due (outbox/outboxSender.ts), and pulls the change feed when prompted
 * (feed/changeFeed.ts); every run plans the next one, so the loop never stops silently.
 * Sign-in is accountSignIn.ts, reads on request remoteReads.ts.
 *
 * Timers come from an injectable Scheduler and times from the injected clock, so tests
 * drive it with `runOnce()` and never wait on real back-off.
 */
import { checkServerUrl, isAllowedServerUrl } from './serverUrlPolicy';
import type { ApiEvent, AuthStatus, SyncStatus } from '../../../shared/api';
import { DEFAULT_CHUNK_BYTES } from '../../../shared/wire';
import { memoryTokenVault, type TokenVault } from './tokenVault';
import type { Store } from '../store';
import { AccountSignIn, type LoginResult } from './accountSignIn';
import { ACTION_BACKOFF, backoffDelay, PROBE_BACKOFF, type BackoffPolicy } from './backoff';
import { Connectivity } from './connectivity';
import { pullChanges, type ServerFacts } from './feed/changeFeed';
import { OutboxSender, type SendTally } from './outbox/outboxSender';
import { DEFAULT_TIMEOUTS, type Timeouts } from './outbox/sendAction';
import { fetchClaims, fetchInvoiceDocument, refreshSchemes } from './remoteReads';
import { pullRecord } from './record/recordPull';
import { realScheduler, type Scheduler } from './scheduler';
import { ServerClient, type FetchLike, type WireResponse } from './serverClient';
import { SessionStore } from './session';
import type { SyncContext } from './syncContext';
import { buildSyncStatus } from './syncStatus';
import { ENGINE_KEYS, serverFactsKey } from './syncKeys';

export type { LoginResult } from './accountSignIn';

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

/** What one run did (the tests report these figures): what sending did, and the feed. */
export interface RunReport extends SendTally {
  online: boolean;
  /** Changes applied from the feed. */
  changesApplied: number;
}

/** Persons pages of the unit's record per run (1,000 persons each): the outbox is never kept waiting long. */
const RECORD_PAGES_PER_RUN = 10;

/** The loop never wakes more often than this. */
const MIN_WAKE_MS = 20;

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

export class SyncEngine {
  private readonly store: Store;
  private readonly events: SyncEngineOptions['events'];
  private readonly now: () => Date;
  private readonly scheduler: Scheduler;
  private readonly random: () => number;
  private readonly backoff: BackoffPolicy;
  private readonly pullIntervalMs: number;
  private readonly timeouts: Timeouts;
  private readonly log: (line: string) => void;
  private readonly urlOverride: string | null;
  private readonly fetchFn: FetchLike | undefined;
  readonly sessions: SessionStore;
  private readonly connectivity: Connectivity;
  private readonly sender: OutboxSender;
  private readonly signIn: AccountSignIn;
  private readonly context: SyncContext;

  private client: ServerClient | null = null;
  private wantPull = true;
  private pullFailures = 0;
  private nextPullAt = 0;
  /** Set while the engine emits, so its own batch.changed events do not wake it again. */
  private emitting = false;

  private started = false;
  private timer: unknown = null;
  private nextWakeAt: number | null = null;
  private running: Promise<RunReport> | null = null;
  private again = false;
  private abort = new AbortController();

  constructor(options: SyncEngineOptions) {
    this.store = options.store;
    this.events = options.events;
    this.now = options.now ?? (() => new Date());
    this.scheduler = options.scheduler ?? realScheduler;
    this.random = options.random ?? Math.random;
    this.backoff = options.backoff ?? ACTION_BACKOFF;
    this.pullIntervalMs = options.pullIntervalMs ?? 60_000;
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.log = options.log ?? ((line) => console.error(line));
    // An address that is not https is refused here, before any request could carry personal data to it.
    this.urlOverride = options.serverUrl?.trim() ? checkServerUrl(options.serverUrl) : null;
    this.fetchFn = options.fetch;
    this.sessions = new SessionStore(this.store, options.tokens ?? memoryTokenVault());
    this.connectivity = new Connectivity({
      store: this.store,
      now: this.now,
      random: this.random,
      probeBackoff: options.probeBackoff ?? PROBE_BACKOFF,
      probeTimeoutMs: this.timeouts.probe,
      onBack: () => {
        // Connectivity is back: everything waiting goes now rather than at its back-off time.
        this.store.outbox.makeAllDue(this.now());
        this.wantPull = true;
      },
      onChange: () => this.emitStatus(),
    });
    this.context = {
      store: this.store,
      now: this.now,
      random: this.random,
      backoff: this.backoff,
      timeouts: this.timeouts,
      log: this.log,
      sessions: this.sessions,
      connectivity: this.connectivity,
      client: () => this.client,
      signal: () => this.abort.signal,
      emit: (event) => this.emit(event),
      emitStatus: () => this.emitStatus(),
      kick: () => this.kick(),
      wantPull: () => {
        this.wantPull = true;
        this.nextPullAt = 0;
      },
    };
    this.sender = new OutboxSender(this.context, { chunkBytes: options.chunkBytes ?? DEFAULT_CHUNK_BYTES, concurrency: Math.max(1, options.concurrency ?? 3) });
    this.signIn = new AccountSignIn(this.context);
    this.connect();
    // The clerk's own lifecycle commands write their outbox action in the same transaction and then say so here.
    options.events.subscribe?.((event) => {
      if (event.type === 'batch.changed' && !this.emitting) this.kick();
    });
  }

  /** Chunk PUTs issued, per upload chunk index (the tests check no chunk is sent twice). */
  set onChunkSent(listener: ((index: number) => void) | null) {
    this.sender.onChunkSent = listener;
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
    this.connectivity.reset();
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
        return emptyReport(this.connectivity.online);
      })
      .finally(() => {
        this.running = null;
        try {
          this.planNext();
        } catch (error) {
          // Even planning can fail (the store busy or closing): try again after a probe's back-off.
          this.log(`[sync] 安排下次同步时出错：${(error as Error)?.name ?? 'Error'}`);
          this.wakeIn(this.connectivity.retryDelay());
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
    if (!this.connectivity.online) candidates.push(this.connectivity.nextProbeAt);
    else {
      const next = this.store.outbox.status().nextAttemptAt;
      if (next !== null) candidates.push(Date.parse(next));
      candidates.push(this.sessions.active() ? this.nextPullAt : this.connectivity.lastContactAt + this.pullIntervalMs);
    }
    const at = Math.min(...candidates);
    this.wakeIn(Math.max(MIN_WAKE_MS, at - now));
    this.emitStatus();
  }

  private async run(): Promise<RunReport> {
    const { connectivity } = this;
    const report = emptyReport(connectivity.online);
    if (!this.client) return report;
    const now = this.now().getTime();
    // Nothing else talks to the server without a login: a probe keeps "online" true to fact.
    const probeDue = !connectivity.online ? now >= connectivity.nextProbeAt : !this.sessions.active() && now - connectivity.lastContactAt >= this.pullIntervalMs;
    if (!connectivity.online && !probeDue) return report;
    if (probeDue) {
      const probed = await connectivity.probe(this.client, this.abort.signal);
      if (probed === null) return { ...report, online: false };
      if (probed !== 'unchanged') await refreshSchemes(this.context, probed.body, probed.etag);
    }
    await this.sender.sendDue(report);
    if (connectivity.online && this.sessions.active() && (this.wantPull || report.done > 0 || this.now().getTime() >= this.nextPullAt)) {
      await this.pull(report);
    }
    report.online = connectivity.online;
    this.emitStatus();
    return report;
  }

  // ---- The change feed, then the unit's record ----

  private async pull(report: RunReport): Promise<void> {
    const active = this.sessions.active();
    if (!active || !this.client) return;
    const job = {
      store: this.store,
      client: this.client,
      session: active.record,
      token: active.token,
      timeoutMs: this.timeouts.request,
      now: this.now,
      signal: this.abort.signal,
      log: this.log,
    };
    const outcome = await pullChanges(job);
    if (!outcome.ok) return this.pullFailed(outcome.response);
    report.changesApplied += outcome.report.applied;
    for (const event of outcome.report.events) this.emit(event);
    // After the feed: what it reported about pulled batches is already in them, and what it skipped is in the record.
    const record = await pullRecord({ ...job, maxPages: RECORD_PAGES_PER_RUN, emit: (event) => this.emit(event) });
    if (!record.ok) return this.pullFailed(record.response);
    this.connectivity.reached();
    this.pullFailures = 0;
    // A record not yet whole goes on in the next run, right after this one gave the outbox its turn.
    this.wantPull = !record.report.finished;
    this.nextPullAt = this.now().getTime() + (record.report.finished ? this.pullIntervalMs : 0);
  }

  private pullFailed(response: Extract<WireResponse, { ok: false }>): void {
    if (response.reached) this.connectivity.reached();
    else this.connectivity.unreachable();
    if (response.failure === 'relogin') {
      this.sessions.expire();
      return;
    }
    if (response.failure === 'permanent') this.log(`[sync] 拉取变更被拒绝：${response.error.code}`);
    this.pullFailures++;
    this.nextPullAt = this.now().getTime() + backoffDelay(this.pullFailures, this.backoff, this.random);
  }

  // ---- What the API offers ----

  status(): SyncStatus {
    return buildSyncStatus(this.store, {
      online: this.connectivity.online,
      sending: this.sender.live,
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
    this.connectivity.reset(true);
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
   * Logs in with the unit's name or login phone and its password; a registration this
   * machine holds for that unit is sent first, with this password (accountSignIn.ts).
   */
  login(account: string, password: string): Promise<LoginResult> {
    return this.signIn.login(account, password);
  }

  /** Forgets the token (and tells the server, if it can be reached); the outbox stays as it is. */
  logout(): Promise<AuthStatus> {
    return this.signIn.logout();
  }

  /** The unit's claim records (理赔记录), read from the server when shown: they are not kept on this machine. */
  fetchClaims(offset = 0, limit = 100): ReturnType<typeof fetchClaims> {
    return fetchClaims(this.context, offset, limit);
  }

  /** An issued invoice's e-invoice document (电子发票), read from the server when asked for. */
  fetchInvoiceDocument(batchId: string, invoiceId: string): ReturnType<typeof fetchInvoiceDocument> {
    return fetchInvoiceDocument(this.context, batchId, invoiceId);
  }

  /** What the association reported about a batch beyond its record: payment confirmation, invoice numbers. */
  serverFacts(batchId: string): ServerFacts {
    return this.store.syncState.getJson<ServerFacts>(serverFactsKey(batchId)) ?? {};
  }
}
