import { describe, expect, it } from 'vitest';
import { checkPayment } from '../../../../shared/domain/payment';

const one = [{ batchId: 'b1', payableFen: 478000 }];
const two = [
  { batchId: 'b1', payableFen: 478000 },
  { batchId: 'b2', payableFen: 18000 },
];

describe('paying for batches (Shanghai 缴费凭证: overpayment refunded)', () => {
  it.each([
    ['exactly the premium', one, 478000, undefined, { ok: true, refundFen: 0 }],
    ['more, with the difference as refund', one, 500000, { amountFen: 22000 }, { ok: true, refundFen: 22000 }],
    ['less than the premium', one, 477999, undefined, { ok: false, code: 'paymentTooLow' }],
    ['more, without refund details', one, 478001, undefined, { ok: false, code: 'refundRequired' }],
    ['more, with a refund other than the difference', one, 500000, { amountFen: 20000 }, { ok: false, code: 'refundMismatch' }],
    ['exactly, with a needless refund', one, 478000, { amountFen: 100 }, { ok: false, code: 'refundMismatch' }],
    ['two batches with one transfer', two, 496000, undefined, { ok: true, refundFen: 0 }],
    ['two batches, short by one fen', two, 495999, undefined, { ok: false, code: 'paymentTooLow' }],
    ['nothing payable', [], 100, undefined, { ok: false, code: 'nothingPayable' }],
  ] as const)('%s', (_what, batches, amount, refund, expected) => {
    const r = checkPayment(amount, batches, refund);
    expect(r.ok).toBe(expected.ok);
    if (r.ok && expected.ok) expect(r.allocation.refundFen).toBe(expected.refundFen);
    if (!r.ok && !expected.ok) {
      expect(r.problem.code).toBe(expected.code);
      expect(r.problem.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('gives each batch exactly its payable when one transfer pays several', () => {
    const r = checkPayment(500000, two, { amountFen: 4000 });
    expect(r).toEqual({ ok: true, allocation: { perBatch: [{ batchId: 'b1', amountFen: 478000 }, { batchId: 'b2', amountFen: 18000 }], refundFen: 4000 } });
  });

  it('names the amounts in yuan', () => {
    const r = checkPayment(400000, two, undefined);
    expect(!r.ok && r.problem.message).toBe('缴费金额 4000.00 元少于2 个批次合计应缴保费 4960.00 元');
  });
});
