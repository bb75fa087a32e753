/**
 * Persons the server reports enrolled by another unit in a coverage year (被某单位占用),
 * kept so the duplicate check works offline.
 */
import type { Contact } from '../../../shared/api/dto';
import type { Period } from '../../../shared/domain/dates';
import { fromJsonOrNull, toJson, toJsonOrNull } from './json';
import type { SqliteDatabase } from './openDatabase';
import { compareText, indexNumbers, type PersonalDataCipher } from './personalDataCipher';
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
  /** The blind index of the number (the number itself is not stored). */
  doc_index: string;
  coverage_year_start: string;
  coverage_year_end: string;
  unit_name: string;
  contact: string | null;
  reported_at: string;
}

function toOccupied(row: OccupiedRow, docNumber: string, cipher: PersonalDataCipher): OccupiedPerson {
  return {
    docNumber,
    coverageYear: { start: row.coverage_year_start, end: row.coverage_year_end },
    unitName: row.unit_name,
    contact: fromJsonOrNull<Contact>(cipher.openOrNull(row.contact)),
    reportedAt: row.reported_at,
  };
}

export class OccupiedRepo {
  private readonly sql: Statements;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly cipher: PersonalDataCipher,
  ) {
    this.sql = new Statements(db);
  }

  /** Records what the server reported; a newer report for the same person and year replaces the older. */
  upsertMany(entries: readonly OccupiedPerson[]): number {
    return inWriteTransaction(this.db, () => {
      const upsert = this.sql.get(
        `INSERT INTO occupied_persons (doc_index, coverage_year_start, coverage_year_end, unit_name, contact, reported_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (doc_index, coverage_year_start) DO UPDATE SET coverage_year_end = excluded.coverage_year_end,
           unit_name = excluded.unit_name, contact = excluded.contact, reported_at = excluded.reported_at
         WHERE excluded.reported_at >= occupied_persons.reported_at`,
      );
      let n = 0;
      for (const e of entries) {
        const contact = this.cipher.sealOrNull(toJsonOrNull(e.contact));
        n += upsert.run(this.cipher.blindIndex(e.docNumber), e.coverageYear.start, e.coverageYear.end, e.unitName, contact, toStoreTime(e.reportedAt)).changes;
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
    const { indexes, numberOf } = indexNumbers(this.cipher, docNumbers);
    return this.sql
      .get<[string, string, string], OccupiedRow>(
        `SELECT * FROM occupied_persons WHERE doc_index IN (SELECT value FROM json_each(?))
           AND coverage_year_start <= ? AND coverage_year_end >= ?`,
      )
      .all(toJson(indexes), coverageYear.end, coverageYear.start)
      .map((row) => toOccupied(row, numberOf.get(row.doc_index)!, this.cipher))
      .sort((a, b) => compareText(a.docNumber, b.docNumber) || compareText(a.coverageYear.start, b.coverageYear.start));
  }

  /** The server says the person is free again. */
  remove(docNumber: string, coverageYear: Period): boolean {
    return this.sql.get('DELETE FROM occupied_persons WHERE doc_index = ? AND coverage_year_start = ?').run(this.cipher.blindIndex(docNumber), coverageYear.start).changes > 0;
  }
}
