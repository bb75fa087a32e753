/** Online or offline, and what waits to be sent: on every screen; a click opens the sync panel. */
import { M } from '../i18n/messages';
import { blockerShortText, blockerText } from '../screens/sync/blockerText';
import { useNow } from '../screens/sync/useNow';
import { useApp } from '../state/appStore';

export function SyncIndicator() {
  const sync = useApp((s) => s.sync);
  const navigate = useApp((s) => s.navigate);
  const blocker = sync.status?.blocker ?? null;
  const now = useNow(blocker !== null && 'nextAttemptAt' in blocker && blocker.nextAttemptAt !== null);
  let tone = 'neutral';
  let text: string = M.sync.indicatorUnknown;
  let title: string = M.sync.openPanel;
  if (sync.status) {
    const s = sync.status;
    tone = s.failed.length > 0 ? 'bad' : s.online ? 'good' : 'warn';
    const why = blocker ? blockerShortText(blocker, now) : null;
    text = [
      s.online ? M.sync.online : M.sync.offline,
      s.sending ? M.sync.sendingShort : s.pending > 0 ? M.sync.pendingShort(s.pending) : M.sync.nothingPending,
      ...(s.failed.length > 0 ? [M.sync.failedShort(s.failed.length)] : []),
      ...(why && blocker?.kind !== 'refused' ? [why] : []),
    ].join(' · ');
    if (blocker) title = blockerText(blocker, now);
  }
  return (
    <button type="button" className={`sync-indicator ${tone}`} onClick={() => navigate({ name: 'sync' })} data-testid="sync-indicator" title={title}>
      <span className="dot" aria-hidden="true" />
      {text}
    </button>
  );
}
