/**
 * Reading persons across a unit's batches rather than within one: the records query (参保记录),
 * renewal reminders (续保提醒) and last year's suggested list. Read-only; the rows
 * themselves are written by PersonsRepo.
 */
import type { BatchState } from '../../../shared/domain/batch';
import { likePattern, toJson } from './json';
import type { SqliteDatabase } from './openDatabase';
import { numberFragment, rowsWithNumberContaining } from './numberSearch';
import { compareText, indexNumbers, type PersonalDataCipher } from './personalDataCipher';
import { toPersonRecord, type PersonRecord, type PersonRow } from './personRecord';
import { Statements } from './statements';

/** A row's place, without its contents: enough to filter and page before loading. */
export interface PersonRef {
  id: string;
  batchId: string;
  seq: number;
}

/** A person with this document number in a batch of the unit. */
export interface EnrollmentMatch {
  docNumber: string;
  batchId: string;
  batchTitle: string;
  batchState: BatchState;
  policyNumber: string | null;
  coverageYearStart: string;
}

export class RecordsRepo {
  private readonly sql: Statements;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly cipher: PersonalDataCipher,
  ) {
    this.sql = new Statements(db);
  }

  /** The rows of these batches, optionally only those whose name or document number (numberSearch.ts) contains `search`. */
  refs(batchIds: readonly string[], search?: string): PersonRef[] {
    if (batchIds.length === 0) return [];
    const text = search?.trim();
    const where = text ? "AND name LIKE ? ESCAPE '\\'" : '';
    const params: unknown[] = [toJson(batchIds)];
    if (text) params.push(likePattern(text, 'contains'));
    const byName = this.sql
      .get<unknown[], { id: string; batch_id: string; seq: number }>(`SELECT id, batch_id, seq FROM persons WHERE batch_id IN (SELECT value FROM json_each(?)) ${where}`)
      .all(...params);
    const fragment = text ? numberFragment(text) : null;
    const byNumber = fragment ? rowsWithNumberContaining(this.db, this.cipher, batchIds, fragment) : [];
    const seen = new Set<string>();
    return [...byName, ...byNumber].filter((r) => !seen.has(r.id) && seen.add(r.id)).map((r) => ({ id: r.id, batchId: r.batch_id, seq: r.seq }));
  }

  /** The rows with these ids, in the order given (ids not found are left out). */
  rowsByIds(ids: readonly string[]): PersonRecord[] {
    if (ids.length === 0) return [];
    const rows = this.sql.get<[string], PersonRow>('SELECT * FROM persons WHERE id IN (SELECT value FROM json_each(?))').all(toJson(ids));
    const byId = new Map(rows.map((r) => [r.id, toPersonRecord(r, this.cipher)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * Where these persons appear in the unit's batches of a coverage year starting after
   * `afterCoverageYearStart`, in the given states: who has been, or is being, renewed.
   */
  laterEnrollments(unitId: string, afterCoverageYearStart: string, states: readonly BatchState[], docNumbers: readonly string[]): EnrollmentMatch[] {
    if (docNumbers.length === 0) return [];
    const { indexes, numberOf } = indexNumbers(this.cipher, docNumbers);
    return this.sql
      .get<unknown[], { doc_index: string; id: string; title: string; state: BatchState; policy_number: string | null; coverage_year_start: string }>(
        `SELECT p.doc_index, b.id, b.title, b.state, b.policy_number, b.coverage_year_start
         FROM persons p JOIN batches b ON b.id = p.batch_id
         WHERE p.doc_index IN (SELECT value FROM json_each(?))
           AND b.unit_id = ? AND b.coverage_year_start > ? AND b.state IN (SELECT value FROM json_each(?))
         ORDER BY b.created_at`,
      )
      .all(toJson(indexes), unitId, afterCoverageYearStart, toJson(states))
      .map((r) => ({
        docNumber: numberOf.get(r.doc_index)!,
        batchId: r.id,
        batchTitle: r.title,
        batchState: r.state,
        policyNumber: r.policy_number,
        coverageYearStart: r.coverage_year_start,
      }))
      // Stable: within one number the batches stay in their creation order.
      .sort((a, b) => compareText(a.docNumber, b.docNumber));
  }
}
