/**
 * invoices.*: asking for invoices (checked by the same money rules as the association's, then
 * queued), what was asked and issued, and the issued e-invoice document (invoiceDocument.ts).
 */
import { randomUUID } from 'node:crypto';
import type { InvoiceRequestLine, InvoiceRequestView, InvoicesView, IssuedInvoice, OperationHandlers, OutboxReceipt, ValidIn } from '../../../../shared/api';
import { batchStateLabel, BILLED_STATES } from '../../../../shared/domain/batch';
import { checkInvoices, remainingToInvoice } from '../../../../shared/domain/payment';
import { serverFactsKey, type ServerFacts, type SyncEngine } from '../../sync';
import { schemeOf, storeCall, type CoreContext } from '../coreContext';
import { CoreError } from '../../coreError';
import { checkEarlyCommitment } from './earlyInvoice';
import { invoiceDocument } from './invoiceDocument';
import { earlyCommitmentOf } from './paymentRecords';

const REQUEST_STATUS = { pending: 'pending', sending: 'sending', done: 'sent', failed: 'failed' } as const;

export function invoicesView(ctx: CoreContext, batchId: string): InvoicesView {
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

export function invoicesHandlers(ctx: CoreContext, sync: SyncEngine): Pick<OperationHandlers, 'invoices.request' | 'invoices.list' | 'invoices.document'> {
  return {
    'invoices.request': async (input) => requestInvoices(ctx, input),
    'invoices.list': async ({ batchId }) => invoicesView(ctx, batchId),
    'invoices.document': (input) => invoiceDocument(ctx, sync, input),
  };
}
