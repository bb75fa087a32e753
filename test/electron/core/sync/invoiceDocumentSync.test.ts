/**
 * The e-invoice document (电子发票) from the application API to the reference server over
 * real HTTP: staff attach it when issuing, the change feed says it exists, `invoices.document`
 * fetches it with the unit's login, with Chinese errors when it cannot.
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

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

beforeAll(async () => {
  t = await startTestServer({ faults: true, tokenTtlMs: 365 * 24 * 3600_000 });
});
afterAll(async () => closeServer(t));
afterEach(async () => {
  t.server.faults.clear();
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

function call<K extends OpName>(op: K, input: In<K>): Promise<Out<K>> {
  return callCore(core, op, input);
}

async function failure<K extends OpName>(op: K, input: In<K>): Promise<{ code: string; message: string }> {
  const r = await core.dispatcher.dispatch(op, input);
  if (r.ok) throw new Error(`${op} succeeded`);
  return r.error;
}

function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  return syncUntil(core, what, read, ok);
}

describe('invoices.document', () => {
  it('fetches the attached e-invoice, says which invoices have none, and explains offline and logged-out', async () => {
    const now = '2020-04-15T02:00:00.000Z';
    dir = mkdtempSync(join(tmpdir(), 'huzhu-invoice-doc-'));
    t.clock.set(now);
    core = await createCore({ dataDir: dir, serverUrl: t.url, now: () => new Date(now), operator: '发票经办人' });
    const account = await registerUnit(t.url, '电子发票单位');
    const unitId = (await call('auth.login', { account: account.phone, password: account.password })).unitId!;

    const batch = await call('batches.create', { unitId, schemeId: 'shanghai-2020', enrollmentType: 'central', title: '发票批次' });
    await call('batches.update', { batchId: batch.id, selection: [{ planCode: 'A0', shares: 1 }], contact: { name: '张经办', phone: '13800000001' } });
    await call('roster.addRow', { batchId: batch.id, row: { name: '王小明', documentType: '身份证', documentNumber: residentId('1985-06-15', 301), socialSecurity: '是' } });
    expect((await call('roster.recheck', { batchId: batch.id })).state).toBe('checkPassed');
    await call('batches.transition', { batchId: batch.id, event: 'confirmPremium' });
    await call('batches.transition', { batchId: batch.id, event: 'submit' });
    await until('under review', () => call('batches.get', { batchId: batch.id }), (b) => b.state === 'underReview');
    const serverId = (await http(t.url, ROUTES.batch, { token: account.token, params: { batchId: batch.id } })).body.serverBatchId as string;
    await adminCall(t.url, ROUTES.adminApprove, { batchId: serverId });
    const local = await until('awaiting payment', () => call('batches.get', { batchId: batch.id }), (b) => b.state === 'awaitingPayment');
    const payable = local.payableFen ?? 0;
    await call('payments.record', { batchIds: [batch.id], payer: '电子发票单位', amountFen: payable, proof: { name: '底单.png', base64: PNG_BYTES.toString('base64') } });
    await until('sent', () => call('sync.status', {}), (s) => s.pending === 0 && s.sending === null);
    await adminCall(t.url, ROUTES.adminConfirmPayment, { batchId: serverId });
    await until('confirmed', () => call('batches.get', { batchId: batch.id }), (b) => b.state === 'paymentConfirmed');

    const half = Math.floor(payable / 2);
    await call('invoices.request', { batchId: batch.id, invoices: [{ title: '电子发票单位', amountFen: half }, { title: '上级工会', amountFen: payable - half }] });
    await until('invoice sent', () => call('invoices.list', { batchId: batch.id }), (v) => v.requests[0]?.status === 'sent');
    const ids = (await http(t.url, ROUTES.batch, { token: account.token, params: { batchId: batch.id } })).body.invoices.map((i: { invoiceId: string }) => i.invoiceId) as string[];
    const issuedRes = await adminCall(t.url, ROUTES.adminIssueInvoices, { batchId: serverId }, {
      invoices: [
        { invoiceId: ids[0], invoiceNumber: 'FP-E-0001', document: { name: '电子发票.pdf', base64: PDF.toString('base64') } },
        { invoiceId: ids[1], invoiceNumber: 'FP-E-0002' },
      ],
    });
    expect(issuedRes.status).toBe(200);
    const view = await until('issued', () => call('invoices.list', { batchId: batch.id }), (v) => v.issued.length === 2);
    const [withDoc, withoutDoc] = [view.issued.find((i) => i.invoiceNumber === 'FP-E-0001')!, view.issued.find((i) => i.invoiceNumber === 'FP-E-0002')!];
    expect(withDoc).toMatchObject({ invoiceId: ids[0], document: { name: '电子发票.pdf', bytes: PDF.length, type: 'application/pdf' } });
    expect(withoutDoc.document).toBeUndefined();

    const file = await call('invoices.document', { batchId: batch.id, invoiceId: withDoc.invoiceId! });
    expect(file).toMatchObject({ fileName: '电子发票.pdf', mimeType: 'application/pdf' });
    expect(Buffer.from(file.base64, 'base64').equals(PDF)).toBe(true);

    expect(await failure('invoices.document', { batchId: batch.id, invoiceId: withoutDoc.invoiceId! })).toMatchObject({ code: 'NO_DOCUMENT', message: '互助会没有上传发票 FP-E-0002 的电子文件' });
    expect((await failure('invoices.document', { batchId: batch.id, invoiceId: 'not-issued' })).code).toBe('NOT_FOUND');

    t.server.faults.dropAfterCommit({ route: ROUTES.invoiceDocument });
    const offline = await failure('invoices.document', { batchId: batch.id, invoiceId: withDoc.invoiceId! });
    expect(offline.code).toBe('OFFLINE');
    expect(offline.message).toContain('联网后再下载电子发票');

    await call('auth.logout', {});
    expect(await failure('invoices.document', { batchId: batch.id, invoiceId: withDoc.invoiceId! })).toMatchObject({ code: 'LOGIN_REQUIRED' });
  }, 60_000);
});
