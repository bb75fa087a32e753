/**
 * Payment → invoice → confirmation, through the real UI against the real association server:
 * two approved Shanghai batches chosen together on the batches list (a draft beside them
 * cannot be chosen, with the reason) and paid with ONE transfer (合并缴费, one voucher, 50
 * yuan over, so refund details), the server holding one payment with each batch's share; the
 * staff confirm it; invoices requested in the UI while logged out (待发送), sent after the
 * login (已申请), issued by the staff and shown 已开票 with their numbers after sync; the
 * staff set the effective date; the confirmation printed from the UI carries the policy
 * number, the unit and the persons (pdftotext).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { formatYuan } from '../../shared/domain/money';
import { ROUTES } from '../../shared/wire';
import { pdfText } from '../electron/core/documents/pdfTools';
import { adminCall, registerUnit } from '../server/serverFixtures';
import { launchBrowser, newAppPage, screenshot } from './support/browser';
import { eventually } from './support/eventually';
import { buildRenderer } from './support/rendererBuild';
import { residentId } from './support/rosterFiles';
import { approveOnServer, serverBatch, startAssociation, startSyncedApp, type Association, type SyncedApp } from './support/syncedApp';
import { printFromUi } from './support/uiFlows';

const NOW = '2020-04-20T10:00:00+08:00';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

let app: SyncedApp;
let association: Association;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  const staticRoot = await buildRenderer();
  association = await startAssociation({ port: 0, now: NOW });
  app = await startSyncedApp({ now: NOW, staticRoot, serverUrl: association.url });
  browser = await launchBrowser();
  page = await newAppPage(browser);
  page.on('pageerror', (e) => problems.push(e.message));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await association?.close();
});

/** Nudges the sync loop until `read` satisfies `ok`. */
async function synced<T>(read: () => Promise<T>, ok: (v: T) => boolean, on: SyncedApp = app): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const v = await read();
    if (ok(v)) return v;
    await on.call('sync.retryNow', {});
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('sync never got there');
}

interface BatchPlan {
  schemeId: 'shanghai-2020' | 'shenzhen';
  enrollmentType: 'central' | 'new';
  title: string;
  plans: string[];
  persons: [string, string][];
  requestedStart?: string;
}

/** A batch drafted and submitted through the API, approved by the staff, 待缴费 on this machine. */
async function approvedBatch(unitId: string, plan: BatchPlan, on: SyncedApp = app, server: Association = association) {
  const { schemeId, enrollmentType, title } = plan;
  const batch = await on.call('batches.create', { unitId, schemeId, enrollmentType, title, ...(plan.requestedStart ? { requestedStart: plan.requestedStart } : {}) });
  await on.call('batches.update', { batchId: batch.id, selection: plan.plans.map((planCode) => ({ planCode, shares: 1 })), contact: { name: '张经办', phone: '13800000001' } });
  const shanghai = schemeId === 'shanghai-2020';
  for (const [name, documentNumber] of plan.persons) {
    await on.call('roster.addRow', { batchId: batch.id, row: { name, documentType: shanghai ? '身份证' : '居民身份证', documentNumber, ...(shanghai ? { socialSecurity: '是' } : {}) } });
  }
  expect((await on.call('roster.recheck', { batchId: batch.id })).state).toBe('checkPassed');
  await on.call('batches.transition', { batchId: batch.id, event: 'confirmPremium' });
  await on.call('batches.transition', { batchId: batch.id, event: 'submit' });
  await synced(() => on.call('batches.get', { batchId: batch.id }), (b) => b.state === 'underReview', on);
  const onServer = (await serverBatch(server.url, batch.id))!;
  await approveOnServer(server.url, onServer.serverBatchId);
  const local = await synced(() => on.call('batches.get', { batchId: batch.id }), (b) => b.state === 'awaitingPayment', on);
  return { id: batch.id, serverId: onServer.serverBatchId, payableFen: local.payableFen ?? 0, title };
}

async function openStep(title: string, batchId: string, step: 'payment' | 'documents', on: Page = page) {
  await on.getByRole('button', { name: /^批次/ }).click();
  await on.locator(`[data-batch-id="${batchId}"]`).getByText(title).click();
  await on.locator(`[data-step="${step}"]`).click();
}

