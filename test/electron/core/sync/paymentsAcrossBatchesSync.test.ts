/**
 * One payment for two batches, from the application API to the reference server over real
 * HTTP: the server records ONE payment with each batch's share even when the first answer
 * is lost after it committed; staff confirm each share; invoices requested and issued come
 * back through the change feed; 提前开票's commitment reaches the server (Shenzhen).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { In, OpName, Out } from '../../../../shared/api';
import { ROUTES } from '../../../../shared/wire';
import { createCore, type Core } from '../../../../electron/core/app/createCore';
import { adminCall, call as http, PNG_BYTES, registerUnit, startTestServer, type TestServer } from '../../../server/serverFixtures';
import { residentId } from '../../../e2e/support/rosterFiles';
import { closeServer } from './syncFixtures';
import { callCore, syncUntil } from '../app/coreFixtures';

let t: TestServer;
let core: Core;
let dir: string;

beforeAll(async () => {
  t = await startTestServer({ faults: true, tokenTtlMs: 365 * 24 * 3600_000 });
});
afterAll(async () => closeServer(t));
afterEach(async () => {
  t.server.faults.clear();
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(now: string): Promise<void> {
  dir = mkdtempSync(join(tmpdir(), 'huzhu-pay-sync-'));
  t.clock.set(now);
  core = await createCore({ dataDir: dir, serverUrl: t.url, now: () => new Date(now), operator: '缴费测试经办人' });
}

function call<K extends OpName>(op: K, input: In<K>): Promise<Out<K>> {
  return callCore(core, op, input);
}

/** Runs the sync engine until `ok` holds. */
function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  return syncUntil(core, what, read, ok);
}

async function serverIdOf(token: string, clientBatchId: string): Promise<string> {
  return (await http(t.url, ROUTES.batch, { token, params: { batchId: clientBatchId } })).body.serverBatchId;
}

/** A batch submitted through the API, approved by staff on the server, 待缴费 locally after a pull. */
async function approvedBatch(token: string, unitId: string, schemeId: string, enrollmentType: 'central' | 'new', plan: string, seq: number, extra: Record<string, unknown> = {}) {
  const batch = await call('batches.create', { unitId, schemeId, enrollmentType, title: `缴费批次 ${seq}`, ...extra });
  await call('batches.update', { batchId: batch.id, selection: [{ planCode: plan, shares: 1 }], contact: { name: '张经办', phone: '13800000001' } });
  const shanghai = schemeId === 'shanghai-2020';
  await call('roster.addRow', { batchId: batch.id, row: { name: '王小明', documentType: shanghai ? '身份证' : '居民身份证', documentNumber: residentId('1985-06-15', seq), ...(shanghai ? { socialSecurity: '是' } : {}) } });
  expect((await call('roster.recheck', { batchId: batch.id })).state).toBe('checkPassed');
  await call('batches.transition', { batchId: batch.id, event: 'confirmPremium' });
  await call('batches.transition', { batchId: batch.id, event: 'submit' });
  await until('under review', () => call('batches.get', { batchId: batch.id }), (b) => b.state === 'underReview');
  const serverId = await serverIdOf(token, batch.id);
  expect((await adminCall(t.url, ROUTES.adminApprove, { batchId: serverId })).status).toBe(200);
  const local = await until('awaiting payment', () => call('batches.get', { batchId: batch.id }), (b) => b.state === 'awaitingPayment');
  return { id: batch.id, serverId, payableFen: local.payableFen ?? 0 };
}

async function loggedIn(name: string) {
  const account = await registerUnit(t.url, name);
  const auth = await call('auth.login', { account: account.phone, password: account.password });
  return { token: account.token, unitId: auth.unitId! };
}

