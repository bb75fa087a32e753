/**
 * payments.*: recording what the unit paid, for one batch (uploadProof, with its voucher and
 * any refund details) or one transfer across several (record, paymentRecords.ts). Checked
 * here by the same money rules the association applies, then queued: the outbox action
 * carries the wire body, in the same transaction as the batch's own change.
 */
import type { OperationHandlers, ValidIn } from '../../../../shared/api';
import { checkPayment, checkVoucherFile } from '../../../../shared/domain/payment';
import { MAX_PROOF_BYTES } from '../../../../shared/wire';
import { applyEvent } from '../batches/batchTransitions';
import { storeCall, type CoreContext } from '../coreContext';
import { CoreError } from '../../coreError';
import { batchDetail } from '../batches/batchesHandlers';
import { keepSingleBatchPayment, paymentForBatch, recordPayment } from './paymentRecords';

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

export function paymentsHandlers(ctx: CoreContext): Pick<OperationHandlers, 'payments.uploadProof' | 'payments.record' | 'payments.forBatch'> {
  return {
    'payments.uploadProof': async (input) => uploadProof(ctx, input),
    'payments.record': async (input) => recordPayment(ctx, input),
    'payments.forBatch': async ({ batchId }) => paymentForBatch(ctx, batchId),
  };
}
