/**
 * Qingdao: a person's benefit activities chosen in the grid from their names, each with its
 * own shares (not codes typed in a cell), and the premium per activity × shares.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { startAppHost, type AppHost } from './support/appHost';
import { launchBrowser, newAppPage, screenshot } from './support/browser';
import { eventually } from './support/eventually';
import { buildRenderer } from './support/rendererBuild';
import { residentId } from './support/rosterFiles';

let app: AppHost;
let browser: Browser;
let page: Page;
let batchId: string;

beforeAll(async () => {
  const staticRoot = await buildRenderer();
  app = await startAppHost({ now: '2025-11-25T02:00:00Z', staticRoot });
  const unit = await app.call('units.save', { unit: { name: '青岛保障活动示例有限公司', handler: { name: '孙经办', phone: '13800000003' }, socialSecurityCodes: [] } });
  const batch = await app.call('batches.create', { unitId: unit.id, schemeId: 'qingdao-2025', enrollmentType: 'new' });
  batchId = batch.id;
  await app.call('roster.addRow', { batchId, row: { name: '张一', documentType: '居民身份证', documentNumber: residentId('1985-06-15', 123), plans: 'ZYYL-A95' } });
  browser = await launchBrowser();
  page = await newAppPage(browser);
  await page.setViewportSize({ width: 1366, height: 768 });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close({ removeData: true });
});

describe('activities by name', () => {
  it('are ticked with their shares in the grid and priced per activity × shares', async () => {
    await page.goto(app.openUrl);
    await page.getByRole('button', { name: /^批次/ }).click();
    await page.locator(`[data-batch-id="${batchId}"]`).click();
    await page.locator('[data-step="roster"]').click();
    const row = page.getByTestId('roster-grid').locator('[role="row"][data-row-id]').first();
    await row.locator('[data-field="plans"]').dblclick();
    const editor = page.getByTestId('plans-editor');
    await expect(editor.locator('[data-plan-choice="ZYYL-A95"]').isChecked()).resolves.toBe(true);
    await editor.locator('[data-plan-choice="ZDJB-36"]').check();
    await editor.getByLabel('职工重疾(会费36元)的份数').fill('2');
    await screenshot(page, 'qingdao-activities-01-editor');
    await page.getByTestId('plans-editor-save').click();

    await eventually(() => row.locator('[data-field="plans"]').textContent()).toBe('住院医疗(A方案)(会费95元)、职工重疾(会费36元)×2');
    const [stored] = (await app.call('roster.rows', { batchId, offset: 0, limit: 1 })).rows;
    expect(stored!.findings.filter((f) => f.severity === 'error')).toEqual([]);
    await app.call('batches.update', { batchId, headCounts: { inService: 10, femaleInService: 4 } });
    const quote = await app.call('pricing.quote', { batchId });
    expect(quote.totalFen).toBe(9500 + 2 * 3600);
  }, 120_000);
});
