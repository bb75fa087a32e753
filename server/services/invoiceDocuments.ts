/** The e-invoice documents staff attach when issuing invoices, and the unit's download of them. */
import { checkInvoiceDocument, INVOICE_DOCUMENT_MIME } from '../../shared/domain/payment';
import type { InvoiceView } from '../../shared/wire';
import { isoAt } from '../clock';
import type { ServerContext } from '../context';
import { notFound, refuse } from '../http/wireHttpError';
import type { BatchRecord } from '../store/batchesStore';
import { invoiceDocumentsOf, type InvoiceDocumentInfo } from '../store/invoiceDocumentsStore';

export interface CheckedInvoiceDocument {
  name: string;
  type: string;
  file: Buffer;
}

/** Checks an attached document by content before anything is issued (refuses 422 on a bad file). */
export function checkedInvoiceDocument(doc: { name: string; base64: string }, invoiceNumber: string): CheckedInvoiceDocument {
  const file = Buffer.from(doc.base64, 'base64');
  const checked = checkInvoiceDocument(file);
  if (!checked.ok) {
    throw refuse(checked.code === 'documentTooLarge' ? 'proofTooLarge' : 'proofFileType', `发票 ${invoiceNumber}：${checked.message}`, { field: 'invoices' });
  }
  return { name: doc.name, type: INVOICE_DOCUMENT_MIME[checked.type], file };
}

export async function keepInvoiceDocument(ctx: ServerContext, batch: BatchRecord, invoiceId: string, doc: CheckedInvoiceDocument): Promise<InvoiceDocumentInfo> {
  await invoiceDocumentsOf(ctx).save({ invoiceId, batchId: batch.id, name: doc.name, type: doc.type, file: doc.file, uploadedAt: isoAt(ctx.clock) });
  return { name: doc.name, type: doc.type, bytes: doc.file.length };
}

export async function withInvoiceDocuments(ctx: ServerContext, batchId: string, invoices: InvoiceView[]): Promise<InvoiceView[]> {
  const docs = await invoiceDocumentsOf(ctx).infos(batchId);
  return invoices.map((i) => {
    const doc = docs.get(i.invoiceId);
    return doc ? { ...i, document: doc } : i;
  });
}

export async function requireInvoiceDocument(ctx: ServerContext, batch: BatchRecord, invoiceId: string): Promise<InvoiceDocumentInfo & { file: Buffer }> {
  const doc = await invoiceDocumentsOf(ctx).file(batch.id, invoiceId);
  if (!doc) throw notFound('发票文件');
  return doc;
}
