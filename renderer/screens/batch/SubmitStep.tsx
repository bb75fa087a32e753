/**
 * 提交: the notice and the commitments to read and accept, then the submission, which
 * the core queues for sending (it goes when a connection is there; nothing is lost offline).
 */
import { useState } from 'react';
import type { BatchDetail } from '../../../shared/api/dto';
import { formatYuan } from '../../../shared/domain/money';
import type { DocumentText, Scheme } from '../../../shared/domain/scheme';
import { api } from '../../api/session';
import { Callout } from '../../components/Callout';
import { M } from '../../i18n/messages';
import { attempt, useApp } from '../../state/appStore';
import { useBatch } from '../../state/batchStore';

/** The texts the clerk reads before submitting, in the order the portals show them. */
export function textsToAccept(scheme: Scheme, detail: BatchDetail): { key: string; text: DocumentText }[] {
  const d = scheme.documents;
  const out: { key: string; text: DocumentText }[] = [];
  const notice = d.enrollmentNotice ?? d.confirmation;
  if (notice) out.push({ key: 'notice', text: notice });
  if (d.rosterCommitment) out.push({ key: 'rosterCommitment', text: d.rosterCommitment });
  if (detail.overAgeCommitmentAt && d.overAgeCommitment) out.push({ key: 'overAge', text: d.overAgeCommitment });
  out.push({ key: 'payment', text: d.paymentNotice });
  return out;
}

export function SubmitStep({ detail, scheme }: { detail: BatchDetail; scheme: Scheme }) {
  const setDetail = useBatch((s) => s.setDetail);
  const notify = useApp((s) => s.notify);
  const sync = useApp((s) => s.sync);
  const navigate = useApp((s) => s.navigate);
  const [accepted, setAccepted] = useState(false);
  const [busy, setBusy] = useState(false);
  const canSubmit = detail.clerkEvents.includes('submit');

  const submit = async () => {
    setBusy(true);
    const next = await attempt(() => api()['batches.transition']({ batchId: detail.id, event: 'submit' }));
    setBusy(false);
    if (next) {
      setDetail(next);
      notify('success', M.submit.done(next.stateLabel));
      void useApp.getState().refreshSync();
    }
  };

  if (detail.state === 'queued') {
    return (
      <div className="submit-step">
        <Callout tone="warn" testId="submit-queued">
          <strong>{M.submit.queuedTitle(detail.stateLabel)}</strong>
          <p>{M.submit.queuedBody}</p>
          {sync.status && <p>{M.submit.queuedSync(sync.status.online, sync.status.pending)}</p>}
        </Callout>
        <div className="form-actions">
          <button type="button" className="button" onClick={() => navigate({ name: 'sync' })}>
            {M.submit.openSync}
          </button>
        </div>
      </div>
    );
  }

  if (!canSubmit) {
    return (
      <div className="submit-step">
        <Callout tone="info">{detail.payableFen === null ? M.submit.confirmPremiumFirst : M.submit.notNow(detail.stateLabel)}</Callout>
      </div>
    );
  }

  return (
    <div className="submit-step">
      <p>{M.submit.intro(detail.counts.persons, M.money.yuan(formatYuan(detail.payableFen ?? 0, { grouped: true })))}</p>
      <div className="reading" data-testid="notice-texts" tabIndex={0}>
        {textsToAccept(scheme, detail).map(({ key, text }) => (
          <section key={key}>
            <h3>{text.title}</h3>
            {text.paragraphs.map((p) => (
              <p key={p}>{p}</p>
            ))}
          </section>
        ))}
      </div>
      <label className="accept">
        <input type="checkbox" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} data-testid="accept-notice" />
        {M.submit.accept}
      </label>
      <div className="form-actions">
        <button type="button" className="button primary" disabled={!accepted || busy} onClick={() => void submit()} data-testid="submit-batch">
          {M.submit.submit}
        </button>
        {!accepted && <span className="muted small">{M.submit.acceptFirst}</span>}
      </div>
    </div>
  );
}
