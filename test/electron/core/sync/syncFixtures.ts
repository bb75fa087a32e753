/**
 * The sync engine against the REAL reference server on 127.0.0.1 (its own fixtures), with
 * a real client store on a temp SQLite file, a fixed client clock the test moves, and
 * batches queued exactly as the core queues them (the transitions and the outbox action in
 * one transaction).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiEvent } from '../../../../shared/api';
import type { Actor } from '../../../../shared/domain/batch';
import type { WireRosterRow } from '../../../../shared/wire';
import { memoryTokenVault, type TokenVault } from '../../../../electron/core/sync/tokenVault';
import { openStore, type BatchRecord, type Store } from '../../../../electron/core/store';
import { SyncEngine, type FetchLike, type SyncEngineOptions } from '../../../../electron/core/sync';
import type { HuzhuServer } from '../../../../server/createServer';
import { personName, residentIds, shanghaiRow, A0B0C0, type TestServer } from '../../../server/serverFixtures';

export const CLERK: Actor = { kind: 'clerk', name: '测试经办人' };

/** The client's clock: the day Shanghai's 2020 central window is open, like the server's. */
export interface MovableClock {
  (): Date;
  advance(ms: number): void;
}

export function movableClock(startIso = '2020-04-15T02:00:00.000Z'): MovableClock {
  let t = new Date(startIso).getTime();
  const clock = (() => new Date(t)) as MovableClock;
  clock.advance = (ms) => {
    t += ms;
  };
  return clock;
}

export interface ClientSide {
  dir: string;
  store: Store;
  clock: MovableClock;
  events: ApiEvent[];
  logs: string[];
  tokens: TokenVault;
  engine: SyncEngine;
  /** Every request the engine made, as `METHOD /path` (query left out), with the idempotency key when there was one. */
  requests: { method: string; path: string; key: string | null }[];
  close(): Promise<void>;
}

/** The engine over `fetch`, recording each request; `before` may arm a server fault for a given request. */
export function recordingFetch(requests: ClientSide['requests'], before?: (method: string, path: string) => void): FetchLike {
  return async (url, init) => {
    const { pathname } = new URL(url);
    const headers = (init.headers ?? {}) as Record<string, string>;
    const method = init.method ?? 'GET';
    requests.push({ method, path: pathname, key: headers['idempotency-key'] ?? null });
    before?.(method, pathname);
    return fetch(url, init);
  };
}

export function openClient(serverUrl: string, options: Partial<SyncEngineOptions> & { before?: (method: string, path: string) => void; dir?: string } = {}): ClientSide {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'huzhu-sync-'));
  const clock = movableClock();
  const store = openStore({ dataDir: dir, now: clock });
  store.recoverInterrupted();
  const events: ApiEvent[] = [];
  const logs: string[] = [];
  const requests: ClientSide['requests'] = [];
  const tokens = options.tokens ?? memoryTokenVault();
  const engine = new SyncEngine({
    store,
    events: { emit: (e) => events.push(e) },
    tokens,
    now: clock,
    serverUrl: serverUrl,
    random: () => 0.5,
    fetch: recordingFetch(requests, options.before),
    log: (line) => logs.push(line),
    ...options,
  });
  return {
    dir,
    store,
    clock,
    events,
    logs,
    tokens,
    engine,
    requests,
    async close() {
      await engine.stop();
      store.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

let phoneSeq = 0;

/** A unit kept on this machine, registered on the server with the same name and handler phone, and logged in through the engine. */
export async function registeredUnit(client: ClientSide, serverUrl: string, name: string): Promise<{ unitId: string; phone: string; password: string }> {
  const phone = `137${String(process.pid % 10000).padStart(4, '0')}${String(++phoneSeq).padStart(4, '0')}`;
  const password = 'sync-pass-2020';
  const unit = client.store.units.save({ name, socialSecurityCodes: [], handler: { name: '同步经办', phone }, contacts: [] }, CLERK);
  const res = await fetch(`${serverUrl}/v1/units`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `register-${phone}` },
    body: JSON.stringify({ unit: { name, handler: { name: '同步经办', phone } }, password }),
  });
  if (res.status !== 201) throw new Error(`注册失败 ${res.status} ${await res.text()}`);
  const login = await client.engine.login(phone, password);
  if (!login.ok) throw new Error(`登录失败 ${login.code} ${login.message}`);
  return { unitId: unit.id, phone, password };
}

/** Distinct valid IDs for every test (the server refuses a person twice in one unit's open batches). */
let idOffset = 0;
export function freshIds(n: number): string[] {
  const all = residentIds(idOffset + n);
  const out = all.slice(idOffset);
  idOffset += n;
  return out;
}

export function shanghaiRows(n: number): WireRosterRow[] {
  return freshIds(n).map((id, i) => shanghaiRow(id, personName(i)));
}

/**
 * A Shanghai 2020 central batch with these rows, moved draft → 清册待校验 → 校验通过 →
 * 保费已确认 → 待发送 with its submitBatch action, as the core does it.
 */
