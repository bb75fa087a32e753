/**
 * 参保记录: every person in every batch sent to the association, of the current unit or of
 * all units, found by name or document number, plan, coverage year and state; exported as xlsx.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { RecordsPage } from '../../../shared/api/dto';
import { BATCH_STATE_INFO, BATCH_STATES, type BatchState } from '../../../shared/domain/batch';
import { formatYuan } from '../../../shared/domain/money';
import { toApiFailure } from '../../api/apiFailure';
import { api } from '../../api/session';
import { Callout } from '../../components/Callout';
import { M } from '../../i18n/messages';
import { attempt, useApp } from '../../state/appStore';
import { formatTimestamp } from '../../util/dates';
import { saveDownload } from '../../util/files';
import { ScopeChips, type Scope } from '../../components/ScopeChips';
import { ClaimsPanel } from './ClaimsPanel';
import { PersonHistoryPanel } from './PersonHistoryPanel';
import { RecordsTabs, type RecordsView } from './RecordsTabs';

const PAGE = 200;
/** Records exist from 待发送 on; withdrawn and deleted batches are not records. */
const RECORD_STATES: readonly BatchState[] = BATCH_STATES.slice(BATCH_STATES.indexOf('queued')).filter((s) => s !== 'withdrawn' && s !== 'deleted');

interface Filter {
  search: string;
  planCode: string;
  coverageYearStart: string;
  state: string;
}

/** 参保记录, 个人保单查询 or 理赔记录: one screen, three views. */
export function RecordsScreen() {
  const [view, setView] = useState<RecordsView>('records');
  const tabs = <RecordsTabs view={view} onChange={setView} />;
  if (view === 'person') return <PersonHistoryPanel tabs={tabs} />;
  if (view === 'claims') return <ClaimsPanel tabs={tabs} />;
  return <EnrollmentRecords tabs={tabs} />;
}