describe('one payment for several batches, through sync', () => {
  it('reaches the server once as ONE payment, is confirmed per batch, and invoices come back numbered', async () => {
    await start('2020-04-15T02:00:00.000Z');
    const { token, unitId } = await loggedIn('合并缴费同步单位');
    const a = await approvedBatch(token, unitId, 'shanghai-2020', 'central', 'A0', 201);
    const b = await approvedBatch(token, unitId, 'shanghai-2020', 'central', 'B0', 203);

    // The first answer is lost after the server committed: the retry must not pay twice.
    t.server.faults.dropAfterCommit({ route: ROUTES.recordPayment });
    const refund = { accountName: '合并缴费同步单位', accountNumber: '6222021001115224', bank: '工商银行', amountFen: 500 };
    const payment = await call('payments.record', {
      batchIds: [a.id, b.id],
      payer: '合并缴费同步单位',
      amountFen: a.payableFen + b.payableFen + 500,
      method: '转账',
      accountType: '在职',
      proof: { name: '合并底单.png', base64: PNG_BYTES.toString('base64') },
      refund,
    });
    await until('sent', () => call('sync.status', {}), (s) => s.pending === 0 && s.sending === null);
    const onServer = (await http(t.url, ROUTES.batch, { token, params: { batchId: b.id } })).body;
    expect(onServer).toMatchObject({ state: 'paymentProofUploaded', payment: { amountFen: payment.amountFen, allocatedFen: b.payableFen, refund: { amountFen: 500 } } });
    expect(onServer.payment.allocations.map((x: { batchId: string }) => x.batchId)).toEqual([a.id, b.id]);
    const onA = (await http(t.url, ROUTES.batch, { token, params: { batchId: a.id } })).body;
    expect(onA.payment.paymentId).toBe(onServer.payment.paymentId);
    expect(onA.history.filter((h: { event: string }) => h.event === 'uploadPaymentProof')).toHaveLength(1);

    // Staff confirm each batch's share (the admin flow as before); the client learns it.
    for (const x of [a, b]) expect((await adminCall(t.url, ROUTES.adminConfirmPayment, { batchId: x.serverId })).body.payment.confirmedFen).toBe(x.payableFen);
    await until('confirmed locally', () => call('payments.forBatch', { batchId: b.id }), (p) => p?.confirmed !== undefined);
    expect(await call('payments.forBatch', { batchId: b.id })).toMatchObject({ paymentId: payment.paymentId, confirmed: { amountFen: b.payableFen } });
    expect((await call('batches.get', { batchId: a.id })).state).toBe('paymentConfirmed');

    // Invoices: requested, issued by staff, numbers shown after a pull.
    await call('invoices.request', { batchId: a.id, invoices: [{ title: '合并缴费同步单位', amountFen: a.payableFen }] });
    await until('invoice sent', () => call('invoices.list', { batchId: a.id }), (v) => v.requests[0]?.status === 'sent');
    expect((await adminCall(t.url, ROUTES.adminIssueInvoices, { batchId: a.serverId })).status).toBe(200);
    const issued = await until('invoice numbers', () => call('invoices.list', { batchId: a.id }), (v) => v.issued.length === 1);
    expect(issued.issued[0]).toMatchObject({ amountFen: a.payableFen, title: '合并缴费同步单位' });
    expect(issued.issued[0]!.invoiceNumber).toMatch(/^FP2020\d{8}$/);
    // The number names the request line it answers, so the request shows as 已开票.
    expect(issued.issued[0]!.ref).toBeDefined();
    expect(issued.issued[0]!.ref).toBe(issued.requests[0]!.invoices[0]!.ref);
  }, 60_000);
});

describe('a payment the association refuses for its content', () => {
  it('hands every batch of the transfer back to 待缴费 with the reason, and a corrected payment goes through', async () => {
    await start('2020-04-15T02:00:00.000Z');
    const { token, unitId } = await loggedIn('被退回缴费单位');
    const a = await approvedBatch(token, unitId, 'shanghai-2020', 'central', 'A0', 221);
    const b = await approvedBatch(token, unitId, 'shanghai-2020', 'central', 'C0', 223);
    // This machine's figure for batch B is 1 yuan short of the association's: the transfer is too little there.
    core.store.db.prepare('UPDATE batches SET payable_fen = payable_fen - 100 WHERE id = ?').run(b.id);
    const short = a.payableFen + b.payableFen - 100;
    await call('payments.record', { batchIds: [a.id, b.id], payer: '被退回缴费单位', amountFen: short, proof: { name: '底单.png', base64: PNG_BYTES.toString('base64') } });
    for (const x of [a, b]) {
      const back = await until('handed back', () => call('batches.get', { batchId: x.id }), (d) => d.state === 'awaitingPayment');
      expect(back.syncError?.code).toBe('paymentTooLow');
      expect(back.history.at(-1)).toMatchObject({ event: 'rejectPaymentProof', reason: expect.stringContaining('少于') });
    }
    expect((await http(t.url, ROUTES.batch, { token, params: { batchId: a.id } })).body).toMatchObject({ state: 'awaitingPayment', payment: null });

    core.store.db.prepare('UPDATE batches SET payable_fen = payable_fen + 100 WHERE id = ?').run(b.id);
    await call('payments.record', { batchIds: [a.id, b.id], payer: '被退回缴费单位', amountFen: short + 100, proof: { name: '底单.png', base64: PNG_BYTES.toString('base64') } });
    await until('accepted', () => http(t.url, ROUTES.batch, { token, params: { batchId: b.id } }), (r) => r.body.state === 'paymentProofUploaded');
    // The refusal is settled on both batches, not only on the one whose lane carried the action.
    for (const x of [a, b]) await until('error settled', () => call('batches.get', { batchId: x.id }), (d) => d.syncError === undefined && d.state === 'paymentProofUploaded');
  }, 60_000);
});

describe('提前开票 through sync (Shenzhen)', () => {
  it('sends the signed commitment with the invoice request; the server keeps it with the request', async () => {
    await start('2025-01-10T02:00:00.000Z');
    const { token, unitId } = await loggedIn('深圳提前开票单位');
    const batch = await approvedBatch(token, unitId, 'shenzhen', 'new', 'ZY', 211, { requestedStart: '2025-02-01' });
    const pdf = Buffer.from('%PDF-1.4\n%\xe2\xe3\n', 'latin1');
    await call('invoices.request', {
      batchId: batch.id,
      invoices: [{ title: '深圳提前开票单位', amountFen: batch.payableFen, email: 'caiwu@example.com' }],
      earlyCommitment: { name: '提前开票承诺书（已盖章）.pdf', base64: pdf.toString('base64') },
    });
    await until('invoice sent', () => call('invoices.list', { batchId: batch.id }), (v) => v.requests[0]?.status === 'sent');
    const onServer = (await http(t.url, ROUTES.batch, { token, params: { batchId: batch.id } })).body;
    expect(onServer.state).toBe('awaitingPayment');
    expect(onServer.invoices).toMatchObject([{ amountFen: batch.payableFen, status: 'requested', earlyCommitmentName: '提前开票承诺书（已盖章）.pdf' }]);
  }, 60_000);
});
