/**
 * After the association approved a Shanghai batch (待缴费), through the real UI: the voucher
 * refused by its content, an overpayment that needs refund details of exactly the difference,
 * the upload queued; then two invoices that must stay within 剩余开票金额, queued; and the
 * confirmation refused in 文书打印 until the association gives a policy number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { formatYuan } from '../../shared/domain/money';
import { startAppHost, type AppHost } from './support/appHost';
import { launchBrowser, newAppPage, screenshot } from './support/browser';
import { eventually } from './support/eventually';
import { buildRenderer } from './support/rendererBuild';
import { residentId } from './support/rosterFiles';

const NOW = '2020-04-20T02:00:00Z';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

let app: AppHost;
let browser: Browser;
let page: Page;
const problems: string[] = [];

/** A unit and a Shanghai central batch of three, submitted and approved by the association. */
async function approvedBatch(): Promise<{ batchId: string; payableFen: number }> {
  const unit = await app.call('units.save', {
    unit: { name: '上海缴费示例有限公司', uscc: '91310000MA1FL4XQ3B', socialSecurityCodes: ['S100'], handler: { name: '李经办', phone: '13800000001' } },
  });
  const batch = await app.call('batches.create', { unitId: unit.id, schemeId: 'shanghai-2020', enrollmentType: 'central', title: '2020 集中参保' });
  await app.call('batches.update', { batchId: batch.id, selection: ['A0', 'B0', 'C0'].map((planCode) => ({ planCode, shares: 1 })) });
  for (const [i, name] of ['张一', '王二', '赵三'].entries()) {
    await app.call('roster.addRow', { batchId: batch.id, row: { name, documentType: '身份证', documentNumber: residentId('1985-06-15', 101 + 2 * i), socialSecurity: '是' } });
  }
  const check = await app.call('roster.recheck', { batchId: batch.id });
  expect(check.state).toBe('checkPassed');
  await app.call('batches.transition', { batchId: batch.id, event: 'confirmPremium' });
  await app.call('batches.transition', { batchId: batch.id, event: 'submit' });
  for (const event of ['acknowledge', 'approve'] as const) {
    const outcome = app.core.store.batches.applyTransition(batch.id, event, { at: NOW, actor: { kind: 'server' } });
    expect(outcome.ok).toBe(true);
  }
  const detail = await app.call('batches.get', { batchId: batch.id });
  expect(detail.state).toBe('awaitingPayment');
  return { batchId: batch.id, payableFen: detail.payableFen ?? 0 };
}

beforeAll(async () => {
  const staticRoot = await buildRenderer();
  app = await startAppHost({ now: NOW, staticRoot });
  browser = await launchBrowser();
  page = await newAppPage(browser);
  page.on('pageerror', (e) => problems.push(e.message));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close({ removeData: true });
});

