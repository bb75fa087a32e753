/**
 * "One ID number enrolled once per coverage year" (被某单位占用): which batches hold a
 * person, and telling the units that were refused when the person is free again.
 */
import { BATCH_STATE_INFO, BATCH_STATES, type BatchState } from '../../shared/domain/batch';
import type { Period } from '../../shared/domain/dates';
import type { ServerContext } from '../context';
import type { BatchRecord } from '../store/batchesStore';

/** States in which a batch's enrolled persons are taken: the association has it and it was not withdrawn. */
export const HOLDING_STATES: readonly BatchState[] = BATCH_STATES.filter((s) => BATCH_STATE_INFO[s].open && BATCH_STATE_INFO[s].reportedByServer);

export function rememberNotice(ctx: ServerContext, unitId: string, schemeId: string, coverageYear: Period, docNumber: string): void {
  ctx.db
    .prepare('INSERT INTO occupied_notices (scheme_id, coverage_year_start, doc_number, unit_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
    .run(schemeId, coverageYear.start, docNumber, unitId);
}

/**
 * After `batch` let go of these persons (withdrawn, or rejected by the staff): every unit told
 * they were taken hears they are free, unless another batch still holds them.
 */
export function releasePersons(ctx: ServerContext, batch: BatchRecord, docNumbers: readonly string[], at: string): void {
  if (docNumbers.length === 0) return;
  const stillHeld = new Set(
    ctx.batches.holders(docNumbers, batch.schemeId, batch.coverageYear.start, HOLDING_STATES, batch.id).map((h) => h.docNumber),
  );
  const noticesOf = ctx.db.prepare<[string, string, string], { unit_id: string }>(
    'SELECT unit_id FROM occupied_notices WHERE scheme_id = ? AND coverage_year_start = ? AND doc_number = ?',
  );
  const forget = ctx.db.prepare('DELETE FROM occupied_notices WHERE scheme_id = ? AND coverage_year_start = ? AND doc_number = ?');
  for (const doc of new Set(docNumbers)) {
    if (stillHeld.has(doc)) continue;
    for (const { unit_id } of noticesOf.all(batch.schemeId, batch.coverageYear.start, doc)) {
      ctx.changes.append(unit_id, at, { kind: 'occupiedReleased', schemeId: batch.schemeId, coverageYear: batch.coverageYear, docNumber: doc });
    }
    forget.run(batch.schemeId, batch.coverageYear.start, doc);
  }
}
