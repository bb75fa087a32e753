/** The current unit or every unit on this machine: a choice the print log and the records share. */
import { M } from '../i18n/messages';

export type Scope = 'unit' | 'all';

export function ScopeChips({ scope, onChange }: { scope: Scope; onChange: (scope: Scope) => void }) {
  return (
    <div className="chips">
      <button type="button" className={scope === 'unit' ? 'chip active' : 'chip'} onClick={() => onChange('unit')}>
        {M.printLog.currentUnit}
      </button>
      <button type="button" className={scope === 'all' ? 'chip active' : 'chip'} onClick={() => onChange('all')}>
        {M.printLog.allUnits}
      </button>
    </div>
  );
}
