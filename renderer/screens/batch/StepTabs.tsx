/** The steps of a batch, each marked done or needing attention. */
import type { BatchDetail } from '../../../shared/api/dto';
import { BATCH_STATES } from '../../../shared/domain/batch';
import type { Scheme } from '../../../shared/domain/scheme';
import { M } from '../../i18n/messages';
import { BATCH_STEPS, type BatchStep } from '../../state/appStore';

const atOrAfter = (detail: BatchDetail, state: (typeof BATCH_STATES)[number]) =>
  !['withdrawn', 'deleted'].includes(detail.state) && BATCH_STATES.indexOf(detail.state) >= BATCH_STATES.indexOf(state);

export function stepMark(step: BatchStep, detail: BatchDetail, scheme: Scheme): 'done' | 'attention' | 'none' {
  switch (step) {
    case 'plans':
      return scheme.selectionScope === 'person' || detail.selection.length > 0 ? 'done' : 'none';
    case 'roster':
      return detail.counts.persons > 0 ? (detail.counts.errorRows > 0 ? 'attention' : 'done') : 'none';
    case 'check':
      return detail.state === 'checkFailed' ? 'attention' : atOrAfter(detail, 'checkPassed') ? 'done' : 'none';
    case 'premium':
      return atOrAfter(detail, 'premiumConfirmed') ? 'done' : 'none';
    case 'submit':
      return atOrAfter(detail, 'queued') ? 'done' : 'none';
    case 'payment':
      return detail.state === 'awaitingPayment' ? 'attention' : atOrAfter(detail, 'paymentProofUploaded') ? 'done' : 'none';
    case 'documents':
      return 'none';
  }
}

export function StepTabs({ detail, scheme, step, onStep }: { detail: BatchDetail; scheme: Scheme; step: BatchStep; onStep(step: BatchStep): void }) {
  return (
    <div className="steps" role="tablist" aria-label={M.batch.stepsLabel}>
      {BATCH_STEPS.map((s, i) => {
        const mark = stepMark(s, detail, scheme);
        return (
          <button
            key={s}
            type="button"
            role="tab"
            aria-selected={s === step}
            className={`step ${s === step ? 'active' : ''} ${mark}`}
            onClick={() => onStep(s)}
            data-step={s}
          >
            <span className="step-no">{s === 'documents' ? M.batch.documentsMark : mark === 'done' ? '✓' : mark === 'attention' ? '!' : i + 1}</span>
            {M.batch.steps[s]}
          </button>
        );
      })}
    </div>
  );
}
