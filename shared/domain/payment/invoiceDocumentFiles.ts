/**
 * The e-invoice document (电子发票) the association attaches to an issued invoice: a PDF, an
 * OFD (the national e-invoice format, a zip holding OFD.xml) or a scanned image, recognised
 * by content like payment vouchers, never by the name.
 */
import { containsAscii, sniffVoucherType, startsWithBytes, VOUCHER_MIME, ZIP_SIGNATURE } from './voucherFiles';

export const INVOICE_DOCUMENT_TYPES = ['pdf', 'ofd', 'jpeg', 'png'] as const;
export type InvoiceDocumentType = (typeof INVOICE_DOCUMENT_TYPES)[number];

export const INVOICE_DOCUMENT_MIME: Readonly<Record<InvoiceDocumentType, string>> = {
  pdf: VOUCHER_MIME.pdf,
  ofd: 'application/ofd',
  jpeg: VOUCHER_MIME.jpeg,
  png: VOUCHER_MIME.png,
};

/** 5 MB: an e-invoice is tens of KB; a scan of a paper invoice fits with room to spare. */
export const MAX_INVOICE_DOCUMENT_BYTES = 5 * 1024 * 1024;

export function sniffInvoiceDocumentType(bytes: Uint8Array): InvoiceDocumentType | null {
  if (startsWithBytes(bytes, ZIP_SIGNATURE)) return containsAscii(bytes, 'OFD.xml') ? 'ofd' : null;
  const type = sniffVoucherType(bytes);
  return type === 'pdf' || type === 'jpeg' || type === 'png' ? type : null;
}

export type InvoiceDocumentCheck = { ok: true; type: InvoiceDocumentType } | { ok: false; code: 'documentEmpty' | 'documentTooLarge' | 'documentType'; message: string };

export function checkInvoiceDocument(bytes: Uint8Array, maxBytes = MAX_INVOICE_DOCUMENT_BYTES): InvoiceDocumentCheck {
  if (bytes.length === 0) return { ok: false, code: 'documentEmpty', message: '发票文件是空的' };
  if (bytes.length > maxBytes) return { ok: false, code: 'documentTooLarge', message: `发票文件不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB` };
  const type = sniffInvoiceDocumentType(bytes);
  if (!type) return { ok: false, code: 'documentType', message: '发票文件只能是 PDF、OFD 或 JPG、PNG 图片；该文件的内容不是其中任何一种' };
  return { ok: true, type };
}
