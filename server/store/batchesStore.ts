/** Batches as the association holds them, with their history and persons. */
import type { TransitionRecord, BatchState } from '../../shared/domain/batch';
import type { Period } from '../../shared/domain/dates';
import type { PlanChoice } from '../../shared/domain/eligibility';
import type { HeadCountLine } from '../../shared/domain/pricing';
import type { EnrollmentType } from '../../shared/domain/scheme';
import type { WireReason } from '../../shared/wire';
import type { ServerDb } from '../db/openServerDb';
import { fromJson, fromJsonOrNull, toJson } from './json';

export interface BatchRecord {
  id: string;
  unitId: string;
  clientBatchId: string;
  schemeId: string;
  schemeVersion: number;
  coverageYear: Period;
  enrollmentType: EnrollmentType;
  title: string;
  state: BatchState;
  selection: PlanChoice[];
  headCountLines: HeadCountLine[];
  requestedStart: string | null;
  cover: Period | null;
  /** The server id of the policy a supplementary batch joins. */
  policyBatchId: string | null;
  policyNumber: string | null;
  contact: { name: string; phone: string; role?: string } | null;
  headCounts: { inService: number; femaleInService: number } | null;
  overAgeCommitment: boolean;
  submittedCount: number;
  headCountOnly: number;
  totalFen: number;
  payableFen: number;
  submittedAt: string;
  updatedAt: string;
}

interface BatchRow {
  id: string;
  unit_id: string;
  client_batch_id: string;
  scheme_id: string;
  scheme_version: number;
  coverage_year_start: string;
  coverage_year_end: string;
  enrollment_type: string;
  title: string;
  state: string;
  selection: string;
  head_count_lines: string;
  requested_start: string | null;
  cover_start: string | null;
  cover_end: string | null;
  policy_batch_id: string | null;
  policy_number: string | null;
  contact: string | null;
  head_counts: string | null;
  over_age_commitment: number;
  submitted_count: number;
  head_count_only: number;
  total_fen: number;
  payable_fen: number;
  submitted_at: string;
  updated_at: string;
}

const toBatch = (r: BatchRow): BatchRecord => ({
  id: r.id,
  unitId: r.unit_id,
  clientBatchId: r.client_batch_id,
  schemeId: r.scheme_id,
  schemeVersion: r.scheme_version,
  coverageYear: { start: r.coverage_year_start, end: r.coverage_year_end },
  enrollmentType: r.enrollment_type as EnrollmentType,
  title: r.title,
  state: r.state as BatchState,
  selection: fromJson<PlanChoice[]>(r.selection),
  headCountLines: fromJson<HeadCountLine[]>(r.head_count_lines),
  requestedStart: r.requested_start,
  cover: r.cover_start && r.cover_end ? { start: r.cover_start, end: r.cover_end } : null,
  policyBatchId: r.policy_batch_id,
  policyNumber: r.policy_number,
  contact: fromJsonOrNull(r.contact),
  headCounts: fromJsonOrNull(r.head_counts),
  overAgeCommitment: r.over_age_commitment === 1,
  submittedCount: r.submitted_count,
  headCountOnly: r.head_count_only,
  totalFen: r.total_fen,
  payableFen: r.payable_fen,
  submittedAt: r.submitted_at,
  updatedAt: r.updated_at,
});

export interface PersonRecord {
  seq: number;
  rowId: string | null;
  sourceRow: number | null;
  docNumber: string;
  name: string;
  values: Record<string, string>;
  status: 'enrolled' | 'rejected';
  reasons: WireReason[];
}

interface PersonRow {
  seq: number;
  row_id: string | null;
  source_row: number | null;
  doc_number: string;
  name: string;
  row_values: string;
  status: 'enrolled' | 'rejected';
  reasons: string;
}

const toPerson = (r: PersonRow): PersonRecord => ({
  seq: r.seq,
  rowId: r.row_id,
  sourceRow: r.source_row,
  docNumber: r.doc_number,
  name: r.name,
  values: fromJson(r.row_values),
  status: r.status,
  reasons: fromJson(r.reasons),
});

/** Who holds a document number in a scheme's coverage year. */
export interface Holder {
  docNumber: string;
  batchId: string;
  unitId: string;
  batchTitle: string;
  state: BatchState;
}

export interface PaymentRecord {
  payer: string;
  amountFen: number;
  method: string | null;
  paidOn: string | null;
  proofName: string;
  proofType: string;
  proofBytes: number;
  refund: { accountName: string; accountNumber: string; bank: string; amountFen: number } | null;
  uploadedAt: string;
  confirmedFen: number | null;
  confirmedOn: string | null;
}

