/**
 * A person's benefit activities (保障活动) chosen from their names, each with its own
 * shares, instead of codes typed in a cell. Writes the cell as 名称×份数、名称, which the
 * row check reads back.
 */
import { useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { readListedPlans } from '../../../shared/domain/roster';
import type { Scheme } from '../../../shared/domain/scheme';
import { M } from '../../i18n/messages';

function parse(scheme: Scheme, text: string): Map<string, number> {
  const chosen = new Map<string, number>();
  for (const { plan, shares } of readListedPlans(scheme, text)) if (plan && !chosen.has(plan.code)) chosen.set(plan.code, shares ?? 1);
  return chosen;
}

export function PlansCellEditor({ scheme, value, saving, onCommit, onCancel }: { scheme: Scheme; value: string; saving: boolean; onCommit(value: string): void; onCancel(): void }) {
  const [chosen, setChosen] = useState(() => parse(scheme, value));
  const set = (code: string, shares: number | null) => {
    const next = new Map(chosen);
    if (shares === null) next.delete(code);
    else next.set(code, shares);
    setChosen(next);
  };
  const text = () =>
    scheme.plans
      .filter((p) => chosen.has(p.code))
      .map((p) => (chosen.get(p.code)! > 1 ? `${p.name}×${chosen.get(p.code)}` : p.name))
      .join('、');
  const keyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' && e.key !== 'Enter') return;
    e.preventDefault();
    e.stopPropagation();
    if (e.key === 'Escape') onCancel();
    else onCommit(text());
  };
  // Over the page, not inside the grid's moving rows, which clip and transform what they hold.
  return createPortal(
    <div className="plans-editor" role="dialog" aria-label={M.roster.plansEditorTitle} onKeyDown={keyDown} data-testid="plans-editor">
      {scheme.plans.map((p, i) => (
        <label key={p.code} className="plans-editor-line">
          <input type="checkbox" autoFocus={i === 0} checked={chosen.has(p.code)} disabled={saving} onChange={(e) => set(p.code, e.target.checked ? 1 : null)} data-plan-choice={p.code} />
          <span className="plans-editor-name">{p.name}</span>
          <input
            type="number"
            className="input shares"
            min={p.shares.min}
            max={p.shares.max}
            value={chosen.get(p.code) ?? ''}
            disabled={saving || !chosen.has(p.code)}
            onChange={(e) => set(p.code, Math.max(1, Math.floor(Number(e.target.value) || 1)))}
            aria-label={M.roster.plansEditorShares(p.name)}
          />
        </label>
      ))}
      <div className="plans-editor-actions">
        <button type="button" className="button small" onClick={onCancel}>
          {M.common.cancel}
        </button>
        <button type="button" className="button primary small" disabled={saving} onClick={() => onCommit(text())} data-testid="plans-editor-save">
          {M.common.save}
        </button>
      </div>
    </div>,
    document.body,
  );
}
