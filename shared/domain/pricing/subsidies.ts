/**
 * Subsidies and gifts (补贴 / 赠险): the scheme's standing rules and the grants that come
 * with a batch. They reduce what the unit pays, never below zero for a plan.
 */
import { allocateFen, multiplyFen, type Fen } from '../money';
import type { EnrollmentType, Scheme } from '../scheme';
import { PricingError } from './errors';
import { yuanText } from './format';
import type { PlanAggregate } from './planAggregate';
import type { SubsidyGrant, SubsidyLine } from './types';

export interface SubsidyResult {
  lines: SubsidyLine[];
  /** Subsidy per plan code. */
  byPlan: Map<string, Fen>;
}

function kindName(scheme: Scheme, kind: string): string {
  const found = scheme.subsidies.kinds.find((k) => k.code === kind);
  if (!found) throw new PricingError(`补贴类型 ${kind} 不在方案 ${scheme.id} 中`);
  return found.name;
}

export function computeSubsidies(
  scheme: Scheme,
  type: EnrollmentType,
  plans: readonly PlanAggregate[],
  grants: readonly SubsidyGrant[],
  totalPersons: number,
): SubsidyResult {
  const lines: SubsidyLine[] = [];
  const byPlan = new Map<string, Fen>();
  const add = (planCode: string, fen: Fen) => byPlan.set(planCode, (byPlan.get(planCode) ?? 0) + fen);
  const planAmount = (code: string) => plans.find((p) => p.planCode === code)?.amountFen ?? 0;
  const room = (code: string) => planAmount(code) - (byPlan.get(code) ?? 0);

  for (const rule of scheme.subsidies.rules) {
    if (rule.enrollmentTypes && !rule.enrollmentTypes.includes(type)) continue;
    const name = kindName(scheme, rule.kind);
    for (const plan of plans) {
      if (rule.planCodes && !rule.planCodes.includes(plan.planCode)) continue;
      const persons = rule.newEmploymentFormOnly ? plan.newEmployment.persons : plan.persons;
      const shareUnits = rule.newEmploymentFormOnly ? plan.newEmployment.shareUnits : plan.shareUnits;
      if (persons === 0) continue;
      const wanted =
        rule.perPersonFen !== undefined ? multiplyFen(rule.perPersonFen, persons) : multiplyFen(rule.perShareFen ?? 0, shareUnits);
      const fen = Math.min(wanted, room(plan.planCode));
      if (fen <= 0) continue;
      add(plan.planCode, fen);
      const per =
        rule.perPersonFen !== undefined ? `${yuanText(rule.perPersonFen)} 元 × ${persons} 人` : `${yuanText(rule.perShareFen ?? 0)} 元/份 × ${shareUnits} 份`;
      lines.push({
        origin: 'scheme',
        kind: rule.kind,
        kindName: name,
        name: rule.name,
        planCode: plan.planCode,
        amountFen: fen,
        explanation: `${name}：${rule.name}，${plan.label} ${per} = ${yuanText(wanted)} 元${fen < wanted ? `，以应缴会费为限计 ${yuanText(fen)} 元` : ''}`,
      });
    }
  }

  for (const grant of grants) {
    const name = kindName(scheme, grant.kind);
    if ((grant.perPersonFen === undefined) === (grant.amountFen === undefined)) {
      throw new PricingError(`${name}须填写每人金额或总金额中的一项`);
    }
    const target = grant.planCode ? plans.find((p) => p.planCode === grant.planCode) : undefined;
    if (grant.planCode && !target) throw new PricingError(`${name}所属保障项目 ${grant.planCode} 不在本批次中`);
    const persons = target ? target.persons : totalPersons;
    const fen = grant.perPersonFen !== undefined ? multiplyFen(grant.perPersonFen, persons) : grant.amountFen!;
    const scope = target ? target.label : '本批次';
    const label = grant.name ?? name;
    if (target) {
      if (fen > room(target.planCode)) throw new PricingError(`${label} ${yuanText(fen)} 元超过${scope}尚需缴纳的会费 ${yuanText(room(target.planCode))} 元`);
      add(target.planCode, fen);
    } else {
      const rooms = plans.map((p) => room(p.planCode));
      const totalRoom = rooms.reduce((s, r) => s + r, 0);
      if (fen > totalRoom) throw new PricingError(`${label} ${yuanText(fen)} 元超过本批次尚需缴纳的会费 ${yuanText(totalRoom)} 元`);
      if (fen > 0) allocateFen(fen, rooms).forEach((part, i) => add(plans[i]!.planCode, part));
    }
    const how = grant.perPersonFen !== undefined ? `${yuanText(grant.perPersonFen)} 元 × ${persons} 人 = ${yuanText(fen)} 元` : `${yuanText(fen)} 元`;
    lines.push({
      origin: 'grant',
      kind: grant.kind,
      kindName: name,
      name: label,
      ...(grant.planCode ? { planCode: grant.planCode } : {}),
      amountFen: fen,
      explanation: `${name}：${scope} ${how}`,
    });
  }
  return { lines, byPlan };
}
