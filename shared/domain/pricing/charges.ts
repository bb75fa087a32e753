/**
 * Turning each person's plans into priced items: combos first (a person taking all of a
 * combo's plans pays the combo price), then single plans, each scaled for the cover.
 */
import type { Period } from '../dates';
import type { PlanChoice } from '../eligibility';
import { allocateFen, multiplyFen, type Fen } from '../money';
import { combosOf, getPlan, planLabel, type ComboRule, type Plan, type Scheme } from '../scheme';
import { PricingError } from './errors';
import { scalePrice } from './proRata';
import type { ProRata } from './types';

/** One person's (or one head-count line's) priced item. */
export interface PricedItem {
  kind: 'combo' | 'plan';
  code: string;
  planCodes: string[];
  label: string;
  shares: number;
  priceUnit: Plan['priceUnit'];
  /** Full-year list price per person for these shares (a combo: sum of its plans). */
  listUnitFen: Fen;
  /** Full-year price charged per share before scaling (combo price for combos). */
  annualFen: Fen;
  /** Per person, as charged for the cover. */
  unitFen: Fen;
  working: string;
  /** The item's amount apportioned to its plans (by list price for combos). */
  perPlanFen: { planCode: string; amountFen: Fen }[];
}

export function validateChoices(scheme: Scheme, choices: readonly PlanChoice[], who: string): void {
  const seen = new Set<string>();
  for (const c of choices) {
    const plan = scheme.plans.find((p) => p.code === c.planCode);
    if (!plan) throw new PricingError(`${who}：保障项目 ${c.planCode} 不在方案 ${scheme.id} 中`);
    if (seen.has(c.planCode)) throw new PricingError(`${who}：保障项目 ${planLabel(scheme, plan)} 重复`);
    seen.add(c.planCode);
    if (!Number.isInteger(c.shares) || c.shares < plan.shares.min || c.shares > plan.shares.max) {
      throw new PricingError(`${who}：${planLabel(scheme, plan)}的份数须在${plan.shares.min}至${plan.shares.max}份之间（当前${c.shares}份）`);
    }
  }
}

/** Cached per batch: the same (combo or plan, shares) always prices the same. */
export class ItemPricer {
  private readonly cache = new Map<string, PricedItem>();
  private readonly combos: ComboRule[];

  constructor(
    private readonly scheme: Scheme,
    private readonly proRata: ProRata,
    private readonly cover: Period | null,
  ) {
    this.combos = combosOf(scheme);
  }

  /** Splits a person's choices into combo and plan items. */
  itemsFor(choices: readonly PlanChoice[], allowCombos = true): PricedItem[] {
    const remaining = new Map(choices.map((c) => [c.planCode, c.shares]));
    const items: PricedItem[] = [];
    if (allowCombos) {
      for (const combo of this.combos) {
        if (combo.planCodes.every((code) => remaining.get(code) === 1)) {
          combo.planCodes.forEach((code) => remaining.delete(code));
          items.push(this.comboItem(combo));
        }
      }
    }
    // Scheme order, so lines come out as the manuals list them.
    for (const plan of this.scheme.plans) {
      const shares = remaining.get(plan.code);
      if (shares !== undefined) items.push(this.planItem(plan, shares));
    }
    return items;
  }

  private comboItem(combo: ComboRule): PricedItem {
    const key = `combo:${combo.code}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const plans = combo.planCodes.map((c) => getPlan(this.scheme, c));
    const listUnitFen = plans.reduce((s, p) => s + p.priceFen, 0);
    const scaled = scalePrice(combo.priceFen, combo.monthlyPriceFen, this.proRata, this.cover);
    const parts = allocateFen(scaled.unitFen, plans.map((p) => p.priceFen));
    const item: PricedItem = {
      kind: 'combo',
      code: combo.code,
      planCodes: [...combo.planCodes],
      label: combo.name,
      shares: 1,
      priceUnit: 'personYear',
      listUnitFen,
      annualFen: combo.priceFen,
      unitFen: scaled.unitFen,
      working: scaled.working,
      perPlanFen: plans.map((p, i) => ({ planCode: p.code, amountFen: parts[i]! })),
    };
    this.cache.set(key, item);
    return item;
  }

  private planItem(plan: Plan, shares: number): PricedItem {
    const key = `plan:${plan.code}|${shares}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const scaled = scalePrice(plan.priceFen, plan.monthlyPriceFen, this.proRata, this.cover);
    const unitFen = multiplyFen(scaled.unitFen, shares);
    const item: PricedItem = {
      kind: 'plan',
      code: plan.code,
      planCodes: [plan.code],
      label: planLabel(this.scheme, plan),
      shares,
      priceUnit: plan.priceUnit,
      listUnitFen: multiplyFen(plan.priceFen, shares),
      annualFen: plan.priceFen,
      unitFen,
      working: scaled.working,
      perPlanFen: [{ planCode: plan.code, amountFen: unitFen }],
    };
    this.cache.set(key, item);
    return item;
  }
}
