/**
 * payments.record through the API: one transfer paying several 待缴费 batches of a unit, in
 * one transaction with every batch's transition and ONE outbox action; refusals change
 * nothing; payments.forBatch shows the record on each batch. 提前开票 with the signed
 * commitment where the scheme offers it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_PROOF_BYTES } from '../../../../../shared/wire';
import { residentId } from '../../../../e2e/support/rosterFiles';
import { shanghaiUnit, startTestCore, type TestCore } from '../coreFixtures';
import { chinaTimestamp } from '../../../../../shared/domain/dates';

let t: TestCore;
afterEach(async () => t?.close());

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n', 'latin1');
const EXE = Buffer.from('MZ\x90\x00 this program cannot be run in DOS mode', 'latin1');
const file = (name: string, bytes: Buffer) => ({ name, base64: bytes.toString('base64') });

/** A batch the association approved (待缴费), through the API up to submission. */
async function approved(unitId: string, schemeId: string, enrollmentType: 'central' | 'new', plans: string[], ids: string[], extra: Record<string, unknown> = {}): Promise<{ id: string; payableFen: number }> {
  const batch = await t.call('batches.create', { unitId, schemeId, enrollmentType, title: `批次${ids[0]!.slice(-4)}`, ...extra });
  await t.call('batches.update', { batchId: batch.id, selection: plans.map((planCode) => ({ planCode, shares: 1 })) });
  for (const [i, documentNumber] of ids.entries()) {
    const documentType = schemeId === 'shanghai-2020' ? '身份证' : '居民身份证';
    await t.call('roster.addRow', { batchId: batch.id, row: { name: `人员${'甲乙丙丁'[i]}`, documentType, documentNumber, ...(schemeId === 'shanghai-2020' ? { socialSecurity: '是' } : {}) } });
  }
  expect((await t.call('roster.recheck', { batchId: batch.id })).state).toBe('checkPassed');
  await t.call('batches.transition', { batchId: batch.id, event: 'confirmPremium' });
  await t.call('batches.transition', { batchId: batch.id, event: 'submit' });
  for (const event of ['acknowledge', 'approve'] as const) {
    expect(t.core.store.batches.applyTransition(batch.id, event, { at: chinaTimestamp(new Date()), actor: { kind: 'server' } }).ok).toBe(true);
  }
  const detail = await t.call('batches.get', { batchId: batch.id });
  expect(detail.state).toBe('awaitingPayment');
  return { id: batch.id, payableFen: detail.payableFen ?? 0 };
}

