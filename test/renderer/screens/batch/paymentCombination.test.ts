import { describe, expect, it } from 'vitest';
import { combineBlock, combinedPayableFen, type CombinableBatch } from '../../../../renderer/screens/batch/paymentCombination';

const batch = (id: string, over: Partial<CombinableBatch> = {}): CombinableBatch => ({ id, unitId: 'u1', schemeId: 'shanghai-2020', state: 'awaitingPayment', payableFen: 10_000, ...over });

describe('combineBlock', () => {
  it.each([
    { name: 'the first 待缴费 batch', candidate: batch('a'), chosen: [], expected: null },
    { name: 'another 待缴费 batch of the same unit and scheme', candidate: batch('b'), chosen: [batch('a')], expected: null },
    { name: 'a batch already chosen', candidate: batch('a'), chosen: [batch('a'), batch('b')], expected: null },
    { name: 'a batch not 待缴费', candidate: batch('b', { state: 'underReview' }), chosen: [], expected: 'notAwaitingPayment' },
    { name: 'a paid batch beside a chosen one', candidate: batch('b', { state: 'paymentProofUploaded' }), chosen: [batch('a')], expected: 'notAwaitingPayment' },
    { name: 'another unit', candidate: batch('b', { unitId: 'u2' }), chosen: [batch('a')], expected: 'otherUnit' },
    { name: 'another scheme', candidate: batch('b', { schemeId: 'suzhou-2024' }), chosen: [batch('a')], expected: 'otherScheme' },
    { name: 'another scheme, judged against the first chosen', candidate: batch('c', { schemeId: 'suzhou-2024' }), chosen: [batch('a'), batch('b')], expected: 'otherScheme' },
  ] as const)('$name', ({ candidate, chosen, expected }) => {
    expect(combineBlock(candidate, chosen)).toBe(expected);
  });
});

describe('combinedPayableFen', () => {
  it.each([
    { name: 'none chosen', chosen: [], expected: 0 },
    { name: 'two batches', chosen: [{ payableFen: 123_456 }, { payableFen: 78_900 }], expected: 202_356 },
    { name: 'a payable not known yet counts nothing', chosen: [{ payableFen: 5_000 }, { payableFen: null }], expected: 5_000 },
  ])('$name', ({ chosen, expected }) => {
    expect(combinedPayableFen(chosen)).toBe(expected);
  });
});
