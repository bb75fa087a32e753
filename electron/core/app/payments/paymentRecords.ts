/**
 * payments.record: one transfer (one voucher) paying one or several batches of a unit
 * (Suzhou 合并支付, Shanghai 选择批次). The same money rules as the association's give each
 * batch exactly its payable and the rest to the refund; then, in ONE transaction, the
 * payment with its shares, every batch's `uploadPaymentProof`, and ONE outbox action
 * (recordPayment) carrying the wire body.
 */
import type { ValidIn } from '../../../../shared/api';
import type { PaymentRecordView } from '../../../../shared/api/paymentsDto';
import { batchStateLabel } from '../../../../shared/domain/batch';
import { checkPayment, checkVoucherFile, VOUCHER_MIME, type VoucherType } from '../../../../shared/domain/payment';
import { MAX_PROOF_BYTES, type PaymentRecordRequest } from '../../../../shared/wire';
import type { BatchRecord } from '../../store';
import { PaymentsRepo } from '../../store/paymentsRepo';
import { serverFactsKey, type ServerFacts } from '../../sync';
import { applyEvent } from '../batches/batchTransitions';
import { storeCall, type CoreContext } from '../coreContext';
import { CoreError } from '../../coreError';

const repos = new WeakMap<object, PaymentsRepo>();

/** The payments repository over the core's database (kept beside the store, not registered in it). */
export function paymentsRepo(ctx: CoreContext): PaymentsRepo {
  let repo = repos.get(ctx.store.db);
  if (!repo) repos.set(ctx.store.db, (repo = new PaymentsRepo(ctx.store.db, ctx.store.cipher)));
  return repo;
}

function payableBatches(ctx: CoreContext, batchIds: readonly string[]): BatchRecord[] {
  const batches = batchIds.map((id) => storeCall(() => ctx.store.batches.require(id)));
  const first = batches[0]!;
  if (batches.some((b) => b.unitId !== first.unitId)) throw new CoreError('PAYMENT_UNITS_DIFFER', '一笔缴费只能支付同一单位的批次', 422, 'batchIds');
  if (batches.some((b) => b.schemeId !== first.schemeId)) throw new CoreError('paymentSchemesDiffer', '一笔缴费只能支付同一互助会（同一保障方案）的批次', 422, 'batchIds');
  for (const b of batches) {
    if (b.state !== 'awaitingPayment') throw new CoreError('ILLEGAL_TRANSITION', `批次“${b.title}”当前状态为“${batchStateLabel(b.state)}”，不能缴费`, 409, 'batchIds');
  }
  return batches;
}

export function recordPayment(ctx: CoreContext, input: ValidIn<'payments.record'>): PaymentRecordView {
  const batches = payableBatches(ctx, input.batchIds);
  const bytes = Buffer.from(input.proof.base64, 'base64');
  const file = checkVoucherFile(bytes, MAX_PROOF_BYTES);
  if (!file.ok) throw new CoreError(file.problem.code, file.problem.message, 422, 'proof');
  const check = checkPayment(
    input.amountFen,
    batches.map((b) => ({ batchId: b.id, payableFen: b.payableFen ?? 0 })),
    input.refund,
  );
  if (!check.ok) throw new CoreError(check.problem.code, check.problem.message, 422, check.problem.field);

  const body: PaymentRecordRequest = {
    batchIds: batches.map((b) => b.id),
    payer: input.payer,
    amountFen: input.amountFen,
    ...(input.method !== undefined ? { method: input.method } : {}),
    ...(input.accountType !== undefined ? { accountType: input.accountType } : {}),
    ...(input.paidOn !== undefined ? { paidOn: input.paidOn } : {}),
    proof: input.proof,
    ...(input.refund !== undefined ? { refund: input.refund } : {}),
  };
  const first = batches[0]!;
  const repo = paymentsRepo(ctx);
  const paymentId = ctx.store.transaction(() => {
    const id = repo.insert({
      unitId: first.unitId,
      payer: input.payer,
      amountFen: input.amountFen,
      method: input.method,
      accountType: input.accountType,
      paidOn: input.paidOn,
      voucherName: input.proof.name,
      voucherType: VOUCHER_MIME[file.type],
      voucherBytes: bytes.length,
      refund: input.refund,
      recordedAt: ctx.now().toISOString(),
      shares: check.allocation.perBatch,
    });
    for (const b of batches) applyEvent(ctx, b.id, 'uploadPaymentProof');
    // One action for the whole transfer; its lane is the first batch's, where a refusal shows.
    const action = ctx.store.outbox.enqueue({ kind: 'recordPayment', batchId: first.id, unitId: first.unitId, payload: { batchIds: body.batchIds, paymentId: id, body } });
    repo.setOutboxId(id, action.id);
    return id;
  });
  return repo.get(paymentId)!;
}

export function paymentForBatch(ctx: CoreContext, batchId: string): PaymentRecordView | null {
  storeCall(() => ctx.store.batches.require(batchId));
  const payment = paymentsRepo(ctx).latestForBatch(batchId);
  if (!payment) return null;
  const confirmed = ctx.store.syncState.getJson<ServerFacts>(serverFactsKey(batchId))?.payment;
  return confirmed ? { ...payment, confirmed: { amountFen: confirmed.amountFen, confirmedOn: confirmed.confirmedOn } } : payment;
}

/** payments.uploadProof (one batch, the older action) keeps the same local record, so the batch shows its payment either way. */
export function keepSingleBatchPayment(ctx: CoreContext, batch: BatchRecord, input: ValidIn<'payments.uploadProof'>, voucherType: VoucherType): void {
  paymentsRepo(ctx).insert({
    unitId: batch.unitId,
    payer: input.payer,
    amountFen: input.amountFen,
    method: input.method,
    paidOn: input.paidOn,
    voucherName: input.proof.name,
    voucherType: VOUCHER_MIME[voucherType],
    voucherBytes: Buffer.from(input.proof.base64, 'base64').length,
    refund: input.refund,
    recordedAt: ctx.now().toISOString(),
    shares: [{ batchId: batch.id, amountFen: batch.payableFen ?? 0 }],
  });
}

/** The signed commitment's file name an invoice request carried (提前开票), for its view. */
export function earlyCommitmentOf(payload: unknown): { earlyCommitmentName?: string } {
  const name = (payload as { earlyCommitment?: { name?: unknown } } | null)?.earlyCommitment?.name;
  return typeof name === 'string' ? { earlyCommitmentName: name } : {};
}
