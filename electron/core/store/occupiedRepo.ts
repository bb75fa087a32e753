/**
 * Persons the server reports enrolled by another unit in a coverage year (被某单位占用),
 * kept so the duplicate check works offline.
 */
import type { Contact } from '../../../shared/api/dto';
import type { Period } from '../../../shared/domain/dates';
import { fromJsonOrNull, toJson, toJsonOrNull } from './json';
import type { SqliteDatabase } from './openDatabase';
import { Statements, inWriteTransaction } from './statements';
import { toStoreTime } from './time';

export interface OccupiedPerson {
  docNumber: string;
  coverageYear: Period;
  /** The unit holding the enrollment. */
  unitName: string;
  contact: Contact | null;
  reportedAt: string;
}

interface OccupiedRow {
  doc_number: string;
  coverage_year_start: string;
  coverage_year_end: string;
  unit_name: string;
  contact: string | null;
  reported_at: string;
}

function toOccupied(row: OccupiedRow): OccupiedPerson {
  return {
    docNumber: row.doc_number,
    coverageYear: { start: row.coverage_year_start, end: row.coverage_year_end },
    unitName: row.unit_name,
    contact: fromJsonOrNull<Contact>(row.contact),
    reportedAt: row.reported_at,
  };
}

export class OccupiedRepo {
  private readonly sql: Statements;

  constructor(private readonly db: SqliteDatabase) {
    this.sql = new Statements(db);
  }

  /** Records what the server reported; a newer report for the same person and year replaces the older. */
  upsertMany(entries: readonly OccupiedPerson[]): number {
    return inWriteTransaction(this.db, () => {
      const upsert = this.sql.get(
        `INSERT INTO occupied_persons (doc_number, coverage_year_start, coverage_year_end, unit_name, contact, reported_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (doc_number, coverage_year_start) DO UPDATE SET coverage_year_end = excluded.coverage_year_end,
           unit_name = excluded.unit_name, contact = excluded.contact, reported_at = excluded.reported_at
         WHERE excluded.reported_at >= occupied_persons.reported_at`,
      );
      let n = 0;
      for (const e of entries) {
        n += upsert.run(e.docNumber, e.coverageYear.start, e.coverageYear.end, e.unitName, toJsonOrNull(e.contact), toStoreTime(e.reportedAt)).changes;
      }
      return n;
    });
  }

  /** Reports for these numbers in coverage years overlapping `coverageYear`. */
  find(docNumbers: readonly string[], coverageYear: Period): OccupiedPerson[] {
    if (docNumbers.length === 0) return [];
    // A 100,000-row import asks for every number; with no report for the year there is nothing to probe.
    const reported = this.sql
      .get<[string, string], { found: number }>('SELECT EXISTS (SELECT 1 FROM occupied_persons WHERE coverage_year_start <= ? AND coverage_year_end >= ?) AS found')
      .get(coverageYear.end, coverageYear.start)!.found;
    if (reported === 0) return [];
    return this.sql
      .get<[string, string, string], OccupiedRow>(
        `SELECT * FROM occupied_persons WHERE doc_number IN (SELECT value FROM json_each(?))
           AND coverage_year_start <= ? AND coverage_year_end >= ? ORDER BY doc_number, coverage_year_start`,
      )
      .all(toJson([...new Set(docNumbers)]), coverageYear.end, coverageYear.start)
      .map(toOccupied);
  }

  /** The server says the person is free again. */
  remove(docNumber: string, coverageYear: Period): boolean {
    return this.sql.get('DELETE FROM occupied_persons WHERE doc_number = ? AND coverage_year_start = ?').run(docNumber, coverageYear.start).changes > 0;
  }
}
