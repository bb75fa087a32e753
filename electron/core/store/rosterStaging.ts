/**
 * Rows of an import waiting for its one transaction, in a TEMP table of the store's
 * connection. A TEMP table lives in SQLite's temporary database, never in the store's file:
 * staging rows as they are read and checked leaves the file exactly as it was until
 * PersonsRepo.insertStaged copies them in, and a crash or a cancel leaves nothing behind.
 *
 * Staging is where a large import spends its per-row cost (ids, JSON, sealing the personal
 * data, binding every value) while the rest of the file is still being read; the final copy
 * is one INSERT … SELECT. Rows are sealed here as in `persons` (a TEMP table still spills to
 * a temporary file), so that copy moves sealed values as they are.
 */
import type { Finding } from '../../../shared/api/dto';
import { newId } from './ids';
import { toJson } from './json';
import type { SqliteDatabase } from './openDatabase';
import type { PersonalDataCipher } from './personalDataCipher';
import { errorCountOf, openRowValues, sealRowsValues, verdictOf } from './personRecord';

export interface RowToStage {
  sourceRow: number | null;
  /** The row's values as the store's JSON (RowCheck.values). */
  valuesJson: string;
  docNumber: string | null;
  name: string | null;
  findings: readonly Finding[];
  /** 职退情况, kept readable for the roster's filter. */
  employmentStatus?: string | null | undefined;
}

const NO_FINDINGS_JSON = toJson([]);
let staged = 0;

export class RosterStaging {
  /** `temp.<name>`; its `ord` column (1, 2, …) is the rows' order. */
  readonly table: string;
  private readonly insert;
  private count = 0;
  private dropped = false;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly cipher: PersonalDataCipher,
  ) {
    this.table = `temp.roster_staging_${process.pid}_${++staged}`;
    db.exec(
      `CREATE TABLE ${this.table} (ord INTEGER PRIMARY KEY, id TEXT NOT NULL, source_row INTEGER, sealed_values BLOB NOT NULL, doc_index TEXT,
         employment_status TEXT, name TEXT, verdict TEXT NOT NULL, findings TEXT NOT NULL, error_count INTEGER NOT NULL)`,
    );
    this.insert = db.prepare(`INSERT INTO ${this.table} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  }

  get size(): number {
    return this.count;
  }

  /** Appends rows in order (one transaction on the temporary database only). */
  add(rows: readonly RowToStage[]): void {
    if (this.dropped) throw new Error('staging dropped');
    const { insert, cipher } = this;
    const sealed = sealRowsValues(cipher, rows);
    this.db.transaction(() => {
      rows.forEach((r, i) => {
        const findings = r.findings.length === 0 ? NO_FINDINGS_JSON : toJson(r.findings);
        const index = cipher.blindIndexOrNull(r.docNumber);
        insert.run(++this.count, newId(), r.sourceRow, sealed[i], index, r.employmentStatus ?? null, r.name, verdictOf(r.findings), findings, errorCountOf(r.findings));
      });
    })();
  }

  /** The staged rows in order, for the merge of a re-import (PersonsRepo.mergeByDocNumber). */
  *rows(): Generator<{ sourceRow: number | null; valuesJson: string }> {
    const select = this.db.prepare<[], { source_row: number | null; sealed_values: Buffer }>(`SELECT source_row, sealed_values FROM ${this.table} ORDER BY ord`);
    // Read whole: the caller may write (to the store) between rows.
    for (const r of select.all()) yield { sourceRow: r.source_row, valuesJson: openRowValues(this.cipher, r.sealed_values).valuesJson };
  }

  drop(): void {
    if (this.dropped) return;
    this.dropped = true;
    this.db.exec(`DROP TABLE IF EXISTS ${this.table}`);
  }
}
