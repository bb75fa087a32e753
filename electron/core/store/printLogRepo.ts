/**
 * Every print of a document, numbered per (batch, kind): the number is printed on the page.
 * The first print also fixes the document's own number and date (document_issues), in the
 * same transaction, so reprints bear the same ones.
 */
import type { DocumentKind, PrintLogEntry, PrintLogPage } from '../../../shared/api/dto';
import type { IsoDate } from '../../../shared/domain/dates';
import { StoreError, notFound } from './errors';
import type { SqliteDatabase } from './openDatabase';
import { Statements, inWriteTransaction } from './statements';
import { isoAt, type Clock } from './time';

export interface PrintRecord extends PrintLogEntry {
  id: number;
  /** SHA-256 (hex) of the document without its print number and time, so reprints can be compared. */
  documentHash: string;
}

/** A document's own number and the date it bears, fixed at its first print. */
export interface DocumentIssue {
  number: string;
  issuedOn: IsoDate;
}

export interface NewPrint {
  batchId: string;
  kind: DocumentKind;
  actor: string;
  documentHash: string;
  /** The number and date the print bore; the first print of the document fixes them. */
  issue: DocumentIssue;
  /** The number the document was rendered with (from nextPrintNumber); refused if another print took it meanwhile. */
  expectedPrintNumber?: number;
}

interface PrintRow {
  id: number;
  batch_id: string;
  unit_id: string;
  kind: DocumentKind;
  print_number: number;
  at: string;
  actor: string;
  document_hash: string;
  document_number: string;
}

function toRecord(row: PrintRow): PrintRecord {
  return {
    id: row.id,
    batchId: row.batch_id,
    unitId: row.unit_id,
    kind: row.kind,
    printNumber: row.print_number,
    at: row.at,
    actor: row.actor,
    documentHash: row.document_hash,
    documentNumber: row.document_number,
  };
}

const toEntry = ({ batchId, unitId, kind, printNumber, at, actor, documentNumber }: PrintRecord): PrintLogEntry => ({ batchId, unitId, kind, printNumber, at, actor, documentNumber });

export class PrintLogRepo {
  private readonly sql: Statements;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock,
  ) {
    this.sql = new Statements(db);
  }

  /** The number the next print of this document would get (1 for the first). */
  nextPrintNumber(batchId: string, kind: DocumentKind): number {
    return this.sql
      .get<[string, string], { n: number }>('SELECT COALESCE(MAX(print_number), 0) + 1 AS n FROM print_log WHERE batch_id = ? AND kind = ?')
      .get(batchId, kind)!.n;
  }

  /** Logs a print and returns it with its number; the unit is the batch's. */
  record(print: NewPrint): PrintRecord {
    return inWriteTransaction(this.db, () => {
      const batch = this.sql.get<[string], { unit_id: string }>('SELECT unit_id FROM batches WHERE id = ?').get(print.batchId);
      if (!batch) throw notFound('批次', print.batchId);
      const number = this.nextPrintNumber(print.batchId, print.kind);
      if (print.expectedPrintNumber !== undefined && print.expectedPrintNumber !== number) {
        throw new StoreError('conflict', `打印次数已变为第 ${number} 次，请重新生成后再打印`);
      }
      const fixed = this.issue(print.batchId, print.kind);
      if (fixed && (fixed.number !== print.issue.number || fixed.issuedOn !== print.issue.issuedOn)) {
        throw new StoreError('conflict', `该文书已以编号 ${fixed.number}、日期 ${fixed.issuedOn} 打印过，请重新生成后再打印`);
      }
      if (!fixed) {
        this.sql.get('INSERT INTO document_issues (batch_id, kind, number, issued_on) VALUES (?, ?, ?, ?)').run(print.batchId, print.kind, print.issue.number, print.issue.issuedOn);
      }
      const id = this.sql
        .get('INSERT INTO print_log (batch_id, unit_id, kind, print_number, at, actor, document_hash, document_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(print.batchId, batch.unit_id, print.kind, number, isoAt(this.clock), print.actor, print.documentHash, print.issue.number).lastInsertRowid;
      return toRecord(this.sql.get<[number], PrintRow>('SELECT * FROM print_log WHERE id = ?').get(Number(id))!);
    });
  }

  /** Newest first, optionally of one batch or unit (documents.printLog). */
  list(filter: { batchId?: string; unitId?: string; offset?: number; limit?: number } = {}): PrintLogPage {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.batchId !== undefined) { where.push('batch_id = ?'); params.push(filter.batchId); }
    if (filter.unitId !== undefined) { where.push('unit_id = ?'); params.push(filter.unitId); }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.sql.get<unknown[], { n: number }>(`SELECT COUNT(*) AS n FROM print_log ${clause}`).get(...params)!.n;
    const entries = this.sql
      .get<unknown[], PrintRow>(`SELECT * FROM print_log ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`)
      .all(...params, filter.limit ?? 200, filter.offset ?? 0)
      .map((r) => toEntry(toRecord(r)));
    return { total, entries };
  }

  /** The number and date a document was first printed with; null before its first print. */
  issue(batchId: string, kind: DocumentKind): DocumentIssue | null {
    const row = this.sql
      .get<[string, string], { number: string; issued_on: string }>('SELECT number, issued_on FROM document_issues WHERE batch_id = ? AND kind = ?')
      .get(batchId, kind);
    return row ? { number: row.number, issuedOn: row.issued_on as IsoDate } : null;
  }

  /** The latest print of a document, for comparing a reprint's hash. */
  latest(batchId: string, kind: DocumentKind): PrintRecord | null {
    const row = this.sql
      .get<[string, string], PrintRow>('SELECT * FROM print_log WHERE batch_id = ? AND kind = ? ORDER BY print_number DESC LIMIT 1')
      .get(batchId, kind);
    return row ? toRecord(row) : null;
  }
}
