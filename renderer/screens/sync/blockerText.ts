/**
 * The words for SyncStatus.blocker: the sync panel's full sentence and the indicator's
 * short form. Seconds are counted to the next try from `nowMs`, so the caller re-renders
 * them each second.
 */
import type { SyncBlocker } from '../../../shared/api';
import { M } from '../../i18n/messages';

/** Whole seconds from now until `iso` (0 once it is due); null when no time is known. */
export function secondsUntil(iso: string | null, nowMs: number): number | null {
  if (iso === null) return null;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

export function blockerText(blocker: SyncBlocker, nowMs: number): string {
  switch (blocker.kind) {
    case 'noServer':
      return M.sync.blockNoServer;
    case 'offline':
      return M.sync.blockOffline(secondsUntil(blocker.nextAttemptAt, nowMs));
    case 'loginRequired':
      return M.sync.blockLogin(blocker.expired ? (blocker.account ?? null) : null);
    case 'held':
      return M.sync.blockHeld(blocker.reason.message);
    case 'retrying':
      return M.sync.blockRetrying(blocker.reason.message, secondsUntil(blocker.nextAttemptAt, nowMs));
    case 'refused':
      return M.sync.blockRefused(blocker.reason.message, blocker.count);
  }
}

/** A few characters for the indicator in the header; null when the long text must be read on the panel. */
export function blockerShortText(blocker: SyncBlocker, nowMs: number): string | null {
  switch (blocker.kind) {
    case 'offline':
      return M.sync.blockOfflineShort(secondsUntil(blocker.nextAttemptAt, nowMs));
    case 'loginRequired':
      return M.sync.blockLoginShort;
    case 'refused':
      return M.sync.blockRefusedShort;
    default:
      return null;
  }
}
