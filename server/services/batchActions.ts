/** The clerk's later actions on a submitted batch: withdrawal, payment proof, invoice requests. */
import { randomUUID } from 'node:crypto';
import { batchStateLabel, type BatchState } from '../../shared/domain/batch';
import { formatYuan } from '../../shared/domain/money';
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

export function withdrawBatch(ctx: ServerContext, unit: UnitRecord, batch: BatchRecord, reason: string): BatchView {
  applyTransition(ctx, batch, 'withdraw', { actor: clerkActor(unit.name), reason });
  const docs = ctx.batches.personsWithStatus(batch.id, 'enrolled').map((p) => p.docNumber);
  releasePersons(ctx, batch, docs, isoAt(ctx.clock));
  return batchView(ctx, batch);
}

/** The voucher's type by its first bytes: the name and the client's word are not trusted. */
function sniffProofType(bytes: Buffer): string | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

type ValidPaymentProof = PaymentProofRequest & { proof: { name: string; base64: string } };

export function uploadPaymentProof(ctx: ServerContext, unit: UnitRecord, batch: BatchRecord, req: ValidPaymentProof): BatchView {
  applyTransition(ctx, batch, 'uploadPaymentProof', { actor: clerkActor(unit.name) });
  const bytes = Buffer.from(req.proof.base64, 'base64');
  if (bytes.length > MAX_PROOF_BYTES) throw refuse('proofTooLarge', `缴费凭证不能超过 ${MAX_PROOF_BYTES / 1024 / 1024} MB`, { field: 'proof.base64' });
  const proofType = sniffProofType(bytes);
  if (!proofType) throw refuse('proofFileType', '缴费凭证只能是 JPG、PNG 或 PDF 文件', { field: 'proof.base64' });

  const due = batch.payableFen;
  if (req.amountFen < due) {
    throw refuse('paymentTooLow', `缴费金额 ${formatYuan(req.amountFen)} 元少于应缴保费 ${formatYuan(due)} 元`, { field: 'amountFen' });
  }
  const excess = req.amountFen - due;
  if (excess > 0 && !req.refund) {
    throw refuse('refundRequired', `缴费金额超出应缴保费 ${formatYuan(excess)} 元，须填写退款信息`, { field: 'refund' });
  }
  if (req.refund && req.refund.amountFen !== excess) {
    throw refuse(
      'refundMismatch',
      excess === 0 ? '缴费金额与应缴保费一致，无需填写退款信息' : `退款金额应为超出部分 ${formatYuan(excess)} 元，而不是 ${formatYuan(req.refund.amountFen)} 元`,
      { field: 'refund.amountFen' },
    );
  }
  ctx.batches.savePayment(batch.id, {
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
  return batchView(ctx, batch);
}

/** From 待缴费 on: Shenzhen invoices early with a commitment, the others after paying. */
const INVOICEABLE: readonly BatchState[] = ['awaitingPayment', 'paymentProofUploaded', 'paymentConfirmed', 'awaitingEffect', 'inForce', 'expired'];

type ValidInvoiceRequest = { invoices: (InvoiceRequest['invoices'][number] & { title: string })[] };

export function requestInvoices(ctx: ServerContext, batch: BatchRecord, req: ValidInvoiceRequest): BatchView {
  if (!INVOICEABLE.includes(batch.state)) {
    throw refuse('invoiceNotAllowed', `批次当前状态为“${batchStateLabel(batch.state)}”，不能申请开票`);
  }
  const scheme = loadSchemeOf(ctx, batch);
  const sources = new Map(scheme.feeSources.map((f) => [f.code, f.name]));
  req.invoices.forEach((inv, i) => {
    const field = `invoices[${i}].feeSource`;
    if (sources.size > 0 && inv.feeSource === undefined) {
      throw refuse('feeSourceRequired', `请为第 ${i + 1} 张发票选择会费来源（${[...sources.values()].join('、')}）`, { field });
    }
    if (inv.feeSource !== undefined && !sources.has(inv.feeSource)) {
      throw refuse('feeSourceUnknown', sources.size > 0 ? `会费来源“${inv.feeSource}”不是本方案的会费来源（${[...sources.values()].join('、')}）` : '本方案不按会费来源开票', { field });
    }
  });
  const remaining = batch.payableFen - invoicedFen(ctx, batch.id);
  const asked = req.invoices.reduce((sum, inv) => sum + inv.amountFen, 0);
  if (asked > remaining) {
    throw refuse('invoiceExceedsPayable', `开票金额合计 ${formatYuan(asked)} 元超过尚可开票金额 ${formatYuan(remaining)} 元`, { field: 'invoices' });
  }
  const requestId = randomUUID();
  const at = isoAt(ctx.clock);
  for (const inv of req.invoices) {
    ctx.batches.insertInvoice(batch.id, {
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
  ctx.batches.setState(batch.id, batch.state, at);
  return batchView(ctx, ctx.batches.get(batch.id)!);
}
