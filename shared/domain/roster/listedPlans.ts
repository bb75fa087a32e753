/**
 * The plans a roster cell lists (Qingdao's 保障活动 per person): by code or name, each with
 * the shares written beside it (名称×2, 名称（2份）), if any.
 */
import { findPlan, type Plan, type Scheme } from '../scheme';
import { readPlanWithShares, splitList } from './fieldValues';

export interface ListedPlan {
  /** The plan as written, without its shares. */
  word: string;
  plan?: Plan;
  shares?: number;
}

function byWord(scheme: Scheme, word: string): Plan | undefined {
  return findPlan(scheme, word) ?? scheme.plans.find((p) => p.name === word || p.shortName === word);
}

export function readListedPlans(scheme: Scheme, text: string): ListedPlan[] {
  return splitList(text).map((listed) => {
    // A name or code as written first (some codes end in digits), then without a shares suffix.
    const whole = byWord(scheme, listed);
    if (whole) return { word: listed, plan: whole };
    const split = readPlanWithShares(listed);
    const plan = byWord(scheme, split.plan);
    return { word: split.plan, ...(plan ? { plan } : {}), ...(split.shares !== undefined ? { shares: split.shares } : {}) };
  });
}
