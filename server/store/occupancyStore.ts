/**
 * Occupancy as claims (被某单位占用): one row per (scheme, coverage year, document number,
 * scope) for each enrolled person of a holding batch, and the units told a person was taken.
 */
import type { BatchState } from '../../shared/domain/batch';
import type { SqlDb } from '../db/sqlDb';

/** The scope of a scheme where one person may be held by only one unit in a year. */
export const ALL_UNITS_SCOPE = '*';

export interface ClaimPlace {
  schemeId: string;
  coverageYearStart: string;
  /** ALL_UNITS_SCOPE, or the unit's id where only its own batches compete. */
  scope: string;
}

/** Who holds a document number in a scheme's coverage year. */
export interface Holder {
  docNumber: string;
  batchId: string;
  unitId: string;
  batchTitle: string;
  state: BatchState;
}

export class OccupancyStore {
  constructor(private readonly db: SqlDb) {}

  /**
   * Claims these numbers for the batch, in document-number order so two submissions of the same
   * persons lock them in the same order; returns the numbers now claimed by this call. A number
   * claimed by an uncommitted transaction waits for it.
   */
  async claim(place: ClaimPlace, batchId: string, docNumbers: readonly string[]): Promise<Set<string>> {
    if (docNumbers.length === 0) return new Set();
    const rows = await this.db.all<{ doc_number: string }>(
      `INSERT INTO occupancy_claims (scheme_id, coverage_year_start, doc_number, scope, batch_id)
       SELECT $1, $2, d, $3, $4 FROM unnest($5::text[]) AS d ORDER BY d
       ON CONFLICT DO NOTHING RETURNING doc_number`,
      [place.schemeId, place.coverageYearStart, place.scope, batchId, [...new Set(docNumbers)].sort()],
    );
    return new Set(rows.map((r) => r.doc_number));
  }

  /** The holders of these numbers, by the claims' primary key. */
  async holders(place: ClaimPlace, docNumbers: readonly string[]): Promise<Holder[]> {
    if (docNumbers.length === 0) return [];
    const rows = await this.db.all<{ doc_number: string; batch_id: string; unit_id: string; title: string; state: BatchState }>(
      `SELECT c.doc_number, c.batch_id, b.unit_id, b.title, b.state FROM occupancy_claims c JOIN batches b ON b.id = c.batch_id
       WHERE c.scheme_id = $1 AND c.coverage_year_start = $2 AND c.scope = $3 AND c.doc_number = ANY($4::text[])`,
      [place.schemeId, place.coverageYearStart, place.scope, [...docNumbers]],
    );
    return rows.map((r) => ({ docNumber: r.doc_number, batchId: r.batch_id, unitId: r.unit_id, batchTitle: r.title, state: r.state }));
  }

  /** Drops the batch's claims on numbers other than `keep`. */
  async keepOnly(batchId: string, keep: readonly string[]): Promise<void> {
    await this.db.run('DELETE FROM occupancy_claims WHERE batch_id = $1 AND NOT (doc_number = ANY($2::text[]))', [batchId, [...keep]]);
  }

  /** Releases the batch's claims on these numbers; returns the released places. */
  async release(batchId: string, docNumbers: readonly string[]): Promise<(ClaimPlace & { docNumber: string })[]> {
    if (docNumbers.length === 0) return [];
    const rows = await this.db.all<{ scheme_id: string; coverage_year_start: string; scope: string; doc_number: string }>(
      'DELETE FROM occupancy_claims WHERE batch_id = $1 AND doc_number = ANY($2::text[]) RETURNING scheme_id, coverage_year_start, scope, doc_number',
      [batchId, [...docNumbers]],
    );
    return rows.map((r) => ({ schemeId: r.scheme_id, coverageYearStart: r.coverage_year_start, scope: r.scope, docNumber: r.doc_number }));
  }

  /** Holders named to the unit (name and handler contact shown) since `since`. */
  async namedAnswersSince(unitId: string, since: string): Promise<number> {
    return (await this.db.one<{ n: number }>('SELECT COUNT(*)::int AS n FROM occupancy_answers WHERE unit_id = $1 AND named AND at >= $2', [unitId, since]))!.n;
  }

  async recordAnswers(unitId: string, place: ClaimPlace, answers: readonly { docNumber: string; holderUnitId: string; named: boolean }[], at: string): Promise<void> {
    if (answers.length === 0) return;
    await this.db.run(
      `INSERT INTO occupancy_answers (unit_id, scheme_id, coverage_year_start, doc_number, holder_unit_id, named, at)
       SELECT $1, $2, $3, d, h, n, $7 FROM unnest($4::text[], $5::text[], $6::boolean[]) AS a (d, h, n)`,
      [unitId, place.schemeId, place.coverageYearStart, answers.map((a) => a.docNumber), answers.map((a) => a.holderUnitId), answers.map((a) => a.named), at],
    );
  }

  async rememberNotice(schemeId: string, coverageYearStart: string, docNumber: string, unitId: string): Promise<void> {
    await this.db.run('INSERT INTO occupied_notices (scheme_id, coverage_year_start, doc_number, unit_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
      schemeId, coverageYearStart, docNumber, unitId,
    ]);
  }

  /** The units told the number was taken, forgotten as they are returned. */
  async takeNotices(schemeId: string, coverageYearStart: string, docNumber: string): Promise<string[]> {
    const rows = await this.db.all<{ unit_id: string }>(
      'DELETE FROM occupied_notices WHERE scheme_id = $1 AND coverage_year_start = $2 AND doc_number = $3 RETURNING unit_id',
      [schemeId, coverageYearStart, docNumber],
    );
    return rows.map((r) => r.unit_id).sort();
  }
}
