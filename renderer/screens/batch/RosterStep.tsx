/**
 * 名单: the scheme's import template, importing an xlsx with progress and cancel, and the
 * roster grid where rows are checked, fixed and removed.
 */
import { useRef, useState } from 'react';
import type { BatchDetail } from '../../../shared/api/dto';
import { BATCH_STATE_INFO } from '../../../shared/domain/batch';
import { formatYuan } from '../../../shared/domain/money';
import type { Scheme } from '../../../shared/domain/scheme';
import { api } from '../../api/session';
import { Callout } from '../../components/Callout';
import { ProgressBar } from '../../components/ProgressBar';
import { M } from '../../i18n/messages';
import { attempt } from '../../state/appStore';
import { useBatch } from '../../state/batchStore';
import { formatTimestamp } from '../../util/dates';
import { saveDownload } from '../../util/files';
import { ColumnMappingForm } from './ColumnMappingForm';
import { HeadCountLines } from './HeadCountLines';
import { ImportRecords } from './ImportRecords';
import { RosterGrid } from './RosterGrid';
import { SuggestedListDialog } from './SuggestedListDialog';

const RUNNING = new Set(['queued', 'reading', 'checking', 'saving']);

export function RosterStep({ detail, scheme }: { detail: BatchDetail; scheme: Scheme }) {
  const job = useBatch((s) => s.importJob);
  const startImport = useBatch((s) => s.startImport);
  const cancelImport = useBatch((s) => s.cancelImport);
  const lastImport = useBatch((s) => s.lastImport);
  const [mode, setMode] = useState<'append' | 'replace'>('append');
  const [suggesting, setSuggesting] = useState(false);
  const [showImports, setShowImports] = useState(false);
  // The benefit activities (保障活动) an import gives its persons, remembered per batch while the step is open.
  const [activitiesByBatch, setActivitiesByBatch] = useState<Record<string, string[]>>({});
  const perPerson = scheme.selectionScope === 'person';
  const activities = activitiesByBatch[detail.id] ?? [];
  const toggleActivity = (code: string, on: boolean) => {
    const next = on ? [...activities.filter((c) => c !== code), code] : activities.filter((c) => c !== code);
    setActivitiesByBatch({ ...activitiesByBatch, [detail.id]: scheme.plans.map((p) => p.code).filter((c) => next.includes(c)) });
  };
  const needsActivity = perPerson && activities.length === 0;
  const rosterVersion = useBatch((s) => s.rosterVersion);
  const fileInput = useRef<HTMLInputElement>(null);
  const editable = BATCH_STATE_INFO[detail.state].rosterEditable;
  const running = job !== null && RUNNING.has(job.phase);

  const downloadTemplate = async () => {
    const file = await attempt(() => api()['templates.generate']({ schemeId: detail.schemeId, enrollmentType: detail.enrollmentType }));
    if (file) saveDownload(file);
  };
  const exportRoster = async () => {
    const file = await attempt(() => api()['roster.export']({ batchId: detail.id }));
    if (file) saveDownload(file);
  };
  const exportRejected = async () => {
    const file = await attempt(() => api()['roster.exportRejected']({ batchId: detail.id }));
    if (file) saveDownload(file);
  };

  return (
    <div className="roster-step">
      <div className="toolbar">
        <button type="button" className="button" onClick={() => void downloadTemplate()} data-testid="download-template">
          {M.roster.downloadTemplate}
        </button>
        {editable && (
          <>
            <select className="input" value={mode} onChange={(e) => setMode(e.target.value as 'append' | 'replace')} aria-label={M.roster.importMode} disabled={running}>
              <option value="append">{M.roster.modeAppend}</option>
              <option value="replace">{M.roster.modeReplace}</option>
            </select>
            {perPerson && (
              <fieldset className="activity-chooser" data-testid="import-activities">
                <legend className="small">{M.roster.activities}</legend>
                {scheme.plans.map((plan) => (
                  <label key={plan.code} className="small">
                    <input type="checkbox" data-activity={plan.code} checked={activities.includes(plan.code)} disabled={running} onChange={(e) => toggleActivity(plan.code, e.target.checked)} />
                    {M.roster.activityOption(plan.name, plan.priceUnit === 'share' ? M.plans.pricePerShare(formatYuan(plan.priceFen)) : M.plans.pricePerPerson(formatYuan(plan.priceFen)))}
                  </label>
                ))}
              </fieldset>
            )}
            <button
              type="button"
              className="button primary"
              onClick={() => fileInput.current?.click()}
              disabled={running || needsActivity}
              title={needsActivity ? M.roster.activityRequired : undefined}
              data-testid="import-button"
            >
              {M.roster.import}
            </button>
            <button type="button" className="button" onClick={() => setSuggesting(true)} disabled={running} data-testid="open-suggested">
              {M.suggested.open}
            </button>
            <input
              ref={fileInput}
              type="file"
              accept=".xlsx,.xls,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              className="hidden"
              data-testid="import-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void startImport(file, mode, perPerson ? activities : undefined);
              }}
            />
          </>
        )}
        {detail.counts.errorRows > 0 && (
          <button type="button" className="button" onClick={() => void exportRejected()}>
            {M.roster.exportRejected}
          </button>
        )}
        {detail.counts.persons > 0 && (
          <button type="button" className="button" onClick={() => void exportRoster()} data-testid="export-roster">
            {M.importRecords.exportRoster}
          </button>
        )}
        <button type="button" className={showImports ? 'button active' : 'button'} aria-pressed={showImports} onClick={() => setShowImports(!showImports)} data-testid="toggle-imports">
          {M.importRecords.toggle}
        </button>
        <span className="spacer" />
        {scheme.roster.rowLimitPerFile && <span className="muted small">{M.roster.rowLimit(scheme.roster.rowLimitPerFile)}</span>}
      </div>
      {editable && needsActivity && <Callout tone="info">{M.roster.activityRequired}</Callout>}
      {job && (
        <div className={`import-status ${job.phase}`} data-testid="import-status" data-phase={job.phase}>
          <div className="import-line">
            <strong>{job.fileName}</strong>
            <span>{M.roster.phase[job.phase]}</span>
            {job.phase !== 'failed' && <span className="muted">{M.roster.importCounts(job.rowsRead, job.totalRows, job.accepted, job.rejected)}</span>}
            <span className="spacer" />
            {running && (
              <button type="button" className="button small" onClick={() => void cancelImport()} data-testid="import-cancel">
                {M.roster.cancelImport}
              </button>
            )}
          </div>
          {running && <ProgressBar done={job.rowsRead} total={job.phase === 'reading' ? job.totalRows : null} label={M.roster.importing} />}
          {job.error && <Callout tone="error">{job.error.message}</Callout>}
          {job.phase === 'failed' && job.unmatched && lastImport && editable && (
            <ColumnMappingForm
              unmatched={job.unmatched}
              {...(job.columnMapping ? { remembered: job.columnMapping } : {})}
              onRetry={(mapping) => void startImport(lastImport.file, lastImport.mode, lastImport.planCodes, mapping)}
            />
          )}
          {job.phase === 'done' && job.ignoredColumns && <Callout tone="info">{M.roster.ignoredColumns(job.ignoredColumns)}</Callout>}
          {job.columnMapping && !running && job.phase !== 'failed' && (
            <div className="small muted">
              {M.roster.mappingRemembered(Object.keys(job.columnMapping).length)}{' '}
              {lastImport && editable && (
                <button type="button" className="button link small" onClick={() => void startImport(lastImport.file, lastImport.mode, lastImport.planCodes, {})}>
                  {M.roster.mappingForget}
                </button>
              )}
            </div>
          )}
        </div>
      )}
      {showImports && <ImportRecords batchId={detail.id} version={rosterVersion} />}
      {!editable && <Callout tone="info">{M.roster.notEditable(detail.stateLabel)}</Callout>}
      {detail.overAgeCommitmentAt && <Callout tone="info">{M.roster.overAgeSigned(formatTimestamp(detail.overAgeCommitmentAt))}</Callout>}
      <RosterGrid detail={detail} scheme={scheme} editable={editable} />
      {/* Schemes whose plans are per-person benefit activities (Qingdao) also take head counts without names. */}
      {suggesting && <SuggestedListDialog detail={detail} scheme={scheme} onClose={() => setSuggesting(false)} />}
      {scheme.selectionScope === 'person' && <HeadCountLines detail={detail} scheme={scheme} editable={editable} />}
    </div>
  );
}
