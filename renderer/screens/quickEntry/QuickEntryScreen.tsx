/**
 * 现场录入: one person at a time, keyboard only. Enter moves to the next field and saves on
 * the last (Ctrl+Enter saves at once), Esc clears the form. The ID number fills birth date
 * and gender as it is typed; an ID-card reader or scanner that types and ends with Enter
 * works the same. Each saved person is checked by the core at once, and a duplicate or
 * ineligible person is flagged before the next one is typed.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { BatchDetail, BatchSummary, RosterRowView } from '../../../shared/api/dto';
import { ROSTER_EDITABLE_STATES } from '../../../shared/domain/batch';
import { formatYuan } from '../../../shared/domain/money';
import type { RawRosterRow, RosterField } from '../../../shared/domain/roster';
import type { Scheme } from '../../../shared/domain/scheme';
import { api } from '../../api/session';
import { Callout } from '../../components/Callout';
import { M } from '../../i18n/messages';
import { attempt, useApp } from '../../state/appStore';
import { shortHeader } from '../batch/rosterColumns';
import { ChoiceInput } from './ChoiceInput';
import { deriveFromId } from './idDerivation';

interface EntryField {
  key: RosterField;
  label: string;
  required: boolean;
  choices?: readonly string[];
}

function entryFields(scheme: Scheme): EntryField[] {
  return scheme.roster.columns
    .filter((c) => c.inTemplate)
    .map((c) => {
      const choices = c.key === 'documentType' ? (c.enumValues ?? [...scheme.roster.documentTypes, ...scheme.roster.manualEntryDocumentTypes]) : c.enumValues;
      return { key: c.key, label: shortHeader(c), required: c.required, ...(choices ? { choices } : {}) };
    });
}

function defaults(fields: readonly EntryField[]): RawRosterRow {
  const row: RawRosterRow = {};
  const docType = fields.find((f) => f.key === 'documentType');
  if (docType?.choices?.[0]) row.documentType = docType.choices[0];
  return row;
}

interface Saved {
  row: RosterRowView;
  at: number;
}

export function QuickEntryScreen({ initialBatchId }: { initialBatchId?: string | undefined }) {
  const unitId = useApp((s) => s.currentUnitId);
  const loadScheme = useApp((s) => s.scheme);
  const navigate = useApp((s) => s.navigate);
  const [batches, setBatches] = useState<BatchSummary[] | null>(null);
  const [batchId, setBatchId] = useState<string | null>(initialBatchId ?? null);
  const [detail, setDetail] = useState<BatchDetail | null>(null);
  const [scheme, setScheme] = useState<Scheme | null>(null);

  const loadBatches = useCallback(async () => {
    if (!unitId) return setBatches([]);
    const list = await attempt(() => api()['batches.list']({ unitId, states: [...ROSTER_EDITABLE_STATES] }));
    if (!list) return;
    const sorted = list.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    setBatches(sorted);
    setBatchId((current) => (current && sorted.some((b) => b.id === current) ? current : (sorted[0]?.id ?? null)));
  }, [unitId]);
  useEffect(() => {
    void loadBatches();
  }, [loadBatches]);

  useEffect(() => {
    setDetail(null);
    setScheme(null);
    if (!batchId) return;
    void attempt(async () => {
      const d = await api()['batches.get']({ batchId });
      setScheme(await loadScheme(d.schemeId));
      setDetail(d);
    });
  }, [batchId, loadScheme]);

  return (
    <section className="panel grow quick-entry">
      <div className="toolbar">
        <h1>{M.quickEntry.title}</h1>
        <label className="field inline">
          <span>{M.quickEntry.batch}</span>
          <select className="input" value={batchId ?? ''} onChange={(e) => setBatchId(e.target.value || null)} data-testid="quick-batch">
            {(batches ?? []).map((b) => (
              <option key={b.id} value={b.id}>
                {M.quickEntry.batchOption(b.title, b.stateLabel, b.counts.persons)}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        {batchId && (
          <button type="button" className="button" onClick={() => navigate({ name: 'batch', batchId, step: 'roster' })}>
            {M.quickEntry.openRoster}
          </button>
        )}
      </div>
      {batches !== null && batches.length === 0 && <Callout tone="info">{M.quickEntry.noBatch}</Callout>}
      {detail && scheme && <EntryForm key={detail.id} detail={detail} scheme={scheme} onRosterChanged={() => void loadBatches()} />}
    </section>
  );
}

function EntryForm({ detail, scheme, onRosterChanged }: { detail: BatchDetail; scheme: Scheme; onRosterChanged(): void }) {
  const fields = useMemo(() => entryFields(scheme), [scheme]);
  const [values, setValues] = useState<RawRosterRow>(() => defaults(fields));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<Saved[]>([]);
  const [flagged, setFlagged] = useState<RosterRowView | null>(null);
  const refs = useRef<Partial<Record<RosterField, HTMLElement | null>>>({});
  // Person-scope schemes (保障活动): the activities every person entered here takes; kept from one person to the next.
  const perPerson = scheme.selectionScope === 'person';
  const [activities, setActivities] = useState<string[]>([]);
  const toggleActivity = (code: string, on: boolean) =>
    setActivities((list) => scheme.plans.map((p) => p.code).filter((c) => (c === code ? on : list.includes(c))));

  const derived = deriveFromId(fields.some((f) => f.key === 'documentType') ? values.documentType : undefined, values.documentNumber ?? '');
  const autoFilled = (key: RosterField) => (key === 'birthDate' && derived.birthDate !== undefined) || (key === 'gender' && derived.gender !== undefined);
  const shown: RawRosterRow = {
    ...values,
    ...(derived.birthDate ? { birthDate: derived.birthDate } : {}),
    ...(derived.gender ? { gender: derived.gender } : {}),
  };

  // Focus moves at once, inside the key's own event: a reader typing the next keys a millisecond later must find the right field.
  const focus = (key: RosterField | undefined) => {
    if (key) refs.current[key]?.focus();
  };
  useEffect(() => focus(fields[0]?.key), []); // eslint-disable-line react-hooks/exhaustive-deps

  const clear = () => {
    setValues(defaults(fields));
    setError(null);
    focus(fields[0]?.key);
  };

  const save = async () => {
    const row: RawRosterRow = {};
    for (const [k, v] of Object.entries(shown) as [RosterField, string | undefined][]) if (v !== undefined && v.trim() !== '') row[k] = v.trim();
    if (Object.keys(row).filter((k) => k !== 'documentType').length === 0) return;
    if (perPerson && !row.plans) {
      if (activities.length === 0) return setError(M.quickEntry.activityRequired);
      row.plans = activities.join(M.common.listSeparator);
    }
    setSaving(true);
    setError(null);
    const result = await attempt(() => api()['roster.addRow']({ batchId: detail.id, row }), (message) => setError(message));
    setSaving(false);
    if (!result) return;
    setSaved((list) => [{ row: result, at: Date.now() }, ...list].slice(0, 50));
    setFlagged(result.verdict === 'error' ? result : null);
    clear();
    onRosterChanged();
  };

  const undo = async (row: RosterRowView) => {
    const r = await attempt(() => api()['roster.removeRows']({ batchId: detail.id, rowIds: [row.id] }));
    if (!r) return;
    setSaved((list) => list.filter((s) => s.row.id !== row.id));
    if (flagged?.id === row.id) setFlagged(null);
    onRosterChanged();
    useApp.getState().notify('info', M.quickEntry.undone(row.values.name ?? ''));
    focus(fields[0]?.key);
  };

  /** The next field to type into after `key`, skipping what the ID number filled. */
  const nextAfter = (key: RosterField): RosterField | undefined => {
    const i = fields.findIndex((f) => f.key === key);
    return fields.slice(i + 1).find((f) => !autoFilled(f.key))?.key;
  };

  const onKey = (key: RosterField) => (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      const next = nextAfter(key);
      if (e.ctrlKey || next === undefined) void save();
      else focus(next);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      clear();
    }
  };

  const set = (key: RosterField, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const errors = saved.filter((s) => s.row.verdict === 'error').length;

  return (
    <div className="entry-layout">
      <form className="entry-form" onSubmit={(e) => e.preventDefault()} data-testid="quick-entry-form">
        <p className="muted small">{M.quickEntry.keysHint}</p>
        {perPerson && (
          <fieldset className="activity-chooser" data-testid="quick-activities">
            <legend className="small">{M.quickEntry.activities}</legend>
            {scheme.plans.map((plan) => (
              <label key={plan.code} className="small">
                <input type="checkbox" data-activity={plan.code} tabIndex={-1} checked={activities.includes(plan.code)} onChange={(e) => toggleActivity(plan.code, e.target.checked)} />
                {M.roster.activityOption(plan.name, plan.priceUnit === 'share' ? M.plans.pricePerShare(formatYuan(plan.priceFen)) : M.plans.pricePerPerson(formatYuan(plan.priceFen)))}
              </label>
            ))}
          </fieldset>
        )}
        {fields.map((f) => {
          const value = shown[f.key] ?? '';
          const isAuto = autoFilled(f.key);
          return (
            <div key={f.key} className={`entry-field ${isAuto ? 'auto' : ''}`}>
              <span className="entry-label">
                {f.label}
                {f.required && <em className="required">*</em>}
              </span>
              {f.choices ? (
                <ChoiceInput
                  ref={(el) => void (refs.current[f.key] = el)}
                  name={f.key}
                  choices={f.choices}
                  value={value}
                  disabled={isAuto}
                  onChange={(v) => set(f.key, v)}
                  onKeyDown={onKey(f.key)}
                />
              ) : (
                <input
                  ref={(el) => void (refs.current[f.key] = el)}
                  className={`input ${f.key === 'documentNumber' || f.key === 'birthDate' || f.key === 'phone' ? 'mono' : ''}`}
                  name={f.key}
                  value={value}
                  readOnly={isAuto}
                  tabIndex={isAuto ? -1 : 0}
                  autoComplete="off"
                  spellCheck={false}
                  onChange={(e) => set(f.key, e.target.value)}
                  onKeyDown={onKey(f.key)}
                />
              )}
              {isAuto && <span className="auto-note">{M.quickEntry.fromId}</span>}
              {f.key === 'documentNumber' && value !== '' && (
                <span className={derived.valid ? 'good small' : 'bad small'} data-testid="id-status">
                  {derived.valid ? M.quickEntry.idValid : derived.findings.filter((x) => x.severity === 'error').map((x) => x.message).join(M.common.clauseSeparator)}
                </span>
              )}
            </div>
          );
        })}
        {error && <Callout tone="error">{error}</Callout>}
        <div className="form-actions">
          <button type="button" className="button primary" onClick={() => void save()} disabled={saving} data-testid="quick-save">
            {M.quickEntry.save}
          </button>
          <button type="button" className="button" onClick={clear}>
            {M.quickEntry.clear}
          </button>
        </div>
      </form>
      <div className="entry-results">
        {flagged && (
          <Callout tone="error" testId="quick-flag">
            <strong>{M.quickEntry.flagged(flagged.values.name ?? '')}</strong>
            <ul>
              {flagged.findings
                .filter((f) => f.severity === 'error')
                .map((f, i) => (
                  <li key={i}>
                    {f.message}
                    {f.hint ? M.roster.hint(f.hint) : ''}
                  </li>
                ))}
            </ul>
            <div className="form-actions">
              <button type="button" className="button small" onClick={() => void undo(flagged)}>
                {M.quickEntry.undo}
              </button>
              <button type="button" className="button small" onClick={() => setFlagged(null)}>
                {M.quickEntry.keep}
              </button>
            </div>
          </Callout>
        )}
        <h3>{M.quickEntry.session(saved.length, errors)}</h3>
        <table className="table compact" data-testid="quick-saved">
          <tbody>
            {saved.map(({ row }) => (
              <tr key={row.id} className={row.verdict} data-verdict={row.verdict}>
                <td>{row.values.name}</td>
                <td className="mono">{row.values.documentNumber}</td>
                <td className="mono">{row.values.birthDate}</td>
                <td>{row.values.gender}</td>
                <td className={`verdict ${row.verdict}`}>{M.roster.verdict[row.verdict]}</td>
                <td className="small">
                  {row.findings
                    .filter((f) => f.severity !== 'info')
                    .map((f) => f.message)
                    .join(M.common.clauseSeparator)}
                </td>
                <td>
                  <button type="button" className="link small" onClick={() => void undo(row)}>
                    {M.quickEntry.undo}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
