import { describe, expect, it } from 'vitest';
import { checkInvoices, remainingToInvoice } from '../../../../shared/domain/payment';
import { schemeById } from '../../../../shared/schemes';

const qingdao = schemeById('qingdao-2025')!;
const sources = new Map(qingdao.feeSources.map((f) => [f.code, f.name]));
const codes = [...sources.keys()];

describe('invoices (Qingdao: 8 persons × 2 shares × 25 yuan = 400, invoiced 80 union funds + 320 self-pay)', () => {
  const ctx = { payableFen: 40000, invoicedFen: 0, feeSources: sources };

  it('has fee sources in the scheme', () => {
    expect(codes.length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['80 + 320 by fee source', () => [{ amountFen: 8000, feeSource: codes[0] }, { amountFen: 32000, feeSource: codes[codes.length - 1] }], null],
    ['a part now, the rest later', () => [{ amountFen: 8000, feeSource: codes[0] }], null],
    ['more than payable', () => [{ amountFen: 40001, feeSource: codes[0] }], 'invoiceExceedsPayable'],
    ['no fee source', () => [{ amountFen: 8000 }], 'feeSourceRequired'],
    ['an unknown fee source', () => [{ amountFen: 8000, feeSource: 'nope' }], 'feeSourceUnknown'],
    ['a zero amount', () => [{ amountFen: 0, feeSource: codes[0] }], 'invoiceAmountInvalid'],
  ] as const)('%s', (_what, lines, expected) => {
    expect(checkInvoices(lines(), ctx)?.code ?? null).toBe(expected);
  });

  it('counts what is left to invoice (剩余开票金额) after earlier requests', () => {
    expect(remainingToInvoice({ payableFen: 40000, invoicedFen: 8000 })).toBe(32000);
    expect(checkInvoices([{ amountFen: 32001, feeSource: codes[0] }], { ...ctx, invoicedFen: 8000 })?.code).toBe('invoiceExceedsPayable');
  });

  it('requires receipts that add up exactly where the association says so (Shanghai 专用收据)', () => {
    const shanghai = { payableFen: 478000, invoicedFen: 0, feeSources: new Map<string, string>(), mustCoverRemainder: true };
    expect(checkInvoices([{ amountFen: 400000 }, { amountFen: 78000 }], shanghai)).toBeNull();
    expect(checkInvoices([{ amountFen: 400000 }], shanghai)?.code).toBe('invoiceTotalMismatch');
  });
});
