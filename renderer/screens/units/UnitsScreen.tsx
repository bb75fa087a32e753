/** 单位: every unit kept on this machine, searchable; a unit's profile to add or edit; the current unit in one click. */
import { useMemo, useState } from 'react';
import type { UnitProfile } from '../../../shared/api/dto';
import { matchesUnit } from '../../components/UnitSwitcher';
import { useKeys } from '../../components/Shortcuts';
import { M } from '../../i18n/messages';
import { useApp } from '../../state/appStore';
import { RenewalReminders } from './RenewalReminders';
import { UnitEditor } from './UnitEditor';
import { UnitOnboarding } from './UnitOnboarding';

/** `openUnitId`: the unit whose page (profile and renewal panel) opens at once, as a to-do item asks. */
export function UnitsScreen({ openUnitId }: { openUnitId?: string }) {
  const units = useApp((s) => s.units);
  const currentId = useApp((s) => s.currentUnitId);
  const selectUnit = useApp((s) => s.selectUnit);
  const navigate = useApp((s) => s.navigate);
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<UnitProfile | 'new' | null>(() => units.find((u) => u.id === openUnitId) ?? (units.length === 0 ? 'new' : null));
  const shown = useMemo(() => units.filter((u) => matchesUnit(u, query)), [units, query]);

  useKeys((e) => {
    if (e.altKey && e.key.toLowerCase() === 'n') return (setEditing('new'), true);
    return false;
  });

  return (
    <div className="split">
      <div className="main-column">
        <section className="panel grow">
          <div className="toolbar">
            <h1>{M.units.title}</h1>
            <input className="input search" placeholder={M.units.searchPlaceholder} value={query} onChange={(e) => setQuery(e.target.value)} data-testid="unit-search" />
            <span className="muted">{M.units.count(shown.length, units.length)}</span>
            <span className="spacer" />
            <button type="button" className="button primary" onClick={() => setEditing('new')} title={M.shortcuts.altN}>
              {M.units.add}
            </button>
          </div>
          <div className="table-wrap">
            <table className="table" data-testid="units-table">
              <thead>
                <tr>
                  <th>{M.units.colName}</th>
                  <th>{M.units.colUscc}</th>
                  <th>{M.units.colCodes}</th>
                  <th>{M.units.colHandler}</th>
                  <th>{M.units.colRegistration}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {shown.map((u) => (
                  <tr key={u.id} className={u.id === currentId ? 'current' : ''} onDoubleClick={() => setEditing(u)}>
                    <td className="unit-name">
                      {u.name}
                      {u.id === currentId && <span className="badge info small-badge">{M.units.isCurrent}</span>}
                    </td>
                    <td className="mono">{u.uscc ?? ''}</td>
                    <td className="mono">{[u.insuranceCode, ...u.socialSecurityCodes].filter(Boolean).join(' / ')}</td>
                    <td>
                      {u.handler.name} <span className="muted mono">{u.handler.phone}</span>
                    </td>
                    <td>{M.units.registration[u.registration]}</td>
                    <td className="actions">
                      <button
                        type="button"
                        className="button small"
                        onClick={() => {
                          selectUnit(u.id);
                          navigate({ name: 'batches' });
                        }}
                      >
                        {M.units.useAndOpenBatches}
                      </button>
                      <button type="button" className="button small" onClick={() => setEditing(u)}>
                        {M.common.edit}
                      </button>
                    </td>
                  </tr>
                ))}
                {shown.length === 0 && (
                  <tr>
                    <td colSpan={6} className="empty">
                      {units.length === 0 ? M.units.emptyHint : M.units.noMatch}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </section>
        {editing && editing !== 'new' && <UnitOnboarding key={editing.id} unit={units.find((u) => u.id === editing.id) ?? editing} />}
        {editing && editing !== 'new' && <RenewalReminders unitId={editing.id} />}
      </div>
      {editing && (
        <UnitEditor
          key={editing === 'new' ? 'new' : editing.id}
          unit={editing === 'new' ? null : (units.find((u) => u.id === editing.id) ?? editing)}
          onClose={() => setEditing(null)}
          onSaved={(u) => setEditing(u)}
        />
      )}
    </div>
  );
}
