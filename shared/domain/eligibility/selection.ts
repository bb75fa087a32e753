/**
 * Whether a choice of plans obeys the scheme's selection rules, and which rule it breaks.
 * Each rule kind's meaning lives here; the scheme only parameterises it.
 */
import {
  ENROLLMENT_TYPE_LABELS,
  PLAN_LAYER_LABELS,
  findFamily,
  findPlan,
  findEnrollmentType,
  matchesSelector,
  planLabel,
  planLabels,
  plansMatching,
  type EnrollmentType,
  type Plan,
  type PlanSelector,
  type Scheme,
  type SelectionRule,
} from '../scheme';
import { eligiblePlans } from './planEligibility';
import type { EligibilityContext, PersonFacts, PlanChoice, Refusal, SelectionViolation } from './types';

export interface SelectionContext {
  enrollmentType: EnrollmentType;
  /**
   * The plans of the unit's central enrollment this year, when it took part in one;
   * `copyFromCentral` rules compare against it.
   */
  centralSelection?: readonly PlanChoice[];
  /**
   * `batch`: the unit's choice for the whole batch; `person`: one person's plans, where
   * batch-level rules (copyFromCentral) do not apply.
   */
  scope?: 'batch' | 'person';
}

/** "基础保障A0、B0、C0" / "在职住院A1、A2、A3" / "任一保障项目". */
export function describeSelector(scheme: Scheme, selector: PlanSelector): string {
  const codes = plansMatching(scheme, selector).map((p) => p.code);
  const prefix = selector.layer
    ? PLAN_LAYER_LABELS[selector.layer]
    : selector.families
      ? selector.families.map((f) => findFamily(scheme, f)?.name ?? f).join('、')
      : '';
  if (codes.length === scheme.plans.length && !prefix) return '保障项目';
  return `${prefix}${planLabels(scheme, codes)}`;
}

function layerPrefix(plan: Plan): string {
  return plan.layer === 'other' ? '' : PLAN_LAYER_LABELS[plan.layer];
}

function checkRule(scheme: Scheme, rule: SelectionRule, index: number, chosen: Plan[], ctx: SelectionContext): SelectionViolation[] {
  const severity = 'severity' in rule ? rule.severity : 'error';
  const base = { severity, ruleIndex: index };
  switch (rule.kind) {
    case 'atLeastOneOf': {
      if (chosen.some((p) => matchesSelector(p, rule.of))) return [];
      const candidates = plansMatching(scheme, rule.of).map((p) => p.code);
      const all = candidates.length === scheme.plans.length && !rule.of.layer && !rule.of.families;
      return [{
        ...base,
        code: 'atLeastOneOf',
        planCodes: candidates,
        message: all ? '请至少选择1个保障项目' : `${describeSelector(scheme, rule.of)}至少选择1种`,
        hint: all ? '请勾选要参加的保障项目' : `请在${planLabels(scheme, candidates)}中至少勾选一项`,
      }];
    }
    case 'atMostOnePerFamily': {
      const byFamily = new Map<string, Plan[]>();
      for (const p of chosen) {
        if (!matchesSelector(p, rule.of)) continue;
        byFamily.set(p.family, [...(byFamily.get(p.family) ?? []), p]);
      }
      const out: SelectionViolation[] = [];
      for (const [family, plans] of byFamily) {
        if (plans.length < 2) continue;
        const codes = plans.map((p) => p.code);
        const familyName = findFamily(scheme, family)?.name ?? family;
        const first = plans[0]!;
        out.push({
          ...base,
          code: 'atMostOnePerFamily',
          planCodes: codes,
          message: `${layerPrefix(first)}${planLabels(scheme, codes)}同属“${familyName}”，至多选择1种`,
          hint: '请只保留其中一种',
        });
      }
      return out;
    }
    case 'requires': {
      const out: SelectionViolation[] = [];
      for (const p of chosen) {
        if (!matchesSelector(p, rule.plans)) continue;
        const wanted = plansMatching(scheme, rule.requiresAnyOf).filter((q) => q.code !== p.code && (!rule.sameFamily || q.family === p.family));
        if (wanted.some((q) => chosen.includes(q))) continue;
        const wantedCodes = wanted.map((q) => q.code);
        const prefix = wanted[0] ? layerPrefix(wanted[0]) : '';
        const what = wanted.length === 1 ? `${prefix}${planLabels(scheme, wantedCodes)}` : `${prefix}${planLabels(scheme, wantedCodes)}中的至少一种`;
        out.push({
          ...base,
          code: 'requires',
          planCodes: [p.code, ...wantedCodes],
          message: `${layerPrefix(p)}${planLabel(scheme, p)}需同时选择${what}`,
          hint: wanted.length === 0 ? `请取消${planLabel(scheme, p)}` : `请加选${what}，或取消${planLabel(scheme, p)}`,
        });
      }
      return out;
    }
    case 'exclusive': {
      const hit = chosen.filter((p) => rule.planCodes.includes(p.code)).map((p) => p.code);
      if (hit.length < 2) return [];
      return [{ ...base, code: 'exclusive', planCodes: hit, message: `${planLabels(scheme, hit)}不能同时选择`, hint: '请只保留其中一项' }];
    }
    case 'combo':
      return [];
    case 'copyFromCentral': {
      if ((ctx.scope ?? 'batch') !== 'batch' || !rule.enrollmentTypes.includes(ctx.enrollmentType) || !ctx.centralSelection) return [];
      const now = chosen.map((p) => p.code);
      const centralCodes = ctx.centralSelection.map((c) => c.planCode);
      const same = centralCodes.length === now.length && centralCodes.every((c) => now.includes(c));
      if (same) return [];
      const label = findEnrollmentType(scheme, ctx.enrollmentType)?.label ?? ENROLLMENT_TYPE_LABELS[ctx.enrollmentType];
      return [{
        severity: 'error',
        ruleIndex: index,
        code: 'copyFromCentral',
        planCodes: centralCodes,
        message: `${label}的保障项目必须与集中参保一致（集中参保：${planLabels(scheme, centralCodes)}；本次：${now.length ? planLabels(scheme, now) : '未选择'}）`,
        hint: '请选择与本单位集中参保相同的保障项目',
      }];
    }
  }
}

