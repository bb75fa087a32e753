/**
 * Roster rows (清册). Bulk writes run in one transaction through prepared statements. Finding
 * codes are also kept one row per (row, code) in `person_findings`, indexed by (batch, code,
 * seq) and (batch, severity, seq): filtering 100,000 rows by code or severity, and counting
 * rows per code, are then index range reads in display order, where json_each over the
 * findings JSON would parse every row's findings on every page request.
 */
import { newId } from './ids';
import type { Finding, FindingCount, FindingSeverity } from '../../../shared/api/dto';
import { batchStateLabel, isRosterEditable, OPEN_BATCH_STATES, type Actor, type BatchState } from '../../../shared/domain/batch';
import type { Period } from '../../../shared/domain/dates';
import type { RawRosterRow } from '../../../shared/domain/roster/fields';
import type { AuditRepo } from './auditRepo';
import { StoreError, notFound } from './errors';
import { fromJson, likePattern, toJson, toJsonOrNull } from './json';
import type { SqliteDatabase } from './openDatabase';
import { numberFragment, rowsWithNumberContaining } from './numberSearch';
import { compareText, indexNumbers, type PersonalDataCipher } from './personalDataCipher';
import { codesOf, errorCountOf, openRowValues, sealRowsValues, sealRowValues, toPersonRecord, verdictOf, type NewPerson, type PersonRecord, type PersonRow, type Verdict } from './personRecord';
import type { RosterStaging } from './rosterStaging';
import { Statements, inWriteTransaction } from './statements';
import { isoAt, type Clock } from './time';

export interface PersonQuery {
  batchId: string;
  offset?: number;
  /** Default 200. */
  limit?: number;
  /** Rows whose worst finding is one of these (or ok). */
  verdicts?: readonly Verdict[];
  /** Rows with at least one finding of this code. */
  findingCode?: string;
  /** Rows with at least one finding of this severity. */
  severity?: FindingSeverity;
  /** Part of the name or of the document number (numberSearch.ts). */
  search?: string;
  /** Exactly this (normalised) document number, through its blind index. */
  docNumber?: string;
  /** Only rows the association refused. */
  serverRejected?: boolean;
  /** 是否建议名单: true, only rows taken from last year's suggested list; false, only the others. */
  suggested?: boolean;
  /** 职退情况 as the row states it (在职 / 退休 / -). */
  employmentStatus?: string;
}

export interface PersonPage {
  total: number;
  offset: number;
  rows: PersonRecord[];
}

export interface VerdictCounts {
  total: number;
  ok: number;
  error: number;
  warning: number;
  info: number;
}

/** A person with the same document number in another batch. */
export interface DocNumberMatch {
  docNumber: string;
  personId: string;
  batchId: string;
  batchTitle: string;
  batchState: BatchState;
  seq: number;
  sourceRow: number | null;
  name: string | null;
}

export interface DocNumberLookup {
  unitId: string;
  /** Batches whose coverage year overlaps this one count as the same year. */
  coverageYear: Period;
  docNumbers: readonly string[];
  /** The batch being checked, left out of the answer. */
  excludeBatchId?: string;
}

export interface WriteOptions {
  actor: Actor;
  importId?: string | null;
}

export interface MergeResult {
  inserted: number;
  updated: number;
  /** The stored row of each input row, in input order. */
  ids: string[];
}

export interface PersonPatch {
  values?: RawRosterRow;
  docNumber?: string | null;
  name?: string | null;
  findings?: Finding[];
  serverRejection?: Finding | null;
}

const SEVERITY_ORDER: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };

const NO_FINDINGS_JSON = toJson([]);

/** Most rows of a large roster have no finding: their JSON is always the same text. */
function findingsJson(findings: readonly Finding[]): string {
  return findings.length === 0 ? NO_FINDINGS_JSON : toJson(findings);
}

function changedFields(before: RawRosterRow, after: RawRosterRow): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof RawRosterRow>;
  return [...keys].filter((k) => before[k] !== after[k]).sort();
}

