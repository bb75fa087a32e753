/**
 * Qingdao 2025 参保 through the real UI against the real association server. Qingdao's
 * plans are chosen per person (保障活动): the 保障项目 step says so and takes no batch-wide
 * choice. A named roster imported without an activity is explored below (what the check
 * says is asserted); the batch priced and sent is the 新增无名单 one, whose activity,
 * shares and head count the 名单 step takes. Then 待审核 on the server, approval, 待缴费.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { formatYuan } from '../../shared/domain/money';
import { schemeById } from '../../shared/schemes';
import { registerUnit } from '../server/serverFixtures';
import { launchBrowser, newAppPage, screenshot } from './support/browser';
import { eventually } from './support/eventually';
import { buildRenderer } from './support/rendererBuild';
import { schemeRosterXlsx } from './support/schemeRosters';
import { approveOnServer, serverBatch, startAssociation, startSyncedApp, type Association, type SyncedApp } from './support/syncedApp';
import { loginFromSyncPanel } from './support/uiFlows';

const NOW = '2025-03-10T10:00:00+08:00';
const UNIT = '青岛参保示例有限公司';

let association: Association;
let app: SyncedApp;
let account: Awaited<ReturnType<typeof registerUnit>>;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  const staticRoot = await buildRenderer();
  association = await startAssociation({ port: 0, now: NOW });
  account = await registerUnit(association.url, UNIT, '孙经办');
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

describe('Qingdao 2025 参保, synced with the association', () => {
  it('takes per-person activities as head-count lines and reaches 待缴费', async () => {
    await page.goto(app.openUrl);

    // 单位 with the head counts Qingdao asks for (在职职工人数、在职女职工人数).
    await page.getByRole('button', { name: /^单位/ }).click();
    await page.getByRole('button', { name: '新增单位' }).first().click();
    const form = page.getByTestId('unit-form');
    await form.locator('input[name="name"]').fill(UNIT);
    await form.locator('input[name="handlerName"]').fill('孙经办');
    await form.locator('input[name="handlerPhone"]').fill(account.phone);
    await form.locator('input[name="inService"]').fill('20');
    await form.locator('input[name="femaleInService"]').fill('8');
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('units-table').getByText(UNIT).waitFor();
    await page.getByRole('button', { name: '设为当前并查看批次' }).click();
    await eventually(() => page.getByTestId('unit-switcher').textContent()).toContain(UNIT);
    await loginFromSyncPanel(page, account.phone, account.password, UNIT);

    await page.getByRole('button', { name: /^批次/ }).click();
    await page.getByTestId('new-batch').click();
    const newBatch = page.getByTestId('new-batch-form');
    await newBatch.locator('select[name="scheme"]').selectOption('qingdao-2025');
    await newBatch.locator('select[name="enrollmentType"]').selectOption('new');
    await newBatch.getByRole('button', { name: '创建' }).click();

    // 保障项目: chosen per person; no batch-wide box can be ticked.
    await eventually(() => page.locator('.callout').filter({ hasText: '按人员选择保障项目' }).count()).toBe(1);
    await expect(page.locator('[data-plan="ZYYL-A95"]').isDisabled()).resolves.toBe(true);
    await screenshot(page, 'sync-qingdao-01-plans');
    await page.getByRole('button', { name: '下一步：名单' }).click();

    // A named roster: the import offers no activity to give its persons.
    await expect(page.getByTestId('import-file').count()).resolves.toBe(1);
    await page.getByTestId('import-file').setInputFiles({
      name: '人员清单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await schemeRosterXlsx(schemeById('qingdao-2025')!, [{ birth: '1985-06-15', sequence: 123 }]),
    });
    await eventually(() => page.getByTestId('import-status').getAttribute('data-phase'), 30_000).toBe('done');
    await eventually(() => page.getByTestId('roster-total').textContent()).toBe('共 1 人');
    const batch = (await app.call('batches.list', {}))[0]!;
    const named = await app.call('pricing.quote', { batchId: batch.id });
    // The person has no activity, so nothing of theirs is priced.
    expect(named.payableFen).toBe(0);
    await screenshot(page, 'sync-qingdao-02-named-without-activity');
    // The check refuses the person for want of an activity, and points at an import per activity that the UI does not offer.
    const person = page.getByTestId('roster-grid').locator('[role="row"][data-row-id]').first();
    await eventually(() => person.getAttribute('data-verdict')).toBe('error');
    await person.locator('[data-field="name"]').click();
    await eventually(() => page.getByTestId('row-detail').textContent()).toContain('未选择保障项目');
    await person.locator('input[type="checkbox"]').check();
    await page.getByTestId('remove-selected').click();
    await page.getByRole('dialog').getByRole('button', { name: '删除 1 行' }).click();
    await eventually(() => page.getByTestId('roster-total').textContent()).toBe('共 0 人');

    // 新增无名单: activity, shares and head count per line.
    const panel = page.getByTestId('head-count-lines');
    await page.getByTestId('add-head-count-line').click();
    const first = panel.getByTestId('head-count-line').first();
    await first.locator('select[name="planCode"]').selectOption('ZYYL-A95');
    await first.locator('input[name="shares"]').fill('2');
    await first.locator('input[name="headCount"]').fill('5');
    await page.getByTestId('add-head-count-line').click();
    const second = panel.getByTestId('head-count-line').nth(1);
    await second.locator('select[name="planCode"]').selectOption('YWSH-20');
    await second.locator('input[name="headCount"]').fill('3');
    await page.getByTestId('save-head-count-lines').click();
    await eventually(async () => (await app.call('batches.get', { batchId: batch.id })).headCountLines).toEqual([
      { planCode: 'ZYYL-A95', shares: 2, headCount: 5 },
      { planCode: 'YWSH-20', shares: 1, headCount: 3 },
    ]);

    // 校验: the batch started with the unit profile's head counts, so nothing is asked again.
    const unit = (await app.call('units.list', {})).find((u) => u.name === UNIT)!;
    expect(unit.headCounts).toMatchObject({ inService: 20, femaleInService: 8 });
    expect((await app.call('batches.get', { batchId: batch.id })).headCounts).toEqual({ inService: 20, femaleInService: 8 });
    await page.locator('[data-step="check"]').click();
    await page.getByTestId('recheck').click();
    await eventually(() => page.getByTestId('check-state').textContent(), 30_000).toBe('清册校验通过');
    await screenshot(page, 'sync-qingdao-03-check');

    // 保费: 5 × 2 × 95 + 3 × 20 元, as the core priced it.
    const quote = await app.call('pricing.quote', { batchId: batch.id });
    expect(quote.payableFen).toBe(5 * 2 * 9_500 + 3 * 2_000);
    await page.locator('[data-step="premium"]').click();
    const lines = page.getByTestId('premium-lines');
    await eventually(() => lines.locator('tbody tr').count()).toBeGreaterThan(0);
    for (const line of quote.lines) await expect(lines.textContent()).resolves.toContain(line.explanation);
    await expect(page.getByTestId('payable').textContent()).resolves.toBe(`${formatYuan(quote.payableFen, { grouped: true })} 元`);
    await screenshot(page, 'sync-qingdao-04-premium');
    await page.getByTestId('confirm-premium').click();
    await page.getByTestId('accept-notice').check(); // always beside the submit button, once the submit step has rendered
    await page.getByTestId('submit-batch').click();

    // Sent, 待审核, approved, 待缴费.
    await eventually(async () => (await app.call('batches.get', { batchId: batch.id })).state, 30_000).toBe('underReview');
    const onServer = await serverBatch(association.url, batch.id);
    expect(onServer?.state).toBe('underReview');
    await approveOnServer(association.url, onServer!.serverBatchId);
    await page.getByTestId('sync-indicator').click();
    await page.getByTestId('sync-retry').click();
    await page.getByRole('button', { name: /^批次/ }).click();
    const row = page.locator(`[data-batch-id="${batch.id}"]`);
    await eventually(() => row.textContent(), 30_000).toContain('待缴费');
    await eventually(() => page.getByTestId('sync-indicator').textContent()).toBe('在线 · 无待发送');
    await screenshot(page, 'sync-qingdao-05-awaiting-payment');
    expect(problems).toEqual([]);
  }, 120_000);
});
