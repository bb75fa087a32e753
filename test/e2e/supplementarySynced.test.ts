/**
 * 保全 (Shenzhen 保单补充申请) through the real UI against the real association server: a
 * policy in force, 保单补充申请 started from it, new hires imported each with their own
 * 生效日期, checked and priced pro rata, submitted through the outbox, and the supplement's
 * progress (补充进度) following the association's review on the policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { ROUTES } from '../../shared/wire';
import { adminCall, registerUnit } from '../server/serverFixtures';
import { launchBrowser, newAppPage, screenshot } from './support/browser';
import { eventually } from './support/eventually';
import { buildRenderer } from './support/rendererBuild';
import { residentId, rosterXlsx } from './support/rosterFiles';
import { approveOnServer, serverBatch, startAssociation, startSyncedApp, type Association, type SyncedApp } from './support/syncedApp';

const NOW = '2025-06-20T10:00:00+08:00';
const UNIT = '深圳保全示例有限公司';
const ON_POLICY = [residentId('1985-06-15', 123), residentId('1990-02-28', 122)];
const HIRES = [
  { name: '新员工甲', documentNumber: residentId('1995-03-03', 31), effectiveDate: '2025-07-15' },
  { name: '新员工乙', documentNumber: residentId('1996-04-04', 42), effectiveDate: '2026-06-01' },
];

let association: Association;
let app: SyncedApp;
let browser: Browser;
let page: Page;
let unitId: string;
let policyId: string;
const problems: string[] = [];

/** Waits (up to 30 s, outside a test too) for `probe` to give a value. */
async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: timed out`);
}

const serverIdOf = (batchId: string) => until(async () => (await serverBatch(association.url, batchId))?.serverBatchId, `the server has batch ${batchId}`);

beforeAll(async () => {
  const staticRoot = await buildRenderer();
  association = await startAssociation({ port: 0, now: NOW });
  const account = await registerUnit(association.url, UNIT, '周经办');
  app = await startSyncedApp({ now: NOW, staticRoot, serverUrl: association.url });
  unitId = (await app.call('auth.login', { account: account.phone, password: account.password })).unitId!;

  // The policy, put in force by the association (its own flow is covered by the other synced scenarios).
  const policy = await app.call('batches.create', { unitId, schemeId: 'shenzhen', enrollmentType: 'new', requestedStart: '2025-07-01', title: '2025保单' });
  policyId = policy.id;
  await app.call('batches.update', { batchId: policyId, selection: [{ planCode: 'ZY', shares: 1 }], contact: { name: '周经办', phone: account.phone } });
  for (const [i, documentNumber] of ON_POLICY.entries()) await app.call('roster.addRow', { batchId: policyId, row: { name: ['老员工甲', '老员工乙'][i]!, documentType: '居民身份证', documentNumber } });
  expect((await app.call('roster.recheck', { batchId: policyId })).state).toBe('checkPassed');
  await app.call('batches.transition', { batchId: policyId, event: 'confirmPremium' });
  await app.call('batches.transition', { batchId: policyId, event: 'submit' });
  const serverId = await serverIdOf(policyId);
  await approveOnServer(association.url, serverId);
  for (const [route, body] of [
    [ROUTES.adminConfirmPayment, {}],
    [ROUTES.adminSetEffect, { policyNumber: 'SZ2025-000001' }],
    [ROUTES.adminTakeEffect, {}],
  ] as const) {
    expect((await adminCall(association.url, route, { batchId: serverId }, body)).status).toBe(200);
  }
  await until(async () => {
    await app.call('sync.retryNow', {});
    return (await app.call('batches.get', { batchId: policyId })).state === 'inForce' ? true : undefined;
  }, 'the policy in force on the client');

  browser = await launchBrowser();
  page = await newAppPage(browser);
  page.on('pageerror', (e) => problems.push(e.message));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await association?.close();
});

describe('保全 from a policy in force', () => {
  it('adds new hires with their own effective dates, prices them pro rata, and follows the review', async () => {
    await page.goto(app.openUrl);
    await eventually(() => page.getByTestId('unit-switcher').textContent()).toContain(UNIT);
    await page.getByRole('button', { name: /^批次/ }).click();
    await page.locator(`[data-batch-id="${policyId}"]`).getByText('2025保单').click();

    // 保单补充申请 on the policy.
    const panel = page.getByTestId('supplements');
    await eventually(() => panel.textContent()).toContain('本保单还没有保单补充申请');
    await panel.getByTestId('supplement-start').click();
    await panel.getByTestId('supplement-create').click();
    await eventually(() => page.getByTestId('supplement-policy').textContent()).toContain('2025保单（SZ2025-000001）');
    const supplement = (await app.call('batches.list', { enrollmentTypes: ['supplementary'] }))[0]!;

    // 名单 with 生效日期: one already on the policy, one dated after the policy ends.
    await page.getByTestId('import-file').setInputFiles({
      name: '保全名单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await rosterXlsx(
        ['姓名', '证件类型', '证件号码', '生效日期'],
        [...HIRES.map((h) => [h.name, '居民身份证', h.documentNumber, h.effectiveDate]), ['老员工甲', '居民身份证', ON_POLICY[0]!, '2025-08-01'], ['新员工丙', '居民身份证', residentId('1997-05-05', 53), '2026-07-01']],
      ),
    });
    await eventually(() => page.getByTestId('import-status').getAttribute('data-phase'), 30_000).toBe('done');
    const grid = page.getByTestId('roster-grid');
    await eventually(() => grid.locator('[data-verdict="error"]').count()).toBe(2);
    await expect(grid.locator('[role="row"][data-row-id]', { hasText: '新员工丙' }).getAttribute('data-verdict')).resolves.toBe('error');
    await screenshot(page, 'supplement-roster');
    for (const name of ['老员工甲', '新员工丙']) await grid.locator('[role="row"][data-row-id]', { hasText: name }).locator('input[type="checkbox"]').check();
    await page.getByTestId('remove-selected').click();
    await page.getByRole('dialog').getByRole('button', { name: '删除 2 行' }).click();
    await eventually(() => page.getByTestId('roster-total').textContent()).toBe('共 2 人');

    // 校验, 保费: 60 元 a year → 12 months from 2025-07 (60 元) and 1 month in 2026-06 (5 元).
    await page.locator('[data-step="check"]').click();
    await eventually(() => page.getByTestId('check-state').textContent(), 30_000).toBe('清册校验通过');
    await page.getByRole('button', { name: '下一步：保费' }).click();
    await eventually(() => page.getByTestId('payable').textContent()).toBe('65.00 元');
    await expect(page.getByTestId('premium-lines').textContent()).resolves.toContain('60 元 × 1/12 个月');
    await page.getByTestId('confirm-premium').click();
    await page.getByTestId('accept-notice').check(); // always beside the submit button, once the submit step has rendered
    await page.getByTestId('submit-batch').click();

    // Sent to the policy's supplements route; the association reviews it.
    await eventually(async () => (await app.call('batches.get', { batchId: supplement.id })).state, 30_000).toBe('underReview');
    const serverId = await serverIdOf(supplement.id);
    await approveOnServer(association.url, serverId);
    await page.getByTestId('sync-indicator').click();
    await page.getByTestId('sync-retry').click();

    // 补充进度 on the policy.
    await page.getByRole('button', { name: /^批次/ }).click();
    await page.locator(`[data-batch-id="${policyId}"]`).getByText('2025保单').click();
    const row = page.getByTestId('supplements-table').locator(`[data-batch-id="${supplement.id}"]`);
    await eventually(() => row.textContent(), 30_000).toContain('待缴费');
    await expect(row.textContent()).resolves.toContain('65.00');
    await screenshot(page, 'supplement-progress');
    expect(problems).toEqual([]);
  }, 120_000);
});
