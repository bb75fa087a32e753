/** Batches as the association holds them, with their history and persons. */
import type { TransitionRecord, BatchState } from '../../shared/domain/batch';
import type { Period } from '../../shared/domain/dates';
import type { PlanChoice } from '../../shared/domain/eligibility';
import type { HeadCountLine } from '../../shared/domain/pricing';
import type { EnrollmentType } from '../../shared/domain/scheme';
import type { WireReason } from '../../shared/wire';
import { randomUUID } from 'node:crypto';
import type { BlobStore } from '../blobs/blobStore';
import type { FieldCipher } from '../crypto/fieldCipher';
import type { SqlDb } from '../db/sqlDb';
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
  over_age_commitment: boolean;
  submitted_count: number;
  head_count_only: number;
  total_fen: number;
  payable_fen: number;
  submitted_at: string;
  updated_at: string;
}

const toBatch = (r: BatchRow, cipher: FieldCipher): BatchRecord => ({
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
  contact: r.contact === null ? null : cipher.openJson(r.contact),
  headCounts: fromJsonOrNull(r.head_counts),
  overAgeCommitment: r.over_age_commitment,
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
  row_sealed: string | null;
  status: 'enrolled' | 'rejected';
  reasons: string | null;
}

const toPerson = (r: PersonRow, cipher: FieldCipher): PersonRecord => ({
  seq: r.seq,
  rowId: r.row_id,
  sourceRow: r.source_row,
  docNumber: r.doc_number,
  name: r.name,
  values: { ...fromJson<Record<string, string>>(r.row_values), ...(r.row_sealed === null ? {} : cipher.openJson<Record<string, string>>(r.row_sealed)) },
  status: r.status,
  reasons: r.reasons === null ? [] : cipher.openJson(r.reasons),
});

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

/** Roster fields sealed at rest: the rest of a row (name, ID number, plans) is what the association works with. */
const SEALED_ROW_FIELDS: readonly string[] = ['phone', 'bankCard'];

// Persons are written this many to a statement: one round trip per chunk, not per person.
const PERSON_CHUNK = 2000;

interface InvoiceRow {
  id: string;
  request_id: string;
  ref: string | null;
  title: string;
  tax_number: string | null;
  amount_fen: number;
  fee_source: string | null;
  email: string | null;
  phone: string | null;
  remark: string | null;
  status: 'requested' | 'issued';
  invoice_number: string | null;
  requested_at: string;
  issued_on: string | null;
}

const toInvoice = (r: InvoiceRow, cipher: FieldCipher): InvoiceRecord => ({
  id: r.id,
  requestId: r.request_id,
  ref: r.ref,
  title: r.title,
  taxNumber: r.tax_number,
  amountFen: r.amount_fen,
  feeSource: r.fee_source,
  email: r.email,
  phone: r.phone === null ? null : cipher.open(r.phone),
  remark: r.remark,
  status: r.status,
  invoiceNumber: r.invoice_number,
  requestedAt: r.requested_at,
  issuedOn: r.issued_on,
});

export class BatchesStore {
  constructor(
    private readonly db: SqlDb,
    private readonly blobs: BlobStore,
    private readonly cipher: FieldCipher,
  ) {}

  async insert(b: BatchRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO batches (id, unit_id, client_batch_id, scheme_id, scheme_version, coverage_year_start, coverage_year_end,
         enrollment_type, title, state, selection, head_count_lines, requested_start, cover_start, cover_end, policy_batch_id,
         policy_number, contact, head_counts, over_age_commitment, submitted_count, head_count_only, total_fen, payable_fen,
         submitted_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)`,
      [
        b.id, b.unitId, b.clientBatchId, b.schemeId, b.schemeVersion, b.coverageYear.start, b.coverageYear.end,
        b.enrollmentType, b.title, b.state, toJson(b.selection), toJson(b.headCountLines), b.requestedStart,
        b.cover?.start ?? null, b.cover?.end ?? null, b.policyBatchId, b.policyNumber, b.contact ? this.cipher.sealJson(b.contact) : null,
        b.headCounts ? toJson(b.headCounts) : null, b.overAgeCommitment, b.submittedCount, b.headCountOnly,
        b.totalFen, b.payableFen, b.submittedAt, b.updatedAt,
      ],
    );
  }

  /** A resubmission replaces what the clerk sent; the state moves only through setState. */
  async updateSubmission(b: BatchRecord): Promise<void> {
    await this.db.run(
      `UPDATE batches SET scheme_version = $1, title = $2, selection = $3, head_count_lines = $4, requested_start = $5, cover_start = $6,
         cover_end = $7, contact = $8, head_counts = $9, over_age_commitment = $10, submitted_count = $11, head_count_only = $12,
         total_fen = $13, payable_fen = $14, submitted_at = $15, updated_at = $16 WHERE id = $17`,
      [
        b.schemeVersion, b.title, toJson(b.selection), toJson(b.headCountLines), b.requestedStart, b.cover?.start ?? null,
        b.cover?.end ?? null, b.contact ? this.cipher.sealJson(b.contact) : null, b.headCounts ? toJson(b.headCounts) : null,
        b.overAgeCommitment, b.submittedCount, b.headCountOnly, b.totalFen, b.payableFen, b.submittedAt, b.updatedAt, b.id,
      ],
    );
  }

  /** Inside a transaction the row is locked until it ends: two actions on one batch take turns. */
  async get(id: string): Promise<BatchRecord | null> {
    const row = await this.db.one<BatchRow>(`SELECT * FROM batches WHERE id = $1${this.db.inTransaction ? ' FOR UPDATE' : ''}`, [id]);
    return row ? toBatch(row, this.cipher) : null;
  }

  /** The unit's own batch by the client's id; locked, as `get`, inside a transaction. */
  async byClientId(unitId: string, clientBatchId: string): Promise<BatchRecord | null> {
    const row = await this.db.one<BatchRow>(`SELECT * FROM batches WHERE unit_id = $1 AND client_batch_id = $2${this.db.inTransaction ? ' FOR UPDATE' : ''}`, [
      unitId, clientBatchId,
    ]);
    return row ? toBatch(row, this.cipher) : null;
  }

  async list(filter: { unitId?: string; state?: string } = {}): Promise<BatchRecord[]> {
    const rows = await this.db.all<BatchRow>(
      'SELECT * FROM batches WHERE ($1::text IS NULL OR unit_id = $1) AND ($2::text IS NULL OR state = $2) ORDER BY submitted_at, id',
      [filter.unitId ?? null, filter.state ?? null],
    );
    return rows.map((r) => toBatch(r, this.cipher));
  }

  /** The unit's batches of a scheme's coverage year. */
  async ofUnitYear(unitId: string, schemeId: string, coverageYearStart: string): Promise<BatchRecord[]> {
    const rows = await this.db.all<BatchRow>('SELECT * FROM batches WHERE unit_id = $1 AND scheme_id = $2 AND coverage_year_start = $3 ORDER BY submitted_at', [
      unitId, schemeId, coverageYearStart,
    ]);
    return rows.map((r) => toBatch(r, this.cipher));
  }

  /** The next batch number (a sequence: concurrent submissions never share one). */
  async nextNumber(): Promise<number> {
    return (await this.db.one<{ n: number }>("SELECT nextval('batch_numbers') AS n"))!.n;
  }

  async setState(id: string, state: BatchState, at: string): Promise<void> {
    await this.db.run('UPDATE batches SET state = $1, updated_at = $2 WHERE id = $3', [state, at, id]);
  }

  async setPolicy(id: string, policyNumber: string, cover: Period, at: string): Promise<void> {
    await this.db.run('UPDATE batches SET policy_number = $1, cover_start = $2, cover_end = $3, updated_at = $4 WHERE id = $5', [policyNumber, cover.start, cover.end, at, id]);
  }

  async policyNumberTaken(policyNumber: string): Promise<boolean> {
    return (await this.db.one('SELECT 1 FROM batches WHERE policy_number = $1', [policyNumber])) !== null;
  }

  async nextPolicyNumber(): Promise<number> {
    return (await this.db.one<{ n: number }>("SELECT nextval('policy_numbers') AS n"))!.n;
  }

  /** Returns the batch's revision: how many transitions its history holds now. */
  async addHistory(batchId: string, r: TransitionRecord): Promise<number> {
    await this.db.run('INSERT INTO batch_history (batch_id, from_state, to_state, event, at, actor, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      batchId, r.from, r.to, r.event, r.at, toJson(r.actor), r.reason ?? null,
    ]);
    const counted = await this.db.one<{ n: string | number }>('SELECT COUNT(*) AS n FROM batch_history WHERE batch_id = $1', [batchId]);
    return Number(counted?.n ?? 0);
  }

  async history(batchId: string): Promise<TransitionRecord[]> {
    const rows = await this.db.all<{ from_state: string; to_state: string; event: string; at: string; actor: string; reason: string | null }>(
      'SELECT from_state, to_state, event, at, actor, reason FROM batch_history WHERE batch_id = $1 ORDER BY id',
      [batchId],
    );
    return rows.map((r) => {
      const record = { from: r.from_state, to: r.to_state, event: r.event, at: r.at, actor: fromJson(r.actor) } as TransitionRecord;
      if (r.reason !== null) record.reason = r.reason;
      return record;
    });
  }

  async replacePersons(batchId: string, persons: readonly PersonRecord[]): Promise<void> {
    await this.db.run('DELETE FROM persons WHERE batch_id = $1', [batchId]);
    for (let i = 0; i < persons.length; i += PERSON_CHUNK) {
      const chunk = persons.slice(i, i + PERSON_CHUNK);
      await this.db.run(
        `INSERT INTO persons (batch_id, seq, row_id, source_row, doc_number, name, row_values, row_sealed, status, reasons)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])`,
        [
          batchId,
          chunk.map((p) => p.seq),
          chunk.map((p) => p.rowId),
          chunk.map((p) => p.sourceRow),
          chunk.map((p) => p.docNumber),
          chunk.map((p) => p.name),
          ...this.splitValues(chunk),
          chunk.map((p) => p.status),
          chunk.map((p) => (p.reasons.length === 0 ? null : this.cipher.sealJson(p.reasons))),
        ],
      );
    }
  }

  /** Row values as two columns: the plain part, and the phone and bank card sealed (null when the row has neither). */
  private splitValues(persons: readonly PersonRecord[]): [string[], (string | null)[]] {
    const plain: string[] = [];
    const sealed: (string | null)[] = [];
    for (const p of persons) {
      const open: Record<string, string> = {};
      const secret: Record<string, string> = {};
      for (const [k, v] of Object.entries(p.values)) (SEALED_ROW_FIELDS.includes(k) && v !== '' ? secret : open)[k] = v;
      plain.push(toJson(open));
      sealed.push(Object.keys(secret).length === 0 ? null : this.cipher.sealJson(secret));
    }
    return [plain, sealed];
  }

  async persons(batchId: string, offset: number, limit: number): Promise<PersonRecord[]> {
    return (await this.db.all<PersonRow>('SELECT * FROM persons WHERE batch_id = $1 ORDER BY seq LIMIT $2 OFFSET $3', [batchId, limit, offset])).map((r) => toPerson(r, this.cipher));
  }

  async personsWithStatus(batchId: string, status: 'enrolled' | 'rejected'): Promise<PersonRecord[]> {
    return (await this.db.all<PersonRow>('SELECT * FROM persons WHERE batch_id = $1 AND status = $2 ORDER BY seq', [batchId, status])).map((r) => toPerson(r, this.cipher));
  }

  async personCounts(batchId: string): Promise<{ total: number; enrolled: number; rejected: number }> {
    const rows = await this.db.all<{ status: string; n: number }>('SELECT status, COUNT(*)::int AS n FROM persons WHERE batch_id = $1 GROUP BY status', [batchId]);
    const enrolled = rows.find((r) => r.status === 'enrolled')?.n ?? 0;
    const rejected = rows.find((r) => r.status === 'rejected')?.n ?? 0;
    return { total: enrolled + rejected, enrolled, rejected };
  }

  /** Enrolled persons with these numbers, by doc number. */
  async enrolledByDoc(batchId: string, docNumbers: readonly string[]): Promise<PersonRecord[]> {
    const rows = await this.db.all<PersonRow>("SELECT * FROM persons WHERE batch_id = $1 AND status = 'enrolled' AND doc_number = ANY($2::text[]) ORDER BY seq", [
      batchId, [...docNumbers],
    ]);
    return rows.map((r) => toPerson(r, this.cipher));
  }

  async rejectPerson(batchId: string, seq: number, reasons: readonly WireReason[]): Promise<void> {
    await this.db.run("UPDATE persons SET status = 'rejected', reasons = $1 WHERE batch_id = $2 AND seq = $3", [this.cipher.sealJson(reasons), batchId, seq]);
  }

  async savePayment(batchId: string, p: Omit<PaymentRecord, 'proofBytes' | 'confirmedFen' | 'confirmedOn'> & { proof: Buffer }): Promise<void> {
    const key = `vouchers/${batchId}/${randomUUID()}`;
    await this.blobs.put(key, p.proof);
    await this.db.run(
      `INSERT INTO payments (batch_id, payer, amount_fen, method, paid_on, proof_name, proof_type, proof_blob, proof_bytes, refund, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (batch_id) DO UPDATE SET payer = excluded.payer, amount_fen = excluded.amount_fen, method = excluded.method,
         paid_on = excluded.paid_on, proof_name = excluded.proof_name, proof_type = excluded.proof_type, proof_blob = excluded.proof_blob,
         proof_bytes = excluded.proof_bytes, refund = excluded.refund, uploaded_at = excluded.uploaded_at, confirmed_fen = NULL, confirmed_on = NULL`,
      [batchId, p.payer, p.amountFen, p.method, p.paidOn, p.proofName, p.proofType, key, p.proof.length, p.refund ? this.cipher.sealJson(p.refund) : null, p.uploadedAt],
    );
  }

  async payment(batchId: string): Promise<PaymentRecord | null> {
    const r = await this.db.one<{
      payer: string; amount_fen: number; method: string | null; paid_on: string | null; proof_name: string; proof_type: string;
      proof_bytes: number; refund: string | null; uploaded_at: string; confirmed_fen: number | null; confirmed_on: string | null;
    }>(
      'SELECT payer, amount_fen, method, paid_on, proof_name, proof_type, proof_bytes, refund, uploaded_at, confirmed_fen, confirmed_on FROM payments WHERE batch_id = $1',
      [batchId],
    );
    if (!r) return null;
    return {
      payer: r.payer,
      amountFen: r.amount_fen,
      method: r.method,
      paidOn: r.paid_on,
      proofName: r.proof_name,
      proofType: r.proof_type,
      proofBytes: r.proof_bytes,
      refund: r.refund === null ? null : this.cipher.openJson(r.refund),
      uploadedAt: r.uploaded_at,
      confirmedFen: r.confirmed_fen,
      confirmedOn: r.confirmed_on,
    };
  }

  /** Records the confirmation; a transfer confirmed without a voucher (Qingdao) leaves no payment row. */
  async confirmPayment(batchId: string, amountFen: number, confirmedOn: string): Promise<void> {
    await this.db.run('UPDATE payments SET confirmed_fen = $1, confirmed_on = $2 WHERE batch_id = $3', [amountFen, confirmedOn, batchId]);
  }

  async insertInvoice(batchId: string, inv: InvoiceRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO invoices (id, batch_id, request_id, ref, title, tax_number, amount_fen, fee_source, email, phone, remark, status, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'requested', $12)`,
      [inv.id, batchId, inv.requestId, inv.ref, inv.title, inv.taxNumber, inv.amountFen, inv.feeSource, inv.email, inv.phone === null ? null : this.cipher.seal(inv.phone), inv.remark, inv.requestedAt],
    );
  }

  async invoices(batchId: string): Promise<InvoiceRecord[]> {
    return (await this.db.all<InvoiceRow>('SELECT * FROM invoices WHERE batch_id = $1 ORDER BY requested_at, position', [batchId])).map((r) => toInvoice(r, this.cipher));
  }

  async issueInvoice(invoiceId: string, invoiceNumber: string, issuedOn: string): Promise<void> {
    await this.db.run("UPDATE invoices SET status = 'issued', invoice_number = $1, issued_on = $2 WHERE id = $3", [invoiceNumber, issuedOn, invoiceId]);
  }

  async invoiceNumberTaken(invoiceNumber: string): Promise<boolean> {
    return (await this.db.one('SELECT 1 FROM invoices WHERE invoice_number = $1', [invoiceNumber])) !== null;
  }

  async nextInvoiceNumber(): Promise<number> {
    return (await this.db.one<{ n: number }>("SELECT nextval('invoice_numbers') AS n"))!.n;
  }
}
