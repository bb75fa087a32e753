import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transition, type BatchState } from '../../shared/domain/batch';
import { batchViewSchema, changesPageSchema, parseChange, ROUTES, type Change } from '../../shared/wire';
import { runAdminCli } from '../../server/adminCommands';
import {
  ADMIN_TOKEN,
  adminCall,
  call,
  changesOf,
  PNG_BYTES,
  registerUnit,
  residentId,
  shanghaiCentral,
  shanghaiRow,
  startTestServer,
  type TestServer,
} from './serverFixtures';

let t: TestServer;
let unit: Awaited<ReturnType<typeof registerUnit>>;
let serverId: string;

const P1 = residentId('19850615', '123');
const P2 = residentId('19900228', '122');
const P3 = residentId('19780301', '131');

beforeAll(async () => {
  t = await startTestServer();
  unit = await registerUnit(t.url, '审核流程单位', '何经办');
});
afterAll(() => t.close());

/** The client's rule for a batchState change (shared/wire/changes.ts), run on a local state. */
function applyBatchState(local: BatchState, change: Extract<Change, { kind: 'batchState' }>): { state: BatchState; how: 'already' | 'transition' | 'adopt' } {
  if (local === change.batch.state) return { state: local, how: 'already' };
  const r = change.record;
  const step = transition({ state: local }, r.event, { at: r.at, actor: r.actor, ...(r.reason ? { reason: r.reason } : {}) });
  if (step.ok && step.state === change.batch.state) return { state: step.state, how: 'transition' };
  const adopt = transition({ state: local }, 'adoptServerState', { at: r.at, actor: { kind: 'server' }, serverState: change.batch.state });
  if (!adopt.ok) throw new Error(adopt.message);
  return { state: adopt.state, how: 'adopt' };
}

