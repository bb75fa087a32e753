/**
 * One transfer across several batches (Suzhou 合并支付, Shanghai 选择批次): each batch gets
 * exactly its payable, in the clerk's order; the shares and the refund add up to the
 * transfer to the fen; and Shanghai's 专用收据 must add up to exactly the premium.
 */
import { describe, expect, it } from 'vitest';
import { checkInvoices, checkPayment } from '../../../../shared/domain/payment';

const batch = (batchId: string, payableFen: number) => ({ batchId, payableFen });

describe('allocating one transfer across batches', () => {
  it.each([
    ['Suzhou: the two plans of a unit paid together', [batch('yl', 300000), batch('nz', 75000)], 375000, 0],
    ['Suzhou: monthly pro-rata batches with odd fen', [batch('m1', 2750), batch('m2', 1375), batch('m3', 125)], 4250, 0],
    ['Shanghai: two batches and 12.34 yuan over', [batch('c1', 945000), batch('c2', 18000)], 964234, 1234],
    ['Shanghai: five batches, one fen over', [batch('a', 1), batch('b', 99), batch('c', 18000), batch('d', 9000), batch('e', 945000)], 972101, 1],
    ['a batch with nothing payable among others', [batch('paid', 0), batch('due', 18000)], 18000, 0],
  ])('%s', (_what, batches, amountFen, refundFen) => {
    const check = checkPayment(amountFen, batches, refundFen > 0 ? { amountFen: refundFen } : undefined);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.allocation.perBatch).toEqual(batches.map((b) => ({ batchId: b.batchId, amountFen: b.payableFen })));
    expect(check.allocation.refundFen).toBe(refundFen);
    expect(check.allocation.perBatch.reduce((sum, s) => sum + s.amountFen, 0) + check.allocation.refundFen).toBe(amountFen);
  });

  it.each([
    ['one fen short of two batches', [batch('c1', 945000), batch('c2', 18000)], 962999, undefined, 'paymentTooLow', '2 个批次合计应缴保费 9630.00 元'],
    ['over without refund details', [batch('c1', 945000), batch('c2', 18000)], 963100, undefined, 'refundRequired', '超出2 个批次合计应缴保费 1.00 元'],
    ['a refund of the whole excess but one fen', [batch('c1', 945000), batch('c2', 18000)], 963100, { amountFen: 99 }, 'refundMismatch', '1.00 元'],
    ['no batch at all', [], 100, undefined, 'nothingPayable', '没有应缴保费'],
    ['batches with nothing payable', [batch('a', 0), batch('b', 0)], 100, undefined, 'nothingPayable', '没有应缴保费'],
  ] as const)('refuses %s', (_what, batches, amountFen, refund, code, text) => {
    const check = checkPayment(amountFen, batches, refund);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problem.code).toBe(code);
    expect(check.problem.message).toContain(text);
  });
});

describe('Shanghai 专用收据: receipts add up to exactly the premium', () => {
  const ctx = { payableFen: 945000, invoicedFen: 0, feeSources: new Map<string, string>(), mustCoverRemainder: true };
  it.each([
    ['one receipt of the whole premium', [945000], null],
    ['two titles, 9000 + 450 yuan', [900000, 45000], null],
    ['three receipts with odd fen', [333333, 333333, 278334], null],
    ['one fen short', [900000, 44999], 'invoiceTotalMismatch'],
    ['one fen over', [900000, 45001], 'invoiceExceedsPayable'],
  ] as const)('%s', (_what, amounts, code) => {
    const problem = checkInvoices(amounts.map((amountFen) => ({ amountFen })), ctx);
    expect(problem?.code ?? null).toBe(code);
  });
});
