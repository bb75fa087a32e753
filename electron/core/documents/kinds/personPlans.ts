/** The plans each person takes, as printed in a roster's 保障项目 column. */
import type { PriceQuote } from '../../../../shared/domain/pricing';
import { findPlan, planLabel, type Scheme } from '../../../../shared/domain/scheme';
import { TEXT } from '../messages';

/** Person id → "A0+B0+C0、A3" (combos joined with +; shares shown for plans priced by the share, or when more than one). */
export function personPlanLabels(scheme: Scheme, quote: PriceQuote): Map<string, string> {
  const label = (code: string) => {
    const plan = findPlan(scheme, code);
    return plan ? planLabel(scheme, plan) : code;
  };
  // Thousands of persons share a handful of plan sets: build each text once.
  const byKey = new Map<string, string>();
  const out = new Map<string, string>();
  for (const person of quote.perPerson) {
    const key = person.items.map((i) => `${i.kind}:${i.code}:${i.shares}`).join('|');
    let text = byKey.get(key);
    if (text === undefined) {
      text = person.items.map((i) => TEXT.planShares(i.kind === 'combo' ? i.planCodes.map(label).join('+') : label(i.code), i.shares, i.kind !== 'combo' && findPlan(scheme, i.code)?.priceUnit === 'share')).join('、');
      byKey.set(key, text);
    }
    out.set(person.personId, text);
  }
  return out;
}
