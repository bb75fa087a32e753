/**
 * Qingdao 新增无名单 through the real UI: head-count lines (activity, shares, persons) added,
 * edited and removed in the 名单 step, saved to the batch, and priced in the 保费 step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { formatYuan } from '../../shared/domain/money';
import { startAppHost, type AppHost } from './support/appHost';
import { launchBrowser, newAppPage, screenshot } from './support/browser';
import { eventually } from './support/eventually';
import { buildRenderer } from './support/rendererBuild';

let app: AppHost;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  const staticRoot = await buildRenderer();
  app = await startAppHost({ now: '2025-03-10T02:00:00Z', staticRoot });
  browser = await launchBrowser();
  page = await newAppPage(browser);
  page.on('pageerror', (e) => problems.push(e.message));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close({ removeData: true });
});

describe('head-count-only lines (新增无名单)', () => {
  it('are entered in the roster step and priced in the premium step', async () => {
    const unit = await app.call('units.save', { unit: { name: '青岛无名单示例公司', socialSecurityCodes: [], handler: { name: '王经办', phone: '13900000002' } } });
    const batch = await app.call('batches.create', { unitId: unit.id, schemeId: 'qingdao-2025', enrollmentType: 'new', title: '2025 新增无名单' });

    await page.goto(app.openUrl);
    await page.getByRole('button', { name: /^批次/ }).click();
    await page.locator(`[data-batch-id="${batch.id}"]`).getByText('2025 新增无名单').click();
    await page.locator('[data-step="roster"]').click();
    const panel = page.getByTestId('head-count-lines');

    // Two lines, one of them incomplete until its head count is given; then one removed.
    await page.getByTestId('add-head-count-line').click();
    const first = panel.getByTestId('head-count-line').first();
    await first.locator('select[name="planCode"]').selectOption('ZYYL-A95');
    await first.locator('input[name="shares"]').fill('2');
    await first.locator('input[name="headCount"]').fill('10');
    await page.getByTestId('add-head-count-line').click();
    const second = panel.getByTestId('head-count-line').nth(1);
    await second.locator('select[name="planCode"]').selectOption('YWSH-20');
    await expect(page.getByTestId('save-head-count-lines').isDisabled()).resolves.toBe(true);
    await second.locator('input[name="headCount"]').fill('4');
    await eventually(() => page.getByTestId('head-count-total').textContent()).toBe('无名单合计 14 人');
    await page.getByTestId('add-head-count-line').click();
    await panel.getByTestId('head-count-line').nth(2).getByRole('button', { name: '删除' }).click();
    await eventually(() => panel.getByTestId('head-count-line').count()).toBe(2);
    await page.getByTestId('save-head-count-lines').click();
    await eventually(async () => (await app.call('batches.get', { batchId: batch.id })).headCountLines).toEqual([
      { planCode: 'ZYYL-A95', shares: 2, headCount: 10 },
      { planCode: 'YWSH-20', shares: 1, headCount: 4 },
    ]);
    await screenshot(page, 'head-count-lines');

    // 保费: the core's quote of the head counts, line by line and in total.
    const quote = await app.call('pricing.quote', { batchId: batch.id });
    expect(quote.payableFen).toBeGreaterThan(0);
    await page.locator('[data-step="premium"]').click();
    const lines = page.getByTestId('premium-lines');
    await eventually(() => lines.locator('tbody tr').count()).toBeGreaterThan(0);
    for (const line of quote.lines) await expect(lines.textContent()).resolves.toContain(line.explanation);
    await expect(page.getByTestId('payable').textContent()).resolves.toBe(`${formatYuan(quote.payableFen, { grouped: true })} 元`);
    expect(problems).toEqual([]);
  }, 120_000);
});
