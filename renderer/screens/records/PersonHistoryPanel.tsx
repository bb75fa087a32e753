/**
 * 个人保单查询 (Shenzhen): one person's enrollments across years, batches and units, by
 * document number or name, from what this machine holds.
 */
import { useState, type ReactNode } from 'react';
import type { PersonHistoryView } from '../../../shared/api';
import { formatYuan } from '../../../shared/domain/money';
import { api } from '../../api/session';
import { Callout } from '../../components/Callout';
import { ScopeChips, type Scope } from '../../components/ScopeChips';
import { StateBadge } from '../../components/StateBadge';
import { M } from '../../i18n/messages';
import { attempt, useApp } from '../../state/appStore';

export function PersonHistoryPanel({ tabs }: { tabs: ReactNode }) {
  const unitId = useApp((s) => s.currentUnitId);
  const navigate = useApp((s) => s.navigate);
  const [scope, setScope] = useState<Scope>('all');
  const [query, setQuery] = useState('');
  const [view, setView] = useState<PersonHistoryView | null>(null);
  const [busy, setBusy] = useState(false);

  const search = async () => {
    const q = query.trim();
    if (!q) return;
    setBusy(true);
    const found = await attempt(() => api()['records.person']({ query: q, ...(scope === 'unit' && unitId ? { unitId } : {}) }));
    setBusy(false);
    if (found) setView(found);
  };

  return (
    <section className="panel grow records" data-testid="person-history">
      <div className="toolbar">
        <h1>{M.recordViews.person}</h1>
        {tabs}
        <ScopeChips scope={scope} onChange={setScope} />
      </div>
      <p className="muted small">{M.personHistory.hint}</p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <label className="field grow">
          <span>{M.personHistory.query}</span>
          <input className="input search" name="query" value={query} maxLength={50} placeholder={M.personHistory.placeholder} onChange={(e) => setQuery(e.target.value)} autoFocus />
        </label>
        <button type="submit" className="button primary" disabled={busy || !query.trim()} data-testid="person-search">
          {M.personHistory.search}
        </button>
      </form>
      {view?.truncated && <Callout tone="warn">{M.personHistory.truncated}</Callout>}
      {view && view.persons.length === 0 && <p className="empty">{M.personHistory.none}</p>}
      {view?.persons.map((p) => (
        <div key={`${p.documentNumber ?? ''}|${p.name ?? ''}`} className="person-history" data-person={p.documentNumber ?? ''}>
          <h3>
            {M.personHistory.person(p.name ?? '', p.documentNumber ?? '')} <span className="muted small">{M.personHistory.count(p.enrollments.length)}</span>
          </h3>
          <div className="table-wrap">
            <table className="table compact">
              <thead>
                <tr>
                  <th>{M.personHistory.colYear}</th>
                  <th>{M.personHistory.colUnit}</th>
                  <th>{M.personHistory.colBatch}</th>
                  <th>{M.personHistory.colType}</th>
                  <th>{M.personHistory.colCover}</th>
                  <th>{M.personHistory.colPlans}</th>
                  <th className="num">{M.personHistory.colPremium}</th>
                  <th>{M.personHistory.colState}</th>
                </tr>
              </thead>
              <tbody>
                {p.enrollments.map((e) => (
                  <tr key={e.personId} className="clickable" title={M.personHistory.openBatch} onClick={() => navigate({ name: 'batch', batchId: e.batch.id, step: 'roster' })}>
                    <td>{M.records.period(e.coverageYear.start, e.coverageYear.end)}</td>
                    <td>{e.unitName}</td>
                    <td>
                      {e.batch.title}
                      {e.batch.policyNumber && <div className="muted small mono">{e.batch.policyNumber}</div>}
                    </td>
                    <td>{e.enrollmentTypeLabel}</td>
                    <td>{e.cover ? M.records.period(e.cover.start, e.cover.end) : M.personHistory.coverPending}</td>
                    <td>{e.planText}</td>
                    <td className="num">{e.premiumFen === null ? '' : M.money.yuan(formatYuan(e.premiumFen, { grouped: true }))}</td>
                    <td>
                      <StateBadge state={e.batch.state} />
                      {e.rejection && <div className="bad small">{e.rejection}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </section>
  );
}