/**
 * Every way `selection` breaks the scheme: unknown or repeated plans, shares out of
 * range, plans not offered in this enrollment type, then each selection rule in order.
 */
export function checkSelection(scheme: Scheme, selection: readonly PlanChoice[], ctx: SelectionContext): SelectionViolation[] {
  const violations: SelectionViolation[] = [];
  const chosen: Plan[] = [];
  const seen = new Set<string>();
  for (const choice of selection) {
    const plan = findPlan(scheme, choice.planCode);
    if (!plan) {
      violations.push({ code: 'unknownPlan', severity: 'error', planCodes: [choice.planCode], message: `保障项目 ${choice.planCode} 不在本方案中`, hint: '请从本方案的保障项目中选择' });
      continue;
    }
    const label = planLabel(scheme, plan);
    if (seen.has(plan.code)) {
      violations.push({ code: 'duplicatePlan', severity: 'error', planCodes: [plan.code], message: `${label}重复选择`, hint: '每个保障项目只能选择一次，份数请在份数中填写' });
      continue;
    }
    seen.add(plan.code);
    if (!Number.isInteger(choice.shares) || choice.shares < plan.shares.min || choice.shares > plan.shares.max) {
      const range = plan.shares.min === plan.shares.max ? `只能参保${plan.shares.min}份` : `份数须在${plan.shares.min}至${plan.shares.max}份之间`;
      violations.push({ code: 'sharesOutOfRange', severity: 'error', planCodes: [plan.code], message: `${label}${range}（当前${choice.shares}份）`, hint: '请修改份数' });
    }
    const types = plan.eligibility.enrollmentTypes;
    if (types && !types.includes(ctx.enrollmentType)) {
      violations.push({
        code: 'planNotOffered',
        severity: 'error',
        planCodes: [plan.code],
        message: `${label}不能在${ENROLLMENT_TYPE_LABELS[ctx.enrollmentType]}中办理`,
        hint: '请取消该项目',
      });
    }
    chosen.push(plan);
  }
  scheme.selectionRules.forEach((rule, i) => violations.push(...checkRule(scheme, rule, i, chosen, ctx)));
  return violations;
}

/** True when no violation is an error (warnings allowed). */
export function selectionIsValid(violations: readonly SelectionViolation[]): boolean {
  return violations.every((v) => v.severity !== 'error');
}

export interface PersonSelection {
  /** The batch's plans this person takes. */
  selection: PlanChoice[];
  /** The batch's plans this person may not take, and why. */
  dropped: { planCode: string; refusals: Refusal[] }[];
  keptOverAge: string[];
  /** Rules the person's own set breaks (e.g. an enhanced plan left without any basic one). */
  violations: SelectionViolation[];
}

/**
 * For a batch-level choice (Shanghai, Suzhou), the part a person takes: the batch's plans
 * they are eligible for (a person without social security takes B0+C0 but not A0).
 */
export function selectionForPerson(
  scheme: Scheme,
  batchSelection: readonly PlanChoice[],
  person: PersonFacts,
  ctx: EligibilityContext,
): PersonSelection {
  const result = eligiblePlans(scheme, person, ctx);
  const selection = batchSelection.filter((c) => result.eligible.includes(c.planCode));
  const dropped = result.refused.filter((r) => batchSelection.some((c) => c.planCode === r.planCode));
  const violations =
    selection.length === 0
      ? []
      : checkSelection(scheme, selection, { enrollmentType: ctx.enrollmentType, scope: 'person' });
  return {
    selection,
    dropped,
    keptOverAge: result.keptOverAge.filter((c) => selection.some((s) => s.planCode === c)),
    violations,
  };
}
