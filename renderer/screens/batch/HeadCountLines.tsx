/**
 * 新增无名单 (Qingdao): persons entered as a count per benefit activity and shares, without
 * names; the premium step prices them with the named rows.
 */
import { useEffect, useState } from 'react';
import type { BatchDetail } from '../../../shared/api/dto';
import type { Scheme } from '../../../shared/domain/scheme';
import { toApiFailure } from '../../api/apiFailure';
import { api } from '../../api/session';
import { Callout } from '../../components/Callout';
import { M } from '../../i18n/messages';
import { useApp } from '../../state/appStore';
import { useBatch } from '../../state/batchStore';
import { headCountLinesOf, toDraft, type HeadCountDraft as Draft } from './headCountDrafts';

export function HeadCountLines({ detail, scheme, editable }: { detail: BatchDetail; scheme: Scheme; editable: boolean }) {
  const setDetail = useBatch((s) => s.setDetail);
  const notify = useApp((s) => s.notify);
  const [drafts, setDrafts] = useState<Draft[]>(() => detail.headCountLines.map(toDraft));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const saved = JSON.stringify(detail.headCountLines.map(toDraft));
  useEffect(() => setDrafts(JSON.parse(saved) as Draft[]), [saved]);

  const parsed = headCountLinesOf(drafts);
  const dirty = JSON.stringify(drafts) !== saved;
  const total = parsed.ok ? parsed.lines.reduce((s, l) => s + l.headCount, 0) : null;
  const planOf = (code: string) => scheme.plans.find((p) => p.code === code);

  const update = (i: number, patch: Partial<Draft>) => {
    setError(null);
    setDrafts((ds) => ds.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  };
  const add = () => {
    const plan = scheme.plans[0];
    setDrafts((ds) => [...ds, { planCode: plan?.code ?? '', shares: String(plan?.shares.min ?? 1), headCount: '', newEmploymentForm: false }]);
  };
  const save = async () => {
    if (!parsed.ok) return;
    setBusy(true);
    setError(null);
    try {
      const next = await api()['batches.update']({ batchId: detail.id, headCountLines: parsed.lines });
      setDetail(next);
      notify('success', M.headCount.saved(parsed.lines.reduce((s, l) => s + l.headCount, 0)));
    } catch (e) {
      setError(toApiFailure(e, M.errors.generic).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel head-count-lines" data-testid="head-count-lines">
      <div className="toolbar">
        <h3>{M.headCount.title}</h3>
        <span className="muted small">{M.headCount.hint}</span>
        <span className="spacer" />
        {total !== null && <span data-testid="head-count-total">{M.headCount.total(total)}</span>}
      </div>
      {drafts.length === 0 ? (
        <p className="muted small">{M.headCount.empty}</p>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th>{M.headCount.colPlan}</th>
              <th>{M.headCount.colShares}</th>
              <th>{M.headCount.colHeadCount}</th>
              <th>{M.headCount.colNewEmployment}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {drafts.map((d, i) => {
              const plan = planOf(d.planCode);
              return (
                <tr key={i} data-testid="head-count-line">
                  <td>
                    <select className="input" name="planCode" value={d.planCode} disabled={!editable} aria-label={M.headCount.colPlan} onChange={(e) => update(i, { planCode: e.target.value, shares: String(planOf(e.target.value)?.shares.min ?? 1) })}>
                      {scheme.plans.map((p) => (
                        <option key={p.code} value={p.code}>{M.headCount.planOption(p.code, p.name)}</option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input className="input narrow" type="number" name="shares" min={plan?.shares.min ?? 1} max={plan?.shares.max ?? 1} value={d.shares} disabled={!editable || (plan?.shares.max ?? 1) <= 1} aria-label={M.headCount.colShares} onChange={(e) => update(i, { shares: e.target.value })} />
                  </td>
                  <td>
                    <input className="input narrow" type="number" name="headCount" min={1} value={d.headCount} disabled={!editable} aria-label={M.headCount.colHeadCount} onChange={(e) => update(i, { headCount: e.target.value })} />
                  </td>
                  <td>
                    <input type="checkbox" name="newEmploymentForm" checked={d.newEmploymentForm} disabled={!editable} aria-label={M.headCount.colNewEmployment} onChange={(e) => update(i, { newEmploymentForm: e.target.checked })} />
                  </td>
                  <td className="actions">
                    {editable && (
                      <button type="button" className="button small danger-outline" onClick={() => setDrafts((ds) => ds.filter((_, j) => j !== i))}>
                        {M.headCount.remove}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {!parsed.ok && <Callout tone="warn">{M.headCount.incomplete(parsed.line)}</Callout>}
      {error && <Callout tone="error" testId="head-count-error">{error}</Callout>}
      {editable && (
        <div className="form-actions">
          <button type="button" className="button" onClick={add} disabled={drafts.length >= 100} data-testid="add-head-count-line">
            {M.headCount.add}
          </button>
          <button type="button" className="button primary" onClick={() => void save()} disabled={!dirty || !parsed.ok || busy} data-testid="save-head-count-lines">
            {M.headCount.save}
          </button>
          {dirty && <span className="muted small">{M.headCount.unsaved}</span>}
        </div>
      )}
    </section>
  );
}