export interface InvoiceRecord {
  id: string;
  requestId: string;
  ref: string | null;
  title: string;
  taxNumber: string | null;
  amountFen: number;
  feeSource: string | null;
  email: string | null;
  phone: string | null;
  remark: string | null;
  status: 'requested' | 'issued';
  invoiceNumber: string | null;
  requestedAt: string;
  issuedOn: string | null;
}

export class BatchesStore {
  constructor(private readonly db: ServerDb) {}

  insert(b: BatchRecord): void {
    this.db
      .prepare(
        `INSERT INTO batches (id, unit_id, client_batch_id, scheme_id, scheme_version, coverage_year_start, coverage_year_end,
           enrollment_type, title, state, selection, head_count_lines, requested_start, cover_start, cover_end, policy_batch_id,
           policy_number, contact, head_counts, over_age_commitment, submitted_count, head_count_only, total_fen, payable_fen,
           submitted_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        b.id, b.unitId, b.clientBatchId, b.schemeId, b.schemeVersion, b.coverageYear.start, b.coverageYear.end,
        b.enrollmentType, b.title, b.state, toJson(b.selection), toJson(b.headCountLines), b.requestedStart,
        b.cover?.start ?? null, b.cover?.end ?? null, b.policyBatchId, b.policyNumber, b.contact ? toJson(b.contact) : null,
        b.headCounts ? toJson(b.headCounts) : null, b.overAgeCommitment ? 1 : 0, b.submittedCount, b.headCountOnly,
        b.totalFen, b.payableFen, b.submittedAt, b.updatedAt,
      );
  }

  /** A resubmission replaces what the clerk sent; the state moves only through setState. */
  updateSubmission(b: BatchRecord): void {
    this.db
      .prepare(
        `UPDATE batches SET scheme_version = ?, title = ?, selection = ?, head_count_lines = ?, requested_start = ?, cover_start = ?,
           cover_end = ?, contact = ?, head_counts = ?, over_age_commitment = ?, submitted_count = ?, head_count_only = ?,
           total_fen = ?, payable_fen = ?, submitted_at = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        b.schemeVersion, b.title, toJson(b.selection), toJson(b.headCountLines), b.requestedStart, b.cover?.start ?? null,
        b.cover?.end ?? null, b.contact ? toJson(b.contact) : null, b.headCounts ? toJson(b.headCounts) : null,
        b.overAgeCommitment ? 1 : 0, b.submittedCount, b.headCountOnly, b.totalFen, b.payableFen, b.submittedAt, b.updatedAt, b.id,
      );
  }

  get(id: string): BatchRecord | null {
    const row = this.db.prepare<[string], BatchRow>('SELECT * FROM batches WHERE id = ?').get(id);
    return row ? toBatch(row) : null;
  }

  /** The unit's own batch by the client's id. */
  byClientId(unitId: string, clientBatchId: string): BatchRecord | null {
    const row = this.db.prepare<[string, string], BatchRow>('SELECT * FROM batches WHERE unit_id = ? AND client_batch_id = ?').get(unitId, clientBatchId);
    return row ? toBatch(row) : null;
  }

  list(filter: { unitId?: string; state?: string } = {}): BatchRecord[] {
    return this.db
      .prepare<[{ unitId: string | null; state: string | null }], BatchRow>(
        'SELECT * FROM batches WHERE (@unitId IS NULL OR unit_id = @unitId) AND (@state IS NULL OR state = @state) ORDER BY submitted_at, id',
      )
      .all({ unitId: filter.unitId ?? null, state: filter.state ?? null })
      .map(toBatch);
  }

  /** The unit's batches of a scheme's coverage year. */
  ofUnitYear(unitId: string, schemeId: string, coverageYearStart: string): BatchRecord[] {
    return this.db
      .prepare<[string, string, string], BatchRow>('SELECT * FROM batches WHERE unit_id = ? AND scheme_id = ? AND coverage_year_start = ? ORDER BY submitted_at')
      .all(unitId, schemeId, coverageYearStart)
      .map(toBatch);
  }

  count(): number {
    return this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM batches').get()!.n;
  }

  setState(id: string, state: BatchState, at: string): void {
    this.db.prepare('UPDATE batches SET state = ?, updated_at = ? WHERE id = ?').run(state, at, id);
  }

  setPolicy(id: string, policyNumber: string, cover: Period, at: string): void {
    this.db.prepare('UPDATE batches SET policy_number = ?, cover_start = ?, cover_end = ?, updated_at = ? WHERE id = ?').run(policyNumber, cover.start, cover.end, at, id);
  }

  policyNumberTaken(policyNumber: string): boolean {
    return this.db.prepare('SELECT 1 FROM batches WHERE policy_number = ?').get(policyNumber) !== undefined;
  }

