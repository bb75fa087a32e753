/**
 * "One ID number enrolled once per coverage year" (被某单位占用): the claims a batch holds,
 * and telling the units that were refused when the person is free again.
 */
import { BATCH_STATE_INFO, BATCH_STATES, type BatchState } from '../../shared/domain/batch';
import { hasUnitRule } from '../../shared/domain/eligibility';
import type { Scheme } from '../../shared/domain/scheme';
import type { ServerContext } from '../context';
import type { BatchRecord } from '../store/batchesStore';
import { ALL_UNITS_SCOPE, type ClaimPlace } from '../store/occupancyStore';

/** States in which a batch's enrolled persons are taken: the association has it and it was not withdrawn. */
export const HOLDING_STATES: readonly BatchState[] = BATCH_STATES.filter((s) => BATCH_STATE_INFO[s].open && BATCH_STATE_INFO[s].reportedByServer);

/** Where a unit's claims on a scheme's persons live: shared by all units when the scheme allows one unit per person. */
export function claimPlace(scheme: Scheme, unitId: string): ClaimPlace {
  return {
    schemeId: scheme.id,
    coverageYearStart: scheme.coverageYear.start,
    scope: hasUnitRule(scheme, 'onePolicyPerPersonPerYear') ? ALL_UNITS_SCOPE : unitId,
  };
}

/**
 * After `batch` let go of these persons (withdrawn, or rejected by the staff): its claims on
 * them go, and every unit told they were taken hears they are free, in the order given.
 */
export async function releasePersons(ctx: ServerContext, batch: BatchRecord, docNumbers: readonly string[], at: string): Promise<void> {
  const order = new Map(docNumbers.map((d, i) => [d, i] as const));
  const released = (await ctx.occupancy.release(batch.id, docNumbers)).sort((a, b) => order.get(a.docNumber)! - order.get(b.docNumber)!);
  for (const place of released) {
    if (place.scope !== ALL_UNITS_SCOPE) continue;
    for (const unitId of await ctx.occupancy.takeNotices(place.schemeId, place.coverageYearStart, place.docNumber)) {
      await ctx.changes.append(unitId, at, { kind: 'occupiedReleased', schemeId: batch.schemeId, coverageYear: batch.coverageYear, docNumber: place.docNumber });
    }
  }
}
