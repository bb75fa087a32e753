/**
 * A unit that enrolled for years, on a fresh install (issue 18). Its 2018 and 2019 central
 * batches were submitted from ANOTHER machine (a second core on its own data folder, the
 * server's clock in each year's window) and reviewed, paid, invoiced and put in force by the
 * association's staff. A new app on a new data folder signs in from the sync panel, and the
 * unit's record comes to it: 参保记录 lists both years, 个人保单查询 finds a person's two
 * enrollments, the unit's 续保提醒 names 2019's persons, and the new year's batch is offered
 * 2019's persons as its suggested list. With the association gone, all of it still shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import type { In, OpName, Out } from '../../shared/api';
import { createCore, type Core } from '../../electron/core/app/createCore';
import { memoryTokenVault } from '../../electron/core/sync/tokenVault';
import { call as http, registerUnit } from '../server/serverFixtures';
import { schemeForYear } from '../electron/core/app/yearFixtures';
import { callCore } from '../electron/core/app/coreFixtures';
import { centralDayOf, completeYear, publishEarlierYears, type EnrolledYear } from '../support/unitYears';
import { ROUTES } from '../../shared/wire';
import { launchBrowser, newAppPage, screenshot } from './support/browser';
import { eventually } from './support/eventually';
import { newDataDir } from './support/appHost';
import { buildRenderer } from './support/rendererBuild';
import { residentId } from './support/rosterFiles';
import { movingClock, serverBatch, startAssociation, startSyncedApp, type Association, type SyncedApp } from './support/syncedApp';
import { loginFromSyncPanel } from './support/uiFlows';

const UNIT = '上海历年参保示例有限公司';
const PEOPLE = {
  zhang: { name: '张一', documentNumber: residentId('1980-01-01', 201) },
  wang: { name: '王二', documentNumber: residentId('1982-02-02', 203) },
  li: { name: '李三', documentNumber: residentId('1984-03-03', 205) },
  zhao: { name: '赵四', documentNumber: residentId('1986-04-04', 207) },
};
const YEAR_ROSTERS: Record<number, (typeof PEOPLE)[keyof typeof PEOPLE][]> = {
  2018: [PEOPLE.zhang, PEOPLE.wang, PEOPLE.li],
  2019: [PEOPLE.zhang, PEOPLE.wang, PEOPLE.zhao],
};
/** The last days of 2019's cover: its persons are due for renewal and 2020's central enrollment is next. */
const NOW = '2020-03-20T10:00:00+08:00';

let association: Association;
let associationGone = false;
let app: SyncedApp;
let browser: Browser;
let page: Page;
let account: Awaited<ReturnType<typeof registerUnit>>;
const years: Record<number, EnrolledYear> = {};
const problems: string[] = [];

/** The other machine in `year`: a core on its own data folder, its clock in that year's window, signed in. */
async function otherMachine(dataDir: string, year: number): Promise<{ core: Core; call<K extends OpName>(op: K, input: In<K>): Promise<Out<K>> }> {
  const core = await createCore({ dataDir, now: movingClock(centralDayOf(year)), operator: '原经办人', serverUrl: association.url, tokens: memoryTokenVault() });
  core.store.schemes.saveFromServer(schemeForYear('shanghai-2020', `shanghai-${year}`, year - 2020));
  const call = <K extends OpName>(op: K, input: In<K>) => callCore(core, op, input);
  await call('auth.login', { account: account.phone, password: account.password });
  return { core, call };
}

/** The year's central batch entered, checked and submitted on the other machine; the staff do the rest. */
async function submittedElsewhere(dataDir: string, year: number): Promise<EnrolledYear> {
  association.clock.set(centralDayOf(year));
  const other = await otherMachine(dataDir, year);
  try {
    const unitId = (await other.call('auth.status', {})).unitId!;
    const batch = await other.call('batches.create', { unitId, schemeId: `shanghai-${year}`, enrollmentType: 'central', title: `${year}集中参保` });
    await other.call('batches.update', { batchId: batch.id, selection: [{ planCode: 'A0', shares: 1 }], contact: { name: '原经办人', phone: '13800000001' } });
    for (const p of YEAR_ROSTERS[year]!) {
      await other.call('roster.addRow', { batchId: batch.id, row: { name: p.name, documentType: '身份证', documentNumber: p.documentNumber, socialSecurity: '是' } });
    }
    expect((await other.call('roster.recheck', { batchId: batch.id })).state).toBe('checkPassed');
    await other.call('batches.transition', { batchId: batch.id, event: 'confirmPremium' });
    await other.call('batches.transition', { batchId: batch.id, event: 'submit' });
    // The other machine's sync loop sends it (expect.poll is for tests, not this setup).
    let onServer = await serverBatch(association.url, batch.id);
    for (let i = 0; i < 300 && onServer?.state !== 'underReview'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      onServer = await serverBatch(association.url, batch.id);
    }
    if (!onServer || onServer.state !== 'underReview') throw new Error(`${year} 的批次没有送达互助会`);
    const login = await http(association.url, ROUTES.login, { body: { account: account.phone, password: account.password } });
    return await completeYear(association.url, association.clock, login.body.token as string, year, batch.id, onServer.serverBatchId);
  } finally {
    await other.core.close();
  }
}

