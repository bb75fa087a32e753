/**
 * Why the outbox is not moving (SyncStatus.blocker): the clerk must see whether the app
 * waits for a connection, for a login, or was refused, never just "pending 3".
 */
import type { ApiError, SyncBlocker } from '../../../shared/api/dto';

export interface BlockerFacts {
  /** A server URL is set (else the app works offline by choice). */
  serverSet: boolean;
  online: boolean;
  /** Waiting in the outbox, not counting the one on its way. */
  pending: number;
  sending: boolean;
  /** The engine's next wake-up (a probe while offline). */
  nextWakeAt: string | null;
  /** The earliest due time of a waiting action. */
  nextAttemptAt: string | null;
  session: 'active' | 'expired' | 'none';
  account?: string;
  /** What the next waiting action was last told (a hold or a transient failure), if anything. */
  nextWaitingError: ApiError | null;
  /** Permanent refusals not yet dealt with, oldest first. */
  failed: readonly ApiError[];
}

/** Reasons the engine writes on an action it holds back without trying it (see SyncEngine.holdReason). */
const HOLD_CODES = new Set(['OTHER_UNIT', 'REGISTRATION_AT_LOGIN']);

export function syncBlocker(f: BlockerFacts): SyncBlocker | null {
  if (f.sending) return null;
  if (f.pending > 0) {
    if (!f.serverSet) return { kind: 'noServer' };
    if (!f.online) return { kind: 'offline', nextAttemptAt: f.nextWakeAt };
    if (f.session !== 'active') return { kind: 'loginRequired', expired: f.session === 'expired', ...(f.account ? { account: f.account } : {}) };
    const error = f.nextWaitingError;
    if (error && error.code !== 'LOGIN_REQUIRED') {
      return HOLD_CODES.has(error.code)
        ? { kind: 'held', reason: error, nextAttemptAt: f.nextAttemptAt }
        : { kind: 'retrying', reason: error, nextAttemptAt: f.nextAttemptAt };
    }
  }
  const first = f.failed[0];
  if (first) return { kind: 'refused', reason: first, count: f.failed.length };
  return null;
}
