/**
 * The active row's findings with how to fix each, and the fixes the scheme offers in one
 * step: 设置在职 for a person whose status is "-", and the over-age commitment.
 */
import type { BatchDetail, RosterRowView } from '../../../shared/api/dto';
import type { RawRosterRow } from '../../../shared/domain/roster';
import type { Scheme } from '../../../shared/domain/scheme';
import { api } from '../../api/session';
import { M, ROSTER_WORDS } from '../../i18n/messages';
import { askConfirm, attempt, useApp } from '../../state/appStore';
import { useBatch } from '../../state/batchStore';

const OVER_AGE_CODES: ReadonlySet<string> = new Set(['overAgeNeedsMedicalInService', 'overAgeNeedsCommitment']);

export function needsInServiceConfirmation(row: RosterRowView): boolean {
  return row.findings.some((f) => f.code === 'socialSecurityUnknown');
}

export function needsOverAgeCommitment(row: RosterRowView): boolean {
  return row.findings.some((f) => OVER_AGE_CODES.has(f.code));
}

/** The texts of the commitment the clerk confirms, from the scheme when it has them. */
export function CommitmentText({ scheme, personName }: { scheme: Scheme; personName: string }) {
  const text = scheme.documents.overAgeCommitment;
  return (
    <div className="commitment">
      <p>{M.roster.overAgeFor(personName)}</p>
      {text ? (
        <>
          <h3>{text.title}</h3>
          {text.paragraphs.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </>
      ) : (
        <p>{M.roster.overAgeGeneric}</p>
      )}
    </div>
  );
}

export function RowDetail({
  row,
  index,
  detail,
  scheme,
  editable,
  onSave,
  onRemove,
  onFilterCode,
}: {
  row: RosterRowView;
  index: number;
  detail: BatchDetail;
  scheme: Scheme;
  editable: boolean;
  onSave(rowId: string, changes: RawRosterRow): Promise<RosterRowView | null>;
  onRemove(rowId: string): void;
  onFilterCode(code: string): void;
}) {
  const notify = useApp((s) => s.notify);
  const setDetail = useBatch((s) => s.setDetail);
  const rosterChanged = useBatch((s) => s.rosterChanged);
  const name = row.values.name ?? M.roster.unnamed;

  const setInService = async () => {
    const ok = await askConfirm({
      title: M.roster.setInService,
      body: scheme.documents.setInServiceConfirmation ?? M.roster.setInServiceQuestion,
      confirmLabel: M.roster.setInServiceConfirm,
    });
    if (!ok) return;
    const updated = await onSave(row.id, { employmentStatus: ROSTER_WORDS.inService, socialSecurity: ROSTER_WORDS.yes });
    if (updated) notify('success', M.roster.setInServiceDone(name));
  };

  const confirmOverAge = async () => {
    const ok = await askConfirm({
      title: scheme.documents.overAgeCommitment?.title ?? M.roster.overAgeTitle,
      body: <CommitmentText scheme={scheme} personName={name} />,
      confirmLabel: M.roster.overAgeConfirm,
    });
    if (!ok) return;
    if (!detail.overAgeCommitmentAt) {
      const next = await attempt(() => api()['batches.update']({ batchId: detail.id, overAgeCommitment: true }));
      if (!next) return;
      setDetail(next);
    }
    const updated = await onSave(row.id, { medicalInService: ROSTER_WORDS.yes });
    if (updated) {
      // The commitment changes every over-age row's findings, not only this one.
      rosterChanged();
      notify('success', M.roster.overAgeDone(name));
    }
  };

  return (
    <div className="row-detail" data-testid="row-detail">
      <div className="row-detail-head">
        <strong>{M.roster.rowTitle(index + 1, name)}</strong>
        <span className="muted small">{row.sourceRow === null ? M.roster.enteredByHand : M.roster.sourceRow(row.sourceRow)}</span>
        <span className="spacer" />
        {editable && needsInServiceConfirmation(row) && (
          <button type="button" className="button small" onClick={() => void setInService()} data-testid="set-in-service">
            {M.roster.setInService}
          </button>
        )}
        {editable && needsOverAgeCommitment(row) && (
          <button type="button" className="button small" onClick={() => void confirmOverAge()} data-testid="over-age-commitment">
            {M.roster.overAgeAction}
          </button>
        )}
        {editable && (
          <button type="button" className="button danger-outline small" onClick={() => onRemove(row.id)}>
            {M.roster.removeRow}
          </button>
        )}
      </div>
      {row.rejection && (
        <p className="bad small" data-testid="row-rejection">
          {M.roster.rejectedReason(row.rejection.message)}
          {row.rejection.hint && <span className="hint">{M.roster.hint(row.rejection.hint)}</span>}
        </p>
      )}
      {row.findings.length === 0 ? (
        !row.rejection && <p className="good small">{M.roster.rowOk}</p>
      ) : (
        <ul className="findings-list">
          {row.findings.map((f, i) => (
            <li key={`${f.code}-${i}`} className={f.severity}>
              <span className={`badge ${f.severity === 'error' ? 'bad' : f.severity === 'warning' ? 'warn' : 'info'}`}>{M.roster.severity[f.severity]}</span>
              <span>{f.message}</span>
              {f.hint && <span className="hint">{M.roster.hint(f.hint)}</span>}
              <button type="button" className="link small" onClick={() => onFilterCode(f.code)}>
                {M.roster.filterByThis}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
