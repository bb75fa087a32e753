import { describe, expect, it } from 'vitest';
import type { InvoiceRequestView, IssuedInvoice, SyncStatus } from '../../../../shared/api/dto';
import { invoiceRequestRows, invoiceSyncKey } from '../../../../renderer/screens/batch/invoiceRequestRows';

const request = (actionId: string, status: InvoiceRequestView['status'], invoices: InvoiceRequestView['invoices'], extra: Partial<InvoiceRequestView> = {}): InvoiceRequestView => ({
  actionId,
  status,
  requestedAt: '2020-04-20T10:00:00+08:00',
  invoices,
  ...extra,
});
const issued = (invoiceNumber: string, title: string, amountFen: number, extra: Partial<IssuedInvoice> = {}): IssuedInvoice => ({ invoiceNumber, title, amountFen, issuedOn: '2020-04-22', ...extra });

describe('invoiceRequestRows', () => {
  it.each([
    { name: 'in the outbox: 待发送', status: 'pending', expected: 'pending' },
    { name: 'being sent', status: 'sending', expected: 'sending' },
    { name: 'accepted by the association: 已申请', status: 'sent', expected: 'sent' },
    { name: 'refused', status: 'failed', expected: 'failed' },
  ] as const)('$name', ({ status, expected }) => {
    const rows = invoiceRequestRows({ requests: [request('a1', status, [{ ref: 'r1', title: '甲公司', amountFen: 100 }])], issued: [] });
    expect(rows.map((r) => r.status)).toEqual([expected]);
  });

  it('marks the line issued by its ref, with the number, and leaves the others 已申请', () => {
    const rows = invoiceRequestRows({
      requests: [request('a1', 'sent', [{ ref: 'r1', title: '甲公司', amountFen: 100 }, { ref: 'r2', title: '甲公司', amountFen: 100 }])],
      issued: [issued('FP1', '甲公司', 100, { ref: 'r2' })],
    });
    expect(rows).toMatchObject([
      { key: 'a1-0', status: 'sent' },
      { key: 'a1-1', status: 'issued', invoiceNumber: 'FP1', issuedOn: '2020-04-22' },
    ]);
    expect(rows[0]).not.toHaveProperty('invoiceNumber');
  });

  it('matches lines without a ref one to one by title, amount and fee source', () => {
    const rows = invoiceRequestRows({
      requests: [request('a1', 'sent', [{ title: '甲公司', amountFen: 100, feeSource: 'GH' }, { title: '甲公司', amountFen: 100, feeSource: 'GH' }, { title: '乙公司', amountFen: 100 }])],
      issued: [issued('FP1', '甲公司', 100, { feeSource: 'GH' }), issued('FP2', '乙公司', 200)],
    });
    expect(rows.map((r) => [r.status, r.invoiceNumber])).toEqual([
      ['issued', 'FP1'],
      ['sent', undefined],
      ['sent', undefined],
    ]);
  });

  it('never marks a request not yet accepted as issued', () => {
    const rows = invoiceRequestRows({ requests: [request('a1', 'pending', [{ title: '甲公司', amountFen: 100 }])], issued: [issued('FP1', '甲公司', 100)] });
    expect(rows[0]?.status).toBe('pending');
  });

  it('carries the 提前开票 commitment and a refusal to every line of the request', () => {
    const error = { code: 'validationFailed', message: '金额超出剩余开票金额' };
    const rows = invoiceRequestRows({
      requests: [
        request('a1', 'sent', [{ title: '甲公司', amountFen: 100 }, { title: '甲公司工会', amountFen: 50 }], { earlyCommitmentName: '承诺书.pdf' }),
        request('a2', 'failed', [{ title: '甲公司', amountFen: 999 }], { error }),
      ],
      issued: [],
    });
    expect(rows.map((r) => [r.earlyCommitmentName, r.error?.message])).toEqual([
      ['承诺书.pdf', undefined],
      ['承诺书.pdf', undefined],
      [undefined, '金额超出剩余开票金额'],
    ]);
  });
});

describe('invoiceSyncKey', () => {
  const status: Pick<SyncStatus, 'pending' | 'sending' | 'failed' | 'lastPullAt'> = { pending: 1, sending: null, failed: [], lastPullAt: null };
  const sending = { actionId: 'a1', kind: 'requestInvoices', label: '申请开票', sentBytes: 0, totalBytes: 10 };

  it.each([
    { name: 'the outbox shrinks', next: { ...status, pending: 0 }, changes: true },
    { name: 'a send starts', next: { ...status, sending }, changes: true },
    { name: 'a pull lands', next: { ...status, lastPullAt: '2020-04-20T10:00:00+08:00' }, changes: true },
    { name: 'an action is refused', next: { ...status, failed: [{ actionId: 'a1', kind: 'requestInvoices', label: '申请开票', error: { code: 'x', message: 'y' }, at: '2020-04-20T10:00:00+08:00' }] }, changes: true },
    { name: 'nothing moved', next: { ...status }, changes: false },
  ])('$name', ({ next, changes }) => {
    expect(invoiceSyncKey(next) !== invoiceSyncKey(status)).toBe(changes);
  });

  it('a send progressing byte by byte is no change', () => {
    const a = { ...status, sending };
    expect(invoiceSyncKey({ ...a, sending: { ...sending, sentBytes: 5 } })).toBe(invoiceSyncKey(a));
  });
});
