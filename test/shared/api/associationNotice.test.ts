import { describe, expect, it } from 'vitest';
import { associationNotice, type ApiEvent } from '../../../shared/api';

const changed = (event: string, state: string, actor: { kind: string; name?: string }, reason?: string) =>
  ({ type: 'batch.changed', batchId: 'b1', state, record: { from: 'underReview', to: state, event, at: '2020-04-21T02:00:00.000Z', actor, ...(reason ? { reason } : {}) } }) as ApiEvent;

describe('associationNotice', () => {
  it.each([
    [changed('approve', 'awaitingPayment', { kind: 'server', name: '审核员甲' }), '互助会审核通过，批次现为“待缴费”'],
    [changed('rejectPersons', 'personsRejected', { kind: 'server' }, '1 人已退休'), '互助会审核不通过，批次现为“审核不通过”：1 人已退休'],
    [changed('rejectPaymentProof', 'awaitingPayment', { kind: 'server' }, '凭证金额不清'), '互助会退回缴费凭证，批次现为“待缴费”：凭证金额不清'],
    [changed('confirmPayment', 'paymentConfirmed', { kind: 'server' }), '互助会确认缴费，批次现为“已确认缴费”'],
    [changed('adoptServerState', 'inForce', { kind: 'server' }, '互助会的批次状态为“已生效”'), '互助会更新了批次状态，批次现为“已生效”'],
    [changed('submit', 'queued', { kind: 'clerk', name: '经办' }), null],
    [{ type: 'print.progress', done: 1, total: 2 } as ApiEvent, null],
  ])('%#: %s', (event, text) => {
    expect(associationNotice(event)).toBe(text);
  });
});
