/**
 * Qingdao 2025 人员清单导入 per benefit activity, offline, through the real UI: the 名单
 * step asks for an activity before a named roster can be imported, gives it to every
 * imported person, shows each person's 保障项目 and 份数 in the grid and lets the shares
 * be changed in place; 现场录入 gives the persons typed there the activity chosen on it;
 * the premium is persons × shares × fee, as the core prices it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { formatYuan } from '../../shared/domain/money';
import { schemeById } from '../../shared/schemes';
import { startAppHost, type AppHost } from './support/appHost';
import { launchBrowser, newAppPage, screenshot } from './support/browser';
import { eventually } from './support/eventually';
import { buildRenderer } from './support/rendererBuild';
import { residentId } from './support/rosterFiles';
import { schemeRosterXlsx } from './support/schemeRosters';

// Qingdao's 参保 has no enrollment window of its own (the association sets the cover start): any day of 2025 is inside it.
const NOW = '2025-03-10T02:00:00Z';
const UNIT = '青岛清单示例有限公司';
const ACTIVITY = 'NGTB-25';
// Even ID sequences: three women, as 女工特病 requires.
const WOMEN = [
  { birth: '1985-06-15', sequence: 122 },
  { birth: '1990-02-28', sequence: 124 },
  { birth: '1988-01-01', sequence: 2 },
];

let app: AppHost;
let browser: Browser;
let page: Page;
const problems: string[] = [];

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

describe('Qingdao 2025 named roster imported per benefit activity', () => {
  it('imports persons into the chosen activity, edits shares in the grid, enters one by hand and prices them', async () => {
    const scheme = schemeById('qingdao-2025')!;
    const fee = scheme.plans.find((p) => p.code === ACTIVITY)!.priceFen;
    await page.goto(app.openUrl);

    await page.getByRole('button', { name: /^单位/ }).click();
    await page.getByRole('button', { name: '新增单位' }).first().click();
    const form = page.getByTestId('unit-form');
    await form.locator('input[name="name"]').fill(UNIT);
    await form.locator('input[name="handlerName"]').fill('孙经办');
    await form.locator('input[name="handlerPhone"]').fill('13800000021');
    await form.locator('input[name="inService"]').fill('20');
    await form.locator('input[name="femaleInService"]').fill('8');
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('units-table').getByText(UNIT).waitFor();
    await page.getByRole('button', { name: '设为当前并查看批次' }).click();
    await eventually(() => page.getByTestId('unit-switcher').textContent()).toContain(UNIT);

    await page.getByTestId('new-batch').click();
    const newBatch = page.getByTestId('new-batch-form');
    await newBatch.locator('select[name="scheme"]').selectOption('qingdao-2025');
    await newBatch.locator('select[name="enrollmentType"]').selectOption('new');
    await newBatch.getByRole('button', { name: '创建' }).click();
    await page.getByRole('button', { name: '下一步：名单' }).click();

    // 名单: the activities are offered as the scheme names them, with their fee per share; none chosen, no import.
    const chooser = page.getByTestId('import-activities');
    await eventually(() => chooser.locator('input[type="checkbox"]').count()).toBe(scheme.plans.length);
    await expect(chooser.textContent()).resolves.toContain(`女工特病2025版(标准版)(会费25元)（${formatYuan(fee)} 元/份）`);
    await expect(page.getByTestId('import-button').isDisabled()).resolves.toBe(true);
    await chooser.locator(`[data-activity="${ACTIVITY}"]`).check();
    await expect(page.getByTestId('import-button').isDisabled()).resolves.toBe(false);

    await page.getByTestId('import-file').setInputFiles({
      name: '女工特病人员清单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await schemeRosterXlsx(scheme, WOMEN),
    });
    await eventually(() => page.getByTestId('import-status').getAttribute('data-phase'), 30_000).toBe('done');
    await eventually(() => page.getByTestId('roster-total').textContent()).toBe(`共 ${WOMEN.length} 人`);
    const grid = page.getByTestId('roster-grid');
    const rows = grid.locator('[role="row"][data-row-id]');
    await eventually(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-verdict')))).toEqual(WOMEN.map(() => 'ok'));
    await expect(rows.locator('[data-field="plans"]').allTextContents()).resolves.toEqual(WOMEN.map(() => ACTIVITY));
    // The choice stays for the next import of this batch.
    await expect(chooser.locator(`[data-activity="${ACTIVITY}"]`).isChecked()).resolves.toBe(true);

    // 份数 changed in place: the row is checked again and stays fine.
    const first = rows.first();
    await first.locator('[data-field="shares"]').dblclick();
    await page.getByTestId('cell-editor').fill('3');
    await page.getByTestId('cell-editor').press('Enter');
    await eventually(() => first.locator('[data-field="shares"]').textContent()).toBe('3');
    await eventually(() => first.getAttribute('data-verdict')).toBe('ok');
    const batch = (await app.call('batches.list', {}))[0]!;
    const stored = await app.call('roster.rows', { batchId: batch.id, offset: 0, limit: 10 });
    expect(stored.rows.map((r) => r.values.shares ?? '')).toContain('3');
    await screenshot(page, 'qingdao-named-01-roster');

    // 份数 out of the activity's range is refused in the grid, then put back.
    const second = rows.nth(1);
    await second.locator('[data-field="shares"]').dblclick();
    await page.getByTestId('cell-editor').fill('9');
    await page.getByTestId('cell-editor').press('Enter');
    await eventually(() => second.getAttribute('data-verdict')).toBe('error');
    await second.locator('[data-field="shares"]').dblclick();
    await page.getByTestId('cell-editor').fill('1');
    await page.getByTestId('cell-editor').press('Enter');
    await eventually(() => second.getAttribute('data-verdict')).toBe('ok');

    // 现场录入: a person typed there takes the activity chosen on the screen; none chosen, nothing is saved.
    await page.keyboard.press('Alt+3');
    const entry = page.getByTestId('quick-entry-form');
    await entry.waitFor();
    await eventually(() => page.getByTestId('quick-batch').inputValue()).toBe(batch.id);
    await entry.locator('input[name="name"]').fill('钱意外');
    await entry.locator('input[name="documentNumber"]').fill(residentId('1992-05-05', 7));
    await page.getByTestId('quick-save').click();
    await eventually(() => entry.locator('.callout.error').textContent()).toContain('请至少选择 1 个保障活动');
    await expect(page.getByTestId('quick-saved').locator('tbody tr').count()).resolves.toBe(0);
    await page.getByTestId('quick-activities').locator('[data-activity="YWSH-20"]').check();
    await page.getByTestId('quick-save').click();
    const typed = page.getByTestId('quick-saved').locator('tbody tr').first();
    await eventually(() => typed.textContent()).toContain('钱意外');
    await expect(typed.getAttribute('data-verdict')).resolves.toBe('ok');
    const all = await app.call('roster.rows', { batchId: batch.id, offset: 0, limit: 10 });
    expect(all.rows.find((r) => r.values.name === '钱意外')?.values.plans).toBe('YWSH-20');
    await page.getByRole('button', { name: '查看名单' }).click();
    await eventually(() => page.getByTestId('roster-total').textContent()).toBe(`共 ${WOMEN.length + 1} 人`);

    await page.locator('[data-step="check"]').click();
    await page.getByTestId('recheck').click();
    await eventually(() => page.getByTestId('check-state').textContent(), 30_000).toBe('清册校验通过');

    // 保费: (3 + 1 + 1) shares × 25 元 and one share × 20 元, exactly as the core quotes it.
    const quote = await app.call('pricing.quote', { batchId: batch.id });
    expect(quote.payableFen).toBe((3 + 1 + 1) * fee + scheme.plans.find((p) => p.code === 'YWSH-20')!.priceFen);
    await page.locator('[data-step="premium"]').click();
    const lines = page.getByTestId('premium-lines');
    await eventually(() => lines.locator('tbody tr').count()).toBeGreaterThan(0);
    for (const line of quote.lines) await expect(lines.textContent()).resolves.toContain(line.explanation);
    await expect(page.getByTestId('payable').textContent()).resolves.toBe(`${formatYuan(quote.payableFen, { grouped: true })} 元`);
    await screenshot(page, 'qingdao-named-02-premium');
    expect(problems).toEqual([]);
  }, 120_000);
});
