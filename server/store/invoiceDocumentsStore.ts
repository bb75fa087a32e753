/** The e-invoice documents attached to issued invoices (migration 0004). */
import type { ServerDb } from '../db/openServerDb';

export interface InvoiceDocumentInfo {
  name: string;
  type: string;
  bytes: number;
}

export class InvoiceDocumentsStore {
  constructor(private readonly db: ServerDb) {}

  save(d: { invoiceId: string; batchId: string; name: string; type: string; file: Buffer; uploadedAt: string }): void {
    this.db
      .prepare('INSERT INTO invoice_documents (invoice_id, batch_id, file_name, file_type, file, uploaded_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(d.invoiceId, d.batchId, d.name, d.type, d.file, d.uploadedAt);
  }

  /** The documents of the batch's invoices, by invoice id, without their bytes. */
  infos(batchId: string): Map<string, InvoiceDocumentInfo> {
    const rows = this.db
      .prepare<[string], { invoice_id: string; file_name: string; file_type: string; file_bytes: number }>(
        'SELECT invoice_id, file_name, file_type, length(file) AS file_bytes FROM invoice_documents WHERE batch_id = ?',
      )
      .all(batchId);
    return new Map(rows.map((r) => [r.invoice_id, { name: r.file_name, type: r.file_type, bytes: r.file_bytes }]));
  }

  /** Only within the batch: an invoice id of another batch is not found. */
  file(batchId: string, invoiceId: string): (InvoiceDocumentInfo & { file: Buffer }) | null {
    const row = this.db
      .prepare<[string, string], { file_name: string; file_type: string; file: Buffer }>(
        'SELECT file_name, file_type, file FROM invoice_documents WHERE batch_id = ? AND invoice_id = ?',
      )
      .get(batchId, invoiceId);
    return row ? { name: row.file_name, type: row.file_type, bytes: row.file.length, file: row.file } : null;
  }
}

const stores = new WeakMap<ServerDb, InvoiceDocumentsStore>();

/** One store per database (the context is built by others; this keeps the registration out of it). */
export function invoiceDocumentsOf(db: ServerDb): InvoiceDocumentsStore {
  let store = stores.get(db);
  if (!store) stores.set(db, (store = new InvoiceDocumentsStore(db)));
  return store;
}
