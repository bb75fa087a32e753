import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transition, type BatchEvent, type BatchState, type TransitionContext } from '../../../../shared/domain/batch';
import type { Store } from '../../../../electron/core/store/store';
import { CLERK, SERVER, YEAR_2025, createBatch, openTestStore, person, unitInput, type TestStore } from './storeFixtures';

let t: TestStore;
let store: Store;
let unitId: string;
beforeEach(() => {
  t = openTestStore();
  store = t.store;
  unitId = store.units.save(unitInput(), CLERK).id;
});
afterEach(() => t.dispose());

const AT = '2025-03-02T09:30:00+08:00';
const clerk = (extra: Partial<TransitionContext> = {}): TransitionContext => ({ at: AT, actor: CLERK, ...extra });
const server = (extra: Partial<TransitionContext> = {}): TransitionContext => ({ at: AT, actor: SERVER, ...extra });

/** Everything a transition could write, to compare before and after a refusal or rollback. */
function snapshot(s: Store) {
  const all = (sql: string) => s.db.prepare(sql).all();
  return {
    batches: all('SELECT * FROM batches ORDER BY id'),
    history: all('SELECT * FROM batch_history ORDER BY id'),
    audit: all('SELECT * FROM audit_log ORDER BY id'),
    outbox: all('SELECT * FROM outbox ORDER BY seq'),
  };
}

describe('BatchesRepo: create and read', () => {
  it('creates a batch in draft with the coverage year, and its detail offers the clerk’s draft commands (roster edits have their own operations)', () => {
    const batch = createBatch(store, unitId);
    expect(batch).toMatchObject({
      unitId,
      schemeId: 'suzhou-2024',
      schemeVersion: 1,
      enrollmentType: 'renewal',
      state: 'draft',
      coverageYear: { start: '2024-10-01', end: '2025-09-30' },
      cover: null,
      payableFen: null,
      selection: [],
      unitFindings: [],
      syncError: null,
    });
    const detail = store.batches.detail(batch.id)!;
    expect(detail).toMatchObject({
      unitName: '苏州示例精密机械有限公司',
      stateLabel: '暂存',
      counts: { persons: 0, errorRows: 0, warningRows: 0 },
      history: [],
      clerkEvents: ['delete'],
    });
    expect(store.audit.list({ entity: 'batch', entityId: batch.id })[0]).toMatchObject({ action: 'batch.create' });
  });

  it('refuses a batch for an unknown unit and a supplementary batch on another unit\'s policy', () => {
    expect(() => createBatch(store, 'no-such-unit')).toThrow('单位不存在');
    const otherUnit = store.units.save(unitInput({ name: '另一家单位' }), CLERK).id;
    const policy = createBatch(store, otherUnit);
    expect(() =>
      store.batches.create(
        { unitId, schemeId: 'suzhou-2024', schemeVersion: 1, coverageYear: YEAR_2025, enrollmentType: 'supplementary', title: '保全', policyBatchId: policy.id },
        CLERK,
      ),
    ).toThrow('要补充的保单不属于该单位');
  });

  it('lists with filters by unit, scheme, states and types, without deleted batches unless asked', () => {
    const other = store.units.save(unitInput({ name: '另一家单位' }), CLERK).id;
    const a = createBatch(store, unitId, { enrollmentType: 'renewal' });
    const b = createBatch(store, unitId, { enrollmentType: 'new', schemeId: 'wuxi-2023' });
    const c = createBatch(store, other, { enrollmentType: 'central', schemeId: 'wuxi-2023' });
    const gone = createBatch(store, unitId);
    expect(store.batches.applyTransition(gone.id, 'delete', clerk()).ok).toBe(true);
    const ids = (filter: Parameters<Store['batches']['list']>[0]) => store.batches.list(filter).map((x) => x.id).sort();
    expect(ids({})).toEqual([a.id, b.id, c.id].sort());
    expect(ids({ includeDeleted: true })).toEqual([a.id, b.id, c.id, gone.id].sort());
    expect(ids({ unitId })).toEqual([a.id, b.id].sort());
    expect(ids({ schemeId: 'wuxi-2023' })).toEqual([b.id, c.id].sort());
    expect(ids({ enrollmentTypes: ['new', 'central'] })).toEqual([b.id, c.id].sort());
    expect(ids({ states: ['deleted'] })).toEqual([gone.id]);
    expect(ids({ unitId, states: ['draft'], enrollmentTypes: ['renewal'] })).toEqual([a.id]);
    expect(store.batches.listSummaries({ unitId: other }).map((s) => s.unitName)).toEqual(['另一家单位']);
  });

  it('counts named rows plus head-count-only persons, and error and warning rows by verdict', () => {
    const batch = createBatch(store, unitId);
    store.persons.insertMany(batch.id, [1, 2, 7, 10, 14].map((n) => person(n)), { actor: CLERK });
    store.batches.update(batch.id, { headCountLines: [{ planCode: 'A', shares: 1, headCount: 30 }] }, CLERK);
    // person(10): age error; person(7), person(14): phone warning.
    expect(store.batches.summary(batch.id)!.counts).toEqual({ persons: 35, errorRows: 1, warningRows: 2 });
  });

  it('updates fields other than the state and audits their names', () => {
    const batch = createBatch(store, unitId);
    const updated = store.batches.update(
      batch.id,
      {
        title: '新标题',
        selection: [{ planCode: 'BASIC', shares: 2 }],
        requestedStart: '2024-11-01',
        cover: { start: '2024-11-01', end: '2025-09-30' },
        contact: { name: '李联系', phone: '13912345678' },
        unitFindings: [{ code: 'ratio', severity: 'error', message: '参保比例不足 75%' }],
      },
      CLERK,
    );
    expect(updated).toMatchObject({
      title: '新标题',
      state: 'draft',
      selection: [{ planCode: 'BASIC', shares: 2 }],
      requestedStart: '2024-11-01',
      cover: { start: '2024-11-01', end: '2025-09-30' },
      contact: { name: '李联系', phone: '13912345678' },
    });
    expect(store.batches.update(batch.id, { requestedStart: null, cover: null }, CLERK)).toMatchObject({ requestedStart: null, cover: null });
    const [, edit] = store.audit.list({ entity: 'batch', entityId: batch.id });
    expect(edit!.detail).toEqual({ fields: ['title', 'selection', 'requestedStart', 'cover', 'contact', 'unitFindings'] });
  });
});

