import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../../electron/core/store/store';
import { CLERK, createBatch, openTestStore, unitInput, type TestStore } from './storeFixtures';

const ISSUE = { number: 'BD2024000001', issuedOn: '2024-09-20' } as const;

let t: TestStore;
let store: Store;
beforeEach(() => (t = openTestStore(), (store = t.store)));
afterEach(() => t.dispose());

describe('PrintLogRepo', () => {
  it('numbers prints per (batch, kind) and lists them newest first with paging and filters', () => {
    const u1 = store.units.save(unitInput(), CLERK).id;
    const u2 = store.units.save(unitInput({ name: '第二单位' }), CLERK).id;
    const a = createBatch(store, u1).id;
    const b = createBatch(store, u2).id;
    const print = (batchId: string, kind: 'paymentNotice' | 'confirmation') => store.printLog.record({ batchId, kind, actor: '窗口一', documentHash: 'h'.repeat(64), issue: ISSUE }).printNumber;
    expect([print(a, 'paymentNotice'), print(a, 'paymentNotice'), print(a, 'confirmation'), print(b, 'paymentNotice'), print(a, 'paymentNotice')]).toEqual([1, 2, 1, 1, 3]);
    expect(store.printLog.nextPrintNumber(a, 'paymentNotice')).toBe(4);
    expect(store.printLog.nextPrintNumber(b, 'confirmation')).toBe(1);

    const all = store.printLog.list();
    expect(all.total).toBe(5);
    expect(all.entries.map((e) => [e.batchId === a ? 'a' : 'b', e.kind, e.printNumber])).toEqual([
      ['a', 'paymentNotice', 3],
      ['b', 'paymentNotice', 1],
      ['a', 'confirmation', 1],
      ['a', 'paymentNotice', 2],
      ['a', 'paymentNotice', 1],
    ]);
    expect(all.entries[0]).toEqual({ batchId: a, unitId: u1, kind: 'paymentNotice', printNumber: 3, at: expect.any(String), actor: '窗口一', documentNumber: 'BD2024000001' });
    expect(store.printLog.list({ batchId: a, offset: 1, limit: 2 })).toMatchObject({ total: 4, entries: [{ kind: 'confirmation' }, { kind: 'paymentNotice', printNumber: 2 }] });
    expect(store.printLog.list({ unitId: u2 }).entries.map((e) => e.batchId)).toEqual([b]);
    expect(store.printLog.latest(a, 'paymentNotice')).toMatchObject({ printNumber: 3, documentHash: 'h'.repeat(64) });
  });

  it('refuses a print rendered with a number another print has taken, and an unknown batch', () => {
    const batchId = createBatch(store, store.units.save(unitInput(), CLERK).id).id;
    const expected = store.printLog.nextPrintNumber(batchId, 'roster');
    store.printLog.record({ batchId, kind: 'roster', actor: '窗口二', documentHash: 'x', issue: ISSUE });
    expect(() => store.printLog.record({ batchId, kind: 'roster', actor: '窗口一', documentHash: 'y', issue: ISSUE, expectedPrintNumber: expected })).toThrow('打印次数已变为第 2 次');
    expect(store.printLog.list({ batchId }).total).toBe(1);
    expect(() => store.printLog.record({ batchId: 'nope', kind: 'roster', actor: 'a', documentHash: 'y', issue: ISSUE })).toThrow('批次不存在');
  });

  it('fixes the document number and date at the first print and refuses a print bearing others', () => {
    const batchId = createBatch(store, store.units.save(unitInput(), CLERK).id).id;
    expect(store.printLog.issue(batchId, 'confirmation')).toBeNull();
    store.printLog.record({ batchId, kind: 'confirmation', actor: '李经办', documentHash: 'h', issue: ISSUE });
    expect(store.printLog.issue(batchId, 'confirmation')).toEqual(ISSUE);
    expect(store.printLog.issue(batchId, 'paymentNotice')).toBeNull();
    expect(() => store.printLog.record({ batchId, kind: 'confirmation', actor: '李经办', documentHash: 'h', issue: { ...ISSUE, issuedOn: '2024-09-21' } })).toThrow('已以编号 BD2024000001');
    store.printLog.record({ batchId, kind: 'confirmation', actor: '李经办', documentHash: 'h', issue: ISSUE });
    expect(store.printLog.list({ batchId }).entries.map((e) => [e.printNumber, e.documentNumber, e.actor])).toEqual([
      [2, 'BD2024000001', '李经办'],
      [1, 'BD2024000001', '李经办'],
    ]);
  });
});