describe('paying for an approved batch and asking for invoices', () => {
  it('uploads the voucher with a refund, requests invoices and waits for the policy number', async () => {
    const { batchId, payableFen } = await approvedBatch();
    expect(payableFen).toBeGreaterThan(0);
    await page.goto(app.openUrl);
    await page.getByRole('button', { name: /^批次/ }).click();
    await page.locator(`[data-batch-id="${batchId}"]`).getByText('2020 集中参保').click();
    await page.locator('[data-step="payment"]').click();

    // 缴费: the payable shown; a renamed text file refused by its content before any upload.
    const form = page.getByTestId('payment-form');
    await expect(page.getByTestId('payment-payable').textContent()).resolves.toBe(`${formatYuan(payableFen, { grouped: true })} 元`);
    await page.getByTestId('voucher-file').setInputFiles({ name: '底单.png', mimeType: 'image/png', buffer: Buffer.from('not really a picture') });
    await eventually(() => page.getByTestId('voucher-problem').textContent()).toContain('JPG');
    await expect(page.getByTestId('upload-proof').isDisabled()).resolves.toBe(true);
    await page.getByTestId('voucher-file').setInputFiles({ name: '底单.png', mimeType: 'image/png', buffer: PNG });
    await eventually(() => page.getByTestId('voucher-ok').textContent()).toContain('PNG');

    // Too little is refused as typed; 100 yuan more needs the refund account, the refund computed.
    await form.locator('input[name="amount"]').fill(formatYuan(payableFen - 100));
    await eventually(() => page.getByTestId('amount-problem').textContent()).toContain('少于');
    await form.locator('input[name="amount"]').fill(formatYuan(payableFen + 10_000));
    await eventually(() => page.getByTestId('refund-amount').textContent()).toBe('100.00 元');
    await expect(page.getByTestId('refund-fields').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('upload-proof').isDisabled()).resolves.toBe(true);
    await form.locator('input[name="refundAccountName"]').fill('上海缴费示例有限公司');
    await form.locator('input[name="refundAccountNumber"]').fill('12345');
    await form.locator('input[name="refundBank"]').fill('工商银行上海分行');
    // The core names the refused field; the message shows beside it.
    await page.getByTestId('upload-proof').click();
    await eventually(() => page.getByTestId('error-refund.accountNumber').textContent()).toContain('银行账号');
    await form.locator('input[name="refundAccountNumber"]').fill('6222020200112233445');
    await screenshot(page, 'payment-form');
    await page.getByTestId('upload-proof').click();
    await eventually(() => page.getByTestId('payment-done').textContent()).toContain('缴费凭证已上传');
    const paid = await app.call('batches.get', { batchId });
    expect(paid.state).toBe('paymentProofUploaded');
    // One transfer (recordPayment) carries the voucher and the refund of exactly the difference.
    const upload = app.core.store.outbox.listForBatch(batchId).find((a) => a.kind === 'recordPayment');
    expect((upload!.payload as { body: { batchIds: string[]; refund?: { amountFen: number } } }).body).toMatchObject({ batchIds: [batchId], refund: { amountFen: 10_000 } });
    await expect(page.getByTestId('payment-record').textContent()).resolves.toContain('底单.png');

    // 开票: two invoices; asking for more than is left is refused as typed, 剩余开票金额 follows.
    const invoices = page.getByTestId('invoice-form');
    await expect(page.getByTestId('invoice-remaining').textContent()).resolves.toBe('0.00 元');
    await invoices.locator('input[name="amount"]').first().fill(formatYuan(payableFen - 5_000));
    await page.getByTestId('add-invoice-line').click();
    await eventually(() => page.getByTestId('invoice-line').count()).toBe(2);
    await invoices.locator('input[name="amount"]').nth(1).fill('60');
    await eventually(() => page.getByTestId('invoice-problem').textContent()).toContain('超过尚可开票金额');
    await expect(page.getByTestId('invoice-remaining').textContent()).resolves.toBe('-10.00 元');
    await expect(page.getByTestId('request-invoices').isDisabled()).resolves.toBe(true);
    await invoices.locator('input[name="amount"]').nth(1).fill('50');
    await invoices.locator('input[name="title"]').nth(1).fill('上海缴费示例有限公司工会');
    await eventually(() => page.getByTestId('invoice-remaining').textContent()).toBe('0.00 元');
    await page.getByTestId('request-invoices').click();
    await eventually(() => page.getByTestId('invoice-requests').locator('tbody tr').count()).toBe(2);
    await expect(page.getByTestId('invoices-complete').isVisible()).resolves.toBe(true);
    await screenshot(page, 'payment-invoices');
    const requested = app.core.store.outbox.listForBatch(batchId).filter((a) => a.kind === 'requestInvoices');
    expect(requested.map((a) => (a.payload as { invoices: { amountFen: number }[] }).invoices.map((i) => i.amountFen))).toEqual([[payableFen - 5_000, 5_000]]);

    // 文书打印: the confirmation waits for the association (待生效 with its number and cover): only a preview until then.
    await page.locator('[data-step="documents"]').click();
    await eventually(() => page.locator('[data-doc-reason="confirmation"]').textContent()).toContain('待生效');
    await expect(page.locator('[data-doc-print="confirmation"]').isDisabled()).resolves.toBe(true);

    // The association sends the voucher back: the form is there again, with its reason.
    const back = app.core.store.batches.applyTransition(batchId, 'rejectPaymentProof', { at: '2020-04-21T02:00:00.000Z', actor: { kind: 'server' }, reason: '凭证金额与到账金额不符' });
    expect(back.ok).toBe(true);
    await page.getByRole('button', { name: /^批次/ }).click();
    await page.locator(`[data-batch-id="${batchId}"]`).getByText('2020 集中参保').click();
    await page.locator('[data-step="payment"]').click();
    await eventually(() => page.getByTestId('proof-rejected').textContent()).toContain('凭证金额与到账金额不符');
    await expect(page.getByTestId('payment-form').isVisible()).resolves.toBe(true);
    // The invoice requests are the core's, not this window's: listed again on reopening, 待发送 while no server takes them.
    await eventually(() => page.getByTestId('invoice-request-status').allTextContents()).toEqual(['待发送', '待发送']);
    expect(problems).toEqual([]);
  }, 120_000);
});
