/** The e-invoice documents attached to issued invoices (migration 0004). */
import { asBuffer, type SqlDb } from '../db/sqlDb';

export interface InvoiceDocumentInfo {
  name: string;
  type: string;
  bytes: number;
}

export class InvoiceDocumentsStore {
  constructor(private readonly db: SqlDb) {}

  async save(d: { invoiceId: string; batchId: string; name: string; type: string; file: Buffer; uploadedAt: string }): Promise<void> {
    await this.db.run('INSERT INTO invoice_documents (invoice_id, batch_id, file_name, file_type, file, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      d.invoiceId, d.batchId, d.name, d.type, d.file, d.uploadedAt,
    ]);
  }

  /** The documents of the batch's invoices, by invoice id, without their bytes. */
  async infos(batchId: string): Promise<Map<string, InvoiceDocumentInfo>> {
    const rows = await this.db.all<{ invoice_id: string; file_name: string; file_type: string; file_bytes: number }>(
      'SELECT invoice_id, file_name, file_type, length(file) AS file_bytes FROM invoice_documents WHERE batch_id = $1',
      [batchId],
    );
    return new Map(rows.map((r) => [r.invoice_id, { name: r.file_name, type: r.file_type, bytes: r.file_bytes }]));
  }

  /** Only within the batch: an invoice id of another batch is not found. */
  async file(batchId: string, invoiceId: string): Promise<(InvoiceDocumentInfo & { file: Buffer }) | null> {
    const row = await this.db.one<{ file_name: string; file_type: string; file: Uint8Array }>(
      'SELECT file_name, file_type, file FROM invoice_documents WHERE batch_id = $1 AND invoice_id = $2',
      [batchId, invoiceId],
    );
    if (!row) return null;
    const file = asBuffer(row.file);
    return { name: row.file_name, type: row.file_type, bytes: file.length, file };
  }
}

const stores = new WeakMap<SqlDb, InvoiceDocumentsStore>();

/** One store per database (the context is built by others; this keeps the registration out of it). */
export function invoiceDocumentsOf(db: SqlDb): InvoiceDocumentsStore {
  let store = stores.get(db);
  if (!store) stores.set(db, (store = new InvoiceDocumentsStore(db)));
  return store;
}
