/**
 * 理赔记录 (Wuxi 理赔记录查询 / 导出): the current unit's claims, fetched from the association
 * on demand; the last list fetched is shown with its date when the association cannot be
 * asked (offline, not logged in), with the reason.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { ClaimsView } from '../../../shared/api';
import { formatYuan } from '../../../shared/domain/money';
import { CLAIM_STATUS_LABELS, CLAIM_STATUSES, type ClaimStatus } from '../../../shared/wire/claims';
import { api } from '../../api/session';
import { Callout } from '../../components/Callout';
import { M } from '../../i18n/messages';
import { attempt, useApp } from '../../state/appStore';
import { formatTimestamp } from '../../util/dates';
import { saveDownload } from '../../util/files';

const PAGE = 200;

interface Filter {
  search: string;
  planName: string;
  year: string;
  status: string;
}
const EMPTY: Filter = { search: '', planName: '', year: '', status: '' };

function filterInput(f: Filter) {
  return {
    ...(f.search.trim() ? { search: f.search.trim() } : {}),
    ...(f.planName ? { planName: f.planName } : {}),
    ...(f.year ? { year: Number(f.year) } : {}),
    ...(f.status ? { status: f.status as ClaimStatus } : {}),
  };
}

function sourceText(view: ClaimsView): string {
  if (!view.fetchedAt) return M.claims.never;
  const at = formatTimestamp(view.fetchedAt);
  if (view.source === 'server') return M.claims.fromServer(at);
  return view.unavailable ? M.claims.fromCache(at) : M.claims.cachedAt(at);
}

export function ClaimsPanel({ tabs }: { tabs: ReactNode }) {
  const unitId = useApp((s) => s.currentUnitId);
  const navigate = useApp((s) => s.navigate);
  const [draft, setDraft] = useState<Filter>(EMPTY);
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const [offset, setOffset] = useState(0);
  const [view, setView] = useState<ClaimsView | null>(null);
  const [busy, setBusy] = useState(false);
  const [exporting, setExporting] = useState(false);

  const load = useCallback(
    async (refresh: boolean) => {
      if (!unitId) return;
      setBusy(true);
      const found = await attempt(() => api()['claims.search']({ unitId, refresh, ...filterInput(filter), offset, limit: PAGE }));
      setBusy(false);
      if (found) setView(found);
    },
    [unitId, filter, offset],
  );

  useEffect(() => {
    setView(null);
    void load(false);
  }, [load]);

  if (!unitId) {
    return (
      <section className="panel grow records">
        <div className="toolbar">
          <h1>{M.recordViews.claims}</h1>
          {tabs}
        </div>
        <p className="empty">{M.claims.noUnit}</p>
      </section>
    );
  }

  const exportAll = async () => {
    setExporting(true);
    const file = await attempt(() => api()['claims.export']({ unitId, ...filterInput(filter) }));
    setExporting(false);
    if (file) saveDownload(file);
  };
  const needsLogin = view?.unavailable?.code === 'LOGIN_REQUIRED' || view?.unavailable?.code === 'OTHER_UNIT';

  return (
    <section className="panel grow records" data-testid="claims">
      <div className="toolbar">
        <h1>{M.recordViews.claims}</h1>
        {tabs}
        <span className="spacer" />
        <button type="button" className="button" disabled={busy} onClick={() => void load(true)} data-testid="claims-fetch">
          {busy ? M.claims.fetching : M.claims.fetch}
        </button>
        <button type="button" className="button" disabled={exporting || !view || view.total === 0} onClick={() => void exportAll()} data-testid="claims-export">
          {M.claims.export}
        </button>
      </div>
      {view?.unavailable && (
        <Callout tone="warn" testId="claims-unavailable">
          {M.claims.whyNot(view.unavailable.message)}{' '}
          {needsLogin && (
            <button type="button" className="button small" onClick={() => navigate({ name: 'sync' })}>
              {M.claims.goLogin}
            </button>
          )}
        </Callout>
      )}
      {view && (
        <p className="muted small" data-testid="claims-source">
          {sourceText(view)}
        </p>
      )}
      <form
        className="inline-form"
        data-testid="claims-filter"
        onSubmit={(e) => {
          e.preventDefault();
          setOffset(0);
          setFilter(draft);
        }}
      >
        <label className="field">
          <span>{M.claims.search}</span>
          <input className="input search" name="search" value={draft.search} maxLength={50} onChange={(e) => setDraft({ ...draft, search: e.target.value })} />
        </label>
        <label className="field">
          <span>{M.claims.plan}</span>
          <select className="input" name="planName" value={draft.planName} onChange={(e) => setDraft({ ...draft, planName: e.target.value })}>
            <option value="">{M.claims.all}</option>
            {view?.plans.map((p) => (
              <option key={p} value={p}>{p}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{M.claims.year}</span>
          <select className="input" name="year" value={draft.year} onChange={(e) => setDraft({ ...draft, year: e.target.value })}>
            <option value="">{M.claims.all}</option>
            {view?.years.map((y) => (
              <option key={y} value={String(y)}>{M.claims.yearOption(y)}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{M.claims.status}</span>
          <select className="input" name="status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
            <option value="">{M.claims.all}</option>
            {CLAIM_STATUSES.map((s) => (
              <option key={s} value={s}>{CLAIM_STATUS_LABELS[s]}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="button primary" data-testid="claims-apply">
          {M.claims.apply}
        </button>
      </form>
      <div className="table-wrap">
        <table className="table compact" data-testid="claims-table">
          <thead>
            <tr>
              <th>{M.claims.colNumber}</th>
              <th>{M.claims.colName}</th>
              <th>{M.claims.colDocument}</th>
              <th>{M.claims.colPlan}</th>
              <th>{M.claims.colEvent}</th>
              <th>{M.claims.colReported}</th>
              <th className="num">{M.claims.colClaimed}</th>
              <th className="num">{M.claims.colPaid}</th>
              <th>{M.claims.colStatus}</th>
              <th>{M.claims.colPaidOn}</th>
              <th>{M.claims.colRemark}</th>
            </tr>
          </thead>
          <tbody>
            {view?.claims.map((c) => (
              <tr key={c.claimId} data-claim={c.claimNumber}>
                <td className="mono">{c.claimNumber}</td>
                <td>{c.personName}</td>
                <td className="mono">{c.documentNumber}</td>
                <td>{c.planName}</td>
                <td>{c.eventDate}</td>
                <td>{c.reportedOn}</td>
                <td className="num">{M.money.yuan(formatYuan(c.claimedFen, { grouped: true }))}</td>
                <td className="num">{M.money.yuan(formatYuan(c.paidFen, { grouped: true }))}</td>
                <td className={c.status === 'refused' ? 'bad' : c.status === 'paid' ? 'good' : ''}>{c.statusLabel}</td>
                <td>{c.paidOn ?? ''}</td>
                <td>{c.remark ?? ''}</td>
              </tr>
            ))}
            {view && view.claims.length === 0 && (
              <tr>
                <td colSpan={11} className="empty">{M.claims.empty}</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {view && (
        <div className="pager">
          <button type="button" className="button small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {M.common.previousPage}
          </button>
          <span className="muted">{M.common.range(view.total === 0 ? 0 : offset + 1, offset + view.claims.length, view.total)}</span>
          <button type="button" className="button small" disabled={offset + PAGE >= view.total} onClick={() => setOffset(offset + PAGE)}>
            {M.common.nextPage}
          </button>
        </div>
      )}
    </section>
  );
}
