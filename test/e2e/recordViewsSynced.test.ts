/**
 * The records screen's other views and the sync panel's reason, through the real UI
 * against the real association server: sync says a login is wanted while an action waits;
 * 理赔记录 says the same until the clerk logs in, then fetches, filters and exports the
 * unit's claims; 个人保单查询 finds a person's enrollments by ID number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { ROUTES } from '../../shared/wire';
import { adminCall, registerUnit } from '../server/serverFixtures';
import { launchBrowser, newAppPage, screenshot } from './support/browser';
import { eventually } from './support/eventually';
import { buildRenderer } from './support/rendererBuild';
import { residentId } from './support/rosterFiles';
import { startAssociation, startSyncedApp, type Association, type SyncedApp } from './support/syncedApp';
import { loginFromSyncPanel } from './support/uiFlows';

const NOW = '2025-06-20T10:00:00+08:00';
const UNIT = '深圳查询示例有限公司';
const PERSON = { name: '王小明', documentNumber: residentId('1985-06-15', 123) };

let association: Association;
let app: SyncedApp;
let browser: Browser;
let page: Page;
let account: Awaited<ReturnType<typeof registerUnit>>;
const problems: string[] = [];

beforeAll(async () => {
  const staticRoot = await buildRenderer();
  association = await startAssociation({ port: 0, now: NOW });
  account = await registerUnit(association.url, UNIT, '周经办');
  app = await startSyncedApp({ now: NOW, staticRoot, serverUrl: association.url });
  const unit = await app.call('units.save', { unit: { name: UNIT, handler: { name: '周经办', phone: account.phone } } });
  // One batch submitted before any login: it waits in the outbox.
  const batch = await app.call('batches.create', { unitId: unit.id, schemeId: 'shenzhen', enrollmentType: 'new', requestedStart: '2025-07-01', title: '2025保单' });
  await app.call('batches.update', { batchId: batch.id, selection: [{ planCode: 'ZY', shares: 1 }], contact: { name: '周经办', phone: account.phone } });
  await app.call('roster.addRow', { batchId: batch.id, row: { name: PERSON.name, documentType: '居民身份证', documentNumber: PERSON.documentNumber } });
  expect((await app.call('roster.recheck', { batchId: batch.id })).state).toBe('checkPassed');
  await app.call('batches.transition', { batchId: batch.id, event: 'confirmPremium' });
  await app.call('batches.transition', { batchId: batch.id, event: 'submit' });
  for (const claim of [
    { claimNumber: 'LP-2025-001', personName: PERSON.name, docNumber: PERSON.documentNumber, planName: '职工住院医疗互助保障计划', eventDate: '2025-03-02', reportedOn: '2025-03-10', claimedFen: 250000, paidFen: 200000, status: 'paid', paidOn: '2025-04-01' },
    { claimNumber: 'LP-2024-002', personName: '李红', docNumber: residentId('1990-02-28', 122), planName: '女职工安康互助保障计划', eventDate: '2024-11-21', reportedOn: '2024-11-28', claimedFen: 1500000, status: 'refused', remark: '=1+2' },
  ]) {
    expect((await adminCall(association.url, ROUTES.adminAddClaim, { unitId: account.unitId }, claim)).status).toBe(201);
  }
  browser = await launchBrowser();
  page = await newAppPage(browser);
  page.on('pageerror', (e) => problems.push(e.message));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await association?.close();
});

describe('why nothing moves, claim records and a person across years', () => {
  it('shows the reasons, then the claims and the person once logged in', async () => {
    await page.goto(app.openUrl);
    await eventually(() => page.getByTestId('unit-switcher').textContent()).toContain(UNIT);

    // 同步: the submission waits for a login, and the indicator says so.
    await eventually(() => page.getByTestId('sync-indicator').textContent()).toBe('在线 · 待发送 1 · 需要登录');
    await page.getByTestId('sync-indicator').click();
    await eventually(() => page.getByTestId('sync-blocker').textContent()).toContain('需要登录：请先登录互助会账号');
    await screenshot(page, 'sync-login-required');

    // 理赔记录 before the login: the reason, nothing fetched yet.
    await page.getByRole('button', { name: /^参保记录/ }).click();
    await page.getByTestId('records-tabs').locator('[data-view="claims"]').click();
    await eventually(() => page.getByTestId('claims-unavailable').textContent()).toContain('请先登录互助会账号');
    await expect(page.getByTestId('claims-source').textContent()).resolves.toBe('本机还没有获取过理赔记录。');

    await loginFromSyncPanel(page, account.phone, account.password, UNIT);
    await eventually(() => page.getByTestId('sync-indicator').textContent(), 30_000).toBe('在线 · 无待发送');

    // 理赔记录: fetched from the association, filtered, exported.
    await page.getByRole('button', { name: /^参保记录/ }).click();
    await page.getByTestId('records-tabs').locator('[data-view="claims"]').click();
    await page.getByTestId('claims-fetch').click();
    const claims = page.getByTestId('claims-table');
    await eventually(() => claims.locator('tbody tr[data-claim]').count()).toBe(2);
    await expect(page.getByTestId('claims-source').textContent()).resolves.toContain('已从互助会获取');
    expect(await page.getByTestId('claims-unavailable').count()).toBe(0);
    await page.getByTestId('claims-filter').locator('select[name="status"]').selectOption('paid');
    await page.getByTestId('claims-apply').click();
    await eventually(() => claims.locator('tbody tr[data-claim]').count()).toBe(1);
    await expect(claims.textContent()).resolves.toContain('LP-2025-001');
    await screenshot(page, 'claims');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('claims-export').click()]);
    expect(download.suggestedFilename()).toBe(`${UNIT}-理赔记录-2025-06-20.xlsx`);

    // 个人保单查询: by ID number.
    await page.getByTestId('records-tabs').locator('[data-view="person"]').click();
    const person = page.getByTestId('person-history');
    await person.locator('input[name="query"]').fill(PERSON.documentNumber);
    await page.getByTestId('person-search').click();
    const card = person.locator(`[data-person="${PERSON.documentNumber}"]`);
    await eventually(() => card.textContent()).toContain(PERSON.name);
    await expect(card.textContent()).resolves.toContain('2025保单');
    await expect(card.textContent()).resolves.toContain('共 1 次参保');
    await screenshot(page, 'person-history');
    expect(problems).toEqual([]);
  }, 120_000);
});
