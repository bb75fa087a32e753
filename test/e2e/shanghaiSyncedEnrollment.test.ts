/**
 * A Shanghai central enrollment from an offline draft to the association's approval,
 * through the real UI against the real association server: the batch is drafted and
 * submitted while the server is down (离线, 待发送), the server comes up, the clerk logs in
 * from the sync panel, the submission arrives (待审核), the staff approve it, the UI shows
 * 待缴费 and the payment notice printed from the UI carries the total and the association's
 * bank account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { fenToChineseCapitals, formatYuan } from '../../shared/domain/money';
import { schemeById } from '../../shared/schemes';
import { pdfText } from '../electron/core/documents/pdfTools';
import { launchBrowser, newAppPage, screenshot } from './support/browser';
import { eventually } from './support/eventually';
import { buildRenderer } from './support/rendererBuild';
import { residentId, rosterXlsx, SHANGHAI_HEADERS, withWrongCheckDigit } from './support/rosterFiles';
import { approveOnServer, freePort, serverBatch, startAssociation, startSyncedApp, type Association, type SyncedApp } from './support/syncedApp';
import { loginFromSyncPanel, printFromUi } from './support/uiFlows';

const NOW = '2020-04-20T10:00:00+08:00';
const GOOD_ID = residentId('1992-05-05', 2);
const PEOPLE = [
  ['张一', '身份证', residentId('1985-06-15', 123), '', '', '13800000011', '是'],
  ['王二', '身份证', residentId('1990-02-28', 122), '', '', '', '是'],
  ['赵三', '身份证', residentId('1988-01-01', 1), '', '', '', '否'],
  ['错号', '身份证', withWrongCheckDigit(GOOD_ID), '', '', '', '是'],
  ['缺社保', '身份证', residentId('1991-03-03', 5), '', '', '', ''],
];

let port: number;
let app: SyncedApp;
let association: Association | undefined;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  const staticRoot = await buildRenderer();
  port = await freePort();
  // The core knows the association's address, but nothing listens there yet.
  app = await startSyncedApp({ now: NOW, staticRoot, serverUrl: `http://127.0.0.1:${port}` });
  browser = await launchBrowser();
  page = await newAppPage(browser);
  page.on('pageerror', (e) => problems.push(e.message));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await association?.close();
});

describe('Shanghai central enrollment, offline draft to 待缴费 with the real association server', () => {
  it('drafts and submits offline, syncs after login, and shows the approval', async () => {
    await page.goto(app.openUrl);
    const indicator = page.getByTestId('sync-indicator');
    await eventually(() => indicator.textContent()).toContain('离线');

    // 单位: the same name and handler phone as the association's account 示例单位A.
    await page.getByRole('button', { name: /^单位/ }).click();
    await page.getByRole('button', { name: '新增单位' }).first().click();
    const form = page.getByTestId('unit-form');
    await form.locator('input[name="name"]').fill('示例单位A');
    await form.locator('input[name="uscc"]').fill('91310000MA1FL00A1B');
    await form.locator('input[name="socialSecurityCodes"]').fill('S100');
    await form.locator('input[name="handlerName"]').fill('张经办');
    await form.locator('input[name="handlerPhone"]').fill('13800000001');
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('units-table').getByText('示例单位A').waitFor();
    await page.getByRole('button', { name: '设为当前并查看批次' }).click();
    await eventually(() => page.getByTestId('unit-switcher').textContent()).toContain('示例单位A');

    // 批次 and 保障项目: A0+B0+C0 and A3.
    await page.getByTestId('new-batch').click();
    const newBatch = page.getByTestId('new-batch-form');
    await newBatch.locator('select[name="scheme"]').selectOption('shanghai-2020');
    await newBatch.locator('select[name="enrollmentType"]').selectOption('central');
    await newBatch.getByRole('button', { name: '创建' }).click();
    for (const code of ['A0', 'B0', 'C0', 'A3']) {
      await page.locator(`[data-plan="${code}"]`).click();
      await eventually(() => page.locator(`[data-plan="${code}"]`).isChecked()).toBe(true);
    }
    await page.getByRole('button', { name: '下一步：名单' }).click();

    // 名单: two bad rows, one fixed in the grid, one removed.
    await page.getByTestId('import-file').setInputFiles({
      name: '参保名单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await rosterXlsx(SHANGHAI_HEADERS, PEOPLE),
    });
    await eventually(() => page.getByTestId('import-status').getAttribute('data-phase'), 30_000).toBe('done');
    await eventually(() => page.getByTestId('roster-total').textContent()).toBe('共 5 人');
    const grid = page.getByTestId('roster-grid');
    await eventually(() => grid.locator('[data-verdict="error"]').count()).toBe(2);
    const wrong = grid.locator('[role="row"][data-row-id]', { hasText: '错号' });
    await wrong.locator('[data-field="documentNumber"]').dblclick();
    await page.getByTestId('cell-editor').fill(GOOD_ID);
    await page.getByTestId('cell-editor').press('Enter');
    await eventually(() => wrong.getAttribute('data-verdict')).toBe('ok');
    await grid.locator('[role="row"][data-row-id]', { hasText: '缺社保' }).locator('input[type="checkbox"]').check();
    await page.getByTestId('remove-selected').click();
    await page.getByRole('dialog').getByRole('button', { name: '删除 1 行' }).click();
    await eventually(() => page.getByTestId('roster-total').textContent()).toBe('共 4 人');
    await eventually(() => grid.locator('[data-verdict="error"]').count()).toBe(0);

    // 校验 and 保费: the lines and the total as the core priced them.
    await page.locator('[data-step="check"]').click();
    await eventually(() => page.getByTestId('check-state').textContent(), 30_000).toBe('清册校验通过');
    await page.getByRole('button', { name: '下一步：保费' }).click();
    const lines = page.getByTestId('premium-lines');
    await eventually(() => lines.locator('tbody tr').count()).toBeGreaterThan(1);
    await expect(lines.textContent()).resolves.toContain('A0+B0+C0');
    const batch = (await app.call('batches.list', {}))[0]!;
    const quote = await app.call('pricing.quote', { batchId: batch.id });
    expect(quote.payableFen).toBeGreaterThan(0);
    expect(quote.totalFen).toBe(quote.lines.reduce((sum, l) => sum + l.amountFen, 0));
    for (const line of quote.lines) await expect(lines.textContent()).resolves.toContain(line.explanation);
    const total = `${formatYuan(quote.payableFen, { grouped: true })} 元`;
    await expect(page.getByTestId('payable').textContent()).resolves.toBe(total);
    await screenshot(page, 'sync-sh-01-premium');
    await page.getByTestId('confirm-premium').click();

    // 提交 while offline: queued (待发送), the indicator says offline with one waiting.
    await page.getByTestId('accept-notice').check();
    await page.getByTestId('submit-batch').click();
    await eventually(() => page.getByTestId('submit-queued').textContent()).toContain('待发送');
    await eventually(() => indicator.textContent()).toMatch(/离线.*待发送 1/);
    await screenshot(page, 'sync-sh-02-queued-offline');

    // The association's server comes up; the clerk logs in from the sync panel.
    association = await startAssociation({ port, now: NOW });
    await loginFromSyncPanel(page, '13800000001', 'demo1234', '示例单位A');

    // The submission goes and the change feed brings 待审核 back.
    await eventually(() => indicator.textContent(), 30_000).toBe('在线 · 无待发送');
    await eventually(async () => (await app.call('batches.get', { batchId: batch.id })).state, 30_000).toBe('underReview');
    await screenshot(page, 'sync-sh-03-synced');
    await page.getByRole('button', { name: /^批次/ }).click();
    const row = page.locator(`[data-batch-id="${batch.id}"]`);
    await eventually(() => row.textContent()).toContain('待审核');

    // The staff approve it; "立即重试" pulls the feed, and the list shows 待缴费.
    const onServer = await serverBatch(association.url, batch.id);
    expect(onServer?.state).toBe('underReview');
    expect(onServer?.unitName).toBe('示例单位A');
    await approveOnServer(association.url, onServer!.serverBatchId);
    await indicator.click();
    await page.getByTestId('sync-retry').click();
    await page.getByRole('button', { name: /^批次/ }).click();
    await eventually(() => row.textContent(), 30_000).toContain('待缴费');
    await screenshot(page, 'sync-sh-04-awaiting-payment');

    // 文书打印: the payment notice holds the total and the association's bank account.
    await row.locator("td").nth(2).click();
    await page.locator('[data-step="documents"]').click();
    const text = pdfText(await printFromUi(page, 'paymentNotice'));
    const payment = schemeById('shanghai-2020')!.payment;
    expect(text).toContain(`¥${formatYuan(quote.payableFen, { grouped: true })}`);
    expect(text.replace(/\s/g, '')).toContain(fenToChineseCapitals(quote.payableFen));
    expect(text).toContain(onServer!.serverBatchId);
    expect(text.replace(/\s/g, '')).toContain(payment.accountNumber!);
    expect(text).toContain(payment.bank!);
    await screenshot(page, 'sync-sh-05-documents');
    expect(problems).toEqual([]);
  }, 150_000);
});
