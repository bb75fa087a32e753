/**
 * The commitment (承诺书) on screen: the core records when it appeared, the button counts
 * down the scheme's minimum reading time, and the core refuses an acceptance that comes
 * too early whatever this window shows.
 */
import { useEffect, useState } from 'react';
import type { CommitmentReadingView } from '../../../shared/api';
import { toApiFailure } from '../../api/apiFailure';
import { api } from '../../api/session';
import { Callout } from '../../components/Callout';
import { M } from '../../i18n/messages';

export function CommitmentDialog({ reading, onAccepted, onClose }: { reading: CommitmentReadingView; onAccepted(r: CommitmentReadingView): void; onClose(): void }) {
  // Counted on this window's own clock from when it opened: the core's clock may differ, and it has the last word.
  const [openedAt] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, []);

  const left = Math.max(0, Math.ceil((openedAt + reading.minReadSeconds * 1000 - now) / 1000));

  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      onAccepted(await api()['onboarding.acceptCommitment']({ readingId: reading.readingId }));
    } catch (e) {
      setError(toApiFailure(e, M.errors.generic).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onClose())}>
      <div className="modal commitment" role="dialog" aria-modal="true" aria-labelledby="commitment-title" data-testid="commitment-dialog">
        <h2 id="commitment-title">{reading.title}</h2>
        <div className="modal-body commitment-text">
          {reading.paragraphs.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
        {left > 0 && (
          <p className="muted small" data-testid="commitment-countdown" data-seconds={left}>
            {M.onboarding.commitment.countdown(left)}
          </p>
        )}
        {error && <Callout tone="error">{error}</Callout>}
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            {M.onboarding.commitment.close}
          </button>
          <button type="button" className="button primary" disabled={left > 0 || busy} onClick={() => void accept()} data-testid="commitment-accept">
            {left > 0 ? M.onboarding.commitment.acceptIn(left) : M.onboarding.commitment.accept}
          </button>
        </div>
      </div>
    </div>
  );
}
