/**
 * A Shanghai central enrollment, offline, through the real UI: the unit, a draft batch,
 * plans (a refused choice explained), a roster imported with bad rows, one fixed in the
 * grid and one removed, the check, the premium line by line, the notice accepted, and the
 * submission queued for sending.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { formatYuan, fenToChineseCapitals } from '../../shared/domain/money';
import { startAppHost, type AppHost } from './support/appHost';
import { launchBrowser, newAppPage, screenshot } from './support/browser';
import { eventually } from './support/eventually';
import { buildRenderer } from './support/rendererBuild';
import { residentId, rosterXlsx, SHANGHAI_HEADERS, withWrongCheckDigit } from './support/rosterFiles';

const GOOD_ID = residentId('1992-05-05', 2);
const PEOPLE = [
  ['张一', '身份证', residentId('1985-06-15', 123), '', '', '13800000011', '是'],
  ['王二', '身份证', residentId('1990-02-28', 122), '', '', '', '是'],
  ['赵三', '身份证', residentId('1988-01-01', 1), '', '', '', '否'],
  ['王豆', '护照', 'H801213602X', '1998-12-09', '男', '', '否'],
  ['错号', '身份证', withWrongCheckDigit(GOOD_ID), '', '', '', '是'],
  ['缺社保', '身份证', residentId('1991-03-03', 5), '', '', '', ''],
];

let app: AppHost;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  const staticRoot = await buildRenderer();
  app = await startAppHost({ now: '2020-04-20T02:00:00Z', staticRoot });
  browser = await launchBrowser();
  page = await newAppPage(browser);
  // The hosts send script-src 'self': an inline script or an uncaught error would show here.
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close({ removeData: true });
});

describe('Shanghai central enrollment in the browser', () => {
  it('goes from a new unit to a queued submission', async () => {
    await page.goto(app.openUrl);
    // The token left the address bar once it was read.
    await eventually(() => page.url()).not.toContain('token');

    // 单位: add the unit and make it current.
    await page.getByRole('button', { name: /^单位/ }).click();
    await page.getByRole('button', { name: '新增单位' }).first().click();
    const form = page.getByTestId('unit-form');
    await form.locator('input[name="name"]').fill('上海示例科技有限公司');
    await form.locator('input[name="uscc"]').fill('91310000MA1FL4XQ3B');
    await form.locator('input[name="socialSecurityCodes"]').fill('S100');
    await form.locator('input[name="handlerName"]').fill('李经办');
    await form.locator('input[name="handlerPhone"]').fill('1380000');
    await form.getByRole('button', { name: '保存' }).click();
    // The API names the field it refuses, in Chinese.
    await eventually(() => form.locator('.callout.error').textContent()).toContain('手机号码');
    await form.locator('input[name="handlerPhone"]').fill('13800000001');
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('units-table').getByText('上海示例科技有限公司').waitFor();
    await screenshot(page, '01-units');
    await page.getByRole('button', { name: '设为当前并查看批次' }).click();
    await eventually(() => page.getByTestId('unit-switcher').textContent()).toContain('上海示例科技有限公司');

    // 批次: draft a central enrollment.
    await page.getByTestId('new-batch').click();
    const newBatch = page.getByTestId('new-batch-form');
    await newBatch.locator('select[name="scheme"]').selectOption('shanghai-2020');
    await newBatch.locator('select[name="enrollmentType"]').selectOption('central');
    await newBatch.getByRole('button', { name: '创建' }).click();

    // 保障项目: A3 alone is refused with the rule named; A0+B0+C0 then A3 are accepted.
    await page.locator('[data-plan="A3"]').click();
    await eventually(() => page.getByTestId('plan-refusal').textContent()).toMatch(/A0、B0、C0/);
    await expect(page.locator('[data-plan="A3"]').isChecked()).resolves.toBe(false);
    for (const code of ['A0', 'B0', 'C0', 'A3']) {
      await page.locator(`[data-plan="${code}"]`).click();
      await eventually(() => page.locator(`[data-plan="${code}"]`).isChecked()).toBe(true);
    }
    await expect(page.getByTestId('plan-refusal').count()).resolves.toBe(0);
    await screenshot(page, '03-plans');
    await page.getByRole('button', { name: '下一步：名单' }).click();

    // 名单: the scheme's template downloads as an xlsx.
    const [template] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-template').click()]);
    expect(template.suggestedFilename()).toMatch(/\.xlsx$/);
    const templateBytes = await readFile((await template.path())!);
    expect(templateBytes.subarray(0, 2).toString('latin1')).toBe('PK');

    // Import the clerk's file with two bad rows.
    await page.getByTestId('import-file').setInputFiles({
      name: '参保名单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await rosterXlsx(SHANGHAI_HEADERS, PEOPLE),
    });
    await eventually(() => page.getByTestId('import-status').getAttribute('data-phase'), 30_000).toBe('done');
    await eventually(() => page.getByTestId('roster-total').textContent()).toBe('共 6 人');
    const grid = page.getByTestId('roster-grid');
    await eventually(() => grid.locator('[data-verdict="error"]').count()).toBe(2);
    await grid.locator('[role="row"][data-row-id]', { hasText: '错号' }).locator('[data-field="name"]').click();
    await eventually(() => page.getByTestId('row-detail').textContent()).toContain('校验位');
    await screenshot(page, '04-roster-grid');
    const [rejected] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出不可参保人员' }).click()]);
    expect(rejected.suggestedFilename()).toContain('不可参保人员');

    // Only the bad rows, then fix the check digit in place: the row is checked again at once.
    await page.getByTestId('severity-filter').selectOption('error');
    await eventually(() => page.getByTestId('roster-total').textContent()).toBe('筛选出 2 人');
    const wrong = grid.locator('[role="row"][data-row-id]', { hasText: '错号' });
    await eventually(() => wrong.textContent()).toContain('校验');
    await wrong.locator('[data-field="documentNumber"]').dblclick();
    await page.getByTestId('cell-editor').fill(GOOD_ID);
    await page.getByTestId('cell-editor').press('Enter');
    await eventually(() => wrong.getAttribute('data-verdict')).toBe('ok');

    // Remove the other bad row, after confirming.
    const missing = grid.locator('[role="row"][data-row-id]', { hasText: '缺社保' });
    await missing.locator('input[type="checkbox"]').check();
    await page.getByTestId('remove-selected').click();
    await page.getByRole('dialog').getByRole('button', { name: '删除 1 行' }).click();
    await page.getByTestId('severity-filter').selectOption('');
    await eventually(() => page.getByTestId('roster-total').textContent()).toBe('共 5 人');

    // 校验: everything passes now.
    await page.locator('[data-step="check"]').click();
    await eventually(() => page.getByTestId('check-state').textContent(), 30_000).toBe('清册校验通过');
    await expect(page.getByTestId('check-errors').textContent()).resolves.toBe('0');
    await screenshot(page, '05-check');

    // 保费: every line with its explanation; total in figures and capitals as the core priced it.
    await page.getByRole('button', { name: '下一步：保费' }).click();
    const lines = page.getByTestId('premium-lines');
    await eventually(() => lines.locator('tbody tr').count()).toBeGreaterThan(1);
    await expect(lines.textContent()).resolves.toContain('A0+B0+C0');
    const batch = (await app.call('batches.list', {}))[0]!;
    const quote = await app.call('pricing.quote', { batchId: batch.id });
    for (const line of quote.lines) await expect(lines.textContent()).resolves.toContain(line.explanation);
    await expect(page.getByTestId('payable').textContent()).resolves.toBe(`${formatYuan(quote.payableFen, { grouped: true })} 元`);
    await expect(page.getByTestId('payable-capitals').textContent()).resolves.toBe(fenToChineseCapitals(quote.payableFen));
    await screenshot(page, '06-premium');
    await page.getByTestId('confirm-premium').click();

    // 提交: the notice must be accepted before the batch can be submitted; then it is queued.
    await expect(page.getByTestId('submit-batch').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('notice-texts').textContent()).resolves.toContain('一个身份证号在一个参保年度只能参保一次');
    await page.getByTestId('accept-notice').check();
    await screenshot(page, '07-submit');
    await page.getByTestId('submit-batch').click();
    await eventually(() => page.getByTestId('submit-queued').textContent()).toContain('待发送');
    await expect(page.locator('.batch-header [data-state]').getAttribute('data-state')).resolves.toBe('queued');
    await expect((await app.call('batches.get', { batchId: batch.id })).state).toBe('queued');
    expect(app.core.store.outbox.listForBatch(batch.id).map((a) => a.kind)).toEqual(['submitBatch']);

    // 文书打印: the payment notice previewed in the page, then printed: numbered, logged, opened in a tab to print from.
    await page.locator('[data-step="documents"]').click();
    await page.locator('[data-doc-preview="paymentNotice"]').click();
    await eventually(() => page.locator('.doc-preview iframe').getAttribute('src')).toMatch(/^blob:/);
    await page.waitForTimeout(1500); // the PDF viewer draws the page
    await screenshot(page, '08-documents-preview');
    const [noticeTab] = await Promise.all([page.context().waitForEvent('page'), page.locator('[data-doc-print="paymentNotice"]').click()]);
    await eventually(() => noticeTab.url()).toMatch(/^blob:/);
    await eventually(() => page.getByTestId('print-confirm-box').textContent()).toContain('第 1 次打印');
    // Counted on the clerk's word that it was printed.
    expect((await app.call('documents.printLog', { batchId: batch.id })).total).toBe(0);
    await page.getByTestId('print-confirm').click();
    await eventually(() => page.locator('.doc-list li', { hasText: '缴费通知单' }).textContent()).toContain('已打印 1 次');
    await noticeTab.close();
    expect((await app.call('documents.printLog', { batchId: batch.id })).entries.map((e) => [e.kind, e.printNumber])).toEqual([['paymentNotice', 1]]);

    // The list shows the batch's state, persons and premium.
    await page.getByRole('button', { name: /^批次/ }).click();
    const row = page.locator(`[data-batch-id="${batch.id}"]`);
    await eventually(() => row.textContent()).toContain('待发送');
    await expect(row.textContent()).resolves.toContain(`${formatYuan(quote.payableFen, { grouped: true })} 元`);
    await screenshot(page, '02-batches');

    // The print queue: ticked batches' notices as one PDF, each print numbered again.
    await row.locator('input[type="checkbox"]').check();
    await page.getByTestId('print-queue-open').click();
    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('print-queue-start').click()]);
    await eventually(() => page.getByTestId('print-queue-message').textContent()).toContain('新标签页');
    await expect(page.getByTestId('print-queue').textContent()).resolves.toContain('第 2 次打印');
    await eventually(() => tab.url()).toMatch(/^blob:/);
    await tab.close();
    await page.getByTestId('print-queue-confirm').click();
    await eventually(() => page.getByTestId('print-queue-message').textContent()).toContain('已计入打印次数');
    await page.getByTestId('print-queue').getByRole('button', { name: '关闭' }).click();
    await page.keyboard.press('Alt+5');
    await eventually(() => page.getByTestId('print-log').locator('tbody tr').count()).toBe(2);
    await screenshot(page, '09-print-log');
    expect(problems).toEqual([]);
  }, 120_000);
});
