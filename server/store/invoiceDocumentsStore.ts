/** The e-invoice documents attached to issued invoices (migration 0004). */
import type { BlobStore } from '../blobs/blobStore';
import type { SqlDb } from '../db/sqlDb';

export interface InvoiceDocumentInfo {
  name: string;
  type: string;
  bytes: number;
}

export class InvoiceDocumentsStore {
  constructor(
    private readonly db: SqlDb,
    private readonly blobs: BlobStore,
  ) {}

  async save(d: { invoiceId: string; batchId: string; name: string; type: string; file: Buffer; uploadedAt: string }): Promise<void> {
    const key = `invoices/${d.batchId}/${d.invoiceId}`;
    await this.blobs.put(key, d.file);
    await this.db.run('INSERT INTO invoice_documents (invoice_id, batch_id, file_name, file_type, file_blob, file_bytes, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      d.invoiceId, d.batchId, d.name, d.type, key, d.file.length, d.uploadedAt,
    ]);
  }

  /** The documents of the batch's invoices, by invoice id, without their bytes. */
  async infos(batchId: string): Promise<Map<string, InvoiceDocumentInfo>> {
    const rows = await this.db.all<{ invoice_id: string; file_name: string; file_type: string; file_bytes: number }>(
      'SELECT invoice_id, file_name, file_type, file_bytes FROM invoice_documents WHERE batch_id = $1',
      [batchId],
    );
    return new Map(rows.map((r) => [r.invoice_id, { name: r.file_name, type: r.file_type, bytes: r.file_bytes }]));
  }

  /** Only within the batch: an invoice id of another batch is not found. */
  async file(batchId: string, invoiceId: string): Promise<(InvoiceDocumentInfo & { file: Buffer }) | null> {
    const row = await this.db.one<{ file_name: string; file_type: string; file_blob: string; file_bytes: number }>(
      'SELECT file_name, file_type, file_blob, file_bytes FROM invoice_documents WHERE batch_id = $1 AND invoice_id = $2',
      [batchId, invoiceId],
    );
    if (!row) return null;
    return { name: row.file_name, type: row.file_type, bytes: row.file_bytes, file: await this.blobs.get(row.file_blob) };
  }
}

const stores = new WeakMap<SqlDb, InvoiceDocumentsStore>();

/** One store per database (the context is built by others; this keeps the registration out of it). */
export function invoiceDocumentsOf(ctx: { db: SqlDb; blobs: BlobStore }): InvoiceDocumentsStore {
  let store = stores.get(ctx.db);
  if (!store) stores.set(ctx.db, (store = new InvoiceDocumentsStore(ctx.db, ctx.blobs)));
  return store;
}
