/**
 * Paying and invoicing a batch through the API (Shanghai: voucher upload with refund
 * details; receipts up to the premium), each queued in the outbox with the state change.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rosterXlsx, SHANGHAI_HEADERS, shanghaiUnit, startTestCore, type TestCore } from '../coreFixtures';
import { chinaTimestamp } from '../../../../../shared/domain/dates';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore('2020-04-20T02:00:00Z');
});
afterEach(async () => t.close());

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).toString('base64');
const EXE = Buffer.from('MZ\x90\x00 this program cannot be run in DOS mode').toString('base64');

/** A batch the association has approved: 待缴费, payable 4780 yuan. */
async function approvedBatch() {
  const unit = await t.call('units.save', { unit: shanghaiUnit });
  const batch = await t.call('batches.create', { unitId: unit.id, schemeId: 'shanghai-2020', enrollmentType: 'central' });
  await t.call('batches.update', { batchId: batch.id, selection: ['A0', 'B0', 'C0', 'A3', 'B3', 'C3'].map((planCode) => ({ planCode, shares: 1 })) });
  const rows = ['310101198506151238', '310101199002281228', '310101198801010016', '310101199205050024'].map((id, i) => [`人员${'甲乙丙丁'[i]}`, '身份证', id, '', '', '', '是']);
  await t.core.imports.settled((await t.call('roster.import', { batchId: batch.id, file: { name: 'a.xlsx', base64: await rosterXlsx(SHANGHAI_HEADERS, rows) } })).jobId);
  await t.call('batches.transition', { batchId: batch.id, event: 'confirmPremium' });
  await t.call('batches.transition', { batchId: batch.id, event: 'submit' });
  for (const event of ['acknowledge', 'approve'] as const) {
    const r = t.core.store.batches.applyTransition(batch.id, event, { at: chinaTimestamp(new Date()), actor: { kind: 'server' } });
    expect(r.ok).toBe(true);
  }
  return batch.id;
}

describe('payment proof', () => {
  it.each([
    ['a program renamed .png', { name: '凭证.png', base64: EXE }, 478000, undefined, 'voucherType'],
    ['too little', { name: '凭证.png', base64: PNG }, 400000, undefined, 'paymentTooLow'],
    ['too much without refund details', { name: '凭证.png', base64: PNG }, 480000, undefined, 'refundRequired'],
  ] as const)('refuses %s, changing nothing', async (_what, proof, amountFen, refund, code) => {
    const batchId = await approvedBatch();
    const r = await t.refusal('payments.uploadProof', { batchId, payer: shanghaiUnit.name, amountFen, proof, ...(refund ? { refund } : {}) });
    expect(r.error.code).toBe(code);
    expect((await t.call('batches.get', { batchId })).state).toBe('awaitingPayment');
    expect(t.core.store.outbox.listForBatch(batchId).map((a) => a.kind)).toEqual(['submitBatch']);
  });

  it('records an overpayment with its refund and queues the voucher with the state change', async () => {
    const batchId = await approvedBatch();
    const refund = { accountName: shanghaiUnit.name, accountNumber: '6222021001115224', bank: '工商银行', amountFen: 2000 };
    const detail = await t.call('payments.uploadProof', { batchId, payer: shanghaiUnit.name, amountFen: 480000, method: '转账', proof: { name: '凭证.pdf', base64: PNG }, refund });
    expect(detail.state).toBe('paymentProofUploaded');
    const action = t.core.store.outbox.listForBatch(batchId).find((a) => a.kind === 'uploadPaymentProof');
    expect(action?.payload).toMatchObject({ payer: shanghaiUnit.name, amountFen: 480000, refund: { amountFen: 2000 } });
  });
});

describe('invoice requests', () => {
  it('queues receipts up to the premium and refuses more than is left to invoice', async () => {
    const batchId = await approvedBatch();
    const receipt = await t.call('invoices.request', { batchId, invoices: [{ title: shanghaiUnit.name, amountFen: 400000 }, { title: shanghaiUnit.name, amountFen: 78000 }] });
    expect(receipt.batchId).toBe(batchId);
    const r = await t.refusal('invoices.request', { batchId, invoices: [{ title: shanghaiUnit.name, amountFen: 100 }] });
    expect(r.error.code).toBe('invoiceExceedsPayable');
    expect(r.error.message).toContain('0.00');
  });

  it('lists the requests with their status and what is left; a refused request frees its amount', async () => {
    const batchId = await approvedBatch();
    const first = await t.call('invoices.request', { batchId, invoices: [{ title: shanghaiUnit.name, amountFen: 400000 }] });
    let view = await t.call('invoices.list', { batchId });
    expect(view).toMatchObject({ payableFen: 478000, requestedFen: 400000, remainingFen: 78000, issued: [] });
    expect(view.requests).toMatchObject([{ actionId: first.actionId, status: 'pending', invoices: [{ amountFen: 400000 }] }]);
    // Each line gets the core's ref, sent with it and echoed back with its invoice number.
    const ref = view.requests[0]!.invoices[0]!.ref;
    expect(ref).toMatch(/^[0-9a-f-]{36}$/);
    expect(t.core.store.outbox.get(first.actionId)?.payload).toMatchObject({ invoices: [{ ref }] });

    t.core.store.outbox.markFailed(first.actionId, { code: 'invoiceExceedsPayable', message: '开票金额超过尚可开票金额' });
    view = await t.call('invoices.list', { batchId });
    expect(view).toMatchObject({ requestedFen: 0, remainingFen: 478000 });
    expect(view.requests[0]).toMatchObject({ status: 'failed', error: { code: 'invoiceExceedsPayable' } });
  });

  it('refuses invoices before the association approved the batch', async () => {
    const unit = await t.call('units.save', { unit: shanghaiUnit });
    const batch = await t.call('batches.create', { unitId: unit.id, schemeId: 'shanghai-2020', enrollmentType: 'central' });
    const r = await t.refusal('invoices.request', { batchId: batch.id, invoices: [{ title: '某单位', amountFen: 100 }] });
    expect(r.status).toBe(409);
  });
});