function EnrollmentRecords({ tabs }: { tabs: ReactNode }) {
  const unitId = useApp((s) => s.currentUnitId);
  // The unit's record pulled from the association: the page is read again once it lands.
  const recordPulledAt = useApp((s) => s.sync.status?.recordPulledAt ?? null);
  const [scope, setScope] = useState<Scope>('unit');
  const [draft, setDraft] = useState<Filter>({ search: '', planCode: '', coverageYearStart: '', state: '' });
  const [filter, setFilter] = useState<Filter>(draft);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<RecordsPage | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  const input = useCallback(
    () => ({
      ...(scope === 'unit' && unitId ? { unitId } : {}),
      ...(filter.search.trim() ? { search: filter.search.trim() } : {}),
      ...(filter.planCode ? { planCode: filter.planCode } : {}),
      ...(filter.coverageYearStart ? { coverageYearStart: filter.coverageYearStart } : {}),
      ...(filter.state ? { states: [filter.state as BatchState] } : {}),
    }),
    [scope, unitId, filter],
  );

  useEffect(() => {
    let live = true;
    setProblem(null);
    api()
      ['records.search']({ ...input(), offset, limit: PAGE })
      .then((p) => live && setPage(p))
      .catch((e: unknown) => {
        if (!live) return;
        setPage(null);
        setProblem(toApiFailure(e, M.errors.generic).message);
      });
    return () => {
      live = false;
    };
  }, [input, offset, recordPulledAt]);

  // The newest coverage year by default, as the associations' record searches open; 全部 is then the clerk's choice.
  const [yearDefaulted, setYearDefaulted] = useState(false);
  useEffect(() => {
    if (yearDefaulted || !page || page.coverageYears.length === 0) return;
    setYearDefaulted(true);
    const newest = page.coverageYears.map((y) => y.start).sort().at(-1)!;
    if (filter.coverageYearStart !== '') return;
    setDraft((d) => ({ ...d, coverageYearStart: newest }));
    setFilter((f) => ({ ...f, coverageYearStart: newest }));
  }, [page, yearDefaulted, filter.coverageYearStart]);

  const apply = () => {
    setOffset(0);
    setFilter(draft);
  };
  const exportAll = async () => {
    setExporting(true);
    const file = await attempt(() => api()['records.export'](input()));
    setExporting(false);
    if (file) saveDownload(file);
  };

  return (
    <section className="panel grow records">
      <div className="toolbar">
        <h1>{M.records.title}</h1>
        {tabs}
        <ScopeChips scope={scope} onChange={(next) => (setScope(next), setOffset(0))} />
        <span className="spacer" />
        <button type="button" className="button" disabled={exporting || !page || page.total === 0} onClick={() => void exportAll()} data-testid="records-export">
          {M.records.export}
        </button>
      </div>
      <p className="muted" data-testid="record-pulled-at">
        {recordPulledAt ? M.records.recordPulledAt(formatTimestamp(recordPulledAt)) : M.records.recordNeverPulled}
      </p>
      <form
        className="inline-form"
        data-testid="records-filter"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <label className="field">
          <span>{M.records.search}</span>
          <input className="input search" name="search" value={draft.search} maxLength={50} placeholder={M.roster.searchPlaceholder} onChange={(e) => setDraft({ ...draft, search: e.target.value })} />
        </label>
        <label className="field">
          <span>{M.records.plan}</span>
          <select className="input" name="planCode" value={draft.planCode} onChange={(e) => setDraft({ ...draft, planCode: e.target.value })}>
            <option value="">{M.records.all}</option>
            {page?.plans.map((p) => (
              <option key={p.code} value={p.code}>{p.label}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{M.records.coverageYear}</span>
          <select className="input" name="coverageYearStart" value={draft.coverageYearStart} onChange={(e) => setDraft({ ...draft, coverageYearStart: e.target.value })}>
            <option value="">{M.records.all}</option>
            {page?.coverageYears.map((y) => (
              <option key={y.start} value={y.start}>{M.records.period(y.start, y.end)}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{M.records.state}</span>
          <select className="input" name="state" value={draft.state} onChange={(e) => setDraft({ ...draft, state: e.target.value })}>
            <option value="">{M.records.all}</option>
            {RECORD_STATES.map((s) => (
              <option key={s} value={s}>{BATCH_STATE_INFO[s].label}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="button primary" data-testid="records-apply">
          {M.records.apply}
        </button>
      </form>
      {problem && <Callout tone="error">{problem}</Callout>}
      <div className="table-wrap">
        <table className="table compact" data-testid="records-table">
          <thead>
            <tr>
              {scope === 'all' && <th>{M.records.colUnit}</th>}
              <th>{M.records.colName}</th>
              <th>{M.records.colDocument}</th>
              <th>{M.records.colType}</th>
              <th>{M.records.colYear}</th>
              <th>{M.records.colPlans}</th>
              <th className="num">{M.records.colPremium}</th>
              <th>{M.records.colBatch}</th>
              <th>{M.records.colState}</th>
            </tr>
          </thead>
          <tbody>
            {page?.records.map((r) => (
              <tr key={`${r.batch.id}-${r.personId}`} data-record={r.personId}>
                {scope === 'all' && <td>{r.unitName}</td>}
                <td>{r.name ?? ''}</td>
                <td className="mono">{r.documentNumber ?? ''}</td>
                <td>{r.enrollmentTypeLabel}</td>
                <td>{M.records.period(r.coverageYear.start, r.coverageYear.end)}</td>
                <td>{r.planText}</td>
                <td className="num">{r.premiumFen === null ? '' : M.money.yuan(formatYuan(r.premiumFen, { grouped: true }))}</td>
                <td>
                  {r.batch.title}
                  {r.batch.policyNumber && <div className="muted small mono">{r.batch.policyNumber}</div>}
                </td>
                <td>
                  {r.batch.stateLabel}
                  {r.rejection && <div className="bad small">{r.rejection}</div>}
                </td>
              </tr>
            ))}
            {page && page.records.length === 0 && (
              <tr>
                <td colSpan={9} className="empty">{M.records.empty}</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {page && (
        <div className="pager">
          <button type="button" className="button small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {M.common.previousPage}
          </button>
          <span className="muted" data-testid="records-range">{M.common.range(page.total === 0 ? 0 : offset + 1, offset + page.records.length, page.total)}</span>
          <button type="button" className="button small" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
            {M.common.nextPage}
          </button>
        </div>
      )}
    </section>
  );
}
