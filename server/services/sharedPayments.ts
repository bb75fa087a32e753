/**
 * One transfer for several batches (recordPayment): the unit names its batches, all awaiting
 * payment and of one scheme; the domain's checkPayment gives each batch exactly its payable
 * and the rest is the refund. One payment row with one voucher, one allocation per batch,
 * and each batch moved by `uploadPaymentProof`, all in the action's transaction.
 */
import { randomUUID } from 'node:crypto';
import { checkPayment, checkVoucherFile, VOUCHER_MIME } from '../../shared/domain/payment';
import { MAX_PROOF_BYTES, type PaymentRecordView, type ValidPaymentRecordRequest } from '../../shared/wire';
import { isoAt } from '../clock';
import type { ServerContext } from '../context';
import { notFound, refuse } from '../http/wireHttpError';
import { sharedPaymentsOf } from '../store/sharedPaymentsStore';
import type { UnitRecord } from '../store/unitsStore';
import { batchView } from './batchView';
import { applyTransition, checkTransition, clerkActor } from './lifecycle';
import { allocationsView, paymentFields } from './sharedPaymentView';

export async function recordPayment(ctx: ServerContext, unit: UnitRecord, req: ValidPaymentRecordRequest): Promise<PaymentRecordView> {
  const batches = [];
  for (const clientId of req.batchIds) {
    const batch = await ctx.batches.byClientId(unit.id, clientId);
    if (!batch) throw notFound('批次');
    batches.push(batch);
  }
  const schemes = new Set(batches.map((b) => b.schemeId));
  if (schemes.size > 1) throw refuse('paymentSchemesDiffer', '一笔缴费只能支付同一互助会（同一保障方案）的批次', { field: 'batchIds' });
  const at = isoAt(ctx.clock);
  for (const batch of batches) checkTransition(batch, 'uploadPaymentProof', { at, actor: clerkActor(unit.name) });

  const bytes = Buffer.from(req.proof.base64, 'base64');
  const file = checkVoucherFile(bytes, MAX_PROOF_BYTES);
  if (!file.ok) throw refuse(file.problem.code === 'voucherTooLarge' ? 'proofTooLarge' : 'proofFileType', file.problem.message, { field: 'proof.base64' });
  const check = checkPayment(
    req.amountFen,
    batches.map((b) => ({ batchId: b.id, payableFen: b.payableFen })),
    req.refund,
  );
  if (!check.ok) throw refuse(check.problem.code === 'nothingPayable' ? 'paymentTooLow' : check.problem.code, check.problem.message, { field: check.problem.field });

  const store = sharedPaymentsOf(ctx);
  const paymentId = randomUUID();
  await store.insert(
    {
      id: paymentId,
      unitId: unit.id,
      payer: req.payer,
      amountFen: req.amountFen,
      method: req.method ?? null,
      accountType: req.accountType ?? null,
      paidOn: req.paidOn ?? null,
      proofName: req.proof.name,
      proofType: VOUCHER_MIME[file.type],
      proof: bytes,
      refund: req.refund ?? null,
      uploadedAt: at,
    },
    check.allocation.perBatch,
  );
  for (const batch of batches) await applyTransition(ctx, batch, 'uploadPaymentProof', { actor: clerkActor(unit.name) });
  const payment = (await store.get(paymentId))!;
  return {
    paymentId,
    ...paymentFields(payment),
    allocations: await allocationsView(ctx, await store.allocations(paymentId)),
    batches: await Promise.all(batches.map(async (b) => batchView(ctx, (await ctx.batches.get(b.id))!))),
  };
}
