/** What the clerk sees of sync (SyncStatus), from the outbox and the engine's live state. */
import type { ApiError, SyncActionRef, SyncFailure, SyncStatus } from '../../../shared/api/dto';
import { ACTIONS, isActionKind } from '../../../shared/wire';
import type { OutboxAction, Store } from '../store';
import { syncBlocker } from './syncBlocker';
import { ENGINE_KEYS } from './syncKeys';

export interface LiveSend {
  sentBytes: number;
  totalBytes: number;
}

export function actionLabel(kind: string): string {
  return isActionKind(kind) ? ACTIONS[kind].label : kind;
}

function ref(action: OutboxAction): SyncActionRef {
  const out: SyncActionRef = { actionId: action.id, kind: action.kind, label: actionLabel(action.kind) };
  if (action.batchId) out.batchId = action.batchId;
  return out;
}

const UNKNOWN_ERROR: ApiError = { code: 'unknown', message: '发送失败' };

/** What the engine knows beyond the store, for SyncStatus.blocker. */
export interface LiveFacts {
  online: boolean;
  sending: ReadonlyMap<string, LiveSend>;
  nextWakeAt: string | null;
  serverSet?: boolean;
  session?: 'active' | 'expired' | 'none';
  account?: string;
}

/** Every waiting action is due before this (stored times compare as ISO text, so no extended years). */
const FAR_FUTURE = new Date('9999-12-31T23:59:59.999Z');

export function buildSyncStatus(store: Store, live: LiveFacts): SyncStatus {
  const counts = store.outbox.status();
  const sendingAction = counts.sending.find((a) => live.sending.has(a.id)) ?? counts.sending[0] ?? null;
  const progress = sendingAction ? live.sending.get(sendingAction.id) : undefined;
  const failed: SyncFailure[] = counts.failed.map((a) => ({ ...ref(a), error: a.lastError ?? UNKNOWN_ERROR, at: a.finishedAt ?? a.createdAt }));
  // Not yet done, counting the ones on their way.
  const pending = counts.pending + counts.sending.length;
  const nextAttemptAt = pending > 0 ? (live.nextWakeAt ?? counts.nextAttemptAt) : null;
  const blocker = syncBlocker({
    serverSet: live.serverSet ?? true,
    online: live.online,
    pending: counts.pending,
    sending: counts.sending.length > 0,
    nextWakeAt: live.nextWakeAt,
    nextAttemptAt: counts.nextAttemptAt,
    session: live.session ?? 'active',
    ...(live.account ? { account: live.account } : {}),
    nextWaitingError: counts.pending > 0 ? (store.outbox.nextSendable(FAR_FUTURE, 1)[0]?.lastError ?? null) : null,
    failed: failed.map((f) => f.error),
  });
  return {
    blocker,
    online: live.online,
    pending,
    sending: sendingAction ? { ...ref(sendingAction), sentBytes: progress?.sentBytes ?? 0, totalBytes: progress?.totalBytes ?? 0 } : null,
    failed,
    nextAttemptAt,
    lastPullAt: store.syncState.get(ENGINE_KEYS.lastPullAt),
    recordPulledAt: store.associationRecord.pulledAt(),
  };
}
