/**
 * The sync engine of the workbench (SPEC §4): the outbox sent to the association server
 * with idempotency keys, back-off and resumable roster uploads; the change feed pulled and
 * applied with its cursor; the unit account's login. Plain Node: never imports electron.
 */
export { SyncEngine, type SyncEngineOptions, type RunReport, type LoginResult } from './syncEngine';
export { ServerClient, type WireRequest, type WireResponse, type FetchLike } from './serverClient';
export { ACTION_BACKOFF, PROBE_BACKOFF, backoffDelay, type BackoffPolicy } from './backoff';
export { realScheduler, type Scheduler } from './scheduler';
export { DEFAULT_TIMEOUTS, type Timeouts } from './outbox/sendAction';
export { type ServerFacts, type PullReport } from './feed/changeFeed';
export { type SessionRecord } from './session';
export { ENGINE_KEYS, pullCursorKey, serverFactsKey } from './syncKeys';