describe('payment → invoice → confirmation with the real association server', () => {
  it('pays two batches with one voucher, gets invoice numbers back and prints the confirmation', async () => {
    const unit = await app.call('units.save', { unit: { name: '示例单位A', uscc: '91310000MA1FL00A1B', socialSecurityCodes: ['S100'], handler: { name: '张经办', phone: '13800000001' } } });
    expect(await app.call('auth.login', { account: '13800000001', password: 'demo1234' })).toMatchObject({ loggedIn: true, unitId: unit.id });
    const central = { schemeId: 'shanghai-2020', enrollmentType: 'central' } as const;
    const a = await approvedBatch(unit.id, { ...central, title: '2020 集中参保（一部）', plans: ['A0', 'B0', 'C0'], persons: [['钱一', residentId('1986-07-16', 301)], ['孙二', residentId('1991-03-28', 302)]] });
    const b = await approvedBatch(unit.id, { ...central, title: '2020 集中参保（二部）', plans: ['A0'], persons: [['周三', residentId('1983-11-11', 303)]] });
    const total = a.payableFen + b.payableFen;
    const draft = await app.call('batches.create', { unitId: unit.id, ...central, title: '2020 集中参保（草稿）' });

    // 批次: 合并缴费 chooses A and B on the list; the draft cannot join them, and says why.
    await page.goto(app.openUrl);
    await page.getByRole('button', { name: /^批次/ }).click();
    await page.getByTestId('pay-together').click();
    const row = (id: string) => page.locator(`[data-batch-id="${id}"]`);
    await expect(row(draft.id).getByTestId('pay-pick').isDisabled()).resolves.toBe(true);
    await expect(row(draft.id).getByTestId('pay-blocked').textContent()).resolves.toContain('不是“待缴费”状态');
    await expect(page.getByTestId('pay-together-go').isDisabled()).resolves.toBe(true);
    await row(a.id).getByTestId('pay-pick').check();
    await row(b.id).getByTestId('pay-pick').check();
    await eventually(() => page.getByTestId('pay-together-total').textContent()).toBe(`已选 2 个批次，应缴保费合计 ${formatYuan(total, { grouped: true })} 元`);
    await screenshot(page, 'pay-inv-00-choose-on-list');
    await page.getByTestId('pay-together-go').click();

    // 缴费: batch A's form opens with B ticked and the total payable; untick and tick again, the total follows.
    const form = page.getByTestId('payment-form');
    const choiceB = page.getByTestId('payment-batch-choice').filter({ hasText: b.title }).locator('input[type="checkbox"]');
    await eventually(() => choiceB.isChecked()).toBe(true);
    await expect(page.getByTestId('payment-payable').textContent()).resolves.toBe(`${formatYuan(total, { grouped: true })} 元`);
    await expect(form.locator('input[name="amount"]').inputValue()).resolves.toBe(formatYuan(total));
    // Shanghai's scheme offers no early invoicing: no commitment to upload.
    await page.getByTestId('invoice-form').waitFor();
    await expect(page.getByTestId('early-invoice').count()).resolves.toBe(0);
    await choiceB.uncheck();
    await eventually(() => page.getByTestId('payment-payable').textContent()).toBe(`${formatYuan(a.payableFen, { grouped: true })} 元`);
    await choiceB.check();
    await eventually(() => page.getByTestId('payment-payable').textContent()).toBe(`${formatYuan(total, { grouped: true })} 元`);
    await eventually(() => form.locator('input[name="amount"]').inputValue()).toBe(formatYuan(total));
    await page.getByTestId('voucher-file').setInputFiles({ name: '合并底单.png', mimeType: 'image/png', buffer: PNG });
    await eventually(() => page.getByTestId('voucher-ok').textContent()).toContain('PNG');
    await form.locator('input[name="accountType"]').fill('在职');
    await form.locator('input[name="amount"]').fill(formatYuan(total + 5_000));
    await eventually(() => page.getByTestId('refund-amount').textContent()).toBe('50.00 元');
    await expect(page.getByTestId('upload-proof').isDisabled()).resolves.toBe(true);
    await form.locator('input[name="refundAccountName"]').fill('示例单位A');
    await form.locator('input[name="refundAccountNumber"]').fill('6222020200112233445');
    await form.locator('input[name="refundBank"]').fill('工商银行上海分行');
    await form.locator('input[name="refundAccountType"]').fill('对公');
    await screenshot(page, 'pay-inv-01-two-batches');
    await page.getByTestId('upload-proof').click();

    // The batch shows its payment record: the voucher, both shares, the refund.
    const record = page.getByTestId('payment-record');
    await eventually(() => record.textContent()).toContain('合并底单.png');
    const shares = page.getByTestId('payment-record-shares');
    await expect(shares.textContent()).resolves.toContain(b.title);
    await expect(shares.textContent()).resolves.toContain(formatYuan(b.payableFen, { grouped: true }));
    await expect(page.getByTestId('payment-record-refund').textContent()).resolves.toContain('50.00 元');

    // The server holds ONE payment with each batch's share.
    await synced(() => app.call('sync.status', {}), (s) => s.pending === 0 && s.sending === null);
    const views = await Promise.all([a, b].map(async (x) => (await adminCall(association.url, ROUTES.adminBatch, { batchId: x.serverId })).body));
    expect(views.map((v) => v.state)).toEqual(['paymentProofUploaded', 'paymentProofUploaded']);
    expect(views[0].payment.paymentId).toBe(views[1].payment.paymentId);
    expect(views.map((v) => v.payment.allocatedFen)).toEqual([a.payableFen, b.payableFen]);
    expect(views[0].payment).toMatchObject({ amountFen: total + 5_000, proofName: '合并底单.png', accountType: '在职', refund: { amountFen: 5_000 } });

    // The staff confirm the payment of each batch; the record says so after sync.
    for (const x of [a, b]) expect((await adminCall(association.url, ROUTES.adminConfirmPayment, { batchId: x.serverId }, { staff: '财务甲' })).status).toBe(200);
    await synced(() => app.call('batches.get', { batchId: a.id }), (d) => d.state === 'paymentConfirmed');
    await openStep(a.title, a.id, 'payment');
    await eventually(() => page.getByTestId('payment-record-confirmed').textContent(), 20_000).toContain(`已确认到账 ${formatYuan(a.payableFen, { grouped: true })} 元`);

    // 开票 in the UI while logged out: the request waits in the outbox (待发送), goes after the
    // login (已申请); the staff issue it; the number comes back with the feed (已开票).
    await app.call('auth.logout', {});
    const invoices = page.getByTestId('invoice-form');
    await invoices.locator('input[name="title"]').first().fill('示例单位A工会');
    await page.getByTestId('request-invoices').click();
    await eventually(() => page.getByTestId('invoices-complete').isVisible()).toBe(true);
    const requestRow = page.getByTestId('invoice-request');
    await eventually(() => requestRow.getAttribute('data-status')).toBe('pending');
    await expect(requestRow.getByTestId('invoice-request-status').textContent()).resolves.toBe('待发送');
    await expect(requestRow.textContent()).resolves.toContain('示例单位A工会');
    await expect(requestRow.getByTestId('invoice-request-early').count()).resolves.toBe(0);
    await screenshot(page, 'pay-inv-01b-invoice-pending');
    await app.call('auth.login', { account: '13800000001', password: 'demo1234' });
    await synced(() => app.call('invoices.list', { batchId: a.id }), (v) => v.requests[0]?.status === 'sent');
    await eventually(() => requestRow.getByTestId('invoice-request-status').textContent(), 20_000).toBe('已申请');
    // The staff attach the e-invoice (电子发票) when issuing; the unit downloads it from the table.
    const invoiceId = (await adminCall(association.url, ROUTES.adminBatch, { batchId: a.serverId })).body.invoices[0].invoiceId as string;
    const eInvoice = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const issued = await adminCall(association.url, ROUTES.adminIssueInvoices, { batchId: a.serverId }, {
      staff: '财务甲',
      invoices: [{ invoiceId, invoiceNumber: 'FP202000000042', document: { name: '电子发票-FP202000000042.pdf', base64: eInvoice.toString('base64') } }],
    });
    expect(issued.status).toBe(200);
    const number = issued.body.invoices[0].invoiceNumber as string;
    expect(number).toMatch(/^FP2020\d{8}$/);
    await synced(() => app.call('invoices.list', { batchId: a.id }), (v) => v.issued.length === 1);
    await eventually(() => page.getByTestId('issued-invoices').textContent(), 20_000).toContain(number);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('invoice-document-download').click()]);
    expect(download.suggestedFilename()).toBe('电子发票-FP202000000042.pdf');
    expect(readFileSync(await download.path()).equals(eInvoice)).toBe(true);
    await expect(page.getByTestId('issued-invoices').textContent()).resolves.toContain('示例单位A工会');
    await eventually(() => requestRow.getByTestId('invoice-request-status').textContent(), 20_000).toBe('已开票');
    await expect(requestRow.textContent()).resolves.toContain(number);
    await expect(page.getByTestId('invoice-request').count()).resolves.toBe(1);
    await screenshot(page, 'pay-inv-02-invoice-number');

    // The staff set the effective date: the policy number reaches the batch; the confirmation prints.
    const effect = await adminCall(association.url, ROUTES.adminSetEffect, { batchId: a.serverId }, { staff: '审核员甲' });
    expect(effect.status).toBe(200);
    const policyNumber = effect.body.policyNumber as string;
    await synced(() => app.call('batches.get', { batchId: a.id }), (d) => d.state === 'awaitingEffect' && d.policyNumber === policyNumber);
    await openStep(a.title, a.id, 'documents');
    const text = pdfText(await printFromUi(page, 'confirmation'));
    expect(text).toContain(policyNumber);
    expect(text).toContain('示例单位A');
    for (const name of ['钱一', '孙二']) expect(text).toContain(name);
    expect(text).not.toContain('周三');
    const log = await app.call('documents.printLog', { batchId: a.id });
    expect(log.entries.filter((e) => e.kind === 'confirmation')).toHaveLength(1);
    await screenshot(page, 'pay-inv-03-confirmation');
    expect(problems).toEqual([]);
  }, 180_000);
});

