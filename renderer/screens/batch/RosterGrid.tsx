/**
 * The roster grid: every row of the batch, windowed (only rows in view are in the DOM)
 * and fetched a page at a time, filtered by finding, severity or text; a cell edited in
 * place is re-checked at once; rows removed in bulk after confirmation.
 *
 * Keys: ↑↓←→ move, PageUp/PageDown, Ctrl+Home/End, Enter or F2 edits the cell (Enter
 * saves, Esc cancels), Space ticks the row, Delete removes the ticked rows, Ctrl+F searches.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { BatchDetail, FindingCount, RosterRowView } from '../../../shared/api/dto';
import type { RawRosterRow } from '../../../shared/domain/roster';
import type { Scheme } from '../../../shared/domain/scheme';
import { toApiFailure } from '../../api/apiFailure';
import { api } from '../../api/session';
import { ProgressBar } from '../../components/ProgressBar';
import { useKeys } from '../../components/Shortcuts';
import { VirtualRows, type VirtualRowsHandle } from '../../components/VirtualRows';
import type { RowWindow } from '../../components/windowRange';
import { M } from '../../i18n/messages';
import { askConfirm, useApp } from '../../state/appStore';
import { useBatch, type GridFilter } from '../../state/batchStore';
import { gridColumns, type GridColumn } from './rosterColumns';
import { filterKey, useRosterPages } from './rosterPages';
import { RowDetail } from './RowDetail';

export const ROW_HEIGHT = 32;
const HEADER_HEIGHT = 34;
const FIXED = { check: 36, index: 64, verdict: 84, findings: 360 };
const SEARCH_DELAY_MS = 250;
const REMOVE_CHUNK = 50_000;
const ID_PAGE = 1000;

interface Editing {
  rowId: string;
  key: GridColumn['key'];
  value: string;
}

export function RosterGrid({ detail, scheme, editable }: { detail: BatchDetail; scheme: Scheme; editable: boolean }) {
  const batchId = detail.id;
  const filter = useBatch((s) => s.filter);
  const setFilter = useBatch((s) => s.setFilter);
  const rosterVersion = useBatch((s) => s.rosterVersion);
  const summary = useBatch((s) => s.summary);
  const seenCodes = useBatch((s) => s.seenCodes);
  const noteCodes = useBatch((s) => s.noteCodes);
  const rosterChanged = useBatch((s) => s.rosterChanged);
  const refresh = useBatch((s) => s.refresh);
  const notify = useApp((s) => s.notify);

  const columns = useMemo(() => gridColumns(scheme), [scheme]);
  // The findings come right after the verdict: they are what the clerk reads first.
  const template = `${FIXED.check}px ${FIXED.index}px ${FIXED.verdict}px ${FIXED.findings}px ${columns.map((c) => `${c.width}px`).join(' ')}`;
  const width = FIXED.check + FIXED.index + FIXED.verdict + columns.reduce((s, c) => s + c.width, 0) + FIXED.findings;

  const fetchPage = useCallback(
    (offset: number, limit: number) =>
      api()['roster.rows']({
        batchId,
        offset,
        limit,
        ...(filter.severity ? { severity: filter.severity } : {}),
        ...(filter.findingCode ? { findingCode: filter.findingCode } : {}),
        ...(filter.search ? { search: filter.search } : {}),
        ...(filter.rejected ? { rejected: true } : {}),
      }),
    [batchId, filter],
  );
  // Finding codes on every page fetched feed the filter list, before any full check has run.
  const fetchAndNote = useCallback(
    (offset: number, limit: number) =>
      fetchPage(offset, limit).then((page) => {
        noteCodes(page.rows.flatMap((r) => r.findings));
        return page;
      }),
    [fetchPage, noteCodes],
  );
  const { cache } = useRosterPages(fetchAndNote, `${batchId}|${filterKey(filter)}|${rosterVersion}`);
  const total = cache.total ?? 0;

  const list = useRef<VirtualRowsHandle>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const [active, setActive] = useState({ row: 0, col: 0 });
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saving, setSaving] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [search, setSearch] = useState(filter.search ?? '');
  const [bulk, setBulk] = useState<{ done: number; total: number } | null>(null);

  // A new filter or roster starts at the top.
  useEffect(() => {
    setActive((a) => ({ row: 0, col: a.col }));
    list.current?.scrollToTop();
    cache.ensure(0, 1);
  }, [cache]);

  useEffect(() => {
    setSelected(new Set());
  }, [rosterVersion, batchId]);

  // Search as the clerk types, once the typing pauses.
  useEffect(() => {
    if ((filter.search ?? '') === search.trim()) return;
    const timer = window.setTimeout(() => setFilter({ ...filter, search: search.trim() || undefined }), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [search, filter, setFilter]);

  const onWindowChange = useCallback(
    (w: RowWindow) => cache.ensure(w.start, w.end),
    [cache],
  );

  const codes: FindingCount[] = useMemo(() => {
    const byCode = new Map<string, FindingCount>();
    for (const c of Object.values(seenCodes)) byCode.set(c.code, c);
    for (const c of summary?.byCode ?? []) byCode.set(c.code, c);
    return [...byCode.values()].sort((a, b) => (a.severity === b.severity ? b.rows - a.rows : a.severity === 'error' ? -1 : 1));
  }, [seenCodes, summary]);

  const moveTo = (row: number, col = active.col) => {
    const r = Math.max(0, Math.min(row, total - 1));
    const c = Math.max(0, Math.min(col, columns.length - 1));
    setActive({ row: r, col: c });
    list.current?.scrollToIndex(r);
  };

  const startEdit = (rowIndex: number, colIndex: number) => {
    const row = cache.row(rowIndex);
    const column = columns[colIndex];
    if (!editable || !row || !column) return;
    setActive({ row: rowIndex, col: colIndex });
    setEditing({ rowId: row.id, key: column.key, value: row.values[column.key] ?? '' });
  };

  const saveRow = useCallback(
    async (rowId: string, changes: RawRosterRow): Promise<RosterRowView | null> => {
      setSaving(true);
      try {
        const updated = await api()['roster.editRow']({ batchId, rowId, changes });
        cache.replace(updated);
        noteCodes(updated.findings);
        void refresh();
        return updated;
      } catch (e) {
        notify('error', toApiFailure(e, M.errors.generic).message);
        return null;
      } finally {
        setSaving(false);
      }
    },
    [batchId, cache, noteCodes, refresh, notify],
  );

  const committing = useRef(false);
  const commitEdit = async (move: 'down' | 'stay', value?: string) => {
    if (!editing || committing.current) return;
    committing.current = true;
    try {
      const next = value ?? editing.value;
      const row = cache.loadedRows().find((r) => r.id === editing.rowId);
      if (next !== (row?.values[editing.key] ?? '')) {
        const updated = await saveRow(editing.rowId, { [editing.key]: next });
        if (!updated) return;
      }
      setEditing(null);
      if (move === 'down') moveTo(active.row + 1);
      window.setTimeout(() => list.current?.focus(), 0);
    } finally {
      committing.current = false;
    }
  };

  const removeIds = async (ids: string[]) => {
    if (ids.length === 0) return;
    const ok = await askConfirm({ title: M.roster.removeTitle, body: M.roster.removeBody(ids.length), confirmLabel: M.roster.removeConfirm(ids.length), danger: true });
    if (!ok) return;
    setBulk({ done: 0, total: ids.length });
    try {
      for (let i = 0; i < ids.length; i += REMOVE_CHUNK) {
        await api()['roster.removeRows']({ batchId, rowIds: ids.slice(i, i + REMOVE_CHUNK) });
        setBulk({ done: Math.min(ids.length, i + REMOVE_CHUNK), total: ids.length });
      }
      notify('success', M.roster.removed(ids.length));
    } catch (e) {
      notify('error', toApiFailure(e, M.errors.generic).message);
    } finally {
      setBulk(null);
      setSelected(new Set());
      rosterChanged();
      void refresh();
    }
  };

  /** Ticks every row the filter matches, fetching their ids a thousand at a time. */
  const selectAllMatching = async () => {
    const ids: string[] = [];
    setBulk({ done: 0, total });
    try {
      for (let offset = 0; offset < total; offset += ID_PAGE) {
        const page = await fetchPage(offset, ID_PAGE);
        ids.push(...page.rows.map((r) => r.id));
        setBulk({ done: ids.length, total: page.total });
      }
      setSelected(new Set(ids));
    } catch (e) {
      notify('error', toApiFailure(e, M.errors.generic).message);
    } finally {
      setBulk(null);
    }
  };

  const toggleRow = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };

  useKeys((e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') return (searchInput.current?.focus(), searchInput.current?.select(), true);
    return false;
  });

  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (editing || e.target !== e.currentTarget) return;
    const page = Math.max(1, Math.floor(500 / ROW_HEIGHT));
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(active.row + 1),
      ArrowUp: () => moveTo(active.row - 1),
      ArrowRight: () => moveTo(active.row, active.col + 1),
      ArrowLeft: () => moveTo(active.row, active.col - 1),
      PageDown: () => moveTo(active.row + page),
      PageUp: () => moveTo(active.row - page),
      Home: () => (e.ctrlKey ? moveTo(0) : moveTo(active.row, 0)),
      End: () => (e.ctrlKey ? moveTo(total - 1) : moveTo(active.row, columns.length - 1)),
      Enter: () => startEdit(active.row, active.col),
      F2: () => startEdit(active.row, active.col),
      ' ': () => {
        const row = cache.row(active.row);
        if (row) toggleRow(row.id);
      },
      Delete: () => {
        const row = cache.row(active.row);
        if (editable) void removeIds(selected.size > 0 ? [...selected] : row ? [row.id] : []);
      },
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  const setFilterPart = (part: Partial<GridFilter>) => {
    const next: GridFilter = { ...filter, ...part };
    for (const k of Object.keys(next) as (keyof GridFilter)[]) if (next[k] === undefined || next[k] === '') delete next[k];
    setFilter(next);
  };
  const filtered = Boolean(filter.severity || filter.findingCode || filter.search || filter.rejected);
  const activeRow = cache.row(active.row);

  const header = (
    <div className="vrow head" style={{ gridTemplateColumns: template, height: HEADER_HEIGHT }} role="row">
      <div className="cell check" role="columnheader">
        <input
          type="checkbox"
          aria-label={M.roster.tickLoaded}
          checked={selected.size > 0 && selected.size >= total}
          onChange={(e) => (e.target.checked ? void selectAllMatching() : setSelected(new Set()))}
          disabled={!editable || total === 0}
        />
      </div>
      <div className="cell num" role="columnheader">
        {M.roster.colRow}
      </div>
      <div className="cell" role="columnheader">
        {M.roster.colVerdict}
      </div>
      <div className="cell" role="columnheader">
        {M.roster.colFindings}
      </div>
      {columns.map((c) => (
        <div key={c.key} className="cell" role="columnheader" title={c.title}>
          {c.title}
          {c.required && <em className="required">*</em>}
        </div>
      ))}
    </div>
  );

  const renderRow = (index: number) => {
    const row = cache.row(index);
    const isActive = index === active.row;
    if (!row) {
      return (
        <div key={`p${index}`} className="vrow placeholder" style={{ gridTemplateColumns: template, height: ROW_HEIGHT }} role="row">
          <div className="cell check" />
          <div className="cell num muted">{index + 1}</div>
          <div className="cell muted">{M.roster.rowLoading}</div>
        </div>
      );
    }
    return (
      <div
        key={row.id}
        className={`vrow ${row.verdict} ${isActive ? 'active' : ''} ${selected.has(row.id) ? 'ticked' : ''}`}
        style={{ gridTemplateColumns: template, height: ROW_HEIGHT }}
        role="row"
        aria-rowindex={index + 1}
        data-row-id={row.id}
        data-verdict={row.verdict}
        onClick={() => setActive({ row: index, col: active.col })}
      >
        <div className="cell check" onClick={(e) => e.stopPropagation()}>
          <input type="checkbox" aria-label={M.roster.tickRow(index + 1)} checked={selected.has(row.id)} onChange={() => toggleRow(row.id)} disabled={!editable} />
        </div>
        <div className="cell num muted" title={row.sourceRow === null ? M.roster.enteredByHand : M.roster.sourceRow(row.sourceRow)}>
          {index + 1}
        </div>
        <div className={`cell verdict ${row.rejection ? 'error rejected' : row.verdict}`} data-rejected={row.rejection ? 'true' : undefined}>
          {row.rejection ? M.roster.rejectedVerdict : M.roster.verdict[row.verdict]}
        </div>
        <div className="cell findings" title={reasonLines(row).join('\n')} data-testid="row-reasons">
          {reasonLines(row).join(M.common.clauseSeparator)}
        </div>
        {columns.map((c, ci) => {
          const isEditing = editing !== null && editing.rowId === row.id && editing.key === c.key;
          const hasFinding = row.findings.some((f) => f.field === c.key && f.severity !== 'info');
          const cls = `cell ${c.mono ? 'mono' : ''} ${isActive && ci === active.col ? 'cursor' : ''} ${hasFinding ? 'flagged' : ''}`;
          if (isEditing) {
            return (
              <div key={c.key} className={`${cls} editing`}>
                <CellEditor column={c} editing={editing} saving={saving} onChange={(value) => setEditing({ ...editing, value })} onCommit={(m, v) => void commitEdit(m, v)} onCancel={() => (setEditing(null), list.current?.focus())} />
              </div>
            );
          }
          return (
            <div key={c.key} className={cls} data-field={c.key} onDoubleClick={() => startEdit(index, ci)} onClick={() => setActive({ row: index, col: ci })}>
              {row.values[c.key] ?? ''}
            </div>
          );
        })}
      </div>
    );
  };

  return (
    <div className="roster-grid">
      <div className="toolbar grid-toolbar">
        <input
          ref={searchInput}
          className="input search"
          placeholder={M.roster.searchPlaceholder}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="roster-search"
          title={M.shortcuts.ctrlF}
        />
        <select
          className="input"
          value={filter.rejected ? 'rejected' : (filter.severity ?? '')}
          onChange={(e) => setFilterPart(e.target.value === 'rejected' ? { rejected: true, severity: undefined } : { rejected: undefined, severity: (e.target.value || undefined) as GridFilter['severity'] })}
          data-testid="severity-filter"
        >
          <option value="">{M.roster.allSeverities}</option>
          {(detail.counts.rejectedRows ?? 0) > 0 && <option value="rejected">{M.roster.rejectedFilter(detail.counts.rejectedRows!)}</option>}
          <option value="error">{M.roster.severity.error}</option>
          <option value="warning">{M.roster.severity.warning}</option>
          <option value="info">{M.roster.severity.info}</option>
        </select>
        <select className="input code-filter" value={filter.findingCode ?? ''} onChange={(e) => setFilterPart({ findingCode: e.target.value || undefined })} data-testid="code-filter">
          <option value="">{M.roster.allFindings}</option>
          {codes.map((c) => (
            <option key={c.code} value={c.code}>
              {c.rows > 0 ? M.roster.codeOption(c.message, c.rows) : c.message}
            </option>
          ))}
          {filter.findingCode && !codes.some((c) => c.code === filter.findingCode) && <option value={filter.findingCode}>{filter.findingCode}</option>}
        </select>
        {filtered && (
          <button type="button" className="button small" onClick={() => (setSearch(''), setFilter({}))}>
            {M.roster.clearFilter}
          </button>
        )}
        <span className="muted" data-testid="roster-total">
          {cache.total === null ? M.common.loading : filtered ? M.roster.totalFiltered(total) : M.roster.total(total)}
        </span>
        <span className="spacer" />
        {bulk && (
          <span className="bulk-progress">
            <ProgressBar done={bulk.done} total={bulk.total} label={M.roster.working} />
          </span>
        )}
        {editable && selected.size > 0 && (
          <>
            <span className="muted">{M.roster.ticked(selected.size)}</span>
            <button type="button" className="button small" onClick={() => setSelected(new Set())}>
              {M.roster.untickAll}
            </button>
            <button type="button" className="button danger small" onClick={() => void removeIds([...selected])} data-testid="remove-selected">
              {M.roster.removeSelected(selected.size)}
            </button>
          </>
        )}
        {editable && total > 0 && selected.size === 0 && filtered && (
          <button type="button" className="button small" onClick={() => void selectAllMatching()}>
            {M.roster.tickAllMatching(total)}
          </button>
        )}
      </div>
      {cache.failed && <div className="callout error">{cache.failed}</div>}
      <div className="grid-and-detail">
        <VirtualRows
          ref={list}
          rowCount={total}
          rowHeight={ROW_HEIGHT}
          width={width}
          header={header}
          headerHeight={HEADER_HEIGHT}
          renderRow={renderRow}
          onWindowChange={onWindowChange}
          onKeyDown={onGridKey}
          testId="roster-grid"
          label={M.roster.gridLabel}
        />
        {total === 0 && cache.total !== null && <div className="grid-empty">{filtered ? M.roster.noMatch : M.roster.empty}</div>}
      </div>
      {activeRow && (
        <RowDetail
          row={activeRow}
          index={active.row}
          detail={detail}
          scheme={scheme}
          editable={editable}
          onSave={saveRow}
          onRemove={(id) => void removeIds([id])}
          onFilterCode={(code) => setFilterPart({ findingCode: code })}
        />
      )}
    </div>
  );
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** The reason column: the association's refusal first, then the row's findings worst first, each with its fix. */
function reasonLines(row: RosterRowView): string[] {
  const withHint = (f: { message: string; hint?: string }) => (f.hint ? M.roster.reasonWithHint(f.message, f.hint) : f.message);
  const own = [...row.findings].filter((f) => f.severity !== 'info' || f.hint).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return [...(row.rejection ? [M.roster.rejectedReason(withHint(row.rejection))] : []), ...own.map(withHint)];
}

