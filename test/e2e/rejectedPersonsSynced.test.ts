/**
 * The association's refusal reaches the rows, through the real UI against the real
 * association server: a Wuxi batch is submitted, the staff refuse two of its persons (one
 * enrolled by another unit, one with a number that is no phone), the clerk sees 审核不通过
 * with each reason on those rows and the count in the batch header, removes the one and
 * fixes the other in the grid, checks, confirms and submits again from the batch, and the
 * association has the corrected batch under review.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { ROUTES } from '../../shared/wire';
import { schemeById } from '../../shared/schemes';
import { adminCall, registerUnit } from '../server/serverFixtures';
import { launchBrowser, newAppPage, screenshot } from './support/browser';
import { eventually } from './support/eventually';
import { buildRenderer } from './support/rendererBuild';
import { residentId } from './support/rosterFiles';
import { schemeRosterXlsx, type RosterPerson } from './support/schemeRosters';
import { serverBatch, startAssociation, startSyncedApp, type Association, type SyncedApp } from './support/syncedApp';
import { loginFromSyncPanel } from './support/uiFlows';

const NOW = '2023-03-10T10:00:00+08:00';
const UNIT = '无锡退回示例有限公司';
const PERSONS: RosterPerson[] = [
  { birth: '1985-06-15', sequence: 123 },
  { birth: '1990-02-28', sequence: 122 },
  { birth: '1979-11-30', sequence: 34 },
];
const OCCUPIED = residentId(PERSONS[1]!.birth, PERSONS[1]!.sequence);
const BAD_PHONE = residentId(PERSONS[2]!.birth, PERSONS[2]!.sequence);

let browser: Browser;
let page: Page;
let app: SyncedApp;
let association: Association;
let account: Awaited<ReturnType<typeof registerUnit>>;
const problems: string[] = [];

beforeAll(async () => {
  const staticRoot = await buildRenderer();
  association = await startAssociation({ port: 0, now: NOW });
  account = await registerUnit(association.url, UNIT, '周经办');
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

async function submitted(batchId: string): Promise<string> {
  await eventually(async () => (await app.call('batches.get', { batchId })).state, 30_000).toBe('underReview');
  return (await serverBatch(association.url, batchId))!.serverBatchId;
}

describe('persons refused by the association, shown on their rows, fixed and resubmitted', () => {
  it('shows 审核不通过 with the reasons, and the corrected batch goes back under review', async () => {
    await page.goto(app.openUrl);
    await page.getByRole('button', { name: /^单位/ }).click();
    await page.getByRole('button', { name: '新增单位' }).first().click();
    const form = page.getByTestId('unit-form');
    await form.locator('input[name="name"]').fill(UNIT);
    await form.locator('input[name="handlerName"]').fill('周经办');
    await form.locator('input[name="handlerPhone"]').fill(account.phone);
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('units-table').getByText(UNIT).waitFor();
    await page.getByRole('button', { name: '设为当前并查看批次' }).click();
    await loginFromSyncPanel(page, account.phone, account.password, UNIT);

    // The batch drafted and submitted through the API, as a scripting user would.
    const unit = (await app.call('units.list', {})).find((u) => u.name === UNIT)!;
    const batch = await app.call('batches.create', { unitId: unit.id, schemeId: 'wuxi-2023', enrollmentType: 'new' });
    await app.call('batches.update', { batchId: batch.id, selection: [{ planCode: 'SHY', shares: 1 }] });
    const file = (await schemeRosterXlsx(schemeById('wuxi-2023')!, PERSONS)).toString('base64');
    const { jobId } = await app.call('roster.import', { batchId: batch.id, file: { name: '花名册.xlsx', base64: file } });
    expect((await app.core.imports.settled(jobId)).phase).toBe('done');
    expect((await app.call('roster.recheck', { batchId: batch.id })).state).toBe('checkPassed');
    await app.call('batches.transition', { batchId: batch.id, event: 'confirmPremium' });
    await app.call('batches.transition', { batchId: batch.id, event: 'submit' });
    const serverBatchId = await submitted(batch.id);

    // The staff refuse two persons.
    const refused = await adminCall(association.url, ROUTES.adminRejectPersons, { batchId: serverBatchId }, {
      staff: '审核员甲',
      persons: [
        { docNumber: OCCUPIED, reason: '本年度已由其他单位参保（被该单位占用）' },
        { docNumber: BAD_PHONE, reason: '手机号码为空号，请核实' },
      ],
    });
    expect(refused.status).toBe(200);
    await app.call('sync.retryNow', {});
    await eventually(async () => (await app.call('batches.get', { batchId: batch.id })).state, 30_000).toBe('personsRejected');

    // The rows say so, with the reasons; the header counts them.
    await page.getByRole('button', { name: /^批次/ }).click();
    await page.locator(`[data-batch-id="${batch.id}"]`).click();
    await eventually(() => page.getByTestId('batch-rejected').textContent()).toContain('2 人审核不通过');
    await page.getByTestId('show-rejected').click();
    const grid = page.getByTestId('roster-grid');
    await eventually(() => page.getByTestId('roster-total').textContent()).toBe('筛选出 2 人');
    const occupiedRow = grid.locator('[role="row"][data-row-id]', { hasText: OCCUPIED });
    const phoneRow = grid.locator('[role="row"][data-row-id]', { hasText: BAD_PHONE });
    await expect(occupiedRow.locator('[data-rejected="true"]').textContent()).resolves.toBe('审核不通过');
    await expect(occupiedRow.getByTestId('row-reasons').textContent()).resolves.toContain('被该单位占用');
    await expect(phoneRow.getByTestId('row-reasons').textContent()).resolves.toContain('手机号码为空号');
    await screenshot(page, 'rejected-01-rows');

    // One removed, the other fixed in place.
    await occupiedRow.locator('input[type="checkbox"]').check();
    await page.getByTestId('remove-selected').click();
    await page.getByRole('dialog').getByRole('button', { name: '删除 1 行' }).click();
    await eventually(() => page.getByTestId('roster-total').textContent()).toBe('筛选出 1 人');
    await phoneRow.locator('[data-field="phone"]').dblclick();
    await page.getByTestId('cell-editor').fill('13912345678');
    await page.getByTestId('cell-editor').press('Enter');
    await eventually(async () => (await app.call('batches.get', { batchId: batch.id })).counts.rejectedRows).toBeUndefined();
    await eventually(() => page.getByTestId('batch-rejected').count()).toBe(0);

    // Checked, confirmed and submitted again from the batch.
    await page.locator('[data-step="check"]').click();
    await eventually(() => page.getByTestId('check-state').textContent(), 30_000).toBe('清册校验通过');
    await page.getByRole('button', { name: '下一步：保费' }).click();
    await page.getByTestId('confirm-premium').click();
    await page.getByTestId('accept-notice').check();
    await page.getByTestId('submit-batch').click();
    await eventually(async () => (await app.call('batches.get', { batchId: batch.id })).state, 30_000).toBe('underReview');
    await eventually(async () => (await serverBatch(association.url, batch.id))?.state, 30_000).toBe('underReview');
    expect((await app.call('batches.get', { batchId: batch.id })).counts.persons).toBe(2);
    await screenshot(page, 'rejected-02-resubmitted');
    expect(problems).toEqual([]);
  }, 180_000);
});