describe('one transfer for several Shanghai batches', () => {
  async function threeBatches() {
    t = await startTestCore('2020-04-20T02:00:00Z');
    const unit = await t.call('units.save', { unit: shanghaiUnit });
    const a = await approved(unit.id, 'shanghai-2020', 'central', ['A0', 'B0', 'C0'], [residentId('1985-06-15', 101), residentId('1990-02-28', 102)]);
    const b = await approved(unit.id, 'shanghai-2020', 'central', ['A0'], [residentId('1978-03-01', 111)]);
    const otherUnit = await t.call('units.save', { unit: { ...shanghaiUnit, name: '别的单位', uscc: '91310000MA1FL4XQ3B' } });
    const c = await approved(otherUnit.id, 'shanghai-2020', 'central', ['A0'], [residentId('1980-01-01', 121)]);
    return { unitId: unit.id, a, b, c };
  }
  const outboxKinds = (batchId: string) => t.core.store.outbox.listForBatch(batchId).map((x) => x.kind);

  it('records one payment, moves every batch and queues ONE action, in one transaction', async () => {
    const { a, b } = await threeBatches();
    const total = a.payableFen + b.payableFen;
    const refund = { accountName: shanghaiUnit.name, accountNumber: '6222021001115224', bank: '工商银行', amountFen: 1234, accountType: '对公', method: '原路退回' };
    const view = await t.call('payments.record', { batchIds: [a.id, b.id], payer: shanghaiUnit.name, amountFen: total + 1234, method: '转账', accountType: '在职', paidOn: '2020-04-19', proof: file('合并底单.png', PNG), refund });
    expect(view.shares.map((s) => [s.batchId, s.amountFen])).toEqual([
      [a.id, a.payableFen],
      [b.id, b.payableFen],
    ]);
    expect(view.shares.reduce((sum, s) => sum + s.amountFen, 0) + (view.refund?.amountFen ?? 0)).toBe(view.amountFen);
    expect(view).toMatchObject({ voucherName: '合并底单.png', voucherType: 'image/png', voucherBytes: PNG.length, accountType: '在职', refund: { accountType: '对公' } });
    for (const id of [a.id, b.id]) expect((await t.call('batches.get', { batchId: id })).state).toBe('paymentProofUploaded');
    expect(outboxKinds(a.id)).toEqual(['submitBatch', 'recordPayment']);
    expect(outboxKinds(b.id)).toEqual(['submitBatch']);
    const action = t.core.store.outbox.listForBatch(a.id).find((x) => x.kind === 'recordPayment')!;
    expect(action.payload).toMatchObject({ batchIds: [a.id, b.id], body: { batchIds: [a.id, b.id], amountFen: total + 1234, accountType: '在职', refund: { amountFen: 1234 } } });
    // Both batches show the same payment with both shares.
    const onB = await t.call('payments.forBatch', { batchId: b.id });
    expect(onB).toMatchObject({ paymentId: view.paymentId, amountFen: total + 1234, shares: view.shares });
  });

  it.each([
    ['a batch of another unit', (x: Awaited<ReturnType<typeof threeBatches>>) => ({ batchIds: [x.a.id, x.c.id], amountFen: x.a.payableFen + x.c.payableFen }), 'PAYMENT_UNITS_DIFFER'],
    ['less than the batches together', (x: Awaited<ReturnType<typeof threeBatches>>) => ({ batchIds: [x.a.id, x.b.id], amountFen: x.a.payableFen + x.b.payableFen - 1 }), 'paymentTooLow'],
    ['more without refund details', (x: Awaited<ReturnType<typeof threeBatches>>) => ({ batchIds: [x.a.id, x.b.id], amountFen: x.a.payableFen + x.b.payableFen + 1 }), 'refundRequired'],
    ['a program renamed .png', (x: Awaited<ReturnType<typeof threeBatches>>) => ({ batchIds: [x.a.id, x.b.id], amountFen: x.a.payableFen + x.b.payableFen, proof: file('底单.png', EXE) }), 'voucherType'],
    ['a voucher over the size limit', (x: Awaited<ReturnType<typeof threeBatches>>) => ({ batchIds: [x.a.id], amountFen: x.a.payableFen, proof: file('大.pdf', Buffer.concat([PDF, Buffer.alloc(MAX_PROOF_BYTES)])) }), 'voucherTooLarge'],
    ['an empty voucher', (x: Awaited<ReturnType<typeof threeBatches>>) => ({ batchIds: [x.a.id], amountFen: x.a.payableFen, proof: { name: '空.png', base64: '' } }), 'INVALID_INPUT'],
  ] as const)('refuses %s, changing nothing', async (_what, body, code) => {
    const x = await threeBatches();
    const r = await t.refusal('payments.record', { payer: shanghaiUnit.name, proof: file('底单.png', PNG), ...body(x) });
    expect(r.error.code).toBe(code);
    for (const batch of [x.a, x.b, x.c]) {
      expect((await t.call('batches.get', { batchId: batch.id })).state).toBe('awaitingPayment');
      expect(outboxKinds(batch.id)).toEqual(['submitBatch']);
      expect(await t.call('payments.forBatch', { batchId: batch.id })).toBeNull();
    }
  });

  it('refuses a batch already paid, and keeps the single-batch upload showing its record too', async () => {
    const { a, b } = await threeBatches();
    await t.call('payments.uploadProof', { batchId: a.id, payer: shanghaiUnit.name, amountFen: a.payableFen, method: '转账', proof: file('底单.pdf', PDF) });
    expect(await t.call('payments.forBatch', { batchId: a.id })).toMatchObject({ amountFen: a.payableFen, voucherName: '底单.pdf', shares: [{ batchId: a.id, amountFen: a.payableFen }] });
    const r = await t.refusal('payments.record', { batchIds: [b.id, a.id], payer: shanghaiUnit.name, amountFen: a.payableFen + b.payableFen, proof: file('底单.png', PNG) });
    expect(r).toMatchObject({ status: 409, error: { code: 'ILLEGAL_TRANSITION' } });
    expect(r.error.message).toContain('缴费凭证已上传');
    expect((await t.call('batches.get', { batchId: b.id })).state).toBe('awaitingPayment');
  });
});

