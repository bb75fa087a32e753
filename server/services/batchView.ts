/** A batch as the unit (and the staff) sees it on the wire. */
import { batchStateLabel } from '../../shared/domain/batch';
import type { AdminBatchView, BatchSummary, BatchView, InvoiceView, RejectedPerson } from '../../shared/wire';
import type { ServerContext } from '../context';
import type { BatchRecord, InvoiceRecord, PersonRecord } from '../store/batchesStore';
import { sharedPaymentView } from './sharedPaymentView';
import { withEarlyCommitments } from './earlyInvoice';
import { withInvoiceDocuments } from './invoiceDocuments';

export function rejectedPersonOf(p: PersonRecord): RejectedPerson {
  const out: RejectedPerson = { docNumber: p.docNumber, name: p.name, sourceRow: p.sourceRow, reasons: p.reasons };
  if (p.rowId !== null) out.rowId = p.rowId;
  return out;
}

function invoiceViewOf(i: InvoiceRecord): InvoiceView {
  const v: InvoiceView = { invoiceId: i.id, requestId: i.requestId, title: i.title, amountFen: i.amountFen, status: i.status };
  if (i.ref !== null) v.ref = i.ref;
  if (i.taxNumber !== null) v.taxNumber = i.taxNumber;
  if (i.feeSource !== null) v.feeSource = i.feeSource;
  if (i.invoiceNumber !== null) v.invoiceNumber = i.invoiceNumber;
  if (i.issuedOn !== null) v.issuedOn = i.issuedOn;
  return v;
}

export async function invoicedFen(ctx: ServerContext, batchId: string): Promise<number> {
  return (await ctx.batches.invoices(batchId)).reduce((sum, i) => sum + i.amountFen, 0);
}

async function summaryOf(ctx: ServerContext, b: BatchRecord): Promise<BatchSummary> {
  const counts = await ctx.batches.personCounts(b.id);
  return {
    batchId: b.clientBatchId,
    serverBatchId: b.id,
    schemeId: b.schemeId,
    schemeVersion: b.schemeVersion,
    enrollmentType: b.enrollmentType,
    title: b.title,
    state: b.state,
    stateLabel: batchStateLabel(b.state),
    policyBatchId: b.policyBatchId ? ((await ctx.batches.get(b.policyBatchId))?.clientBatchId ?? null) : null,
    policyNumber: b.policyNumber,
    cover: b.cover,
    requestedStart: b.requestedStart,
    selection: b.selection,
    headCountLines: b.headCountLines,
    counts: { submitted: counts.total, enrolled: counts.enrolled, rejected: counts.rejected, headCountOnly: b.headCountOnly },
    totalFen: b.totalFen,
    payableFen: b.payableFen,
    invoiceRemainingFen: b.payableFen - await invoicedFen(ctx, b.id),
    submittedAt: b.submittedAt,
    updatedAt: b.updatedAt,
  };
}

export async function batchSummary(ctx: ServerContext, b: BatchRecord): Promise<BatchSummary> {
  return await summaryOf(ctx, b);
}

export async function batchView(ctx: ServerContext, b: BatchRecord): Promise<BatchView> {
  const payment = await ctx.batches.payment(b.id);
  let paymentView: BatchView['payment'] = null;
  if (payment) {
    paymentView = { payer: payment.payer, amountFen: payment.amountFen, proofName: payment.proofName, proofBytes: payment.proofBytes, uploadedAt: payment.uploadedAt };
    if (payment.method !== null) paymentView.method = payment.method;
    if (payment.paidOn !== null) paymentView.paidOn = payment.paidOn;
    if (payment.refund !== null) paymentView.refund = payment.refund;
    if (payment.confirmedFen !== null) paymentView.confirmedFen = payment.confirmedFen;
    if (payment.confirmedOn !== null) paymentView.confirmedOn = payment.confirmedOn;
  }
  paymentView = await sharedPaymentView(ctx, b.id, payment?.uploadedAt ?? null) ?? paymentView;
  return {
    ...await summaryOf(ctx, b),
    rejectedPersons: (await ctx.batches.personsWithStatus(b.id, 'rejected')).map(rejectedPersonOf),
    payment: paymentView,
    invoices: await withInvoiceDocuments(ctx, b.id, await withEarlyCommitments(ctx, b.id, (await ctx.batches.invoices(b.id)).map(invoiceViewOf))),
    history: await ctx.batches.history(b.id),
  };
}

export async function adminBatchView(ctx: ServerContext, b: BatchRecord): Promise<AdminBatchView> {
  return { ...await batchView(ctx, b), unitId: b.unitId, unitName: (await ctx.units.get(b.unitId))?.name ?? '' };
}
