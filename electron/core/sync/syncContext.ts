/**
 * What the parts of the sync engine share: the store, the clock, the server client of the
 * moment, the unit sessions, the connection's state, and the engine's own voice (events,
 * "run again", "pull the feed"). The engine builds one; each part holds it.
 */
import type { ApiError, ApiEvent } from '../../../shared/api';
import type { WireError } from '../../../shared/wire';
import type { Store } from '../store';
import type { BackoffPolicy } from './backoff';
import type { Connectivity } from './connectivity';
import type { Timeouts } from './outbox/sendAction';
import type { ServerClient } from './serverClient';
import type { SessionStore } from './session';

export interface SyncContext {
  readonly store: Store;
  readonly now: () => Date;
  readonly random: () => number;
  readonly backoff: BackoffPolicy;
  readonly timeouts: Timeouts;
  /** Lines without personal data (kinds, codes, counts). */
  readonly log: (line: string) => void;
  readonly sessions: SessionStore;
  readonly connectivity: Connectivity;
  /** The server client for the URL in use, null when none is set. */
  client(): ServerClient | null;
  /** Aborted when the engine stops. */
  signal(): AbortSignal;
  emit(event: ApiEvent): void;
  emitStatus(): void;
  /** Runs the loop again as soon as possible. */
  kick(): void;
  /** The next run pulls the change feed. */
  wantPull(): void;
}

/** Held actions wait this long, unless a login or "retry now" makes them due first. */
export const HOLD_MS = 60 * 60_000;

/** The wire error as the clerk reads it: every distinct message of it. */
export function toApiError(error: WireError): ApiError {
  const messages = [...new Set([error.message, ...(error.details ?? []).map((d) => d.message)])];
  return { code: error.code, message: messages.join('；'), ...(error.field ? { field: error.field } : {}) };
}