beforeAll(async () => {
  const staticRoot = await buildRenderer();
  association = await startAssociation({ port: 0, now: centralDayOf(2018) });
  await publishEarlierYears(association.url, [2018, 2019]);
  account = await registerUnit(association.url, UNIT, '李经办');
  const elsewhere = newDataDir();
  years[2018] = await submittedElsewhere(elsewhere, 2018);
  years[2019] = await submittedElsewhere(elsewhere, 2019);
  association.clock.set(NOW);
  app = await startSyncedApp({ now: NOW, staticRoot, serverUrl: association.url });
  browser = await launchBrowser();
  page = await newAppPage(browser);
  page.on('pageerror', (e) => problems.push(e.message));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (!associationGone) await association?.close();
});

async function recordsShowBothYears(): Promise<void> {
  await page.getByRole('button', { name: /^参保记录/ }).click();
  await page.getByTestId('records-tabs').locator('[data-view="records"]').click();
  const records = page.getByTestId('records-table');
  // The newest year first, as the manuals' searches open; then every year.
  await eventually(() => records.locator('tbody tr[data-record]').count(), 30_000).toBe(3);
  await expect(records.textContent()).resolves.toContain(years[2019]!.policyNumber);
  await page.getByTestId('records-filter').locator('select[name="coverageYearStart"]').selectOption('');
  await page.getByTestId('records-apply').click();
  await eventually(() => records.locator('tbody tr[data-record]').count()).toBe(6);
  await expect(records.textContent()).resolves.toContain(years[2018]!.policyNumber);
  await expect(page.getByTestId('record-pulled-at').textContent()).resolves.toContain('互助会历年记录更新于');

  await page.getByTestId('records-tabs').locator('[data-view="person"]').click();
  const person = page.getByTestId('person-history');
  await person.locator('input[name="query"]').fill(PEOPLE.zhang.documentNumber);
  await page.getByTestId('person-search').click();
  const card = person.locator(`[data-person="${PEOPLE.zhang.documentNumber}"]`);
  await eventually(() => card.textContent()).toContain('共 2 次参保');
  await expect(card.textContent()).resolves.toContain('2018集中参保');
  await expect(card.textContent()).resolves.toContain('2019集中参保');
}

async function remindersNameLastYear(): Promise<void> {
  await page.getByRole('button', { name: /^单位/ }).click();
  await page.getByTestId('units-table').getByText(UNIT).dblclick();
  const panel = page.getByTestId('renewal-reminders');
  await eventually(() => panel.textContent()).toContain('共 3 人');
  for (const p of YEAR_ROSTERS[2019]!) await expect(panel.textContent()).resolves.toContain(p.name);
  await expect(panel.textContent()).resolves.not.toContain(PEOPLE.li.name);
}

describe("the unit's record from the association on a fresh install", () => {
  it('brings the earlier years to records, the person view, reminders and last year’s list, and keeps them offline', async () => {
    await page.goto(app.openUrl);
    await loginFromSyncPanel(page, account.phone, account.password, UNIT);
    await eventually(() => page.getByTestId('sync-record-pulled').textContent(), 30_000).not.toBe('从未');

    await recordsShowBothYears();
    await screenshot(page, 'record-from-association');
    await remindersNameLastYear();

    // 待办事项: 2019's persons to renew, from the record alone; it opens the unit's renewal panel.
    await page.getByRole('button', { name: /^待办事项/ }).click();
    const renewal = page.getByTestId('todo-table').locator('tr[data-todo="renewal"]');
    await eventually(() => renewal.count()).toBe(1);
    await expect(renewal.textContent()).resolves.toContain('有 3 人的保障 2020-03-31 到期');
    await screenshot(page, 'todo-from-association');
    await renewal.getByRole('button', { name: '去办理' }).click();
    await eventually(() => page.getByTestId('renewal-reminders').textContent()).toContain('共 3 人');

    // This year's batch is offered 2019's persons, though none of them was entered here.
    const unitId = (await app.call('auth.status', {})).unitId!;
    const batch = await app.call('batches.create', { unitId, schemeId: 'shanghai-2020', enrollmentType: 'central', title: '2020集中参保' });
    await page.getByRole('button', { name: /^批次/ }).click();
    await page.locator(`[data-batch-id="${batch.id}"]`).getByText('2020集中参保').click();
    await page.locator('[data-step="roster"]').click();
    await page.getByTestId('open-suggested').click();
    const dialog = page.getByTestId('suggested-dialog');
    await eventually(() => dialog.locator('[data-suggested-view="notInRoster"]').textContent()).toBe('未在名单 3 人');
    for (const p of YEAR_ROSTERS[2019]!) await expect(dialog.locator(`[data-suggested-person="${p.documentNumber}"]`).count()).resolves.toBe(1);
    await screenshot(page, 'suggested-from-association');
    await dialog.getByRole('button', { name: '关闭', exact: true }).click();
    await eventually(() => page.getByTestId('suggested-dialog').count()).toBe(0);

    // The association goes away: what was pulled stays.
    await association.close();
    associationGone = true;
    await app.call('sync.retryNow', {});
    await eventually(() => page.getByTestId('sync-indicator').textContent(), 30_000).toContain('离线');
    await recordsShowBothYears();
    await remindersNameLastYear();
    expect(problems).toEqual([]);
  }, 180_000);
});
