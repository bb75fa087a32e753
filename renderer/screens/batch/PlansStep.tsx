/**
 * 保障项目: the plans of the scheme by family, with price, benefits and who may take them.
 * Each choice is saved at once; a choice the rules refuse is not kept and the API's
 * message, which names the rule, is shown.
 */
import { useState } from 'react';
import type { BatchDetail } from '../../../shared/api/dto';
import { BATCH_STATE_INFO } from '../../../shared/domain/batch';
import type { PlanChoice } from '../../../shared/domain/eligibility';
import { formatYuan } from '../../../shared/domain/money';
import { findEnrollmentType, PLAN_LAYER_LABELS, type Plan, type Scheme } from '../../../shared/domain/scheme';
import { toApiFailure } from '../../api/apiFailure';
import { api } from '../../api/session';
import { Callout } from '../../components/Callout';
import { M } from '../../i18n/messages';
import { useBatch } from '../../state/batchStore';
import { eligibilityText, selectionRuleTexts } from './planText';

export function PlansStep({ detail, scheme, onNext }: { detail: BatchDetail; scheme: Scheme; onNext(): void }) {
  const setDetail = useBatch((s) => s.setDetail);
  const rosterChanged = useBatch((s) => s.rosterChanged);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editable = BATCH_STATE_INFO[detail.state].rosterEditable || detail.state === 'withdrawn';
  const typeRule = findEnrollmentType(scheme, detail.enrollmentType);
  const rules = selectionRuleTexts(scheme);

  const save = async (selection: PlanChoice[]) => {
    setBusy(true);
    setRefusal(null);
    try {
      const next = await api()['batches.update']({ batchId: detail.id, selection });
      setDetail(next);
      if (next.counts.persons > 0) rosterChanged();
    } catch (e) {
      setRefusal(toApiFailure(e, M.errors.generic).message);
    } finally {
      setBusy(false);
    }
  };

  const chosen = (code: string) => detail.selection.find((c) => c.planCode === code);
  const toggle = (plan: Plan, on: boolean) => {
    const others = detail.selection.filter((c) => c.planCode !== plan.code);
    void save(on ? [...others, { planCode: plan.code, shares: plan.shares.min }] : others);
  };
  const setShares = (plan: Plan, shares: number) => {
    void save(detail.selection.map((c) => (c.planCode === plan.code ? { ...c, shares } : c)));
  };

  return (
    <div className="plans-step">
      <div className="plans-main">
        {scheme.selectionScope === 'person' && <Callout tone="info">{M.plans.perPerson}</Callout>}
        {refusal && (
          <Callout tone="error" testId="plan-refusal">
            <strong>{M.plans.refused}</strong> {refusal}
          </Callout>
        )}
        {!editable && <Callout tone="info">{M.plans.notEditable}</Callout>}
        {scheme.families.map((family) => (
          <fieldset key={family.code} className="family" disabled={busy || !editable || scheme.selectionScope === 'person'}>
            <legend>{family.name}</legend>
            {scheme.plans
              .filter((p) => p.family === family.code)
              .map((plan) => {
                const choice = chosen(plan.code);
                return (
                  <div key={plan.code} className={choice ? 'plan chosen' : 'plan'}>
                    <label className="plan-head">
                      <input type="checkbox" checked={choice !== undefined} onChange={(e) => toggle(plan, e.target.checked)} data-plan={plan.code} />
                      <span className="plan-code">{plan.code}</span>
                      <span className="plan-name">{plan.name}</span>
                      <span className="badge neutral">{PLAN_LAYER_LABELS[plan.layer]}</span>
                      <span className="plan-price">
                        {plan.priceUnit === 'share' ? M.plans.pricePerShare(formatYuan(plan.priceFen)) : M.plans.pricePerPerson(formatYuan(plan.priceFen))}
                      </span>
                    </label>
                    {choice && plan.shares.max > 1 && (
                      <label className="field inline">
                        <span>{M.plans.shares(plan.shares.min, plan.shares.max)}</span>
                        <input
                          type="number"
                          className="input narrow"
                          min={plan.shares.min}
                          max={plan.shares.max}
                          value={choice.shares}
                          onChange={(e) => setShares(plan, Number(e.target.value))}
                        />
                      </label>
                    )}
                    <div className="plan-detail">
                      {plan.benefits.length > 0 && <div>{plan.benefits.join(M.common.clauseSeparator)}</div>}
                      {eligibilityText(plan).length > 0 && <div className="muted">{eligibilityText(plan).join(M.common.clauseSeparator)}</div>}
                      {plan.waitingPeriods
                        .filter((w) => w.enrollmentTypes.includes(detail.enrollmentType))
                        .map((w, i) => (
                          <div key={i} className="warn small">
                            {w.days !== undefined ? M.plans.waitingDays(w.days) : M.plans.waitingMonths(w.months ?? 0)}
                            {w.note ? ` ${w.note}` : ''}
                          </div>
                        ))}
                    </div>
                  </div>
                );
              })}
          </fieldset>
        ))}
      </div>
      <aside className="plans-aside">
        <h3>{M.plans.rulesTitle}</h3>
        <ul className="rules">
          {rules.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
        {typeRule?.description && (
          <>
            <h3>{typeRule.label ?? M.plans.enrollmentTypeTitle}</h3>
            <p className="small">{typeRule.description}</p>
          </>
        )}
        <div className="chosen-summary">
          {M.plans.chosen(detail.selection.map((c) => (c.shares > 1 ? M.plans.choiceWithShares(c.planCode, c.shares) : c.planCode)).join(' + ') || M.common.none)}
        </div>
        <button type="button" className="button primary" onClick={onNext} disabled={scheme.selectionScope === 'batch' && detail.selection.length === 0}>
          {M.batch.nextStep(M.batch.steps.roster)}
        </button>
      </aside>
    </div>
  );
}