describe('the association’s review, payment, invoices and policy, each in the change feed in order', () => {
  const feed: Change[] = [];
  let cursor = '0';
  const pull = async () => {
    const page = changesPageSchema.parse(await changesOf(t.url, unit.token, cursor));
    for (const raw of page.changes) {
      const parsed = parseChange(raw);
      if (!parsed.ok) throw new Error(parsed.message);
      feed.push(parsed.change);
    }
    cursor = page.cursor;
    return page.changes.map((c) => c.kind);
  };

  it('acknowledges a submission (待审核)', async () => {
    const res = await call(t.url, ROUTES.submitBatch, {
      token: unit.token,
      key: true,
      body: shanghaiCentral('flow-1', [shanghaiRow(P1, '王小明'), shanghaiRow(P2, '陈丽'), shanghaiRow(P3, '赵强', {}, 'row-zq')]),
    });
    expect(res.status).toBe(201);
    serverId = res.body.serverBatchId;
    expect(serverId).toMatch(/^PC20200415\d{5}$/);
    expect(await pull()).toEqual(['batchState']);
  });

  it('rejects a person with the staff’s reason', async () => {
    const stranger = await adminCall(t.url, ROUTES.adminRejectPersons, { batchId: serverId }, { persons: [{ docNumber: residentId('19700101', '999'), reason: '不在名单' }] });
    expect(stranger.status).toBe(422);
    expect(stranger.body.code).toBe('personNotInBatch');
    const res = await adminCall(t.url, ROUTES.adminRejectPersons, { batchId: serverId }, { staff: '审核员甲', persons: [{ docNumber: P3, reason: '已退休，不属于在职职工' }] });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('personsRejected');
    expect(await pull()).toEqual(['personsRejected', 'batchState']);
    const rejected = feed.at(-2) as Extract<Change, { kind: 'personsRejected' }>;
    expect(rejected.persons).toEqual([{ docNumber: P3, name: '赵强', rowId: 'row-zq', sourceRow: null, reasons: [{ code: 'rejectedByAssociation', message: '已退休，不属于在职职工' }] }]);
    const state = feed.at(-1) as Extract<Change, { kind: 'batchState' }>;
    expect(state.record).toMatchObject({ event: 'rejectPersons', actor: { kind: 'server', name: '审核员甲' } });
  });

  it('refuses an illegal staff action with the lifecycle’s message', async () => {
    const res = await adminCall(t.url, ROUTES.adminApprove, { batchId: serverId });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ code: 'illegalTransition', message: '批次当前状态为“审核不通过”，不能审核通过' });
  });

  it('takes the corrected roster and approves it (待缴费)', async () => {
    const res = await call(t.url, ROUTES.submitBatch, { token: unit.token, key: true, body: shanghaiCentral('flow-1', [shanghaiRow(P1, '王小明'), shanghaiRow(P2, '陈丽')]) });
    expect(res.status).toBe(200);
    expect(res.body.payableFen).toBe(36000);
    const ok = await adminCall(t.url, ROUTES.adminApprove, { batchId: serverId }, { staff: '审核员甲' });
    expect(ok.body.state).toBe('awaitingPayment');
    expect(await pull()).toEqual(['batchState', 'batchState']);
  });

  it('checks the payment proof’s amount against the premium and asks for refund details', async () => {
    const proof = { name: '底单.png', base64: PNG_BYTES.toString('base64') };
    const send = (body: object) => call(t.url, ROUTES.uploadPaymentProof, { token: unit.token, key: true, params: { batchId: 'flow-1' }, body });
    const low = await send({ payer: '审核流程单位', amountFen: 30000, proof });
    expect(low.status).toBe(422);
    expect(low.body).toMatchObject({ code: 'paymentTooLow', message: '缴费金额 300.00 元少于应缴保费 360.00 元' });
    const noRefund = await send({ payer: '审核流程单位', amountFen: 40000, proof });
    expect(noRefund.body.code).toBe('refundRequired');
    const wrongType = await send({ payer: '审核流程单位', amountFen: 36000, proof: { name: 'a.txt', base64: Buffer.from('hello world!').toString('base64') } });
    expect(wrongType.body.code).toBe('proofFileType');
    const refund = { accountName: '审核流程单位', accountNumber: '6222020200112233445', bank: '工商银行', amountFen: 4000 };
    const ok = await send({ payer: '审核流程单位', amountFen: 40000, method: '转账', paidOn: '2020-04-16', proof, refund });
    expect(ok.status).toBe(200);
    expect(batchViewSchema.parse(ok.body).payment).toMatchObject({ amountFen: 40000, refund, proofName: '底单.png', proofBytes: PNG_BYTES.length });
    expect(ok.body.state).toBe('paymentProofUploaded');
    expect(await pull()).toEqual(['batchState']);
  });

  it('confirms the payment (已确认缴费): the amount, then the state', async () => {
    const res = await adminCall(t.url, ROUTES.adminConfirmPayment, { batchId: serverId }, {});
    expect(res.body.state).toBe('paymentConfirmed');
    expect(await pull()).toEqual(['paymentConfirmed', 'batchState']);
    expect(feed.at(-2)).toMatchObject({ kind: 'paymentConfirmed', amountFen: 36000, confirmedOn: '2020-04-15', batchId: 'flow-1' });
  });

  it('issues invoice numbers for the invoices requested', async () => {
    const req = await call(t.url, ROUTES.requestInvoices, {
      token: unit.token,
      key: true,
      params: { batchId: 'flow-1' },
      body: { invoices: [{ ref: 'inv-a', title: '审核流程单位', amountFen: 20000 }, { ref: 'inv-b', title: '上级工会', amountFen: 16000 }] },
    });
    expect(req.status).toBe(201);
    expect(req.body.invoiceRemainingFen).toBe(0);
    const more = await call(t.url, ROUTES.requestInvoices, { token: unit.token, key: true, params: { batchId: 'flow-1' }, body: { invoices: [{ title: '再开一张', amountFen: 1 }] } });
    expect(more.status).toBe(422);
    expect(more.body.code).toBe('invoiceExceedsPayable');
    const issued = await adminCall(t.url, ROUTES.adminIssueInvoices, { batchId: serverId }, {});
    expect(issued.body.invoices.map((i: { status: string }) => i.status)).toEqual(['issued', 'issued']);
    expect(await pull()).toEqual(['invoicesIssued']);
    const change = feed.at(-1) as Extract<Change, { kind: 'invoicesIssued' }>;
    expect(change.invoices.map((i) => [i.ref, i.amountFen])).toEqual([['inv-a', 20000], ['inv-b', 16000]]);
    expect(new Set(change.invoices.map((i) => i.invoiceNumber)).size).toBe(2);
  });

  it('sets the effective date and policy number (待生效), then puts it in force', async () => {
    const res = await adminCall(t.url, ROUTES.adminSetEffect, { batchId: serverId }, { policyNumber: 'SH2020-000001' });
    expect(res.body).toMatchObject({ state: 'awaitingEffect', policyNumber: 'SH2020-000001', cover: { start: '2020-04-01', end: '2021-03-31' } });
    const taken = await adminCall(t.url, ROUTES.adminTakeEffect, { batchId: serverId }, {});
    expect(taken.body.state).toBe('inForce');
    expect(await pull()).toEqual(['policy', 'batchState', 'batchState']);
    expect(feed.at(-3)).toMatchObject({ kind: 'policy', policyNumber: 'SH2020-000001', cover: { start: '2020-04-01', end: '2021-03-31' } });
    expect(feed.at(-1)).toMatchObject({ kind: 'batchState', batch: { state: 'inForce', policyNumber: 'SH2020-000001' } });
  });

  it('numbers the feed 1, 2, 3 … and pages through it with the cursor', async () => {
    expect(feed.map((c) => c.seq)).toEqual(feed.map((_c, i) => i + 1));
    const walked: number[] = [];
    let after = '0';
    for (;;) {
      const page = await call(t.url, ROUTES.changes, { token: unit.token, query: { after, limit: '3' } });
      walked.push(...page.body.changes.map((c: { seq: number }) => c.seq));
      after = page.body.cursor;
      if (!page.body.hasMore) break;
    }
    expect(walked).toEqual(feed.map((c) => c.seq));
    const ahead = await call(t.url, ROUTES.changes, { token: unit.token, query: { after: String(feed.length + 5) } });
    expect(ahead.status).toBe(409);
    expect(ahead.body.code).toBe('cursorAhead');
  });

  it('brings a client that applies the feed by the documented rule to the server’s state', () => {
    // The client: submitted (待发送), later resubmitted after fixing the roster, and uploaded the proof itself.
    let local: BatchState = 'queued';
    const hows: string[] = [];
    for (const change of feed) {
      if (change.kind !== 'batchState') continue;
      if (change.record.event === 'acknowledge' && local === 'personsRejected') local = 'queued';
      const r = applyBatchState(local, change);
      hows.push(`${change.record.event}:${r.how}`);
      local = r.state;
    }
    expect(local).toBe('inForce');
    expect(hows).toEqual([
      'acknowledge:transition',
      'rejectPersons:transition',
      'acknowledge:transition',
      'approve:transition',
      'uploadPaymentProof:transition',
      'confirmPayment:transition',
      'scheduleEffect:transition',
      'takeEffect:transition',
    ]);
  });
});

