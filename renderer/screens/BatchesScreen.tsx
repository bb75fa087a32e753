/**
 * 批次: every batch of the current unit with its type, coverage year, state, persons,
 * premium and last sync result; filtered by state; new batches; and the print queue.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BatchSummary, SchemeSummary } from '../../shared/api/dto';
import { BATCH_STATE_INFO, BATCH_STATES, ENROLLMENT_TYPE_LABELS, type BatchState } from '../../shared/domain/batch';
import { formatYuan } from '../../shared/domain/money';
import { api, connection } from '../api/session';
import { StateBadge } from '../components/StateBadge';
import { useKeys } from '../components/Shortcuts';
import { M } from '../i18n/messages';
import { attempt, useApp } from '../state/appStore';
import { formatTimestamp } from '../util/dates';
import { NewBatchForm } from './NewBatchForm';
import { combineBlock, combinedPayableFen } from './batch/paymentCombination';
import { preselectPayment } from './batch/paymentPreselection';
import { PrintQueue } from './print/PrintQueue';

export function enrollmentLabel(schemes: readonly SchemeSummary[], b: Pick<BatchSummary, 'schemeId' | 'enrollmentType'>): string {
  const scheme = schemes.find((s) => s.id === b.schemeId);
  return scheme?.enrollmentTypes.find((t) => t.type === b.enrollmentType)?.label ?? ENROLLMENT_TYPE_LABELS[b.enrollmentType];
}

export function coverageLabel(schemes: readonly SchemeSummary[], b: Pick<BatchSummary, 'schemeId' | 'cover'>): string {
  const scheme = schemes.find((s) => s.id === b.schemeId);
  const year = scheme ? M.batches.yearLabel(scheme.yearLabel) : b.schemeId;
  return b.cover ? M.batches.yearWithCover(year, b.cover.start, b.cover.end) : year;
}

export function syncLabel(b: BatchSummary): { text: string; tone: string } {
  if (b.syncError) return { text: M.batches.syncFailed(b.syncError.message), tone: 'bad' };
  if (b.state === 'queued') return { text: M.batches.syncQueued, tone: 'warn' };
  if (BATCH_STATE_INFO[b.state].reportedByServer) return { text: M.batches.syncDone, tone: 'good' };
  return { text: M.batches.syncLocal, tone: 'muted' };
}

export function BatchesScreen() {
  const unitId = useApp((s) => s.currentUnitId);
  const unit = useApp((s) => s.units.find((u) => u.id === s.currentUnitId));
  const unitsLoaded = useApp((s) => s.unitsLoaded);
  const schemes = useApp((s) => s.schemes);
  const navigate = useApp((s) => s.navigate);
  const [batches, setBatches] = useState<BatchSummary[] | null>(null);
  const [stateFilter, setStateFilter] = useState<BatchState | 'all'>('all');
  const [creating, setCreating] = useState(false);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [printing, setPrinting] = useState(false);
  // 合并缴费: the checkboxes choose the batches one transfer pays, in the order ticked.
  const [paying, setPaying] = useState(false);
  const [payPicked, setPayPicked] = useState<string[]>([]);

  const load = useCallback(async () => {
    if (!unitId) return setBatches([]);
    const list = await attempt(() => api()['batches.list']({ unitId }));
    if (list) setBatches(list.filter((b) => b.state !== 'deleted').sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)));
  }, [unitId]);

  useEffect(() => {
    setBatches(null);
    setPicked(new Set());
    setPayPicked([]);
    void load();
    return connection().onEvent((e) => {
      if (e.type === 'batch.changed') void load();
    });
  }, [load]);

  useKeys((e) => {
    if (e.altKey && e.key.toLowerCase() === 'n' && unitId) return (setCreating(true), true);
    if (e.key === 'F5') return (void load(), true);
    return false;
  });

  const counts = useMemo(() => {
    const c = new Map<BatchState, number>();
    for (const b of batches ?? []) c.set(b.state, (c.get(b.state) ?? 0) + 1);
    return c;
  }, [batches]);
  const shown = (batches ?? []).filter((b) => stateFilter === 'all' || b.state === stateFilter);

  if (unitsLoaded && !unitId) {
    return (
      <section className="panel">
        <h1>{M.batches.title}</h1>
        <p className="empty">{M.batches.noUnit}</p>
        <button type="button" className="button primary" onClick={() => navigate({ name: 'units' })}>
          {M.units.add}
        </button>
      </section>
    );
  }

  const payChosen = payPicked.flatMap((id) => (batches ?? []).filter((b) => b.id === id && !combineBlock(b, [])));
  const payBlock = (b: BatchSummary) => (payChosen.some((c) => c.id === b.id) ? null : combineBlock(b, payChosen));
  const togglePay = (id: string) => setPayPicked((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
  const goPay = () => {
    const [lead, ...others] = payChosen;
    if (!lead) return;
    preselectPayment(lead.id, others.map((b) => ({ id: b.id, title: b.title, payableFen: b.payableFen ?? 0 })));
    navigate({ name: 'batch', batchId: lead.id, step: 'payment' });
  };

  const togglePick = (id: string) => {
    const next = new Set(picked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setPicked(next);
  };

  return (
    <section className="panel grow">
      <div className="toolbar">
        <h1>{M.batches.titleOf(unit?.name ?? '')}</h1>
        <span className="spacer" />
        {counts.has('awaitingPayment') && (
          <button type="button" className={paying ? 'button active' : 'button'} onClick={() => (setPaying(!paying), setPayPicked([]))} data-testid="pay-together">
            {paying ? M.payTogether.cancel : M.payTogether.start}
          </button>
        )}
        {!paying && picked.size > 0 && (
          <button type="button" className="button" onClick={() => setPrinting(true)} data-testid="print-queue-open">
            {M.printQueue.open(picked.size)}
          </button>
        )}
        <button type="button" className="button" onClick={() => void load()} title="F5">
          {M.common.refresh}
        </button>
        <button type="button" className="button primary" onClick={() => setCreating(true)} title={M.shortcuts.altN} data-testid="new-batch">
          {M.batches.create}
        </button>
      </div>
      <div className="chips" role="group" aria-label={M.batches.filterLabel}>
        <button type="button" className={stateFilter === 'all' ? 'chip active' : 'chip'} onClick={() => setStateFilter('all')}>
          {M.batches.allStates(batches?.length ?? 0)}
        </button>
        {BATCH_STATES.filter((s) => counts.has(s)).map((s) => (
          <button key={s} type="button" className={stateFilter === s ? 'chip active' : 'chip'} onClick={() => setStateFilter(s)}>
            {BATCH_STATE_INFO[s].label} {counts.get(s)}
          </button>
        ))}
      </div>
      {paying && (
        <div className="toolbar pay-together" data-testid="pay-together-bar">
          <span className="muted small">{M.payTogether.hint}</span>
          <span className="spacer" />
          <strong data-testid="pay-together-total">{M.payTogether.chosen(payChosen.length, M.money.yuan(formatYuan(combinedPayableFen(payChosen), { grouped: true })))}</strong>
          <button type="button" className="button primary" disabled={payChosen.length === 0} onClick={goPay} data-testid="pay-together-go">
            {M.payTogether.go(payChosen.length)}
          </button>
        </div>
      )}
      {creating && unitId && (
        <NewBatchForm
          unitId={unitId}
          onCancel={() => setCreating(false)}
          onCreated={(id) => navigate({ name: 'batch', batchId: id, step: 'plans' })}
        />
      )}
      <div className="table-wrap">
        <table className="table" data-testid="batches-table">
          <thead>
            <tr>
              <th className="check">
                <input
                  type="checkbox"
                  hidden={paying}
                  aria-label={M.printQueue.pickAll}
                  checked={shown.length > 0 && shown.every((b) => picked.has(b.id))}
                  onChange={(e) => setPicked(e.target.checked ? new Set(shown.map((b) => b.id)) : new Set())}
                />
              </th>
              <th>{M.batches.colTitle}</th>
              <th>{M.batches.colType}</th>
              <th>{M.batches.colYear}</th>
              <th>{M.batches.colState}</th>
              <th className="num">{M.batches.colPersons}</th>
              <th className="num">{M.batches.colPremium}</th>
              <th>{M.batches.colSync}</th>
              <th>{M.batches.colUpdated}</th>
            </tr>
          </thead>
          <tbody>
            {batches === null && (
              <tr>
                <td colSpan={9} className="empty">
                  {M.common.loading}
                </td>
              </tr>
            )}
            {batches !== null && shown.length === 0 && (
              <tr>
                <td colSpan={9} className="empty">
                  {batches.length === 0 ? M.batches.empty : M.batches.noneInState}
                </td>
              </tr>
            )}
            {shown.map((b) => {
              const sync = syncLabel(b);
              const block = paying ? payBlock(b) : null;
              return (
                <tr key={b.id} className="clickable" onClick={() => navigate({ name: 'batch', batchId: b.id, step: 'plans' })} data-batch-id={b.id}>
                  <td className="check" onClick={(e) => e.stopPropagation()}>
                    {paying ? (
                      <input
                        type="checkbox"
                        aria-label={M.payTogether.pick(b.title)}
                        checked={payChosen.some((c) => c.id === b.id)}
                        disabled={block !== null}
                        title={block ? M.payTogether.blocked[block] : undefined}
                        onChange={() => togglePay(b.id)}
                        data-testid="pay-pick"
                      />
                    ) : (
                      <input type="checkbox" aria-label={M.printQueue.pick(b.title)} checked={picked.has(b.id)} onChange={() => togglePick(b.id)} />
                    )}
                  </td>
                  <td>
                    <span className="link-text">{b.title}</span>
                    {block && <div className="muted small" data-testid="pay-blocked">{M.payTogether.blocked[block]}</div>}
                    {b.policyNumber && <div className="muted small mono">{b.policyNumber}</div>}
                  </td>
                  <td>{enrollmentLabel(schemes, b)}</td>
                  <td>{coverageLabel(schemes, b)}</td>
                  <td>
                    <StateBadge state={b.state} />
                  </td>
                  <td className="num">
                    {b.counts.persons}
                    {b.counts.errorRows > 0 && <div className="bad small">{M.batches.errorRows(b.counts.errorRows)}</div>}
                  </td>
                  <td className="num">{b.payableFen === null ? M.common.dash : M.money.yuan(formatYuan(b.payableFen, { grouped: true }))}</td>
                  <td className={sync.tone}>{sync.text}</td>
                  <td className="muted small">{formatTimestamp(b.updatedAt)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {printing && <PrintQueue batches={(batches ?? []).filter((b) => picked.has(b.id))} onClose={() => setPrinting(false)} />}
    </section>
  );
}
