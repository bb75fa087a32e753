import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchListSchema, batchPersonsPageSchema, batchViewSchema, changesPageSchema, parseChange, ROUTES } from '../../shared/wire';
import {
  A0B0C0,
  adminCall,
  call,
  changesOf,
  countRows,
  registerUnit,
  residentId,
  shanghaiCentral,
  shanghaiRow,
  startTestServer,
  type TestServer,
} from './serverFixtures';

let t: TestServer;
let unitA: Awaited<ReturnType<typeof registerUnit>>;
let unitB: Awaited<ReturnType<typeof registerUnit>>;

const P1 = residentId('19850615', '123');
const P2 = residentId('19900228', '122');
const P3 = residentId('19780301', '131');
const P4 = residentId('19820520', '144');

beforeAll(async () => {
  // The tests move the clock months ahead; logins must outlast that.
  t = await startTestServer({ tokenTtlMs: 365 * 24 * 3600_000 });
  unitA = await registerUnit(t.url, '上海甲公司', '张经办');
  unitB = await registerUnit(t.url, '上海乙公司', '李经办');
});
afterAll(() => t.close());

const batchCount = () => countRows(t.server, 'SELECT COUNT(*)::int AS n FROM batches');

describe('idempotent submission', () => {
  it('applies the same key and body once and replays the stored response', async () => {
    const body = shanghaiCentral('a-idem-1', [shanghaiRow(P1, '王小明', {}, 'row-1')]);
    const before = await batchCount();
    const first = await call(t.url, ROUTES.submitBatch, { token: unitA.token, key: 'idem-key-00000001', body });
    expect(first.status).toBe(201);
    const view = batchViewSchema.parse(first.body);
    expect(view).toMatchObject({ batchId: 'a-idem-1', state: 'underReview', stateLabel: '待审核', counts: { submitted: 1, enrolled: 1, rejected: 0 } });
    expect(view.payableFen).toBe(18000);
    expect(first.headers.get('idempotency-replayed')).toBeNull();

    const again = await call(t.url, ROUTES.submitBatch, { token: unitA.token, key: 'idem-key-00000001', body });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(again.text).toBe(first.text);
    expect(await batchCount()).toBe(before + 1);
  });

  it('recognises the same body whatever the order of its keys', async () => {
    const body = shanghaiCentral('a-idem-2', [shanghaiRow(P2)], { title: '键序测试' });
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const first = await call(t.url, ROUTES.submitBatch, { token: unitA.token, key: 'idem-key-00000002', body });
    const again = await call(t.url, ROUTES.submitBatch, { token: unitA.token, key: 'idem-key-00000002', body: reordered });
    expect(first.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
  });

  it('refuses the same key with another body with 409, changing nothing', async () => {
    const before = await batchCount();
    const res = await call(t.url, ROUTES.submitBatch, {
      token: unitA.token,
      key: 'idem-key-00000001',
      body: shanghaiCentral('a-idem-other', [shanghaiRow(P3)]),
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('idempotencyKeyReused');
    expect(await batchCount()).toBe(before);
  });

  it('keeps keys per unit: another unit may use the same key for its own action', async () => {
    const res = await call(t.url, ROUTES.submitBatch, { token: unitB.token, key: 'idem-key-00000001', body: shanghaiCentral('b-same-key', [shanghaiRow(P4)]) });
    expect(res.status).toBe(201);
    expect(res.headers.get('idempotency-replayed')).toBeNull();
    expect(res.body.batchId).toBe('b-same-key');
  });
});

describe('reading batches back', () => {
  it('lists the unit’s batches and pages through a batch’s persons', async () => {
    const list = batchListSchema.parse((await call(t.url, ROUTES.batches, { token: unitA.token })).body);
    expect(list.batches.map((b) => b.batchId)).toEqual(expect.arrayContaining(['a-idem-1', 'a-idem-2']));
    expect(list.batches.find((b) => b.batchId === 'a-idem-1')?.coverageYear).toEqual({ start: '2020-04-01', end: '2021-03-31' });
    const page = batchPersonsPageSchema.parse((await call(t.url, ROUTES.batchPersons, { token: unitA.token, params: { batchId: 'a-idem-1' }, query: { limit: '10' } })).body);
    expect(page).toEqual({ total: 1, offset: 0, persons: [{ docNumber: P1, name: '王小明', rowId: 'row-1', sourceRow: null, status: 'enrolled', reasons: [], values: { name: '王小明', documentType: '身份证', documentNumber: P1, socialSecurity: '是' } }] });
    const bad = await call(t.url, ROUTES.batchPersons, { token: unitA.token, params: { batchId: 'a-idem-1' }, query: { limit: '5000' } });
    expect(bad.status).toBe(422);
  });
});

describe('a request that is not JSON', () => {
  it('answers 400 malformedJson and applies nothing', async () => {
    const before = await batchCount();
    const res = await fetch(`${t.url}/v1/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${unitA.token}`, 'idempotency-key': 'broken-json-0001' },
      body: '{"clientBatchId": "x",',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 'malformedJson', message: '请求体不是有效的 JSON' });
    expect(await batchCount()).toBe(before);
  });
});

describe('refusals of the content (422)', () => {
  it.each([
    ['an unknown key in the header', { extra: 1 }, 'extra'],
    ['a wrong enrollment type', { enrollmentType: 'sometimes' }, 'enrollmentType'],
    ['a malformed row', { roster: { rows: [{ values: { name: 1 } }] } }, 'roster'],
  ])('names the field for %s', async (_what, patch, field) => {
    const res = await call(t.url, ROUTES.submitBatch, { token: unitA.token, key: true, body: { ...shanghaiCentral('bad-1', [shanghaiRow(P1)]), ...patch } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('validationFailed');
    expect(res.body.field).toContain(field);
  });

  it('refuses an unknown scheme version, and a day outside the window with the scheme’s words', async () => {
    const unknown = await call(t.url, ROUTES.submitBatch, { token: unitA.token, key: true, body: shanghaiCentral('bad-2', [shanghaiRow(P1)], { schemeVersion: 9 }) });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('unknownScheme');
    t.clock.set('2020-06-01T02:00:00Z');
    try {
      const late = await call(t.url, ROUTES.submitBatch, { token: unitA.token, key: true, body: shanghaiCentral('bad-3', [shanghaiRow(P1)]) });
      expect(late.status).toBe(422);
      expect(late.body.code).toBe('outsideWindow');
      expect(late.body.message).toContain('2020-04-01 至 2020-05-11');
    } finally {
      t.clock.set('2020-04-15T02:00:00Z');
    }
  });

  it('refuses a selection that breaks the scheme’s rules, listing each', async () => {
    const res = await call(t.url, ROUTES.submitBatch, {
      token: unitA.token,
      key: true,
      body: shanghaiCentral('bad-4', [shanghaiRow(P1)], { selection: [{ planCode: 'A1', shares: 1 }, { planCode: 'A2', shares: 1 }] }),
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('selectionInvalid');
    expect(res.body.details.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['atLeastOneOf', 'atMostOnePerFamily']));
  });

  it('refuses an empty roster', async () => {
    const res = await call(t.url, ROUTES.submitBatch, { token: unitA.token, key: true, body: shanghaiCentral('bad-5', []) });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('rosterEmpty');
  });
});

describe('occupied by another unit (被某单位占用)', () => {
  const SHARED = residentId('19880808', '155');
  const FREE = residentId('19870707', '166');

  it('rejects the person with the holding unit’s name and handler contact, and reports it in the feed', async () => {
    const a = await call(t.url, ROUTES.submitBatch, { token: unitA.token, key: true, body: shanghaiCentral('a-holds', [shanghaiRow(SHARED, '孙燕')]) });
    expect(a.status).toBe(201);
    const cursor = (await changesOf(t.url, unitB.token)).cursor;

    const b = await call(t.url, ROUTES.submitBatch, {
      token: unitB.token,
      key: true,
      body: shanghaiCentral('b-wants', [shanghaiRow(SHARED, '孙燕', {}, 'b-row-1'), shanghaiRow(FREE, '周杰', {}, 'b-row-2')]),
    });
    expect(b.status).toBe(201);
    const view = batchViewSchema.parse(b.body);
    expect(view.state).toBe('personsRejected');
    expect(view.counts).toMatchObject({ submitted: 2, enrolled: 1, rejected: 1 });
    expect(view.payableFen).toBe(18000);
    const rejected = view.rejectedPersons[0]!;
    expect(rejected).toMatchObject({ docNumber: SHARED, name: '孙燕', rowId: 'b-row-1' });
    const reason = rejected.reasons.find((r) => r.code === 'occupiedElsewhere')!;
    expect(reason.message).toContain('上海甲公司');
    expect(reason.hint).toContain('张经办');
    expect(reason.hint).toContain(unitA.phone);

    const feed = changesPageSchema.parse(await changesOf(t.url, unitB.token, cursor));
    const kinds = feed.changes.map((c) => c.kind);
    expect(kinds).toEqual(['batchState', 'occupied', 'personsRejected', 'batchState']);
    const occupied = parseChange(feed.changes[1]!);
    expect(occupied.ok && occupied.change).toMatchObject({
      kind: 'occupied',
      schemeId: 'shanghai-2020',
      docNumber: SHARED,
      unitName: '上海甲公司',
      contact: { name: '张经办', phone: unitA.phone },
      coverageYear: { start: '2020-04-01', end: '2021-03-31' },
    });
    const last = parseChange(feed.changes[3]!);
    expect(last.ok && last.change.kind === 'batchState' && last.change.record).toMatchObject({ from: 'underReview', to: 'personsRejected', event: 'rejectPersons' });
  });

  it('tells the refused unit when the person is free again (the holder withdrew)', async () => {
    const cursor = (await changesOf(t.url, unitB.token)).cursor;
    const w = await call(t.url, ROUTES.withdrawBatch, { token: unitA.token, key: true, params: { batchId: 'a-holds' }, body: { reason: '人员调动，重新整理清册' } });
    expect(w.status).toBe(200);
    const feed = await changesOf(t.url, unitB.token, cursor);
    expect(feed.changes).toEqual([expect.objectContaining({ kind: 'occupiedReleased', docNumber: SHARED, schemeId: 'shanghai-2020' })]);
  });

  it('accepts the person on resubmission once free, replacing the roster', async () => {
    const res = await call(t.url, ROUTES.submitBatch, {
      token: unitB.token,
      key: true,
      body: shanghaiCentral('b-wants', [shanghaiRow(SHARED, '孙燕', {}, 'b-row-1'), shanghaiRow(FREE, '周杰', {}, 'b-row-2')]),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'underReview', counts: { submitted: 2, enrolled: 2, rejected: 0 }, payableFen: 36000 });
    const events = (res.body.history as { event: string }[]).map((h) => h.event);
    expect(events).toEqual(['submit', 'acknowledge', 'rejectPersons', 'editRoster', 'passCheck', 'confirmPremium', 'submit', 'acknowledge']);
  });

  it('refuses a resubmission while the batch is under review, with the lifecycle’s message', async () => {
    const res = await call(t.url, ROUTES.submitBatch, { token: unitB.token, key: true, body: shanghaiCentral('b-wants', [shanghaiRow(FREE, '周杰')]) });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ code: 'illegalTransition', message: '批次当前状态为“待审核”，不能修改清册' });
  });

  it('flags the same person in another open batch of the same unit', async () => {
    const res = await call(t.url, ROUTES.submitBatch, { token: unitB.token, key: true, body: shanghaiCentral('b-twice', [shanghaiRow(FREE, '周杰')], { title: '第二批' }) });
    expect(res.body.state).toBe('personsRejected');
    expect(res.body.rejectedPersons[0].reasons[0]).toMatchObject({ code: 'duplicateInUnitBatch' });
  });
});

describe('instant enrollment copies the central plans (copyFromCentral)', () => {
  let unitC: Awaited<ReturnType<typeof registerUnit>>;
  const CENTRAL = [...A0B0C0, { planCode: 'A3', shares: 1 }];

  beforeAll(async () => {
    unitC = await registerUnit(t.url, '上海丙公司', '赵经办');
    const central = await call(t.url, ROUTES.submitBatch, {
      token: unitC.token,
      key: true,
      body: shanghaiCentral('c-central', [shanghaiRow(residentId('19700101', '171'), '钱一')], { selection: CENTRAL }),
    });
    expect(central.status).toBe(201);
    t.clock.set('2020-06-10T02:00:00Z');
  });
  afterAll(() => t.clock.set('2020-04-15T02:00:00Z'));

  const instant = (clientBatchId: string, selection: { planCode: string; shares: number }[]) =>
    shanghaiCentral(clientBatchId, [shanghaiRow(residentId('19920202', '182'), '钱二')], { enrollmentType: 'instant', title: '即时参保', selection });

  it('fills an empty selection with the central enrollment’s plans', async () => {
    const res = await call(t.url, ROUTES.submitBatch, { token: unitC.token, key: true, body: instant('c-instant-1', []) });
    expect(res.status).toBe(201);
    expect(res.body.selection).toEqual(CENTRAL);
    expect(res.body.state).toBe('underReview');
    expect(res.body.cover).toEqual({ start: '2020-06-11', end: '2021-03-31' });
  });

  it('refuses other plans with the scheme’s message', async () => {
    const res = await call(t.url, ROUTES.submitBatch, { token: unitC.token, key: true, body: instant('c-instant-2', A0B0C0) });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('copyFromCentral');
    expect(res.body.message).toContain('必须与集中参保一致');
    expect(res.body.field).toBe('selection');
  });

  it('lets a unit without a central enrollment choose freely, and lists central selections on the account', async () => {
    const free = await call(t.url, ROUTES.submitBatch, { token: unitA.token, key: true, body: { ...instant('a-instant', A0B0C0), roster: { rows: [shanghaiRow(residentId('19930303', '193'))] } } });
    expect(free.status).toBe(201);
    const account = await call(t.url, ROUTES.account, { token: unitC.token });
    expect(account.body.centralSelections).toEqual([
      { schemeId: 'shanghai-2020', coverageYear: { start: '2020-04-01', end: '2021-03-31' }, batchId: 'c-central', selection: CENTRAL },
    ]);
  });
});

describe('withdrawal (批次撤回)', () => {
  it('withdraws with the reason in the history and the feed', async () => {
    await call(t.url, ROUTES.submitBatch, { token: unitA.token, key: true, body: shanghaiCentral('a-withdraw', [shanghaiRow(residentId('19810101', '201'))]) });
    const cursor = (await changesOf(t.url, unitA.token)).cursor;
    const res = await call(t.url, ROUTES.withdrawBatch, { token: unitA.token, key: true, params: { batchId: 'a-withdraw' }, body: { reason: '重新选择保障项目' } });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('withdrawn');
    expect(res.body.history.at(-1)).toMatchObject({ event: 'withdraw', from: 'underReview', to: 'withdrawn', reason: '重新选择保障项目', actor: { kind: 'clerk', name: '上海甲公司' } });
    const feed = await changesOf(t.url, unitA.token, cursor);
    expect(feed.changes).toEqual([expect.objectContaining({ kind: 'batchState', batchId: 'a-withdraw', record: expect.objectContaining({ event: 'withdraw' }) })]);
  });

  it('requires a reason', async () => {
    const res = await call(t.url, ROUTES.withdrawBatch, { token: unitA.token, key: true, params: { batchId: 'a-withdraw' }, body: {} });
    expect(res.status).toBe(422);
    expect(res.body.field).toBe('reason');
  });

  it('refuses an illegal withdrawal with 409 and the domain’s Chinese message', async () => {
    await call(t.url, ROUTES.submitBatch, { token: unitA.token, key: true, body: shanghaiCentral('a-paid', [shanghaiRow(residentId('19810202', '212'))]) });
    const serverId = (await call(t.url, ROUTES.batch, { token: unitA.token, params: { batchId: 'a-paid' } })).body.serverBatchId;
    await adminCall(t.url, ROUTES.adminApprove, { batchId: serverId });
    await adminCall(t.url, ROUTES.adminConfirmPayment, { batchId: serverId });
    const res = await call(t.url, ROUTES.withdrawBatch, { token: unitA.token, key: true, params: { batchId: 'a-paid' }, body: { reason: '想撤回' } });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ code: 'illegalTransition', message: '批次当前状态为“已确认缴费”，不能撤回' });
    const after = await call(t.url, ROUTES.batch, { token: unitA.token, params: { batchId: 'a-paid' } });
    expect(after.body.state).toBe('paymentConfirmed');
  });
});
