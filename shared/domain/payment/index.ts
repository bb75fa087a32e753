/** Paying for batches, invoices and receipts, and the files that prove them. */
export { checkPayment, type PaymentCheck, type PaymentAllocation, type PaymentProblem, type PaymentProblemCode } from './paymentRules';
export { checkInvoices, remainingToInvoice, type InvoiceLine, type InvoiceContext, type InvoiceProblem, type InvoiceProblemCode } from './invoiceRules';
export { sniffVoucherType, checkVoucherFile, VOUCHER_TYPES, VOUCHER_MIME, MAX_VOUCHER_BYTES, type VoucherType, type VoucherProblem } from './voucherFiles';
export { EARLY_INVOICE_STATES, offersEarlyInvoice, earlyInvoiceOpen } from './earlyInvoice';
export { checkInvoiceDocument, sniffInvoiceDocumentType, INVOICE_DOCUMENT_TYPES, INVOICE_DOCUMENT_MIME, MAX_INVOICE_DOCUMENT_BYTES, type InvoiceDocumentType, type InvoiceDocumentCheck } from './invoiceDocumentFiles';