describe('admin authentication and the CLI', () => {
  it('refuses the admin API without the admin token, and a unit token is not one', async () => {
    for (const token of [undefined, unit.token]) {
      const res = await call(t.url, ROUTES.adminWork, token ? { token } : {});
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('adminAuthRequired');
    }
  });

  it('lists pending work and approves through the command line over HTTP', async () => {
    const submitted = await call(t.url, ROUTES.submitBatch, { token: unit.token, key: true, body: shanghaiCentral('cli-1', [shanghaiRow(residentId('19800101', '241'), '林平')], { title: '命令行审核' }) });
    const id: string = submitted.body.serverBatchId;
    const out: string[] = [];
    const err: string[] = [];
    const io = { env: { HUZHU_SERVER_URL: t.url, HUZHU_ADMIN_TOKEN: ADMIN_TOKEN }, out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    expect(await runAdminCli(['work'], io)).toBe(0);
    expect(out.join('\n')).toMatch(new RegExp(`${id}.*命令行审核.*待审核.*→ 审核`));
    expect(await runAdminCli(['approve', id, '--staff', '审核员乙'], io)).toBe(0);
    expect(out.at(-1)).toContain('待缴费');
    expect(await runAdminCli(['approve', id], io)).toBe(1);
    expect(err.at(-1)).toContain('批次当前状态为“待缴费”，不能审核通过');
    expect(await runAdminCli(['work', '--token', 'wrong-token'], io)).toBe(1);
    expect(err.at(-1)).toContain('adminAuthRequired');
    const view = await call(t.url, ROUTES.batch, { token: unit.token, params: { batchId: 'cli-1' } });
    expect(view.body.history.at(-1).actor).toEqual({ kind: 'server', name: '审核员乙' });
  });

  it('rejects persons by document number from the command line', async () => {
    const doc = residentId('19810101', '252');
    const submitted = await call(t.url, ROUTES.submitBatch, { token: unit.token, key: true, body: shanghaiCentral('cli-2', [shanghaiRow(doc, '郑好')], { title: '命令行退回' }) });
    const out: string[] = [];
    const io = { env: { HUZHU_SERVER_URL: t.url, HUZHU_ADMIN_TOKEN: ADMIN_TOKEN }, out: (l: string) => out.push(l), err: () => {} };
    expect(await runAdminCli(['reject', submitted.body.serverBatchId, `${doc}=身份信息与社保记录不符`], io)).toBe(0);
    const view = await call(t.url, ROUTES.batch, { token: unit.token, params: { batchId: 'cli-2' } });
    expect(view.body.rejectedPersons[0].reasons[0].message).toBe('身份信息与社保记录不符');
  });
});
