/**
 * 手工指定列: a file whose header lacks required columns (the clerk's own sheet, headed
 * its own way) is imported again with each missing column mapped onto one of the file's
 * headers, the closest one preselected. The core remembers the mapping for the unit.
 */
import { useState } from 'react';
import type { UnmatchedColumns } from '../../../shared/api/dto';
import type { RosterField } from '../../../shared/domain/roster/fields';
import { M } from '../../i18n/messages';

export function ColumnMappingForm({ unmatched, remembered, onRetry }: { unmatched: UnmatchedColumns; remembered?: Record<string, RosterField>; onRetry(mapping: Record<string, RosterField>): void }) {
  const [chosen, setChosen] = useState<Partial<Record<RosterField, string>>>(() =>
    Object.fromEntries(unmatched.missing.filter((m) => m.closest).map((m) => [m.field, m.closest!])),
  );
  const complete = unmatched.missing.every((m) => chosen[m.field]);
  const retry = () => {
    const mapping: Record<string, RosterField> = { ...(remembered ?? {}) };
    for (const m of unmatched.missing) if (chosen[m.field]) mapping[chosen[m.field]!] = m.field;
    onRetry(mapping);
  };
  return (
    <fieldset className="column-mapping" data-testid="column-mapping">
      <legend>{M.roster.mappingTitle}</legend>
      <p className="small">{M.roster.mappingIntro(unmatched.headerRow)}</p>
      {unmatched.missing.map((m) => (
        <label key={m.field} className="mapping-line">
          <span className="mapping-target">{m.header}</span>
          <select className="input" value={chosen[m.field] ?? ''} data-field={m.field} onChange={(e) => setChosen({ ...chosen, [m.field]: e.target.value || undefined })}>
            <option value="">{M.roster.mappingChoose}</option>
            {unmatched.fileHeaders.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
          {m.closest && <span className="muted small">{M.roster.mappingClosest(m.closest)}</span>}
        </label>
      ))}
      <button type="button" className="button primary small" disabled={!complete} onClick={retry} data-testid="mapping-retry">
        {M.roster.mappingRetry}
      </button>
    </fieldset>
  );
}
