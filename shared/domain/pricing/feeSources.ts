/**
 * Splitting the payable amount by fee source (会费来源: 工会经费 / 行政经费 / 会员自付), as
 * invoices are issued per source until nothing remains to invoice.
 */
import { multiplyFen, type Fen } from '../money';
import type { Scheme } from '../scheme';
import { PricingError } from './errors';
import { yuanText } from './format';
import type { FeeSourceLine, FeeSplit, PlanTotal } from './types';

export interface FeeSourceResult {
  lines: FeeSourceLine[];
  unassignedFen: Fen;
}

export function splitByFeeSource(
  scheme: Scheme,
  planTotals: readonly PlanTotal[],
  payableFen: Fen,
  totalPersons: number,
  splits: readonly FeeSplit[],
  remainderSource: string | undefined,
): FeeSourceResult {
  if (scheme.feeSources.length === 0) {
    if (splits.length > 0 || remainderSource !== undefined) throw new PricingError(`方案 ${scheme.id} 不区分会费来源`);
    return { lines: [], unassignedFen: 0 };
  }
  const sourceName = (code: string) => {
    const s = scheme.feeSources.find((f) => f.code === code);
    if (!s) throw new PricingError(`会费来源 ${code} 不在方案 ${scheme.id} 中（可选：${scheme.feeSources.map((f) => f.name).join('、')}）`);
    return s.name;
  };
  const lines = new Map<string, FeeSourceLine>();
  const lineFor = (code: string) => {
    let line = lines.get(code);
    if (!line) {
      line = { source: code, name: sourceName(code), amountFen: 0, parts: [] };
      lines.set(code, line);
    }
    return line;
  };

  const usedByPlan = new Map<string, Fen>();
  let used = 0;
  for (const split of splits) {
    const name = sourceName(split.source);
    if ((split.perPersonFen === undefined) === (split.amountFen === undefined)) {
      throw new PricingError(`${name}须填写人均金额或总金额中的一项`);
    }
    const plan = split.planCode ? planTotals.find((p) => p.planCode === split.planCode) : undefined;
    if (split.planCode && !plan) throw new PricingError(`${name}所属保障项目 ${split.planCode} 不在本批次中`);
    const persons = plan ? plan.persons : totalPersons;
    const fen = split.perPersonFen !== undefined ? multiplyFen(split.perPersonFen, persons) : split.amountFen!;
    if (plan) {
      const planUsed = (usedByPlan.get(plan.planCode) ?? 0) + fen;
      if (planUsed > plan.payableFen) {
        throw new PricingError(`${plan.label}按会费来源分配的金额 ${yuanText(planUsed)} 元超过其应缴会费 ${yuanText(plan.payableFen)} 元`);
      }
      usedByPlan.set(plan.planCode, planUsed);
    }
    used += fen;
    if (used > payableFen) throw new PricingError(`按会费来源分配的金额 ${yuanText(used)} 元超过应缴会费 ${yuanText(payableFen)} 元`);
    const scope = plan ? `${plan.label} ` : '';
    const how = split.perPersonFen !== undefined ? `人均 ${yuanText(split.perPersonFen)} 元 × ${persons} 人 = ${yuanText(fen)} 元` : `${yuanText(fen)} 元`;
    const line = lineFor(split.source);
    line.amountFen += fen;
    line.parts.push({ ...(split.planCode ? { planCode: split.planCode } : {}), amountFen: fen, explanation: `${name}：${scope}${how}` });
  }

  const remainder = payableFen - used;
  const target = remainderSource ?? scheme.defaultFeeSource;
  if (remainder > 0 && target !== undefined) {
    const name = sourceName(target);
    const line = lineFor(target);
    line.amountFen += remainder;
    line.parts.push({ amountFen: remainder, explanation: `${name}：其余应缴会费 ${yuanText(remainder)} 元` });
    return { lines: [...lines.values()], unassignedFen: 0 };
  }
  return { lines: [...lines.values()], unassignedFen: remainder };
}
