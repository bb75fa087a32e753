/** Transfers that pay one or several batches (recordPayment), each batch's share, and 提前开票 commitments. */
import { randomUUID } from 'node:crypto';
import type { BlobStore } from '../blobs/blobStore';
import type { FieldCipher } from '../crypto/fieldCipher';
import type { SqlDb } from '../db/sqlDb';

export interface SharedRefund {
  accountName: string;
  accountNumber: string;
  bank: string;
  amountFen: number;
  accountType?: string;
  method?: string;
}

export interface SharedPaymentRecord {
  id: string;
  unitId: string;
  payer: string;
  amountFen: number;
  method: string | null;
  accountType: string | null;
  paidOn: string | null;
  proofName: string;
  proofType: string;
  proofBytes: number;
  refund: SharedRefund | null;
  uploadedAt: string;
}

export interface AllocationRecord {
  paymentId: string;
  /** The server's batch id. */
  batchId: string;
  amountFen: number;
  confirmedFen: number | null;
  confirmedOn: string | null;
}

interface PaymentRow {
  id: string;
  unit_id: string;
  payer: string;
  amount_fen: number;
  method: string | null;
  account_type: string | null;
  paid_on: string | null;
  proof_name: string;
  proof_type: string;
  proof_bytes: number;
  refund: string | null;
  uploaded_at: string;
}

interface AllocationRow {
  payment_id: string;
  batch_id: string;
  amount_fen: number;
  confirmed_fen: number | null;
  confirmed_on: string | null;
}

const PAYMENT_COLUMNS = 'id, unit_id, payer, amount_fen, method, account_type, paid_on, proof_name, proof_type, proof_bytes, refund, uploaded_at';

function paymentOf(r: PaymentRow, cipher: FieldCipher): SharedPaymentRecord {
  return {
    id: r.id,
    unitId: r.unit_id,
    payer: r.payer,
    amountFen: r.amount_fen,
    method: r.method,
    accountType: r.account_type,
    paidOn: r.paid_on,
    proofName: r.proof_name,
    proofType: r.proof_type,
    proofBytes: r.proof_bytes,
    refund: r.refund === null ? null : cipher.openJson<SharedRefund>(r.refund),
    uploadedAt: r.uploaded_at,
  };
}

function allocationOf(r: AllocationRow): AllocationRecord {
  return { paymentId: r.payment_id, batchId: r.batch_id, amountFen: r.amount_fen, confirmedFen: r.confirmed_fen, confirmedOn: r.confirmed_on };
}

export class SharedPaymentsStore {
  constructor(
    private readonly db: SqlDb,
    private readonly blobs: BlobStore,
    private readonly cipher: FieldCipher,
  ) {}

  /** Call inside the action's transaction. */
  async insert(p: Omit<SharedPaymentRecord, 'proofBytes'> & { proof: Buffer }, allocations: readonly { batchId: string; amountFen: number }[]): Promise<void> {
    const key = `vouchers/shared/${p.id}`;
    await this.blobs.put(key, p.proof);
    await this.db.run(
      `INSERT INTO shared_payments (id, unit_id, payer, amount_fen, method, account_type, paid_on, proof_name, proof_type, proof_blob, proof_bytes, refund, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [p.id, p.unitId, p.payer, p.amountFen, p.method, p.accountType, p.paidOn, p.proofName, p.proofType, key, p.proof.length, p.refund ? this.cipher.sealJson(p.refund) : null, p.uploadedAt],
    );
    for (const [i, a] of allocations.entries()) {
      await this.db.run('INSERT INTO payment_allocations (payment_id, batch_id, position, amount_fen) VALUES ($1, $2, $3, $4)', [p.id, a.batchId, i, a.amountFen]);
    }
  }

  async get(paymentId: string): Promise<SharedPaymentRecord | null> {
    const row = await this.db.one<PaymentRow>(`SELECT ${PAYMENT_COLUMNS} FROM shared_payments WHERE id = $1`, [paymentId]);
    return row ? paymentOf(row, this.cipher) : null;
  }

  async allocations(paymentId: string): Promise<AllocationRecord[]> {
    const rows = await this.db.all<AllocationRow>(
      'SELECT payment_id, batch_id, amount_fen, confirmed_fen, confirmed_on FROM payment_allocations WHERE payment_id = $1 ORDER BY position',
      [paymentId],
    );
    return rows.map(allocationOf);
  }

  /** The batch's newest allocation: the transfer that pays it now. */
  async latestAllocation(batchId: string): Promise<AllocationRecord | null> {
    const row = await this.db.one<AllocationRow>(
      `SELECT a.payment_id, a.batch_id, a.amount_fen, a.confirmed_fen, a.confirmed_on
       FROM payment_allocations a JOIN shared_payments p ON p.id = a.payment_id
       WHERE a.batch_id = $1 ORDER BY p.uploaded_at DESC, p.recorded DESC LIMIT 1`,
      [batchId],
    );
    return row ? allocationOf(row) : null;
  }

  async confirmAllocation(paymentId: string, batchId: string, amountFen: number, confirmedOn: string): Promise<void> {
    await this.db.run('UPDATE payment_allocations SET confirmed_fen = $1, confirmed_on = $2 WHERE payment_id = $3 AND batch_id = $4', [amountFen, confirmedOn, paymentId, batchId]);
  }

  async saveCommitment(c: { requestId: string; batchId: string; fileName: string; fileType: string; file: Buffer; uploadedAt: string }): Promise<void> {
    const key = `commitments/${c.batchId}/${randomUUID()}`;
    await this.blobs.put(key, c.file);
    await this.db.run('INSERT INTO invoice_commitments (request_id, batch_id, file_name, file_type, file_blob, file_bytes, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      c.requestId, c.batchId, c.fileName, c.fileType, key, c.file.length, c.uploadedAt,
    ]);
  }

  /** The commitments sent with the batch's invoice requests, by request id. */
  async commitments(batchId: string): Promise<Map<string, { fileName: string; fileBytes: number; uploadedAt: string }>> {
    const rows = await this.db.all<{ request_id: string; file_name: string; file_bytes: number; uploaded_at: string }>(
      'SELECT request_id, file_name, file_bytes, uploaded_at FROM invoice_commitments WHERE batch_id = $1',
      [batchId],
    );
    return new Map(rows.map((r) => [r.request_id, { fileName: r.file_name, fileBytes: r.file_bytes, uploadedAt: r.uploaded_at }]));
  }
}

const stores = new WeakMap<SqlDb, SharedPaymentsStore>();

/** One store per database (the context is built by others; this keeps the registration out of it). */
export function sharedPaymentsOf(ctx: { db: SqlDb; blobs: BlobStore; cipher: FieldCipher }): SharedPaymentsStore {
  let store = stores.get(ctx.db);
  if (!store) stores.set(ctx.db, (store = new SharedPaymentsStore(ctx.db, ctx.blobs, ctx.cipher)));
  return store;
}