  countWithPolicy(): number {
    return this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM batches WHERE policy_number IS NOT NULL').get()!.n;
  }

  /** Returns the batch's revision: how many transitions its history holds now. */
  addHistory(batchId: string, r: TransitionRecord): number {
    this.db
      .prepare('INSERT INTO batch_history (batch_id, from_state, to_state, event, at, actor, reason) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(batchId, r.from, r.to, r.event, r.at, toJson(r.actor), r.reason ?? null);
    return this.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM batch_history WHERE batch_id = ?').get(batchId)!.n;
  }

  history(batchId: string): TransitionRecord[] {
    return this.db
      .prepare<[string], { from_state: string; to_state: string; event: string; at: string; actor: string; reason: string | null }>(
        'SELECT from_state, to_state, event, at, actor, reason FROM batch_history WHERE batch_id = ? ORDER BY id',
      )
      .all(batchId)
      .map((r) => {
        const record = { from: r.from_state, to: r.to_state, event: r.event, at: r.at, actor: fromJson(r.actor) } as TransitionRecord;
        if (r.reason !== null) record.reason = r.reason;
        return record;
      });
  }

  replacePersons(batchId: string, persons: readonly PersonRecord[]): void {
    this.db.prepare('DELETE FROM persons WHERE batch_id = ?').run(batchId);
    const insert = this.db.prepare(
      'INSERT INTO persons (batch_id, seq, row_id, source_row, doc_number, name, row_values, status, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const p of persons) insert.run(batchId, p.seq, p.rowId, p.sourceRow, p.docNumber, p.name, toJson(p.values), p.status, toJson(p.reasons));
  }

  persons(batchId: string, offset: number, limit: number): PersonRecord[] {
    return this.db
      .prepare<[string, number, number], PersonRow>('SELECT * FROM persons WHERE batch_id = ? ORDER BY seq LIMIT ? OFFSET ?')
      .all(batchId, limit, offset)
      .map(toPerson);
  }

  personsWithStatus(batchId: string, status: 'enrolled' | 'rejected'): PersonRecord[] {
    return this.db.prepare<[string, string], PersonRow>('SELECT * FROM persons WHERE batch_id = ? AND status = ? ORDER BY seq').all(batchId, status).map(toPerson);
  }

  personCounts(batchId: string): { total: number; enrolled: number; rejected: number } {
    const rows = this.db
      .prepare<[string], { status: string; n: number }>('SELECT status, COUNT(*) AS n FROM persons WHERE batch_id = ? GROUP BY status')
      .all(batchId);
    const enrolled = rows.find((r) => r.status === 'enrolled')?.n ?? 0;
    const rejected = rows.find((r) => r.status === 'rejected')?.n ?? 0;
    return { total: enrolled + rejected, enrolled, rejected };
  }

  /** Enrolled persons with these numbers, by doc number. */
  enrolledByDoc(batchId: string, docNumbers: readonly string[]): PersonRecord[] {
    return this.db
      .prepare<[string, string], PersonRow>(
        "SELECT * FROM persons WHERE batch_id = ? AND status = 'enrolled' AND doc_number IN (SELECT value FROM json_each(?)) ORDER BY seq",
      )
      .all(batchId, toJson(docNumbers))
      .map(toPerson);
  }

  rejectPerson(batchId: string, seq: number, reasons: readonly WireReason[]): void {
    this.db.prepare("UPDATE persons SET status = 'rejected', reasons = ? WHERE batch_id = ? AND seq = ?").run(toJson(reasons), batchId, seq);
  }

  /**
   * Enrolled holders of these numbers in a scheme's coverage year, in batches of the given
   * states, other than `exceptBatchId`.
   */
  holders(docNumbers: readonly string[], schemeId: string, coverageYearStart: string, states: readonly BatchState[], exceptBatchId: string | null): Holder[] {
    if (docNumbers.length === 0) return [];
    return this.db
      .prepare<
        [{ docs: string; schemeId: string; yearStart: string; states: string; except: string | null }],
        { doc_number: string; batch_id: string; unit_id: string; title: string; state: string }
      >(
        `SELECT p.doc_number, b.id AS batch_id, b.unit_id, b.title, b.state FROM persons p JOIN batches b ON b.id = p.batch_id
         WHERE p.doc_number IN (SELECT value FROM json_each(@docs)) AND p.status = 'enrolled'
           AND b.scheme_id = @schemeId AND b.coverage_year_start = @yearStart AND b.state IN (SELECT value FROM json_each(@states))
           AND (@except IS NULL OR b.id <> @except)
         ORDER BY b.submitted_at`,
      )
      .all({ docs: toJson([...new Set(docNumbers)]), schemeId, yearStart: coverageYearStart, states: toJson(states), except: exceptBatchId })
      .map((r) => ({ docNumber: r.doc_number, batchId: r.batch_id, unitId: r.unit_id, batchTitle: r.title, state: r.state as BatchState }));
  }

  savePayment(batchId: string, p: Omit<PaymentRecord, 'proofBytes' | 'confirmedFen' | 'confirmedOn'> & { proof: Buffer }): void {
    this.db
      .prepare(
        `INSERT INTO payments (batch_id, payer, amount_fen, method, paid_on, proof_name, proof_type, proof, refund, uploaded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (batch_id) DO UPDATE SET payer = excluded.payer, amount_fen = excluded.amount_fen, method = excluded.method,
           paid_on = excluded.paid_on, proof_name = excluded.proof_name, proof_type = excluded.proof_type, proof = excluded.proof,
           refund = excluded.refund, uploaded_at = excluded.uploaded_at, confirmed_fen = NULL, confirmed_on = NULL`,
      )
      .run(batchId, p.payer, p.amountFen, p.method, p.paidOn, p.proofName, p.proofType, p.proof, p.refund ? toJson(p.refund) : null, p.uploadedAt);
  }

  payment(batchId: string): PaymentRecord | null {
    const r = this.db
      .prepare<[string], {
        payer: string; amount_fen: number; method: string | null; paid_on: string | null; proof_name: string; proof_type: string;
        proof_bytes: number; refund: string | null; uploaded_at: string; confirmed_fen: number | null; confirmed_on: string | null;
      }>('SELECT payer, amount_fen, method, paid_on, proof_name, proof_type, length(proof) AS proof_bytes, refund, uploaded_at, confirmed_fen, confirmed_on FROM payments WHERE batch_id = ?')
      .get(batchId);
    if (!r) return null;
    return {
      payer: r.payer,
      amountFen: r.amount_fen,
      method: r.method,
      paidOn: r.paid_on,
      proofName: r.proof_name,
      proofType: r.proof_type,
      proofBytes: r.proof_bytes,
      refund: fromJsonOrNull(r.refund),
      uploadedAt: r.uploaded_at,
      confirmedFen: r.confirmed_fen,
      confirmedOn: r.confirmed_on,
    };
  }

  /** Records the confirmation; a transfer confirmed without a voucher (Qingdao) leaves no payment row. */
  confirmPayment(batchId: string, amountFen: number, confirmedOn: string): void {
    this.db.prepare('UPDATE payments SET confirmed_fen = ?, confirmed_on = ? WHERE batch_id = ?').run(amountFen, confirmedOn, batchId);
  }

  insertInvoice(batchId: string, inv: InvoiceRecord): void {
    this.db
      .prepare(
        `INSERT INTO invoices (id, batch_id, request_id, ref, title, tax_number, amount_fen, fee_source, email, phone, remark, status, requested_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'requested', ?)`,
      )
      .run(inv.id, batchId, inv.requestId, inv.ref, inv.title, inv.taxNumber, inv.amountFen, inv.feeSource, inv.email, inv.phone, inv.remark, inv.requestedAt);
  }

  invoices(batchId: string): InvoiceRecord[] {
    return this.db
      .prepare<[string], {
        id: string; request_id: string; ref: string | null; title: string; tax_number: string | null; amount_fen: number;
        fee_source: string | null; email: string | null; phone: string | null; remark: string | null; status: 'requested' | 'issued';
        invoice_number: string | null; requested_at: string; issued_on: string | null;
      }>('SELECT * FROM invoices WHERE batch_id = ? ORDER BY requested_at, rowid')
      .all(batchId)
      .map((r) => ({
        id: r.id,
        requestId: r.request_id,
        ref: r.ref,
        title: r.title,
        taxNumber: r.tax_number,
        amountFen: r.amount_fen,
        feeSource: r.fee_source,
        email: r.email,
        phone: r.phone,
        remark: r.remark,
        status: r.status,
        invoiceNumber: r.invoice_number,
        requestedAt: r.requested_at,
        issuedOn: r.issued_on,
      }));
  }

  issueInvoice(invoiceId: string, invoiceNumber: string, issuedOn: string): void {
    this.db.prepare("UPDATE invoices SET status = 'issued', invoice_number = ?, issued_on = ? WHERE id = ?").run(invoiceNumber, issuedOn, invoiceId);
  }

  invoiceNumberTaken(invoiceNumber: string): boolean {
    return this.db.prepare('SELECT 1 FROM invoices WHERE invoice_number = ?').get(invoiceNumber) !== undefined;
  }

  countIssuedInvoices(): number {
    return this.db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM invoices WHERE status = 'issued'").get()!.n;
  }
}
