/**
 * Payments as the clerk recorded them (one transfer, one voucher, one or several batches).
 * Written inside the caller's transaction, beside the batches' transitions and the outbox
 * action that carries the voucher to the association.
 */
import { randomUUID } from 'node:crypto';
import type { PaymentRecordView, RefundView } from '../../../shared/api/paymentsDto';
import { fromJsonOrNull, toJsonOrNull } from './json';
import type { SqliteDatabase } from './openDatabase';
import type { PersonalDataCipher } from './personalDataCipher';
import { openSealedJsonOrNull, sealedJsonOrNull } from './sealPersonalData';
import { Statements } from './statements';

export interface NewPayment {
  unitId: string;
  payer: string;
  amountFen: number;
  method?: string | undefined;
  accountType?: string | undefined;
  paidOn?: string | undefined;
  voucherName: string;
  voucherType: string;
  voucherBytes: number;
  refund?: RefundView | undefined;
  recordedAt: string;
  outboxId?: string | undefined;
  shares: readonly { batchId: string; amountFen: number }[];
}

interface PaymentRow {
  id: string;
  payer: string;
  amount_fen: number;
  method: string | null;
  account_type: string | null;
  paid_on: string | null;
  voucher_name: string;
  voucher_type: string;
  voucher_bytes: number;
  refund: string | null;
  recorded_at: string;
}

export class PaymentsRepo {
  private readonly sql: Statements;

  constructor(
    db: SqliteDatabase,
    private readonly cipher: PersonalDataCipher,
  ) {
    this.sql = new Statements(db);
  }

  insert(p: NewPayment): string {
    const id = randomUUID();
    this.sql
      .get(
        `INSERT INTO payments (id, unit_id, payer, amount_fen, method, account_type, paid_on, voucher_name, voucher_type, voucher_bytes, refund, recorded_at, outbox_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, p.unitId, p.payer, p.amountFen, p.method ?? null, p.accountType ?? null, p.paidOn ?? null, p.voucherName, p.voucherType, p.voucherBytes, sealedJsonOrNull(this.cipher, toJsonOrNull(p.refund)), p.recordedAt, p.outboxId ?? null);
    const share = this.sql.get('INSERT INTO payment_batches (payment_id, batch_id, position, amount_fen) VALUES (?, ?, ?, ?)');
    p.shares.forEach((s, i) => share.run(id, s.batchId, i, s.amountFen));
    return id;
  }

  setOutboxId(paymentId: string, outboxId: string): void {
    this.sql.get('UPDATE payments SET outbox_id = ? WHERE id = ?').run(outboxId, paymentId);
  }

  get(paymentId: string): PaymentRecordView | null {
    const row = this.sql.get<[string], PaymentRow>('SELECT * FROM payments WHERE id = ?').get(paymentId);
    if (!row) return null;
    const shares = this.sql
      .get<[string], { batch_id: string; title: string; amount_fen: number }>(
        `SELECT pb.batch_id, b.title, pb.amount_fen FROM payment_batches pb JOIN batches b ON b.id = pb.batch_id WHERE pb.payment_id = ? ORDER BY pb.position`,
      )
      .all(paymentId)
      .map((s) => ({ batchId: s.batch_id, batchTitle: s.title, amountFen: s.amount_fen }));
    // The refund's bank account: sealed.
    const refund = fromJsonOrNull<RefundView>(openSealedJsonOrNull(this.cipher, row.refund));
    return {
      paymentId: row.id,
      payer: row.payer,
      amountFen: row.amount_fen,
      ...(row.method !== null ? { method: row.method } : {}),
      ...(row.account_type !== null ? { accountType: row.account_type } : {}),
      ...(row.paid_on !== null ? { paidOn: row.paid_on } : {}),
      voucherName: row.voucher_name,
      voucherType: row.voucher_type,
      voucherBytes: row.voucher_bytes,
      ...(refund ? { refund } : {}),
      recordedAt: row.recorded_at,
      shares,
    };
  }

  /** The batch's newest payment (after a voucher sent back, the one recorded since). */
  latestForBatch(batchId: string): PaymentRecordView | null {
    const row = this.sql
      .get<[string], { id: string }>(
        'SELECT p.id FROM payment_batches pb JOIN payments p ON p.id = pb.payment_id WHERE pb.batch_id = ? ORDER BY p.recorded_at DESC, p.rowid DESC LIMIT 1',
      )
      .get(batchId);
    return row ? this.get(row.id) : null;
  }
}
