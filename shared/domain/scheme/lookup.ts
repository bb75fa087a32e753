/**
 * Lookups over a loaded scheme, shared by eligibility, pricing and the cross-field check.
 */
import type { EnrollmentType } from './primitives';
import type { EnrollmentTypeRule } from './coverageSchema';
import type { Plan, PlanFamily } from './planSchema';
import type { ComboRule, PlanSelector } from './ruleSchema';
import type { Scheme } from './schemeSchema';

export function findPlan(scheme: Pick<Scheme, 'plans'>, code: string): Plan | undefined {
  return scheme.plans.find((p) => p.code === code);
}

/** The plan with this code; throws for a code the scheme does not define. */
export function getPlan(scheme: Pick<Scheme, 'plans' | 'id'>, code: string): Plan {
  const plan = findPlan(scheme, code);
  if (!plan) throw new RangeError(`保障方案 ${scheme.id} 中没有保障项目 ${code}`);
  return plan;
}

export function findFamily(scheme: Pick<Scheme, 'families'>, code: string): PlanFamily | undefined {
  return scheme.families.find((f) => f.code === code);
}

export function findEnrollmentType(scheme: Pick<Scheme, 'enrollmentTypes'>, type: EnrollmentType): EnrollmentTypeRule | undefined {
  return scheme.enrollmentTypes.find((t) => t.type === type);
}

export function combosOf(scheme: Pick<Scheme, 'selectionRules'>): ComboRule[] {
  return scheme.selectionRules.filter((r): r is ComboRule => r.kind === 'combo');
}

export function matchesSelector(plan: Plan, selector: PlanSelector): boolean {
  if (selector.planCodes && !selector.planCodes.includes(plan.code)) return false;
  if (selector.layer && plan.layer !== selector.layer) return false;
  if (selector.families && !selector.families.includes(plan.family)) return false;
  return true;
}

export function plansMatching(scheme: Pick<Scheme, 'plans'>, selector: PlanSelector): Plan[] {
  return scheme.plans.filter((p) => matchesSelector(p, selector));
}

/** "A0、B0、C0" — plan codes as the manuals list them. */
export function listCodes(codes: readonly string[]): string {
  return codes.join('、');
}

/** How a plan is named in messages and price lines, in the scheme's `planLabelStyle`. */
export function planLabel(scheme: Pick<Scheme, 'planLabelStyle'>, plan: Plan): string {
  const name = plan.shortName ?? plan.name;
  switch (scheme.planLabelStyle) {
    case 'code':
      return plan.code;
    case 'name':
      return name;
    case 'nameAndCode':
      return `${name}（${plan.code}）`;
  }
}

/** Several plans by their labels: "A0、B0、C0". */
export function planLabels(scheme: Pick<Scheme, 'planLabelStyle' | 'plans'>, codes: readonly string[]): string {
  return codes.map((c) => {
    const plan = findPlan(scheme, c);
    return plan ? planLabel(scheme, plan) : c;
  }).join('、');
}
