/** 打印记录: every print, newest first, with counts per kind; of the current unit or of all units. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BatchSummary, DocumentKind, PrintLogPage } from '../../../shared/api/dto';
import { DOCUMENT_KIND_LABELS, DOCUMENT_KINDS } from '../../../shared/api/dto';
import { toApiFailure } from '../../api/apiFailure';
import { api } from '../../api/session';
import { Callout } from '../../components/Callout';
import { M } from '../../i18n/messages';
import { useApp } from '../../state/appStore';
import { formatTimestamp } from '../../util/dates';
import { ScopeChips, type Scope } from '../../components/ScopeChips';

const PAGE = 200;

export function PrintLogScreen() {
  const unitId = useApp((s) => s.currentUnitId);
  const units = useApp((s) => s.units);
  const [scope, setScope] = useState<Scope>('unit');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<PrintLogPage | null>(null);
  const [batches, setBatches] = useState<Map<string, BatchSummary>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(async () => {
    setProblem(null);
    try {
      const input = { offset, limit: PAGE, ...(scope === 'unit' && unitId ? { unitId } : {}) };
      setPage(await api()['documents.printLog'](input));
    } catch (e) {
      setPage(null);
      setProblem(toApiFailure(e, M.errors.generic).message);
    }
  }, [offset, scope, unitId]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    api()
      ['batches.list']({})
      .then((list) => setBatches(new Map(list.map((b) => [b.id, b]))))
      .catch(() => undefined);
  }, []);

  const counts = useMemo(() => {
    const c = new Map<DocumentKind, number>();
    for (const e of page?.entries ?? []) c.set(e.kind, (c.get(e.kind) ?? 0) + 1);
    return c;
  }, [page]);

  return (
    <section className="panel grow">
      <div className="toolbar">
        <h1>{M.printLog.title}</h1>
        <ScopeChips scope={scope} onChange={(next) => (setScope(next), setOffset(0))} />
        <span className="spacer" />
        <button type="button" className="button" onClick={() => void load()}>
          {M.common.refresh}
        </button>
      </div>
      {problem && <Callout tone="error">{problem}</Callout>}
      {page && (
        <>
          <div className="cards">
            <div className="card">
              <div className="card-label">{M.printLog.total}</div>
              <div className="card-value">{page.total}</div>
            </div>
            {DOCUMENT_KINDS.filter((k) => counts.has(k)).map((k) => (
              <div key={k} className="card">
                <div className="card-label">{M.printLog.kindOnPage(DOCUMENT_KIND_LABELS[k])}</div>
                <div className="card-value">{counts.get(k)}</div>
              </div>
            ))}
          </div>
          <div className="table-wrap">
            <table className="table" data-testid="print-log">
              <thead>
                <tr>
                  <th>{M.printLog.colTime}</th>
                  <th>{M.printLog.colUnit}</th>
                  <th>{M.printLog.colBatch}</th>
                  <th>{M.printLog.colKind}</th>
                  <th>{M.printLog.colDocumentNumber}</th>
                  <th>{M.printLog.colNumber}</th>
                  <th>{M.printLog.colActor}</th>
                </tr>
              </thead>
              <tbody>
                {page.entries.length === 0 && (
                  <tr>
                    <td colSpan={7} className="empty">
                      {M.printLog.empty}
                    </td>
                  </tr>
                )}
                {page.entries.map((e) => (
                  <tr key={`${e.batchId}-${e.kind}-${e.printNumber}-${e.at}`}>
                    <td>{formatTimestamp(e.at)}</td>
                    <td>{units.find((u) => u.id === e.unitId)?.name ?? e.unitId}</td>
                    <td>{batches.get(e.batchId)?.title ?? e.batchId}</td>
                    <td>{DOCUMENT_KIND_LABELS[e.kind]}</td>
                    <td>{e.documentNumber}</td>
                    <td>{M.documents.nth(e.printNumber)}</td>
                    <td>{e.actor}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="pager">
            <button type="button" className="button small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {M.common.previousPage}
            </button>
            <span className="muted">{M.common.range(page.total === 0 ? 0 : offset + 1, offset + page.entries.length, page.total)}</span>
            <button type="button" className="button small" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
              {M.common.nextPage}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
