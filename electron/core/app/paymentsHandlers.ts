/**
 * payments.uploadProof and invoices.request: recording what the unit paid (with its voucher
 * and any refund details) and asking for invoices. Both are checked here by the same money
 * rules the association applies, then queued: the outbox action carries the wire body, in
 * the same transaction as the batch's own change.
 */
import { randomUUID } from 'node:crypto';
import type { InvoiceRequestLine, InvoiceRequestView, InvoicesView, IssuedInvoice, OperationHandlers, OutboxReceipt, ValidIn } from '../../../shared/api';
import { batchStateLabel, BILLED_STATES } from '../../../shared/domain/batch';
import { checkInvoices, checkPayment, checkVoucherFile, remainingToInvoice } from '../../../shared/domain/payment';
import { MAX_PROOF_BYTES } from '../../../shared/wire';
import { serverFactsKey, type ServerFacts } from '../sync';
import { applyEvent } from './batchTransitions';
import { schemeOf, storeCall, type CoreContext } from './coreContext';
import { CoreError } from './coreError';
import { batchDetail } from './batchesHandlers';
import { checkEarlyCommitment } from './earlyInvoice';
import { earlyCommitmentOf, keepSingleBatchPayment } from './paymentRecords';

function uploadProof(ctx: CoreContext, input: ValidIn<'payments.uploadProof'>) {
  const batch = storeCall(() => ctx.store.batches.require(input.batchId));
  // The association's limit, so nothing is queued that it would refuse.
  const file = checkVoucherFile(Buffer.from(input.proof.base64, 'base64'), MAX_PROOF_BYTES);
  if (!file.ok) throw new CoreError(file.problem.code, file.problem.message, 422, 'proof');
  const payment = checkPayment(input.amountFen, [{ batchId: batch.id, payableFen: batch.payableFen ?? 0 }], input.refund);
  if (!payment.ok) throw new CoreError(payment.problem.code, payment.problem.message, 422, payment.problem.field);
  const { batchId: _batchId, ...body } = input;
  ctx.store.transaction(() => {
    applyEvent(ctx, batch.id, 'uploadPaymentProof', {}, { outbox: { kind: 'uploadPaymentProof', batchId: batch.id, unitId: batch.unitId, payload: body } });
    keepSingleBatchPayment(ctx, batch, input, file.type);
  });
  return batchDetail(ctx, batch.id);
}

const REQUEST_STATUS = { pending: 'pending', sending: 'sending', done: 'sent', failed: 'failed' } as const;

function invoicesView(ctx: CoreContext, batchId: string): InvoicesView {
  const batch = storeCall(() => ctx.store.batches.require(batchId));
  const requests: InvoiceRequestView[] = ctx.store.outbox
    .listForBatch(batchId)
    .filter((a) => a.kind === 'requestInvoices')
    .map((a) => ({
      actionId: a.id,
      status: REQUEST_STATUS[a.status],
      requestedAt: a.createdAt,
      invoices: (a.payload as { invoices: InvoiceRequestLine[] }).invoices,
      ...earlyCommitmentOf(a.payload),
      ...(a.lastError && a.status === 'failed' ? { error: a.lastError } : {}),
    }));
  // A refused request asked for nothing: its amount may be asked again.
  const requestedFen = requests.filter((r) => r.status !== 'failed').reduce((sum, r) => sum + r.invoices.reduce((s, i) => s + i.amountFen, 0), 0);
  const facts = ctx.store.syncState.getJson<ServerFacts>(serverFactsKey(batchId)) ?? {};
  const issued: IssuedInvoice[] = (facts.invoices ?? []).map((i) => ({
    invoiceNumber: i.invoiceNumber,
    title: i.title,
    amountFen: i.amountFen,
    issuedOn: i.issuedOn,
    ...(i.feeSource ? { feeSource: i.feeSource } : {}),
    ...(i.ref ? { ref: i.ref } : {}),
    invoiceId: i.invoiceId,
    ...(i.document ? { document: i.document } : {}),
  }));
  return { payableFen: batch.payableFen, requestedFen, remainingFen: remainingToInvoice({ payableFen: batch.payableFen ?? 0, invoicedFen: requestedFen }), requests, issued };
}

function requestInvoices(ctx: CoreContext, input: ValidIn<'invoices.request'>): OutboxReceipt {
  const batch = storeCall(() => ctx.store.batches.require(input.batchId));
  if (!BILLED_STATES.includes(batch.state)) throw new CoreError('invoiceNotAllowed', `批次当前状态为“${batchStateLabel(batch.state)}”，还不能申请开票`, 409);
  const scheme = schemeOf(ctx, batch.schemeId, batch.schemeVersion);
  if (input.earlyCommitment) checkEarlyCommitment(scheme, batch.state, input.earlyCommitment);
  const problem = checkInvoices(input.invoices, {
    payableFen: batch.payableFen ?? 0,
    invoicedFen: invoicesView(ctx, batch.id).requestedFen,
    feeSources: new Map(scheme.feeSources.map((f) => [f.code, f.name])),
  });
  if (problem) throw new CoreError(problem.code, problem.message, 422, problem.field);
  // Each line's own ref comes back with its invoice number, so the view says which line was issued.
  const invoices = input.invoices.map((line) => ({ ...line, ref: randomUUID() }));
  const payload = { invoices, ...(input.earlyCommitment ? { earlyCommitment: input.earlyCommitment } : {}) };
  const action = ctx.store.transaction(() => ctx.store.outbox.enqueue({ kind: 'requestInvoices', batchId: batch.id, unitId: batch.unitId, payload }));
  return { actionId: action.id, batchId: batch.id };
}

export function paymentsHandlers(ctx: CoreContext): Pick<OperationHandlers, 'payments.uploadProof' | 'invoices.request' | 'invoices.list'> {
  return {
    'payments.uploadProof': async (input) => uploadProof(ctx, input),
    'invoices.request': async (input) => requestInvoices(ctx, input),
    'invoices.list': async ({ batchId }) => invoicesView(ctx, batchId),
  };
}
