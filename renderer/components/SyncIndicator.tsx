/** Online or offline, and what waits to be sent: on every screen; a click opens the sync panel. */
import { M } from '../i18n/messages';
import { useApp } from '../state/appStore';

export function SyncIndicator() {
  const sync = useApp((s) => s.sync);
  const navigate = useApp((s) => s.navigate);
  let tone = 'neutral';
  let text: string = M.sync.indicatorUnknown;
  if (sync.availability === 'unavailable') {
    tone = 'neutral';
    text = M.sync.indicatorUnavailable;
  } else if (sync.status) {
    const s = sync.status;
    tone = s.failed.length > 0 ? 'bad' : s.online ? 'good' : 'warn';
    text = [
      s.online ? M.sync.online : M.sync.offline,
      s.sending ? M.sync.sendingShort : s.pending > 0 ? M.sync.pendingShort(s.pending) : M.sync.nothingPending,
      ...(s.failed.length > 0 ? [M.sync.failedShort(s.failed.length)] : []),
    ].join(' · ');
  }
  return (
    <button type="button" className={`sync-indicator ${tone}`} onClick={() => navigate({ name: 'sync' })} data-testid="sync-indicator" title={M.sync.openPanel}>
      <span className="dot" aria-hidden="true" />
      {text}
    </button>
  );
}