describe('BatchesRepo.applyTransition', () => {
  it('walks the whole lifecycle, recording history, audit and the outbox actions given', () => {
    const batch = createBatch(store, unitId);
    const steps: [BatchEvent, TransitionContext, BatchState, string?][] = [
      ['editRoster', clerk(), 'rosterToCheck'],
      ['passCheck', clerk({ check: { persons: 3, errorRows: 0 } }), 'checkPassed'],
      ['confirmPremium', clerk(), 'premiumConfirmed'],
      ['submit', clerk(), 'queued', 'submitBatch'],
      ['acknowledge', server(), 'underReview'],
      ['approve', server(), 'awaitingPayment'],
      ['uploadPaymentProof', clerk(), 'paymentProofUploaded', 'uploadPaymentProof'],
      ['confirmPayment', server(), 'paymentConfirmed'],
      ['scheduleEffect', server(), 'awaitingEffect'],
      ['takeEffect', server(), 'inForce'],
      ['expire', server(), 'expired'],
    ];
    for (const [event, ctx, expected, outboxKind] of steps) {
      const outcome = store.batches.applyTransition(batch.id, event, ctx, outboxKind ? { outbox: { kind: outboxKind, payload: { batchId: batch.id } } } : {});
      if (!outcome.ok) throw new Error(outcome.message);
      expect(outcome.batch.state).toBe(expected);
      expect(outcome.outboxAction?.kind ?? undefined).toBe(outboxKind);
      if (outcome.outboxAction) expect(outcome.outboxAction).toMatchObject({ batchId: batch.id, unitId, status: 'pending' });
    }
    const history = store.batches.history(batch.id);
    expect(history.map((h) => [h.from, h.event, h.to])).toEqual([
      ['draft', 'editRoster', 'rosterToCheck'],
      ['rosterToCheck', 'passCheck', 'checkPassed'],
      ['checkPassed', 'confirmPremium', 'premiumConfirmed'],
      ['premiumConfirmed', 'submit', 'queued'],
      ['queued', 'acknowledge', 'underReview'],
      ['underReview', 'approve', 'awaitingPayment'],
      ['awaitingPayment', 'uploadPaymentProof', 'paymentProofUploaded'],
      ['paymentProofUploaded', 'confirmPayment', 'paymentConfirmed'],
      ['paymentConfirmed', 'scheduleEffect', 'awaitingEffect'],
      ['awaitingEffect', 'takeEffect', 'inForce'],
      ['inForce', 'expire', 'expired'],
    ]);
    expect(history[0]).toEqual({ from: 'draft', to: 'rosterToCheck', event: 'editRoster', at: AT, actor: CLERK });
    expect(history[4]!.actor).toEqual(SERVER);
    const transitions = store.audit.list({ entity: 'batch', entityId: batch.id }).filter((a) => a.action === 'batch.transition');
    expect(transitions).toHaveLength(11);
    expect(transitions.at(-1)!.detail).toMatchObject({ event: 'editRoster', from: 'draft', to: 'rosterToCheck' });
    expect(store.outbox.listForBatch(batch.id).map((a) => a.kind)).toEqual(['submitBatch', 'uploadPaymentProof']);
    expect(store.batches.detail(batch.id)!.history).toEqual(history);
  });

  it('keeps the reason of a withdrawal in the history, and applies a patch with the transition', () => {
    const batch = createBatch(store, unitId);
    for (const [event, ctx] of [
      ['editRoster', clerk()],
      ['passCheck', clerk({ check: { persons: 1, errorRows: 0 } })],
    ] as const) {
      expect(store.batches.applyTransition(batch.id, event, ctx).ok).toBe(true);
    }
    const confirmed = store.batches.applyTransition(batch.id, 'confirmPremium', clerk(), { patch: { payableFen: 478000 } });
    expect(confirmed.ok && confirmed.batch.payableFen).toBe(478000);
    store.batches.applyTransition(batch.id, 'submit', clerk());
    const withdrawn = store.batches.applyTransition(batch.id, 'withdraw', clerk({ reason: '人员名单有误，需要重新整理' }));
    expect(withdrawn.ok && withdrawn.record.reason).toBe('人员名单有误，需要重新整理');
    expect(store.batches.history(batch.id).at(-1)).toMatchObject({ event: 'withdraw', reason: '人员名单有误，需要重新整理' });
    const audit = store.audit.list({ entity: 'batch', entityId: batch.id })[0]!;
    expect(audit.detail).toMatchObject({ event: 'withdraw', withReason: true });
    expect(JSON.stringify(audit)).not.toContain('人员名单有误');
  });

  it.each([
    ['an illegal event', 'draft', 'submit', clerk()],
    ['an actor not allowed', 'draft', 'editRoster', server()],
    ['a missing reason', 'queued', 'withdraw', clerk()],
    ['a failing guard', 'rosterToCheck', 'passCheck', clerk({ check: { persons: 5, errorRows: 2 } })],
  ] as const)('refuses %s with the domain message and writes nothing', (_label, state, event, ctx) => {
    const batch = createBatch(store, unitId);
    const path: Record<string, [BatchEvent, TransitionContext][]> = {
      draft: [],
      rosterToCheck: [['editRoster', clerk()]],
      queued: [
        ['editRoster', clerk()],
        ['passCheck', clerk({ check: { persons: 1, errorRows: 0 } })],
        ['confirmPremium', clerk()],
        ['submit', clerk()],
      ],
    };
    for (const [e, c] of path[state]!) expect(store.batches.applyTransition(batch.id, e, c).ok).toBe(true);
    const before = snapshot(store);

    const outcome = store.batches.applyTransition(batch.id, event, ctx, { outbox: { kind: 'withdrawBatch', payload: {} }, patch: { title: '不应写入' } });
    const expected = transition({ state, cover: null }, event, ctx);
    expect(expected.ok).toBe(false);
    expect(outcome).toEqual(expected.ok ? null : { ok: false, code: expected.code, message: expected.message });
    expect(snapshot(store)).toEqual(before);
  });

  it('refuses an unknown batch', () => {
    expect(store.batches.applyTransition('missing', 'delete', clerk())).toEqual({ ok: false, code: 'notFound', message: '批次不存在（编号 missing）' });
  });

  it('rolls back the transition, history, audit and outbox when the surrounding transaction throws', () => {
    const batch = createBatch(store, unitId);
    for (const [event, ctx] of [
      ['editRoster', clerk()],
      ['passCheck', clerk({ check: { persons: 1, errorRows: 0 } })],
      ['confirmPremium', clerk()],
    ] as const) {
      expect(store.batches.applyTransition(batch.id, event, ctx).ok).toBe(true);
    }
    const before = snapshot(store);
    expect(() =>
      store.transaction(() => {
        const outcome = store.batches.applyTransition(batch.id, 'submit', clerk(), { outbox: { kind: 'submitBatch', payload: { n: 1 } } });
        expect(outcome.ok).toBe(true);
        store.outbox.enqueue({ kind: 'requestInvoice', batchId: batch.id, payload: {} });
        store.persons.insertMany(batch.id, [person(1)], { actor: CLERK }); // refused: a queued batch is not editable
      }),
    ).toThrow('批次当前状态为“待发送”，不能修改清册');
    expect(snapshot(store)).toEqual(before);
    expect(store.batches.get(batch.id)!.state).toBe('premiumConfirmed');
  });

  it('commits a transition and the caller\'s outbox action together', () => {
    const batch = createBatch(store, unitId);
    const action = store.transaction(() => {
      const outcome = store.batches.applyTransition(batch.id, 'delete', clerk());
      if (!outcome.ok) throw new Error(outcome.message);
      return store.outbox.enqueue({ kind: 'deleteDraft', batchId: batch.id, unitId, payload: { batchId: batch.id } });
    });
    expect(store.batches.get(batch.id)!.state).toBe('deleted');
    expect(store.outbox.get(action.id)).toMatchObject({ kind: 'deleteDraft', status: 'pending' });
  });

  it('adopts a state the server reports, with the fields it sends', () => {
    const batch = createBatch(store, unitId);
    const outcome = store.batches.applyTransition(batch.id, 'adoptServerState', server({ serverState: 'inForce' }), {
      patch: { policyNumber: 'SZ2024-000123', cover: { start: '2024-10-01', end: '2025-09-30' } },
    });
    expect(outcome.ok).toBe(true);
    expect(store.batches.summary(batch.id)).toMatchObject({ state: 'inForce', stateLabel: '已生效', policyNumber: 'SZ2024-000123', cover: { start: '2024-10-01', end: '2025-09-30' } });
  });
});