export class PersonsRepo {
  private readonly sql: Statements;
  private readonly insertPerson;
  private readonly insertFinding;
  private readonly deleteFindings;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock,
    private readonly audit: AuditRepo,
    private readonly cipher: PersonalDataCipher,
  ) {
    this.sql = new Statements(db);
    this.insertPerson = db.prepare(
      `INSERT INTO persons (id, batch_id, seq, source_row, sealed_values, doc_index, employment_status, name, verdict, findings, error_count, import_id, suggested_from, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertFinding = db.prepare('INSERT INTO person_findings (batch_id, seq, code, severity) VALUES (?, ?, ?, ?)');
    this.deleteFindings = db.prepare('DELETE FROM person_findings WHERE batch_id = ? AND seq = ?');
  }

  private batchState(batchId: string): BatchState {
    const row = this.sql.get<[string], { state: BatchState }>('SELECT state FROM batches WHERE id = ?').get(batchId);
    if (!row) throw notFound('批次', batchId);
    return row.state;
  }

  /** Content changes (rows added, edited, removed) only where the domain lets the clerk edit the roster. */
  private assertEditable(batchId: string): void {
    const state = this.batchState(batchId);
    if (!isRosterEditable(state)) throw new StoreError('notEditable', `批次当前状态为“${batchStateLabel(state)}”，不能修改清册`);
  }

  private touchBatch(batchId: string, now: string): void {
    this.sql.get('UPDATE batches SET updated_at = ? WHERE id = ?').run(now, batchId);
  }

  /** Replaces the code index rows of the row at (batch, seq). */
  private writeFindings(batchId: string, seq: number, findings: readonly Finding[], replace: boolean): void {
    if (replace) this.deleteFindings.run(batchId, seq);
    if (findings.length === 0) return;
    for (const [code, severity] of codesOf(findings)) this.insertFinding.run(batchId, seq, code, severity);
  }

  private sealed(values: RawRosterRow, docNumber: string | null): Buffer {
    return sealRowValues(this.cipher, docNumber || null, toJson(values));
  }

  /** The rows' personal data sealed with one cipher call, in order. */
  private sealedAll(rows: readonly NewPerson[]): Buffer[] {
    return sealRowsValues(
      this.cipher,
      rows.map((r) => ({ docNumber: r.docNumber || null, valuesJson: toJson(r.values) })),
    );
  }

  private insertOne(batchId: string, seq: number, row: NewPerson, sealed: Buffer, importId: string | null, now: string): string {
    const id = newId();
    this.insertPerson.run(
      id,
      batchId,
      seq,
      row.sourceRow,
      sealed,
      this.cipher.blindIndexOrNull(row.docNumber),
      row.values.employmentStatus ?? null,
      row.name || null,
      verdictOf(row.findings),
      findingsJson(row.findings),
      errorCountOf(row.findings),
      importId,
      row.suggestedFrom ?? null,
      now,
    );
    this.writeFindings(batchId, seq, row.findings, false);
    return id;
  }

  private nextSeq(batchId: string): number {
    return this.sql.get<[string], { seq: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM persons WHERE batch_id = ?').get(batchId)!.seq;
  }

  /** Appends rows after the batch's last one, in order; returns their ids. */
  insertMany(batchId: string, rows: readonly NewPerson[], options: WriteOptions): string[] {
    return inWriteTransaction(this.db, () => {
      this.assertEditable(batchId);
      const now = isoAt(this.clock);
      const importId = options.importId ?? null;
      let seq = this.nextSeq(batchId);
      const sealed = this.sealedAll(rows);
      const ids = rows.map((row, i) => this.insertOne(batchId, seq++, row, sealed[i]!, importId, now));
      this.touchBatch(batchId, now);
      this.audit.record({ actor: options.actor, entity: 'batch', entityId: batchId, action: 'roster.insert', detail: { rows: rows.length, importId } });
      return ids;
    });
  }

  /**
   * Appends the rows of a staging table (rosterStaging.ts) after the batch's last one, in
   * their order, with one INSERT … SELECT. `extraFindings` adds findings to staged rows by
   * their order number (the checks across rows, known only once every row was read).
   */
  insertStaged(batchId: string, staging: RosterStaging, extraFindings: ReadonlyMap<number, readonly Finding[]>, options: WriteOptions): number {
    return inWriteTransaction(this.db, () => {
      this.assertEditable(batchId);
      const now = isoAt(this.clock);
      const importId = options.importId ?? null;
      const first = this.nextSeq(batchId);
      const table = staging.table;
      if (extraFindings.size > 0) {
        const own = this.db.prepare<[number], { findings: string }>(`SELECT findings FROM ${table} WHERE ord = ?`);
        const update = this.db.prepare(`UPDATE ${table} SET findings = ?, verdict = ?, error_count = ? WHERE ord = ?`);
        for (const [ord, extra] of extraFindings) {
          const stored = own.get(ord);
          if (!stored || extra.length === 0) continue;
          const findings = [...fromJson<Finding[]>(stored.findings), ...extra];
          update.run(toJson(findings), verdictOf(findings), errorCountOf(findings), ord);
        }
      }
      const inserted = this.db
        .prepare(
          `INSERT INTO persons (id, batch_id, seq, source_row, sealed_values, doc_index, employment_status, name, verdict, findings, error_count, import_id, suggested_from, updated_at)
           SELECT id, ?, ? + ord - 1, source_row, sealed_values, doc_index, employment_status, name, verdict, findings, error_count, ?, NULL, ? FROM ${table} ORDER BY ord`,
        )
        .run(batchId, first, importId, now).changes;
      const withFindings = this.db.prepare<[string], { ord: number; findings: string }>(`SELECT ord, findings FROM ${table} WHERE findings <> ? ORDER BY ord`);
      for (const r of withFindings.all(NO_FINDINGS_JSON)) this.writeFindings(batchId, first + r.ord - 1, fromJson<Finding[]>(r.findings), false);
      this.touchBatch(batchId, now);
      this.audit.record({ actor: options.actor, entity: 'batch', entityId: batchId, action: 'roster.insert', detail: { rows: inserted, importId } });
      return inserted;
    });
  }

  /**
   * Re-import of a corrected file: a row whose document number is already in the batch
   * replaces that row's values and findings (keeping its place, clearing the association's
   * refusal); any other row is appended. A number twice in the file updates once and appends
   * the second, so the duplicate check still sees it.
   */
  mergeByDocNumber(batchId: string, rows: readonly NewPerson[], options: WriteOptions): MergeResult {
    return inWriteTransaction(this.db, () => {
      this.assertEditable(batchId);
      const now = isoAt(this.clock);
      const importId = options.importId ?? null;
      // `+seq`: ordering by the bare column makes SQLite walk the whole batch in seq order
      // instead of using the document-number index (quadratic on a 100,000-row re-import).
      const find = this.sql.get<[string, string], { id: string; seq: number }>(
        'SELECT id, seq FROM persons WHERE doc_index = ? AND batch_id = ? ORDER BY +seq LIMIT 1',
      );
      const update = this.sql.get(
        `UPDATE persons SET source_row = ?, sealed_values = ?, employment_status = ?, name = ?, verdict = ?, findings = ?, error_count = ?, import_id = ?,
           server_rejection = NULL, updated_at = ? WHERE id = ?`,
      );
      const matched = new Set<string>();
      let seq = this.nextSeq(batchId);
      let inserted = 0;
      let updated = 0;
      const sealed = this.sealedAll(rows);
      const ids = rows.map((row, i) => {
        const existing = row.docNumber ? find.get(this.cipher.blindIndex(row.docNumber), batchId) : undefined;
        if (existing && !matched.has(existing.id)) {
          matched.add(existing.id);
          update.run(row.sourceRow, sealed[i], row.values.employmentStatus ?? null, row.name || null, verdictOf(row.findings), toJson(row.findings), errorCountOf(row.findings), importId, now, existing.id);
          this.writeFindings(batchId, existing.seq, row.findings, true);
          updated++;
          return existing.id;
        }
        inserted++;
        return this.insertOne(batchId, seq++, row, sealed[i]!, importId, now);
      });
      this.touchBatch(batchId, now);
      this.audit.record({ actor: options.actor, entity: 'batch', entityId: batchId, action: 'roster.merge', detail: { inserted, updated, importId } });
      return { inserted, updated, ids };
    });
  }

  get(id: string): PersonRecord | null {
    const row = this.sql.get<[string], PersonRow>('SELECT * FROM persons WHERE id = ?').get(id);
    return row ? toPersonRecord(row, this.cipher) : null;
  }

  require(id: string): PersonRecord {
    const person = this.get(id);
    if (!person) throw notFound('清册行', id);
    return person;
  }

  /**
   * Changes one row. Changing values, number or name needs an editable batch; findings and
   * the server's refusal may be set in any state (checks rerun, sync reports).
   */
  updateRow(id: string, patch: PersonPatch, actor: Actor): PersonRecord {
    return inWriteTransaction(this.db, () => {
      const before = this.require(id);
      const editsContent = patch.values !== undefined || patch.docNumber !== undefined || patch.name !== undefined;
      if (editsContent) this.assertEditable(before.batchId);
      const now = isoAt(this.clock);
      const findings = patch.findings ?? before.findings;
      const values = patch.values ?? before.values;
      const docNumber = patch.docNumber !== undefined ? patch.docNumber || null : before.docNumber;
      this.sql
        .get(
          `UPDATE persons SET sealed_values = ?, doc_index = ?, employment_status = ?, name = ?, verdict = ?, findings = ?, error_count = ?, server_rejection = ?,
             updated_at = ? WHERE id = ?`,
        )
        .run(
          this.sealed(values, docNumber),
          this.cipher.blindIndexOrNull(docNumber),
          values.employmentStatus ?? null,
          patch.name !== undefined ? patch.name || null : before.name,
          verdictOf(findings),
          toJson(findings),
          errorCountOf(findings),
          toJsonOrNull(patch.serverRejection !== undefined ? patch.serverRejection : before.serverRejection),
          now,
          id,
        );
      if (patch.findings !== undefined) this.writeFindings(before.batchId, before.seq, findings, true);
      if (editsContent) {
        this.touchBatch(before.batchId, now);
        this.audit.record({
          actor,
          entity: 'batch',
          entityId: before.batchId,
          action: 'roster.edit',
          detail: { personId: id, fields: patch.values ? changedFields(before.values, patch.values) : [] },
        });
      }
      return this.require(id);
    });
  }

  /**
   * Stores the findings of a check run over many rows (no audit: findings are derived data).
   * Rows whose findings did not change are not written, so rechecking a large roster after a
   * small edit costs little.
   */
  setFindings(batchId: string, results: readonly { personId: string; findings: Finding[] }[]): number {
    if (results.length === 0) return 0;
    return inWriteTransaction(this.db, () => {
      const current = new Map(
        this.sql
          .get<[string], { id: string; seq: number; findings: string }>('SELECT id, seq, findings FROM persons WHERE batch_id = ?')
          .all(batchId)
          .map((r) => [r.id, r]),
      );
      const now = isoAt(this.clock);
      const update = this.sql.get('UPDATE persons SET verdict = ?, findings = ?, error_count = ?, updated_at = ? WHERE id = ?');
      let written = 0;
      for (const { personId, findings } of results) {
        const row = current.get(personId);
        if (!row) throw notFound('清册行', personId);
        const json = toJson(findings);
        if (json === row.findings) continue;
        update.run(verdictOf(findings), json, errorCountOf(findings), now, personId);
        this.writeFindings(batchId, row.seq, findings, true);
        written++;
      }
      return written;
    });
  }

  /** Removes rows of the batch; ids of other batches are ignored. Returns how many went. */
  removeRows(batchId: string, ids: readonly string[], actor: Actor): number {
    return inWriteTransaction(this.db, () => {
      this.assertEditable(batchId);
      const removed = this.sql
        // `+batch_id` keeps SQLite from scanning the whole batch: it looks each id up instead.
        .get('DELETE FROM persons WHERE id IN (SELECT value FROM json_each(?)) AND +batch_id = ?')
        .run(toJson(ids), batchId).changes;
      if (removed > 0) this.touchBatch(batchId, isoAt(this.clock));
      this.audit.record({ actor, entity: 'batch', entityId: batchId, action: 'roster.remove', detail: { rows: removed } });
      return removed;
    });
  }

  /** Empties the roster (an import in replace mode). */
  removeAll(batchId: string, actor: Actor): number {
    return inWriteTransaction(this.db, () => {
      this.assertEditable(batchId);
      const removed = this.sql.get('DELETE FROM persons WHERE batch_id = ?').run(batchId).changes;
      if (removed > 0) this.touchBatch(batchId, isoAt(this.clock));
      this.audit.record({ actor, entity: 'batch', entityId: batchId, action: 'roster.removeAll', detail: { rows: removed } });
      return removed;
    });
  }

  private where(query: PersonQuery): { sql: string; params: unknown[] } {
    const clauses = ['p.batch_id = ?'];
    const params: unknown[] = [query.batchId];
    if (query.verdicts !== undefined) { clauses.push('p.verdict IN (SELECT value FROM json_each(?))'); params.push(toJson(query.verdicts)); }
    if (query.findingCode !== undefined) {
      clauses.push('p.seq IN (SELECT seq FROM person_findings WHERE batch_id = ? AND code = ?)');
      params.push(query.batchId, query.findingCode);
    }
    if (query.severity !== undefined) {
      clauses.push('p.seq IN (SELECT seq FROM person_findings WHERE batch_id = ? AND severity = ?)');
      params.push(query.batchId, query.severity);
    }
    const search = query.search?.trim();
    if (search) {
      const fragment = numberFragment(search);
      const index = fragment ? this.cipher.blindIndex(fragment) : null;
      const whole = index !== null && this.sql.get<[string, string], { n: number }>('SELECT 1 AS n FROM persons WHERE doc_index = ? AND batch_id = ? LIMIT 1').get(index, query.batchId);
      if (whole) {
        // A whole number typed: the index answers, no number needs opening.
        clauses.push("(p.name LIKE ? ESCAPE '\\' OR p.doc_index = ?)");
        params.push(likePattern(search, 'contains'), index);
      } else if (fragment) {
        const seqs = rowsWithNumberContaining(this.db, this.cipher, [query.batchId], fragment).map((r) => r.seq);
        clauses.push("(p.name LIKE ? ESCAPE '\\' OR p.seq IN (SELECT value FROM json_each(?)))");
        params.push(likePattern(search, 'contains'), toJson(seqs));
      } else {
        clauses.push("p.name LIKE ? ESCAPE '\\'");
        params.push(likePattern(search, 'contains'));
      }
    }
    if (query.docNumber !== undefined) {
      clauses.push('p.doc_index = ?');
      params.push(this.cipher.blindIndex(query.docNumber));
    }
    if (query.serverRejected) clauses.push('p.server_rejection IS NOT NULL');
    if (query.suggested !== undefined) clauses.push(query.suggested ? 'p.suggested_from IS NOT NULL' : 'p.suggested_from IS NULL');
    if (query.employmentStatus !== undefined) {
      clauses.push('p.employment_status = ?');
      params.push(query.employmentStatus);
    }
    return { sql: clauses.join(' AND '), params };
  }

  /** A window of the roster in display order, with the total matching the filters. */
  page(query: PersonQuery): PersonPage {
    const { sql, params } = this.where(query);
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 200;
    const total = this.sql.get<unknown[], { n: number }>(`SELECT COUNT(*) AS n FROM persons p WHERE ${sql}`).get(...params)!.n;
    const rows = this.sql
      .get<unknown[], PersonRow>(`SELECT p.* FROM persons p WHERE ${sql} ORDER BY p.seq LIMIT ? OFFSET ?`)
      .all(...params, limit, offset)
      .map((row) => toPersonRecord(row, this.cipher));
    return { total, offset, rows };
  }

  /** Every row of the batch in display order (checks, exports, upload). */
  allRows(batchId: string): PersonRecord[] {
    return this.sql
      .get<[string], PersonRow>('SELECT * FROM persons WHERE batch_id = ? ORDER BY seq')
      .all(batchId)
      .map((row) => toPersonRecord(row, this.cipher));
  }

  /** The batch's rows holding this document number, in display order, each with its 序号 in the unfiltered grid. */
  withDocNumber(batchId: string, docNumber: string): { id: string; sourceRow: number | null; serial: number }[] {
    return this.sql
      .get<[string, string], { id: string; source_row: number | null; serial: number }>(
        `SELECT p.id, p.source_row, (SELECT COUNT(*) FROM persons q WHERE q.batch_id = p.batch_id AND q.seq <= p.seq) AS serial
         FROM persons p WHERE p.batch_id = ? AND p.doc_index = ? ORDER BY p.seq`,
      )
      .all(batchId, this.cipher.blindIndex(docNumber))
      .map((r) => ({ id: r.id, sourceRow: r.source_row, serial: r.serial }));
  }

  count(batchId: string): number {
    return this.sql.get<[string], { n: number }>('SELECT COUNT(*) AS n FROM persons WHERE batch_id = ?').get(batchId)!.n;
  }

  /** Rows the association refused that their own checks pass: they still block the batch until fixed or removed. */
  rejectedWithoutError(batchId: string): number {
    return this.sql.get<[string], { n: number }>("SELECT COUNT(*) AS n FROM persons WHERE batch_id = ? AND server_rejection IS NOT NULL AND verdict <> 'error'").get(batchId)!.n;
  }

  verdictCounts(batchId: string): VerdictCounts {
    const counts: VerdictCounts = { total: 0, ok: 0, error: 0, warning: 0, info: 0 };
    const rows = this.sql
      .get<[string], { verdict: Verdict; n: number }>('SELECT verdict, COUNT(*) AS n FROM persons WHERE batch_id = ? GROUP BY verdict')
      .all(batchId);
    for (const r of rows) {
      counts[r.verdict] = r.n;
      counts.total += r.n;
    }
    return counts;
  }

  /** Rows per finding code, errors first, then by how many rows; each with one of its messages. */
  findingCounts(batchId: string): FindingCount[] {
    const groups = this.sql
      .get<[string], { code: string; severity: FindingSeverity; rows: number; sample: number }>(
        'SELECT code, severity, COUNT(*) AS rows, MIN(seq) AS sample FROM person_findings WHERE batch_id = ? GROUP BY code, severity',
      )
      .all(batchId);
    const findingsOf = this.sql.get<[string, number], { findings: string }>('SELECT findings FROM persons WHERE batch_id = ? AND seq = ?');
    return groups
      .map((g) => {
        const sample = fromJson<Finding[]>(findingsOf.get(batchId, g.sample)?.findings ?? '[]');
        const message = sample.find((f) => f.code === g.code)?.message ?? g.code;
        return { code: g.code, severity: g.severity, message, rows: g.rows };
      })
      .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.rows - a.rows || a.code.localeCompare(b.code));
  }

  /** The normalised document number sealed in the stored row. */
  private docNumberOf(id: string): string | null {
    const row = this.sql.get<[string], { sealed_values: Buffer }>('SELECT sealed_values FROM persons WHERE id = ?').get(id);
    return row ? openRowValues(this.cipher, row.sealed_values).docNumber : null;
  }

  /** Document numbers that occur more than once in the batch, with their rows in order. */
  duplicatesWithinBatch(batchId: string): { docNumber: string; personIds: string[] }[] {
    const rows = this.sql
      .get<[string, string], { doc_index: string; id: string }>(
        `SELECT doc_index, id FROM persons
         WHERE batch_id = ? AND doc_index IN (
           SELECT doc_index FROM persons WHERE batch_id = ? AND doc_index IS NOT NULL GROUP BY doc_index HAVING COUNT(*) > 1)
         ORDER BY doc_index, seq`,
      )
      .all(batchId, batchId);
    const groups = new Map<string, string[]>();
    for (const r of rows) {
      const ids = groups.get(r.doc_index);
      if (ids) ids.push(r.id);
      else groups.set(r.doc_index, [r.id]);
    }
    // Only a duplicated number's first row is opened to name it.
    return [...groups.values()]
      .map((personIds) => ({ docNumber: this.docNumberOf(personIds[0]!)!, personIds }))
      .sort((a, b) => compareText(a.docNumber, b.docNumber));
  }

  /**
   * Persons with these document numbers in the unit's OPEN batches (BATCH_STATE_INFO[state].open)
   * whose coverage year overlaps the given one, except `excludeBatchId`.
   */
  findByDocNumbers(lookup: DocNumberLookup): DocNumberMatch[] {
    if (lookup.docNumbers.length === 0) return [];
    let numberOf = new Map<string, string>();
    const indexes = () => {
      const indexed = indexNumbers(this.cipher, lookup.docNumbers);
      numberOf = indexed.numberOf;
      return indexed.indexes;
    };
    return this.findByIndexes(lookup, indexes, (index) => numberOf.get(index)!);
  }

  /** `indexes` is only called when there is another open batch to look in (computing 100,000 indexes is not free). */
  private findByIndexes(
    lookup: Omit<DocNumberLookup, 'docNumbers'>,
    indexes: () => readonly string[],
    numberOf: (index: string, personId: string) => string,
  ): DocNumberMatch[] {
    // Most imports meet no other open batch of the unit's year: then 100,000 numbers need no probing.
    const others = this.sql
      .get<unknown[], { n: number }>(
        `SELECT COUNT(*) AS n FROM batches b WHERE b.unit_id = ? AND b.state IN (SELECT value FROM json_each(?))
           AND b.coverage_year_start <= ? AND b.coverage_year_end >= ? AND b.id IS NOT ?`,
      )
      .get(lookup.unitId, toJson(OPEN_BATCH_STATES), lookup.coverageYear.end, lookup.coverageYear.start, lookup.excludeBatchId ?? null)!.n;
    if (others === 0) return [];
    const wanted = indexes();
    if (wanted.length === 0) return [];
    return this.sql
      .get<unknown[], { doc_index: string; id: string; batch_id: string; title: string; state: BatchState; seq: number; source_row: number | null; name: string | null }>(
        `SELECT p.doc_index, p.id, p.batch_id, b.title, b.state, p.seq, p.source_row, p.name
         FROM persons p JOIN batches b ON b.id = p.batch_id
         WHERE p.doc_index IN (SELECT value FROM json_each(?))
           AND b.unit_id = ? AND b.state IN (SELECT value FROM json_each(?))
           AND b.coverage_year_start <= ? AND b.coverage_year_end >= ? AND b.id IS NOT ?
         ORDER BY b.created_at, p.seq`,
      )
      .all(toJson(wanted), lookup.unitId, toJson(OPEN_BATCH_STATES), lookup.coverageYear.end, lookup.coverageYear.start, lookup.excludeBatchId ?? null)
      .map((r) => ({
        docNumber: numberOf(r.doc_index, r.id),
        personId: r.id,
        batchId: r.batch_id,
        batchTitle: r.title,
        batchState: r.state,
        seq: r.seq,
        sourceRow: r.source_row,
        name: r.name,
      }))
      // Stable: within one number the matches stay in batch, then roster order.
      .sort((a, b) => compareText(a.docNumber, b.docNumber));
  }

  /** The duplicate check across batches for one batch: its own numbers (or those given) in the unit's other open batches of its year. */
  findInOtherOpenBatches(batchId: string, docNumbers?: readonly string[]): DocNumberMatch[] {
    const batch = this.sql
      .get<[string], { unit_id: string; coverage_year_start: string; coverage_year_end: string }>(
        'SELECT unit_id, coverage_year_start, coverage_year_end FROM batches WHERE id = ?',
      )
      .get(batchId);
    if (!batch) throw notFound('批次', batchId);
    const lookup = { unitId: batch.unit_id, coverageYear: { start: batch.coverage_year_start, end: batch.coverage_year_end }, excludeBatchId: batchId };
    if (docNumbers) return this.findByDocNumbers({ ...lookup, docNumbers });
    const own = () => this.sql.get<[string], string>('SELECT DISTINCT doc_index FROM persons WHERE batch_id = ? AND doc_index IS NOT NULL').pluck().all(batchId);
    // The batch's own numbers are not at hand in plain text: each match names its number from its own sealed row.
    return this.findByIndexes(lookup, own, (_index, personId) => this.docNumberOf(personId)!);
  }

  /** The association refused these persons (审核不通过); returns how many rows were marked. */
  markServerRejections(batchId: string, rejections: readonly { docNumber: string; rejection: Finding }[]): number {
    return inWriteTransaction(this.db, () => {
      const now = isoAt(this.clock);
      const mark = this.sql.get('UPDATE persons SET server_rejection = ?, updated_at = ? WHERE batch_id = ? AND doc_index = ?');
      let marked = 0;
      for (const r of rejections) marked += mark.run(toJson(r.rejection), now, batchId, this.cipher.blindIndex(r.docNumber)).changes;
      return marked;
    });
  }

  /**
   * A page of a batch's persons as the association reports them (the unit's record pulled to
   * this machine): rows from `fromSeq` on are replaced, so a page pulled again after an
   * interruption writes the same rows once. Not a roster edit: the batch is past editing.
   */
  putFromAssociation(batchId: string, fromSeq: number, rows: readonly (NewPerson & { serverRejection: Finding | null })[]): void {
    inWriteTransaction(this.db, () => {
      const now = isoAt(this.clock);
      this.sql.get('DELETE FROM persons WHERE batch_id = ? AND seq >= ?').run(batchId, fromSeq);
      const reject = this.sql.get('UPDATE persons SET server_rejection = ? WHERE id = ?');
      let seq = fromSeq;
      const sealed = this.sealedAll(rows);
      rows.forEach((row, i) => {
        const id = this.insertOne(batchId, seq++, row, sealed[i]!, null, now);
        if (row.serverRejection) reject.run(toJson(row.serverRejection), id);
      });
    });
  }

  clearServerRejections(batchId: string): number {
    return this.sql
      .get('UPDATE persons SET server_rejection = NULL, updated_at = ? WHERE batch_id = ? AND server_rejection IS NOT NULL')
      .run(isoAt(this.clock), batchId).changes;
  }
}
