/** The clerk's later actions on a submitted batch: withdrawal, payment proof, invoice requests. */
import { randomUUID } from 'node:crypto';
import { batchStateLabel, BILLED_STATES } from '../../shared/domain/batch';
import { checkInvoices, checkPayment, checkVoucherFile, VOUCHER_MIME } from '../../shared/domain/payment';
import { MAX_PROOF_BYTES, type BatchView, type InvoiceRequest, type PaymentProofRequest } from '../../shared/wire';
import { isoAt } from '../clock';
import type { ServerContext } from '../context';
import { refuse } from '../http/wireHttpError';
import type { BatchRecord } from '../store/batchesStore';
import type { UnitRecord } from '../store/unitsStore';
import { batchView, invoicedFen } from './batchView';
import { applyTransition, clerkActor } from './lifecycle';
import { loadSchemeOf } from './schemeOf';
import { releasePersons } from './occupancy';
import { keepEarlyCommitment } from './earlyInvoice';

export async function withdrawBatch(ctx: ServerContext, unit: UnitRecord, batch: BatchRecord, reason: string): Promise<BatchView> {
  await applyTransition(ctx, batch, 'withdraw', { actor: clerkActor(unit.name), reason });
  const docs = (await ctx.batches.personsWithStatus(batch.id, 'enrolled')).map((p) => p.docNumber);
  await releasePersons(ctx, batch, docs, isoAt(ctx.clock));
  return await batchView(ctx, batch);
}

type ValidPaymentProof = PaymentProofRequest & { proof: { name: string; base64: string } };

export async function uploadPaymentProof(ctx: ServerContext, unit: UnitRecord, batch: BatchRecord, req: ValidPaymentProof): Promise<BatchView> {
  await applyTransition(ctx, batch, 'uploadPaymentProof', { actor: clerkActor(unit.name) });
  const bytes = Buffer.from(req.proof.base64, 'base64');
  const file = checkVoucherFile(bytes, MAX_PROOF_BYTES);
  if (!file.ok) throw refuse(file.problem.code === 'voucherTooLarge' ? 'proofTooLarge' : 'proofFileType', file.problem.message, { field: 'proof.base64' });
  const proofType = VOUCHER_MIME[file.type];

  const payment = checkPayment(req.amountFen, [{ batchId: batch.id, payableFen: batch.payableFen }], req.refund);
  if (!payment.ok) throw refuse(payment.problem.code === 'nothingPayable' ? 'paymentTooLow' : payment.problem.code, payment.problem.message, { field: payment.problem.field });
  await ctx.batches.savePayment(batch.id, {
    payer: req.payer,
    amountFen: req.amountFen,
    method: req.method ?? null,
    paidOn: req.paidOn ?? null,
    proofName: req.proof.name,
    proofType,
    proof: bytes,
    refund: req.refund ?? null,
    uploadedAt: isoAt(ctx.clock),
  });
  return await batchView(ctx, batch);
}

type ValidInvoiceRequest = { invoices: (InvoiceRequest['invoices'][number] & { title: string })[]; earlyCommitment?: { name: string; base64: string } | undefined };

export async function requestInvoices(ctx: ServerContext, batch: BatchRecord, req: ValidInvoiceRequest): Promise<BatchView> {
  if (!BILLED_STATES.includes(batch.state)) {
    throw refuse('invoiceNotAllowed', `批次当前状态为“${batchStateLabel(batch.state)}”，不能申请开票`);
  }
  const scheme = await loadSchemeOf(ctx, batch);
  const problem = checkInvoices(req.invoices, {
    payableFen: batch.payableFen,
    invoicedFen: await invoicedFen(ctx, batch.id),
    feeSources: new Map(scheme.feeSources.map((f) => [f.code, f.name])),
  });
  if (problem) throw refuse(problem.code, problem.message, { field: problem.field });
  const requestId = randomUUID();
  const at = isoAt(ctx.clock);
  if (req.earlyCommitment) await keepEarlyCommitment(ctx, batch, req.earlyCommitment, requestId);
  for (const inv of req.invoices) {
    await ctx.batches.insertInvoice(batch.id, {
      id: randomUUID(),
      requestId,
      ref: inv.ref ?? null,
      title: inv.title,
      taxNumber: inv.taxNumber ?? null,
      amountFen: inv.amountFen,
      feeSource: inv.feeSource ?? null,
      email: inv.email ?? null,
      phone: inv.phone ?? null,
      remark: inv.remark ?? null,
      status: 'requested',
      invoiceNumber: null,
      requestedAt: at,
      issuedOn: null,
    });
  }
  await ctx.batches.setState(batch.id, batch.state, at);
  return await batchView(ctx, (await ctx.batches.get(batch.id))!);
}
