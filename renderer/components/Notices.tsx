/** Short-lived notices in the corner; errors stay longer. */
import { M } from '../i18n/messages';
import { useApp } from '../state/appStore';

export function Notices() {
  const notices = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismiss);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          <button type="button" className="link" onClick={() => dismiss(n.id)} aria-label={M.common.close}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
