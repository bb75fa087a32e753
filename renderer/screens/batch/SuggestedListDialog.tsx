/**
 * 获取上年度建议名单 (Shanghai): last year's enrolled persons against this roster — not in
 * it yet (ticked to take), unchanged, changed (with the fields), and who is new this year.
 */
import { useEffect, useMemo, useState } from 'react';
import type { BatchDetail, SuggestedList, SuggestedStatus } from '../../../shared/api/dto';
import type { Scheme } from '../../../shared/domain/scheme';
import { toApiFailure } from '../../api/apiFailure';
import { api } from '../../api/session';
import { Callout } from '../../components/Callout';
import { M } from '../../i18n/messages';
import { useApp } from '../../state/appStore';
import { useBatch } from '../../state/batchStore';

type View = SuggestedStatus | 'newInRoster';
const VIEWS: readonly View[] = ['notInRoster', 'changed', 'unchanged', 'newInRoster'];
/** Enough to read and tick; taking all does not depend on what is drawn. */
const SHOWN = 1000;

export function SuggestedListDialog({ detail, scheme, onClose }: { detail: BatchDetail; scheme: Scheme; onClose(): void }) {
  const notify = useApp((s) => s.notify);
  const [list, setList] = useState<SuggestedList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<View>('notInRoster');
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [planCodes, setPlanCodes] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const perPerson = scheme.selectionScope === 'person';

  useEffect(() => {
    let live = true;
    api()
      ['roster.suggestedList']({ batchId: detail.id })
      .then((l) => {
        if (!live) return;
        setList(l);
        setTicked(new Set(l.persons.filter((p) => p.status === 'notInRoster').map((p) => p.documentNumber)));
      })
      .catch((e: unknown) => live && setError(toApiFailure(e, M.errors.generic).message));
    return () => {
      live = false;
    };
  }, [detail.id]);

  const persons = useMemo(() => (list && view !== 'newInRoster' ? list.persons.filter((p) => p.status === view) : []), [list, view]);
  const notInRoster = list?.persons.filter((p) => p.status === 'notInRoster') ?? [];

  const take = async (all: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const result = await api()['roster.takeSuggested']({
        batchId: detail.id,
        ...(all ? {} : { documentNumbers: [...ticked] }),
        ...(perPerson && planCodes.length > 0 ? { planCodes } : {}),
      });
      useBatch.getState().rosterChanged();
      void useBatch.getState().refresh();
      notify('success', M.suggested.taken(result.taken, result.skipped.length));
      onClose();
    } catch (e) {
      setError(toApiFailure(e, M.errors.generic).message);
    } finally {
      setBusy(false);
    }
  };

  const toggle = (doc: string, on: boolean) =>
    setTicked((s) => {
      const next = new Set(s);
      if (on) next.add(doc);
      else next.delete(doc);
      return next;
    });

  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="modal wide suggested" role="dialog" aria-modal="true" aria-labelledby="suggested-title" data-testid="suggested-dialog">
        <h2 id="suggested-title">{M.suggested.title}</h2>
        {error && <Callout tone="error">{error}</Callout>}
        {!list && !error && <p className="empty">{M.common.loading}</p>}
        {list && (
          <>
            <p className="muted">
              {list.previousCoverageYear ? M.suggested.from(list.previousCoverageYear.start, list.previousCoverageYear.end, list.counts.lastYear, list.sourceBatches.map((b) => b.title).join(M.common.listSeparator)) : M.suggested.noPreviousYear}
            </p>
            <div className="chips" role="tablist">
              {VIEWS.map((v) => (
                <button key={v} type="button" role="tab" aria-selected={v === view} className={v === view ? 'chip active' : 'chip'} onClick={() => setView(v)} data-suggested-view={v}>
                  {M.suggested.views[v](list.counts[v])}
                </button>
              ))}
            </div>
            <div className="suggested-list">
              {view === 'newInRoster' ? (
                <table className="table compact">
                  <thead>
                    <tr>
                      <th>{M.suggested.colName}</th>
                      <th>{M.suggested.colDocument}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.newInRoster.slice(0, SHOWN).map((p) => (
                      <tr key={p.rowId}>
                        <td>{p.name ?? ''}</td>
                        <td className="mono">{p.documentNumber ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : persons.length === 0 ? (
                <p className="empty">{M.suggested.none}</p>
              ) : (
                <table className="table compact">
                  <thead>
                    <tr>
                      {view === 'notInRoster' && (
                        <th className="check">
                          <input
                            type="checkbox"
                            aria-label={M.suggested.tickAll}
                            checked={ticked.size === notInRoster.length}
                            onChange={(e) => setTicked(e.target.checked ? new Set(notInRoster.map((p) => p.documentNumber)) : new Set())}
                          />
                        </th>
                      )}
                      <th>{M.suggested.colName}</th>
                      <th>{M.suggested.colDocument}</th>
                      {view === 'changed' && <th>{M.suggested.colChanges}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {persons.slice(0, SHOWN).map((p) => (
                      <tr key={p.documentNumber} data-suggested-person={p.documentNumber}>
                        {view === 'notInRoster' && (
                          <td className="check">
                            <input type="checkbox" aria-label={M.suggested.tick(p.name)} checked={ticked.has(p.documentNumber)} onChange={(e) => toggle(p.documentNumber, e.target.checked)} />
                          </td>
                        )}
                        <td>{p.name}</td>
                        <td className="mono">{p.documentNumber}</td>
                        {view === 'changed' && (
                          <td className="small">
                            {p.changes.map((c) => (
                              <div key={c.field}>{M.suggested.change(c.label, c.previous, c.current)}</div>
                            ))}
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {(view === 'newInRoster' ? list.newInRoster.length : persons.length) > SHOWN && <p className="muted small">{M.suggested.onlyFirst(SHOWN)}</p>}
            </div>
            {perPerson && notInRoster.length > 0 && (
              <fieldset className="suggested-plans">
                <legend>{M.suggested.plansFor}</legend>
                {scheme.plans.map((p) => (
                  <label key={p.code} className="field inline">
                    <input type="checkbox" checked={planCodes.includes(p.code)} onChange={(e) => setPlanCodes((cs) => (e.target.checked ? [...cs, p.code] : cs.filter((c) => c !== p.code)))} />
                    {M.headCount.planOption(p.code, p.name)}
                  </label>
                ))}
              </fieldset>
            )}
          </>
        )}
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            {M.common.close}
          </button>
          {list && notInRoster.length > 0 && (
            <>
              <button type="button" className="button" disabled={busy} onClick={() => void take(true)} data-testid="take-all-suggested">
                {M.suggested.takeAll(notInRoster.length)}
              </button>
              <button type="button" className="button primary" disabled={busy || ticked.size === 0} onClick={() => void take(false)} data-testid="take-suggested">
                {M.suggested.takeTicked(ticked.size)}
              </button>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
