/** The batch's identity and state, its figures, and the lifecycle commands the state allows. */
import type { BatchDetail } from '../../../shared/api/dto';
import type { BatchCommand } from '../../../shared/api/operations';
import { BATCH_EVENT_LABELS } from '../../../shared/domain/batch';
import { formatYuan } from '../../../shared/domain/money';
import type { Scheme } from '../../../shared/domain/scheme';
import { api } from '../../api/session';
import { Callout } from '../../components/Callout';
import { StateBadge } from '../../components/StateBadge';
import { M } from '../../i18n/messages';
import { askConfirm, askText, attempt, useApp } from '../../state/appStore';
import { useBatch } from '../../state/batchStore';
import { coverageLabel, enrollmentLabel } from '../BatchesScreen';

/** Commands given from the header; confirming the premium and submitting have their own steps. */
const HEADER_COMMANDS: readonly BatchCommand[] = ['cancelSubmission', 'withdraw', 'reopen', 'delete'];

export function BatchHeader({ detail, scheme }: { detail: BatchDetail; scheme: Scheme }) {
  const schemes = useApp((s) => s.schemes);
  const navigate = useApp((s) => s.navigate);
  const notify = useApp((s) => s.notify);
  const setDetail = useBatch((s) => s.setDetail);
  const setFilter = useBatch((s) => s.setFilter);

  const run = async (command: BatchCommand) => {
    let reason: string | undefined;
    if (command === 'withdraw') {
      const text = await askText({ title: M.batch.withdrawTitle, body: M.batch.withdrawBody, confirmLabel: M.batch.withdrawConfirm, danger: true, input: { label: M.batch.reason } });
      if (text === null) return;
      reason = text;
    } else {
      const ok = await askConfirm({
        title: M.batch.commandTitle(BATCH_EVENT_LABELS[command]),
        body: M.batch.commandBody[command as 'cancelSubmission' | 'reopen' | 'delete'](detail.title),
        confirmLabel: BATCH_EVENT_LABELS[command],
        danger: command === 'delete',
      });
      if (!ok) return;
    }
    const next = await attempt(() => api()['batches.transition']({ batchId: detail.id, event: command, ...(reason ? { reason } : {}) }));
    if (!next) return;
    setDetail(next);
    notify('success', M.batch.commandDone(BATCH_EVENT_LABELS[command], next.stateLabel));
    if (command === 'delete') navigate({ name: 'batches' });
  };

  const commands = HEADER_COMMANDS.filter((c) => detail.clerkEvents.includes(c));
  return (
    <div className="batch-header">
      <div className="batch-title">
        <button type="button" className="link" onClick={() => navigate({ name: 'batches' })}>
          {M.batch.back}
        </button>
        <h1>{detail.title}</h1>
        <StateBadge state={detail.state} />
      </div>
      <dl className="facts">
        <div>
          <dt>{M.batch.unit}</dt>
          <dd>{detail.unitName}</dd>
        </div>
        <div>
          <dt>{M.batch.scheme}</dt>
          <dd>{scheme.title}</dd>
        </div>
        <div>
          <dt>{M.batches.colType}</dt>
          <dd>{enrollmentLabel(schemes, detail)}</dd>
        </div>
        <div>
          <dt>{M.batches.colYear}</dt>
          <dd>{coverageLabel(schemes, detail)}</dd>
        </div>
        <div>
          <dt>{M.batches.colPersons}</dt>
          <dd data-testid="batch-persons">
            {detail.counts.persons}
            {detail.counts.errorRows > 0 && <span className="bad"> {M.batches.errorRows(detail.counts.errorRows)}</span>}
            {detail.counts.warningRows > 0 && <span className="warn"> {M.batches.warningRows(detail.counts.warningRows)}</span>}
            {detail.counts.rejectedRows !== undefined && (
              <span className="bad" data-testid="batch-rejected">
                {' '}
                {M.batches.rejectedRows(detail.counts.rejectedRows)}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{M.batches.colPremium}</dt>
          <dd>{detail.payableFen === null ? M.batch.premiumNotConfirmed : M.money.yuan(formatYuan(detail.payableFen, { grouped: true }))}</dd>
        </div>
      </dl>
      {commands.length > 0 && (
        <div className="batch-commands">
          {commands.map((c) => (
            <button key={c} type="button" className={c === 'delete' || c === 'withdraw' ? 'button danger-outline small' : 'button small'} onClick={() => void run(c)}>
              {BATCH_EVENT_LABELS[c]}
            </button>
          ))}
        </div>
      )}
      {detail.syncError && <Callout tone="error">{M.batches.syncFailed(detail.syncError.message)}</Callout>}
      {detail.counts.rejectedRows !== undefined && (
        <Callout tone="error">
          {M.batches.rejectedHelp(detail.counts.rejectedRows)}{' '}
          <button type="button" className="button small" data-testid="show-rejected" onClick={() => (setFilter({ rejected: true }), navigate({ name: 'batch', batchId: detail.id, step: 'roster' }))}>
            {M.batches.showRejected}
          </button>
        </Callout>
      )}
    </div>
  );
}