describe('提前开票 with the signed commitment (scheme data, not a city)', () => {
  it('queues the request with the commitment where the scheme offers it, and refuses bad files', async () => {
    t = await startTestCore('2025-01-10T02:00:00Z');
    const unit = await t.call('units.save', { unit: { name: '深圳示例有限公司', handler: { name: '周经办', phone: '13800000002' } } });
    const batch = await approved(unit.id, 'shenzhen', 'new', ['ZY'], [residentId('1985-06-15', 131)], { requestedStart: '2025-02-01' });
    const lines = [{ title: '深圳示例有限公司', amountFen: batch.payableFen, email: 'caiwu@example.com' }];
    for (const [bytes, code] of [
      [EXE, 'voucherType'],
      [Buffer.concat([PDF, Buffer.alloc(MAX_PROOF_BYTES)]), 'voucherTooLarge'],
    ] as const) {
      const r = await t.refusal('invoices.request', { batchId: batch.id, invoices: lines, earlyCommitment: file('承诺书.pdf', bytes) });
      expect(r.error.code).toBe(code);
    }
    const receipt = await t.call('invoices.request', { batchId: batch.id, invoices: lines, earlyCommitment: file('提前开票承诺书（盖章）.pdf', PDF) });
    const view = await t.call('invoices.list', { batchId: batch.id });
    expect(view.requests).toMatchObject([{ actionId: receipt.actionId, earlyCommitmentName: '提前开票承诺书（盖章）.pdf' }]);
    expect(t.core.store.outbox.get(receipt.actionId)?.payload).toMatchObject({ earlyCommitment: { name: '提前开票承诺书（盖章）.pdf' } });
    // Once the association confirmed the payment, invoicing is no longer early.
    expect(t.core.store.batches.applyTransition(batch.id, 'confirmPayment', { at: chinaTimestamp(new Date()), actor: { kind: 'server' } }).ok).toBe(true);
    const late = await t.refusal('invoices.request', { batchId: batch.id, invoices: [{ title: '深圳示例有限公司', amountFen: 1 }], earlyCommitment: file('承诺书.pdf', PDF) });
    expect(late).toMatchObject({ status: 409, error: { code: 'earlyInvoiceTooLate' } });
  });

  it('refuses the commitment where the scheme has no early invoicing', async () => {
    t = await startTestCore('2020-04-20T02:00:00Z');
    const unit = await t.call('units.save', { unit: shanghaiUnit });
    const batch = await approved(unit.id, 'shanghai-2020', 'central', ['A0'], [residentId('1985-06-15', 141)]);
    const r = await t.refusal('invoices.request', { batchId: batch.id, invoices: [{ title: shanghaiUnit.name, amountFen: batch.payableFen }], earlyCommitment: file('承诺书.pdf', PDF) });
    expect(r.error.code).toBe('earlyInvoiceNotOffered');
  });
});