function CellEditor({
  column,
  editing,
  saving,
  onChange,
  onCommit,
  onCancel,
}: {
  column: GridColumn;
  editing: Editing;
  saving: boolean;
  onChange(value: string): void;
  onCommit(move: 'down' | 'stay', value?: string): void;
  onCancel(): void;
}) {
  // Enter, Esc and Tab end the edit themselves; a blur after them must not save again (or save what Esc dropped).
  const ended = useRef(false);
  const end = (action: () => void) => {
    ended.current = true;
    action();
  };
  const keyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter') { e.preventDefault(); e.stopPropagation(); end(() => onCommit('down')); }
    else if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); end(onCancel); }
    else if (e.key === 'Tab') { e.preventDefault(); end(() => onCommit('stay')); }
  };
  if (column.enumValues) {
    return (
      <select className="cell-input" autoFocus value={editing.value} disabled={saving} onChange={(e) => (onChange(e.target.value), onCommit('stay', e.target.value))} onKeyDown={keyDown} aria-label={column.title}>
        <option value="" />
        {column.enumValues.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
        {editing.value !== '' && !column.enumValues.includes(editing.value) && <option value={editing.value}>{editing.value}</option>}
      </select>
    );
  }
  return (
    <input
      className={`cell-input ${column.mono ? 'mono' : ''}`}
      autoFocus
      value={editing.value}
      disabled={saving}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={keyDown}
      onBlur={() => {
        if (!ended.current) end(() => onCommit('stay'));
      }}
      aria-label={column.title}
      data-testid="cell-editor"
    />
  );
}