describe('提前开票 with the signed commitment, where the scheme offers it (Shenzhen)', () => {
  const SZ_NOW = '2025-01-10T10:00:00+08:00';
  let szServer: Association;
  let szApp: SyncedApp;
  let szPage: Page;

  beforeAll(async () => {
    szServer = await startAssociation({ port: 0, now: SZ_NOW });
    szApp = await startSyncedApp({ now: SZ_NOW, staticRoot: await buildRenderer(), serverUrl: szServer.url });
    szPage = await newAppPage(browser);
    szPage.on('pageerror', (e) => problems.push(e.message));
  }, 180_000);
  afterAll(async () => {
    await szApp?.close();
    await szServer?.close();
  });

  it('prints the commitment, takes the signed scan by its content and sends it with the invoice request', async () => {
    const account = await registerUnit(szServer.url, '深圳提前开票示例有限公司', '周经办');
    const auth = await szApp.call('auth.login', { account: account.phone, password: account.password });
    const batch = await approvedBatch(
      auth.unitId!,
      { schemeId: 'shenzhen', enrollmentType: 'new', title: '2025 参保申请', plans: ['ZY'], persons: [['吴四', residentId('1987-08-18', 311)]], requestedStart: '2025-02-01' },
      szApp,
      szServer,
    );

    // 文书打印: the commitment to sign and stamp.
    await szPage.goto(szApp.openUrl);
    await openStep(batch.title, batch.id, 'documents', szPage);
    const printed = await printFromUi(szPage, 'earlyInvoiceCommitment');
    expect(pdfText(printed).replace(/\s/g, '')).toContain('提前开票承诺书');

    // 缴费开票: a renamed text file is refused by its content; the scan (a PDF) is taken.
    await szPage.locator('[data-step="payment"]').click();
    const early = szPage.getByTestId('early-invoice');
    await early.waitFor();
    await szPage.getByTestId('early-commitment-file').setInputFiles({ name: '承诺书.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a scan at all') });
    await eventually(() => szPage.getByTestId('early-commitment-problem').textContent()).toContain('PDF');
    await szPage.getByTestId('early-commitment-file').setInputFiles({ name: '提前开票承诺书（已盖章）.pdf', mimeType: 'application/pdf', buffer: Buffer.from(printed) });
    await eventually(() => szPage.getByTestId('early-commitment-ok').textContent()).toContain('提前开票承诺书（已盖章）.pdf');
    await szPage.getByTestId('invoice-form').locator('input[name="email"]').first().fill('caiwu@example.com');
    await szPage.getByTestId('request-invoices').click();
    await eventually(() => szPage.getByTestId('invoices-complete').isVisible()).toBe(true);
    // The request is listed as 提前开票, with the commitment's name, until and after it is sent.
    const earlyRow = szPage.getByTestId('invoice-request');
    await eventually(() => earlyRow.getByTestId('invoice-request-early').textContent()).toBe('提前开票');
    await expect(earlyRow.getByTestId('invoice-request-early').getAttribute('title')).resolves.toContain('提前开票承诺书（已盖章）.pdf');
    await screenshot(szPage, 'pay-inv-04-early-invoice');

    // The association holds the request with the commitment, before any payment.
    await synced(() => szApp.call('invoices.list', { batchId: batch.id }), (v) => v.requests[0]?.status === 'sent', szApp);
    await eventually(() => earlyRow.getByTestId('invoice-request-status').textContent(), 20_000).toBe('已申请');
    const onServer = (await adminCall(szServer.url, ROUTES.adminBatch, { batchId: batch.serverId })).body;
    expect(onServer.state).toBe('awaitingPayment');
    expect(onServer.invoices).toMatchObject([{ amountFen: batch.payableFen, status: 'requested', earlyCommitmentName: '提前开票承诺书（已盖章）.pdf' }]);
    expect(problems).toEqual([]);
  }, 180_000);
});
