/**
 * The current unit, switched in one step: type part of a name or code and press Enter
 * (Ctrl+K opens it from anywhere). A service window keeps dozens of units.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { UnitProfile } from '../../shared/api/dto';
import { M } from '../i18n/messages';
import { useApp } from '../state/appStore';

export function matchesUnit(unit: UnitProfile, query: string): boolean {
  const q = query.trim().toUpperCase();
  if (q === '') return true;
  return [unit.name, unit.uscc ?? '', unit.insuranceCode ?? '', ...unit.socialSecurityCodes].some((v) => v.toUpperCase().includes(q));
}

export const OPEN_UNIT_SWITCHER = 'huzhu:open-unit-switcher';

export function UnitSwitcher() {
  const units = useApp((s) => s.units);
  const currentId = useApp((s) => s.currentUnitId);
  const selectUnit = useApp((s) => s.selectUnit);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const current = units.find((u) => u.id === currentId);
  const matches = useMemo(() => units.filter((u) => matchesUnit(u, query)), [units, query]);

  useEffect(() => {
    const openIt = () => setOpen(true);
    window.addEventListener(OPEN_UNIT_SWITCHER, openIt);
    return () => window.removeEventListener(OPEN_UNIT_SWITCHER, openIt);
  }, []);
  useEffect(() => {
    if (open) {
      setQuery('');
      setActive(0);
      window.setTimeout(() => input.current?.focus(), 0);
    }
  }, [open]);

  const choose = (unit: UnitProfile | undefined) => {
    if (unit) selectUnit(unit.id);
    setOpen(false);
  };

  return (
    <div className="unit-switcher">
      <span className="muted">{M.units.current}</span>
      <button type="button" className="unit-current" onClick={() => setOpen(!open)} data-testid="unit-switcher" title={M.shortcuts.ctrlK}>
        {current ? current.name : M.units.noneChosen}
        <span className="caret" aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="popover" role="dialog" aria-label={M.units.switchTitle}>
          <input
            ref={input}
            className="input"
            placeholder={M.units.switchPlaceholder}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') { e.preventDefault(); setActive(Math.min(active + 1, matches.length - 1)); }
              else if (e.key === 'ArrowUp') { e.preventDefault(); setActive(Math.max(active - 1, 0)); }
              else if (e.key === 'Enter') { e.preventDefault(); choose(matches[active]); }
              else if (e.key === 'Escape') { e.preventDefault(); setOpen(false); }
            }}
          />
          <ul className="popover-list">
            {matches.length === 0 && <li className="muted">{M.units.noMatch}</li>}
            {matches.slice(0, 200).map((u, i) => (
              <li key={u.id}>
                <button type="button" className={i === active ? 'active' : ''} onMouseEnter={() => setActive(i)} onClick={() => choose(u)}>
                  <span>{u.name}</span>
                  <span className="muted small">{u.uscc ?? u.insuranceCode ?? ''}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
