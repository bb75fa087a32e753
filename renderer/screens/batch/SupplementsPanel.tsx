/**
 * 保单补充 (保全, Shenzhen): on a policy in force, start a supplementary enrollment for new
 * hires and follow each one's progress (补充进度查询) as the association's feed moves it; on
 * a supplement, the policy it joins.
 */
import { useCallback, useEffect, useState } from 'react';
import type { BatchDetail, SupplementsView } from '../../../shared/api';
import { formatYuan } from '../../../shared/domain/money';
import { api, connection } from '../../api/session';
import { Callout } from '../../components/Callout';
import { StateBadge } from '../../components/StateBadge';
import { M } from '../../i18n/messages';
import { attempt, useApp } from '../../state/appStore';
import { syncLabel } from '../BatchesScreen';

export function SupplementsPanel({ detail }: { detail: BatchDetail }) {
  if (detail.enrollmentType === 'supplementary') return detail.policyBatchId ? <JoinsPolicy policyBatchId={detail.policyBatchId} /> : null;
  return <PolicySupplements detail={detail} />;
}

function JoinsPolicy({ policyBatchId }: { policyBatchId: string }) {
  const navigate = useApp((s) => s.navigate);
  const [title, setTitle] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void attempt(() => api()['batches.get']({ batchId: policyBatchId })).then((p) => live && p && setTitle(p.policyNumber ? `${p.title}（${p.policyNumber}）` : p.title));
    return () => {
      live = false;
    };
  }, [policyBatchId]);
  if (title === null) return null;
  return (
    <Callout tone="info" testId="supplement-policy">
      {M.supplements.joins(title)}{' '}
      <button type="button" className="button small" onClick={() => navigate({ name: 'batch', batchId: policyBatchId, step: 'plans' })}>
        {M.supplements.openPolicy}
      </button>
    </Callout>
  );
}

function PolicySupplements({ detail }: { detail: BatchDetail }) {
  const navigate = useApp((s) => s.navigate);
  const [view, setView] = useState<SupplementsView | null>(null);
  const [creating, setCreating] = useState(false);
  const [start, setStart] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const found = await attempt(() => api()['batches.supplements']({ batchId: detail.id }));
    if (found) setView(found);
  }, [detail.id]);

  useEffect(() => {
    void load();
    // A supplement's state moves with the association's feed: follow every batch change.
    return connection().onEvent((e) => {
      if (e.type === 'batch.changed') void load();
    });
  }, [load, detail.state]);

  if (!view || (view.cannotStart && view.supplements.length === 0)) return null;

  const create = async () => {
    setBusy(true);
    setError(null);
    const batch = await attempt(
      () =>
        api()['batches.create']({
          unitId: detail.unitId,
          schemeId: detail.schemeId,
          enrollmentType: 'supplementary',
          policyBatchId: detail.id,
          ...(start ? { requestedStart: start } : {}),
          ...(title.trim() ? { title: title.trim() } : {}),
        }),
      (message) => setError(message),
    );
    setBusy(false);
    if (batch) navigate({ name: 'batch', batchId: batch.id, step: 'roster' });
  };

  return (
    <section className="panel supplements" data-testid="supplements">
      <div className="toolbar">
        <h2>{M.supplements.title}</h2>
        <span className="spacer" />
        {!view.cannotStart && !creating && (
          <button type="button" className="button primary" onClick={() => setCreating(true)} data-testid="supplement-start">
            {M.supplements.start}
          </button>
        )}
      </div>
      {view.cannotStart ? <p className="muted small">{view.cannotStart}</p> : <p className="muted small">{M.supplements.intro}</p>}
      {creating && (
        <form
          className="inline-form"
          data-testid="supplement-form"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setCreating(false);
          }}
        >
          <label className="field">
            <span>{M.supplements.effectiveDate}</span>
            <input
              className="input"
              type="date"
              name="requestedStart"
              value={start}
              min={view.policyCover?.start}
              max={view.policyCover?.end}
              onChange={(e) => setStart(e.target.value)}
              autoFocus
            />
          </label>
          <label className="field grow">
            <span>{M.supplements.titleOptional}</span>
            <input className="input" name="title" value={title} maxLength={100} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy} data-testid="supplement-create">
              {M.supplements.create}
            </button>
            <button type="button" className="button" onClick={() => setCreating(false)}>
              {M.common.cancel}
            </button>
          </div>
          {error && <Callout tone="error">{error}</Callout>}
        </form>
      )}
      <h3>{M.supplements.progress}</h3>
      {view.supplements.length === 0 ? (
        <p className="muted">{M.supplements.none}</p>
      ) : (
        <table className="table compact" data-testid="supplements-table">
          <thead>
            <tr>
              <th>{M.supplements.colTitle}</th>
              <th>{M.supplements.colStart}</th>
              <th className="num">{M.supplements.colPersons}</th>
              <th className="num">{M.supplements.colPremium}</th>
              <th>{M.supplements.colState}</th>
              <th>{M.batches.colSync}</th>
            </tr>
          </thead>
          <tbody>
            {view.supplements.map((b) => {
              const sync = syncLabel(b);
              return (
                <tr key={b.id} className="clickable" data-batch-id={b.id} onClick={() => navigate({ name: 'batch', batchId: b.id, step: 'roster' })}>
                  <td>
                    <span className="link-text">{b.title}</span>
                    {b.policyNumber && <div className="muted small mono">{b.policyNumber}</div>}
                  </td>
                  <td>{b.cover?.start ?? b.requestedStart ?? M.supplements.perPersonStart}</td>
                  <td className="num">{b.counts.persons}</td>
                  <td className="num">{b.payableFen === null ? M.common.dash : M.money.yuan(formatYuan(b.payableFen, { grouped: true }))}</td>
                  <td>
                    <StateBadge state={b.state} />
                  </td>
                  <td className={sync.tone}>{sync.text}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
