/**
 * The premium of a batch as the clerk sees it before confirming: every enrollable person
 * (no error on the row) priced with the plans the row checks gave them, plus head-count
 * lines, pro-rata and subsidies, by the domain's priceBatch.
 */
import type { PlanChoice } from '../../../../shared/domain/eligibility';
import { priceBatch, PricingError, type PriceQuote, type PricedPerson } from '../../../../shared/domain/pricing';
import { hasError } from '../../../../shared/domain/roster';
import type { BatchRecord } from '../../store';
import { schemeOf, today, type CoreContext } from '../coreContext';
import { CoreError } from '../../coreError';
import { checkRows } from '../roster/rosterChecks';

export function quoteBatch(ctx: CoreContext, batch: BatchRecord, selection?: readonly PlanChoice[]): PriceQuote {
  const scheme = schemeOf(ctx, batch.schemeId, batch.schemeVersion);
  const chosen = selection ?? batch.selection;
  const rows = ctx.store.persons.allRows(batch.id);
  const checks = checkRows(ctx, selection ? { ...batch, selection: [...selection] } : batch, rows).checks;
  const persons: PricedPerson[] = [];
  checks.forEach((c, i) => {
    if (hasError(c.findings) || c.person.plans.length === 0) return;
    persons.push({
      id: rows[i]!.id,
      selection: c.person.plans,
      facts: { socialSecurity: c.person.socialSecurity, newEmploymentForm: c.person.newEmploymentForm },
      ...(c.person.coverStart ? { coverStart: c.person.coverStart } : {}),
    });
  });
  const policy = batch.policyBatchId ? ctx.store.batches.get(batch.policyBatchId) : null;
  try {
    return priceBatch(scheme, {
      enrollmentType: batch.enrollmentType,
      submissionDate: today(ctx),
      ...(batch.cover ? { cover: batch.cover } : {}),
      ...(batch.requestedStart ? { requestedStart: batch.requestedStart } : {}),
      ...(policy?.cover ? { policyPeriod: policy.cover } : {}),
      ...(scheme.selectionScope === 'batch' ? { selection: chosen } : {}),
      persons,
      headCountLines: batch.headCountLines,
    });
  } catch (e) {
    if (e instanceof PricingError) throw new CoreError('PRICING', e.message, 422);
    throw e;
  }
}