export function queueBatch(store: Store, unitId: string, rows: readonly WireRosterRow[], overrides: { schemeId?: string; schemeVersion?: number; title?: string } = {}): BatchRecord {
  return store.transaction(() => {
    const schemeId = overrides.schemeId ?? 'shanghai-2020';
    const scheme = store.schemes.newest(schemeId)!.scheme;
    const batch = store.batches.create(
      {
        unitId,
        schemeId,
        schemeVersion: overrides.schemeVersion ?? scheme.version,
        coverageYear: scheme.coverageYear,
        enrollmentType: 'central',
        title: overrides.title ?? '2020集中参保',
        selection: schemeId === 'shanghai-2020' ? A0B0C0 : [],
        contact: { name: '张经办', phone: '13800000001' },
      },
      CLERK,
    );
    store.persons.insertMany(
      batch.id,
      rows.map((r, i) => ({
        sourceRow: r.sourceRow ?? i + 2,
        values: r.values,
        docNumber: r.values.documentNumber ?? null,
        name: r.values.name ?? null,
        findings: [],
      })),
      { actor: CLERK },
    );
    const at = '2020-04-15T10:00:00.000+08:00';
    const step = (event: Parameters<Store['batches']['applyTransition']>[1], extra: object = {}, options: Parameters<Store['batches']['applyTransition']>[3] = {}) => {
      const outcome = store.batches.applyTransition(batch.id, event, { at, actor: CLERK, ...extra }, options);
      if (!outcome.ok) throw new Error(`${event}: ${outcome.message}`);
    };
    step('editRoster');
    step('passCheck', { check: { persons: rows.length, errorRows: 0 } });
    step('confirmPremium', {}, { patch: { payableFen: rows.length * 18000 } });
    step('submit', {}, { outbox: { kind: 'submitBatch', batchId: batch.id, unitId, payload: { batchId: batch.id, payableFen: rows.length * 18000 } } });
    return store.batches.require(batch.id);
  });
}

/** The clerk's withdrawal as the core makes it: an unsent submission is simply cancelled, else a withdrawBatch action is queued. */
export function withdrawBatch(store: Store, batchId: string, reason = '名单有误，撤回重报'): 'cancelled' | 'queued' {
  return store.transaction(() => {
    const at = '2020-04-15T11:00:00.000+08:00';
    const unsent = store.outbox.unsentAction(batchId, 'submitBatch');
    if (unsent && store.outbox.cancelUnsent(unsent.id)) {
      const outcome = store.batches.applyTransition(batchId, 'withdraw', { at, actor: CLERK, reason });
      if (!outcome.ok) throw new Error(outcome.message);
      return 'cancelled';
    }
    const batch = store.batches.require(batchId);
    const outcome = store.batches.applyTransition(
      batchId,
      'withdraw',
      { at, actor: CLERK, reason },
      { outbox: { kind: 'withdrawBatch', batchId, unitId: batch.unitId, payload: { batchId, reason } } },
    );
    if (!outcome.ok) throw new Error(outcome.message);
    return 'queued';
  });
}

/** Runs the engine until nothing more happens (each run sends what is due); the clock moves past any back-off between runs. */
export async function settle(client: ClientSide, maxRuns = 20): Promise<number> {
  let runs = 0;
  for (; runs < maxRuns; runs++) {
    const s = client.store.outbox.status();
    if (s.pending === 0 && s.sending.length === 0 && runs > 0) break;
    await client.engine.runOnce();
    client.clock.advance(10 * 60_000);
  }
  return runs;
}

/** What the server holds for a client batch id: rows (0 or 1), its history's events and its persons. */
export function serverBatch(db: { prepare(sql: string): { get(...a: unknown[]): unknown; all(...a: unknown[]): unknown[] } }, clientBatchId: string) {
  const rows = db.prepare('SELECT id, state FROM batches WHERE client_batch_id = ?').all(clientBatchId) as { id: string; state: string }[];
  const row = rows[0];
  const events = row ? (db.prepare('SELECT event FROM batch_history WHERE batch_id = ? ORDER BY id').all(row.id) as { event: string }[]).map((r) => r.event) : [];
  const persons = row ? (db.prepare('SELECT COUNT(*) AS n FROM persons WHERE batch_id = ?').get(row.id) as { n: number }).n : 0;
  return { copies: rows.length, serverId: row?.id ?? null, state: row?.state ?? null, events, persons };
}

/**
 * Closes a test server at once: Node's fetch may hold a spare connection that never carried a
 * request, and the server would wait on it until its header timeout.
 */
export async function closeServer(server: TestServer | HuzhuServer): Promise<void> {
  const huzhu = 'server' in server ? server.server : server;
  huzhu.app.server.closeAllConnections();
  await server.close();
}

/** A timer queue the test fires by hand: the loop's back-off is read, never waited for. */
export function manualScheduler() {
  const timers: { id: number; fn: () => void; ms: number }[] = [];
  let ids = 0;
  return {
    timers,
    setTimer(fn: () => void, ms: number) {
      const id = ++ids;
      timers.push({ id, fn, ms });
      return id;
    },
    clearTimer(handle: unknown) {
      const i = timers.findIndex((x) => x.id === handle);
      if (i >= 0) timers.splice(i, 1);
    },
    /** Fires the one armed timer; returns the delay it was armed with. */
    fire(): number {
      const timer = timers.shift();
      if (!timer) throw new Error('no timer armed');
      timer.fn();
      return timer.ms;
    },
  };
}
