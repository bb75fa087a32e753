/**
 * 校验: the whole roster and the unit rules checked again; the unit-level results (the
 * social-security ratio, head counts) and how many rows each problem affects, each a
 * click away from its rows in the grid.
 */
import { useEffect, useState } from 'react';
import type { BatchDetail } from '../../../shared/api/dto';
import { BATCH_STATE_INFO } from '../../../shared/domain/batch';
import { HEAD_COUNT_KEYS, HEAD_COUNT_LABELS, type Scheme } from '../../../shared/domain/scheme';
import { api } from '../../api/session';
import { Callout } from '../../components/Callout';
import { ProgressBar } from '../../components/ProgressBar';
import { M } from '../../i18n/messages';
import { attempt, useApp } from '../../state/appStore';
import { useBatch } from '../../state/batchStore';
import { saveDownload } from '../../util/files';

export function CheckStep({ detail, scheme, onShowRows, onNext }: { detail: BatchDetail; scheme: Scheme; onShowRows(): void; onNext(): void }) {
  const summary = useBatch((s) => s.summary);
  const checking = useBatch((s) => s.checking);
  const recheck = useBatch((s) => s.recheck);
  const setFilter = useBatch((s) => s.setFilter);
  const setDetail = useBatch((s) => s.setDetail);
  const unit = useApp((s) => s.units.find((u) => u.id === detail.unitId));
  const editable = BATCH_STATE_INFO[detail.state].rosterEditable;
  const needsRatio = scheme.unitRules.some((r) => r.kind === 'socialSecurityRatio' && (!r.enrollmentTypes || r.enrollmentTypes.includes(detail.enrollmentType)));
  const needsHeadCounts = scheme.unitRules.some((r) => r.kind === 'headCountsRequired' && (!r.enrollmentTypes || r.enrollmentTypes.includes(detail.enrollmentType)));
  const codes = [...new Set([...(unit?.socialSecurityCodes ?? []), ...Object.keys(detail.socialSecurityTotals ?? {})])];
  const [totals, setTotals] = useState<Record<string, string>>(() =>
    Object.fromEntries(codes.map((c) => [c, detail.socialSecurityTotals?.[c] === undefined ? '' : String(detail.socialSecurityTotals?.[c])])),
  );
  const [heads, setHeads] = useState({ inService: String(detail.headCounts?.inService ?? ''), femaleInService: String(detail.headCounts?.femaleInService ?? '') });

  useEffect(() => {
    if (!summary && !checking && editable && detail.counts.persons > 0) void recheck();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const saveUnitFigures = async () => {
    const socialSecurityTotals = Object.fromEntries(
      Object.entries(totals)
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => [k, Number(v)]),
    );
    const input = {
      batchId: detail.id,
      ...(needsRatio && Object.keys(socialSecurityTotals).length > 0 ? { socialSecurityTotals } : {}),
      ...(needsHeadCounts && heads.inService !== '' ? { headCounts: { inService: Number(heads.inService), femaleInService: Number(heads.femaleInService || 0) } } : {}),
    };
    const next = await attempt(() => api()['batches.update'](input));
    if (next) {
      setDetail(next);
      await recheck();
    }
  };

  const exportRejected = async () => {
    const file = await attempt(() => api()['roster.exportRejected']({ batchId: detail.id }));
    if (file) saveDownload(file);
  };

  const passed = ['checkPassed', 'premiumConfirmed'].includes(detail.state) || !editable;
  const unitFindings = summary?.unitFindings ?? detail.unitFindings;

  return (
    <div className="check-step">
      <div className="toolbar">
        <button type="button" className="button primary" onClick={() => void recheck()} disabled={checking || !editable} data-testid="recheck">
          {M.check.run}
        </button>
        {checking && (
          <span className="bulk-progress">
            <ProgressBar done={0} total={null} label={M.check.running} />
            <span className="muted">{M.check.running}</span>
          </span>
        )}
        <span className="spacer" />
        {detail.counts.errorRows > 0 && (
          <button type="button" className="button" onClick={() => void exportRejected()}>
            {M.roster.exportRejected}
          </button>
        )}
      </div>

      <div className="cards">
        <div className="card">
          <div className="card-label">{M.check.persons}</div>
          <div className="card-value" data-testid="check-persons">
            {detail.counts.persons}
          </div>
        </div>
        <div className={detail.counts.errorRows > 0 ? 'card bad' : 'card good'}>
          <div className="card-label">{M.check.errorRows}</div>
          <div className="card-value" data-testid="check-errors">
            {detail.counts.errorRows}
          </div>
        </div>
        <div className={detail.counts.warningRows > 0 ? 'card warn' : 'card'}>
          <div className="card-label">{M.check.warningRows}</div>
          <div className="card-value">{detail.counts.warningRows}</div>
        </div>
        <div className="card">
          <div className="card-label">{M.check.state}</div>
          <div className="card-value small-value" data-testid="check-state">
            {detail.stateLabel}
          </div>
        </div>
      </div>

      <h3>{M.check.unitTitle}</h3>
      {unitFindings.length === 0 ? (
        <p className="good">{M.check.unitOk}</p>
      ) : (
        <ul className="findings-list" data-testid="unit-findings">
          {unitFindings.map((f, i) => (
            <li key={`${f.code}-${i}`}>
              <span className={`badge ${f.severity === 'error' ? 'bad' : f.severity === 'warning' ? 'warn' : 'info'}`}>{M.roster.severity[f.severity]}</span>
              <span>{f.message}</span>
              {f.hint && <span className="hint">{M.roster.hint(f.hint)}</span>}
            </li>
          ))}
        </ul>
      )}
      {editable && (needsRatio || needsHeadCounts) && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void saveUnitFigures();
          }}
        >
          {needsRatio &&
            codes.map((code) => (
              <label key={code} className="field">
                <span>{M.check.ssTotal(code)}</span>
                <input className="input mono narrow" inputMode="numeric" value={totals[code] ?? ''} onChange={(e) => setTotals({ ...totals, [code]: e.target.value })} />
              </label>
            ))}
          {needsRatio && codes.length === 0 && <span className="muted">{M.check.noSsCodes}</span>}
          {needsHeadCounts &&
            HEAD_COUNT_KEYS.map((k) => (
              <label key={k} className="field">
                <span>{HEAD_COUNT_LABELS[k]}</span>
                <input className="input mono narrow" inputMode="numeric" value={heads[k]} onChange={(e) => setHeads({ ...heads, [k]: e.target.value })} />
              </label>
            ))}
          <div className="form-actions">
            <button type="submit" className="button">
              {M.check.saveUnitFigures}
            </button>
          </div>
        </form>
      )}

      <h3>{M.check.byCodeTitle}</h3>
      {!summary && !checking && <p className="muted">{M.check.notRunYet}</p>}
      {summary && summary.byCode.length === 0 && <p className="good">{M.check.noFindings}</p>}
      {summary && summary.byCode.length > 0 && (
        <table className="table" data-testid="finding-counts">
          <thead>
            <tr>
              <th>{M.check.colSeverity}</th>
              <th>{M.check.colFinding}</th>
              <th className="num">{M.check.colRows}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {summary.byCode.map((c) => (
              <tr key={`${c.code}-${c.severity}`} data-code={c.code}>
                <td>
                  <span className={`badge ${c.severity === 'error' ? 'bad' : c.severity === 'warning' ? 'warn' : 'info'}`}>{M.roster.severity[c.severity]}</span>
                </td>
                <td>{c.message}</td>
                <td className="num">{c.rows}</td>
                <td className="actions">
                  <button
                    type="button"
                    className="button small"
                    onClick={() => {
                      setFilter({ findingCode: c.code });
                      onShowRows();
                    }}
                  >
                    {M.check.showRows}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {detail.state === 'checkFailed' && <Callout tone="error">{M.check.failedHint}</Callout>}
      <div className="form-actions">
        <button type="button" className="button primary" onClick={onNext} disabled={!passed}>
          {M.batch.nextStep(M.batch.steps.premium)}
        </button>
      </div>
    </div>
  );
}
