import { describe, expect, it } from 'vitest';
import { adminIssueInvoicesRequestSchema, changeSchema, invoiceViewSchema, MAX_INVOICE_DOCUMENTS_PER_REQUEST, ROUTES, routePath, splitRoute } from '../../../shared/wire';

const doc = { name: '电子发票.pdf', base64: 'JVBERi0xLjcK' };

describe('the e-invoice document on the wire', () => {
  it('has a unit route naming the batch by the client id and the invoice', () => {
    expect(splitRoute(ROUTES.invoiceDocument)).toEqual({ method: 'GET', path: '/v1/batches/:batchId/invoices/:invoiceId/document' });
    expect(routePath(ROUTES.invoiceDocument, { batchId: 'b 1', invoiceId: 'i1' })).toBe('/v1/batches/b%201/invoices/i1/document');
  });

  it.each([
    ['no invoices listed', {}, true],
    ['a number without a document', { invoices: [{ invoiceId: 'i1', invoiceNumber: 'FP1' }] }, true],
    ['a number with a document', { invoices: [{ invoiceId: 'i1', invoiceNumber: 'FP1', document: doc }] }, true],
    ['a document that is not base64', { invoices: [{ invoiceId: 'i1', invoiceNumber: 'FP1', document: { name: 'a.pdf', base64: '不是base64' } }] }, false],
    ['a document without a name', { invoices: [{ invoiceId: 'i1', invoiceNumber: 'FP1', document: { base64: doc.base64 } }] }, false],
    ['a document above 5 MB', { invoices: [{ invoiceId: 'i1', invoiceNumber: 'FP1', document: { name: 'a.pdf', base64: 'A'.repeat(Math.ceil((5 * 1024 * 1024) / 3) * 4 + 4) } }] }, false],
    [
      'more documents than one request carries',
      { invoices: Array.from({ length: MAX_INVOICE_DOCUMENTS_PER_REQUEST + 1 }, (_, i) => ({ invoiceId: `i${i}`, invoiceNumber: `FP${i}`, document: doc })) },
      false,
    ],
    ['an unknown field beside the document', { invoices: [{ invoiceId: 'i1', invoiceNumber: 'FP1', document: doc, pdf: 'x' }] }, false],
  ])('issue-invoices request: %s', (_name, body, ok) => {
    expect(adminIssueInvoicesRequestSchema.safeParse(body).success).toBe(ok);
  });

  it.each([
    ['without a document', {}, true],
    ['with a document', { document: { name: 'a.ofd', bytes: 1200, type: 'application/ofd' } }, true],
    ['with a document lacking its size', { document: { name: 'a.ofd', type: 'application/ofd' } }, false],
  ])('invoice view and invoicesIssued change %s', (_name, extra, ok) => {
    const base = { invoiceId: 'i1', requestId: 'r1', title: '单位', amountFen: 100, status: 'issued', invoiceNumber: 'FP1', issuedOn: '2020-04-15' };
    expect(invoiceViewSchema.safeParse({ ...base, ...extra }).success).toBe(ok);
    const change = { seq: 1, at: '2020-04-15T02:00:00.000Z', kind: 'invoicesIssued', batchId: 'b1', serverBatchId: 'PC1', invoices: [{ ...base, status: undefined, ...extra }] };
    expect(changeSchema.safeParse(change).success).toBe(ok);
  });
});
