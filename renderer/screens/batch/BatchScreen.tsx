/**
 * One batch, step by step as the portals lead the clerk (保障项目 → 名单 → 校验 → 保费 → 提交),
 * plus its documents; all offline. Alt+← / Alt+→ move between steps.
 */
import { useEffect } from 'react';
import { connection } from '../../api/session';
import { Callout } from '../../components/Callout';
import { useKeys } from '../../components/Shortcuts';
import { M } from '../../i18n/messages';
import { BATCH_STEPS, useApp, type BatchStep } from '../../state/appStore';
import { useBatch } from '../../state/batchStore';
import { BatchHeader } from './BatchHeader';
import { CheckStep } from './CheckStep';
import { DocumentsStep } from './DocumentsStep';
import { PlansStep } from './PlansStep';
import { PaymentStep } from './PaymentStep';
import { PremiumStep } from './PremiumStep';
import { RosterStep } from './RosterStep';
import { StepTabs } from './StepTabs';
import { SubmitStep } from './SubmitStep';
import { SupplementsPanel } from './SupplementsPanel';

export function BatchScreen({ batchId, step }: { batchId: string; step: BatchStep }) {
  const navigate = useApp((s) => s.navigate);
  const detail = useBatch((s) => (s.batchId === batchId ? s.detail : null));
  const scheme = useBatch((s) => (s.batchId === batchId ? s.scheme : null));
  const loadError = useBatch((s) => s.loadError);

  useEffect(() => {
    void useBatch.getState().open(batchId);
    return connection().onEvent((e) => {
      if (e.type === 'batch.changed' && e.batchId === batchId) void useBatch.getState().refresh();
    });
  }, [batchId]);

  const go = (next: BatchStep) => navigate({ name: 'batch', batchId, step: next });
  useKeys((e) => {
    if (!e.altKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return false;
    const i = BATCH_STEPS.indexOf(step) + (e.key === 'ArrowRight' ? 1 : -1);
    const next = BATCH_STEPS[i];
    if (next) go(next);
    return true;
  });

  if (loadError) return <Callout tone="error">{loadError}</Callout>;
  if (!detail || !scheme) return <p className="empty">{M.common.loading}</p>;

  return (
    <div className="batch">
      <BatchHeader detail={detail} scheme={scheme} />
      <SupplementsPanel detail={detail} />
      <StepTabs detail={detail} scheme={scheme} step={step} onStep={go} />
      <div className="step-body">
        {step === 'plans' && <PlansStep detail={detail} scheme={scheme} onNext={() => go('roster')} />}
        {step === 'roster' && <RosterStep detail={detail} scheme={scheme} />}
        {step === 'check' && <CheckStep detail={detail} scheme={scheme} onShowRows={() => go('roster')} onNext={() => go('premium')} />}
        {step === 'premium' && <PremiumStep detail={detail} onNext={() => go('submit')} />}
        {step === 'submit' && <SubmitStep detail={detail} scheme={scheme} />}
        {step === 'payment' && <PaymentStep detail={detail} scheme={scheme} />}
        {step === 'documents' && <DocumentsStep detail={detail} />}
      </div>
    </div>
  );
}
