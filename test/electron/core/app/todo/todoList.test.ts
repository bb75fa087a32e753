/**
 * The to-do list (待办事项) through the API on a real SQLite file: a Shanghai unit with a
 * batch to pay (15 days after the premium was confirmed), one whose voucher the association
 * returned, one with a refused person, and last year's policy in force (its invoice not yet
 * asked for, its confirmation not yet printed, its persons due for renewal).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SHANGHAI_HEADERS, shanghaiUnit, startTestCore, type TestCore } from '../coreFixtures';
import { addScheme, confirmAndSubmit, importedBatch, residentId, schemeForYear, serverSets } from '../yearFixtures';

const PLANS = ['A0'];
const SERVER = { kind: 'server' as const, name: '互助会审核员' };
const row = (name: string, id: string) => [name, '身份证', id, '', '', '', '是'];

let t: TestCore;
let unitId: string;
const ids = { lastYear: '', toPay: '', returned: '', refused: '' };

async function batch(title: string, schemeId: string, persons: [string, string][]): Promise<string> {
  const id = await importedBatch(t, { unitId, schemeId, enrollmentType: 'central', title, selection: PLANS }, SHANGHAI_HEADERS, persons.map(([n, d]) => row(n, d)));
  await confirmAndSubmit(t, id);
  return id;
}

beforeEach(async () => {
  t = await startTestCore('2019-04-20T02:00:00Z');
  addScheme(t, schemeForYear('shanghai-2020', 'shanghai-2019', -1));
  unitId = (await t.call('units.save', { unit: shanghaiUnit })).id;
  ids.lastYear = await batch('2019集中参保', 'shanghai-2019', [['张一', residentId('19850615', 123)], ['王二', residentId('19900228', 122)]]);
  serverSets(t, ids.lastYear, 'inForce', { cover: { start: '2019-05-11', end: '2020-05-10' }, policyNumber: 'SH2019-1' });

  t.setNow('2020-04-20T02:00:00Z');
  ids.toPay = await batch('2020集中参保', 'shanghai-2020', [['赵三', residentId('19880101', 1)]]);
  serverSets(t, ids.toPay, 'awaitingPayment');
  ids.returned = await batch('2020补报一', 'shanghai-2020', [['钱四', residentId('19870303', 5)]]);
  serverSets(t, ids.returned, 'paymentProofUploaded');
  const back = t.core.store.batches.applyTransition(ids.returned, 'rejectPaymentProof', { at: '2020-04-21T02:00:00.000Z', actor: SERVER, reason: '凭证金额不清' });
  expect(back.ok).toBe(true);
  ids.refused = await batch('2020补报二', 'shanghai-2020', [['孙五', residentId('19860404', 7)], ['周六', residentId('19840505', 9)]]);
  serverSets(t, ids.refused, 'personsRejected');
  t.core.store.persons.markServerRejections(ids.refused, [{ docNumber: residentId('19860404', 7), rejection: { code: 'rejectedByAssociation', severity: 'error', message: '已退休' } }]);
  t.setNow('2020-04-25T02:00:00Z');
});
afterEach(async () => t.close());

describe('todo.list', () => {
  it('lists what needs the clerk, soonest due first, each with the place it is done', async () => {
    const list = await t.call('todo.list', { unitId });
    expect(list.today).toBe('2020-04-25');
    expect(list.items.map((i) => [i.kind, i.batch?.id, i.dueOn ?? null, i.daysLeft ?? null, i.count ?? null])).toEqual([
      // 提交确认保费后15天内 (20 April + 15), sooner than the central enrollment's 26 May.
      ['payment', ids.toPay, '2020-05-05', 10, null],
      ['voucherReturned', ids.returned, '2020-05-05', 10, null],
      ['renewal', ids.lastYear, '2020-05-10', 15, 2],
      ['personsRejected', ids.refused, null, null, 1],
      ['invoiceRemaining', ids.lastYear, null, null, null],
      ['print', ids.lastYear, null, null, null],
    ]);
    const byKind = Object.fromEntries(list.items.map((i) => [i.kind, i]));
    expect(byKind.payment!.opens).toEqual({ screen: 'batch', batchId: ids.toPay, step: 'payment' });
    expect(byKind.personsRejected!.opens).toEqual({ screen: 'batch', batchId: ids.refused, step: 'roster' });
    expect(byKind.renewal!.opens).toEqual({ screen: 'unit', unitId });
    expect(byKind.print!.opens).toEqual({ screen: 'batch', batchId: ids.lastYear, step: 'documents' });
    expect(byKind.voucherReturned!.text).toContain('缴费凭证被互助会退回');
    expect(byKind.invoiceRemaining!.amountFen).toBe(t.core.store.batches.require(ids.lastYear).payableFen);
    expect(list.counts).toEqual({ payment: 1, voucherReturned: 1, personsRejected: 1, invoiceRemaining: 1, print: 1, renewal: 1, onboarding: 0 });
  });

  it('asks for an onboarding application the association refused to be corrected', async () => {
    // What sync leaves after the feed's onboardingReview (审核不通过).
    const application = t.core.store.onboarding.saveSubmission({ id: 'app-1', unitId, kind: 'insuranceCode', schemeId: 'shanghai-2020', form: {}, attachments: [], actionId: 'action-1' });
    t.core.store.onboarding.recordReview(application.id, { state: 'rejected', reason: '营业执照不清晰', insuranceCode: null, serverApplicationId: 'S-1', at: '2020-04-24T02:00:00.000Z' });
    const list = await t.call('todo.list', { unitId, kinds: ['onboarding'] });
    expect(list.items).toEqual([
      { kind: 'onboarding', text: '“申请参保编码”审核不通过：营业执照不清晰，请修改后重新提交', unitId, unitName: shanghaiUnit.name, opens: { screen: 'unit', unitId } },
    ]);
  });

  it('filters by kind, keeping the counts of every kind', async () => {
    const list = await t.call('todo.list', { kinds: ['payment', 'voucherReturned'] });
    expect(list.items.map((i) => i.kind)).toEqual(['payment', 'voucherReturned']);
    expect(list.items.every((i) => i.unitName === shanghaiUnit.name)).toBe(true);
    expect(list.counts.renewal).toBe(1);
  });

  it('drops the print item once the confirmation was printed', async () => {
    const printed = await t.call('documents.generate', { batchId: ids.lastYear, kind: 'confirmation', purpose: 'print' });
    // Counted once the printer took it.
    await t.call('documents.recordPrints', { prints: [printed.pendingPrint!] });
    const list = await t.call('todo.list', { unitId, kinds: ['print'] });
    expect(list.items).toEqual([]);
  });
});
