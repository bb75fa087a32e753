/**
 * A unit's second year, through the real UI: last year's enrolled persons offered as the
 * suggested list (not in the roster, changed with the field, new), two of them taken; the
 * 参保记录 screen finding last year's persons and exporting them; the unit's renewal panel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { schemeForYear } from '../electron/core/app/yearFixtures';
import { newDataDir, startAppHost, type AppHost } from './support/appHost';
import { launchBrowser, newAppPage, screenshot } from './support/browser';
import { eventually } from './support/eventually';
import { buildRenderer } from './support/rendererBuild';
import { residentId } from './support/rosterFiles';

const PLANS = ['A0', 'B0', 'C0'].map((planCode) => ({ planCode, shares: 1 }));
const PEOPLE = [
  { name: '张一', documentNumber: residentId('1985-06-15', 123), phone: '13800000011' },
  { name: '王二', documentNumber: residentId('1990-02-28', 122), phone: '13800000012' },
  { name: '赵三', documentNumber: residentId('1988-01-01', 1), phone: '13800000013' },
  { name: '钱四', documentNumber: residentId('1987-03-03', 5), phone: '13800000014' },
];
const NEWCOMER = { name: '郑八', documentNumber: residentId('1993-07-07', 13) };

let app: AppHost;
let browser: Browser;
let page: Page;
let staticRoot: string;
const dataDir = newDataDir();
const problems: string[] = [];

async function batchWith(unitId: string, schemeId: string, title: string, rows: { name: string; documentNumber: string; phone?: string }[]): Promise<string> {
  const batch = await app.call('batches.create', { unitId, schemeId, enrollmentType: 'central', title });
  await app.call('batches.update', { batchId: batch.id, selection: PLANS });
  for (const r of rows) {
    await app.call('roster.addRow', { batchId: batch.id, row: { name: r.name, documentType: '身份证', documentNumber: r.documentNumber, socialSecurity: '是', ...(r.phone ? { phone: r.phone } : {}) } });
  }
  return batch.id;
}

beforeAll(async () => {
  staticRoot = await buildRenderer();
  // Last year, on the same machine: the 2019 scheme, a batch the association put in force.
  app = await startAppHost({ now: '2019-04-20T02:00:00Z', staticRoot, dataDir });
  app.core.store.schemes.saveFromServer(schemeForYear('shanghai-2020', 'shanghai-2019', -1));
  const unit = await app.call('units.save', { unit: { name: '上海续年示例有限公司', socialSecurityCodes: ['S100'], handler: { name: '李经办', phone: '13800000001' } } });
  const last = await batchWith(unit.id, 'shanghai-2019', '2019集中参保', PEOPLE);
  expect((await app.call('roster.recheck', { batchId: last })).state).toBe('checkPassed');
  await app.call('batches.transition', { batchId: last, event: 'confirmPremium' });
  await app.call('batches.transition', { batchId: last, event: 'submit' });
  const server = { kind: 'server' as const, name: '互助会审核员' };
  // Its cover ends ten days after this year's visit: its persons not yet renewed are reminded.
  app.core.store.batches.update(last, { cover: { start: '2019-05-01', end: '2020-04-30' }, policyNumber: 'SH2019-001' }, server);
  const moved = app.core.store.batches.applyTransition(last, 'adoptServerState', { at: '2019-04-21T02:00:00.000Z', actor: server, serverState: 'inForce' });
  expect(moved.ok).toBe(true);
  await app.close();

  // This year: 张一 as before, 王二 with a new phone, 郑八 new; 赵三 and 钱四 not yet in.
  app = await startAppHost({ now: '2020-04-20T02:00:00Z', staticRoot, dataDir });
  await batchWith(unit.id, 'shanghai-2020', '2020集中参保', [PEOPLE[0]!, { ...PEOPLE[1]!, phone: '13800000066' }, NEWCOMER]);
  browser = await launchBrowser();
  page = await newAppPage(browser);
  page.on('pageerror', (e) => problems.push(e.message));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close({ removeData: true });
});

describe("last year's persons", () => {
  it('are offered as the suggested list and found in the records', async () => {
    const batchId = (await app.call('batches.list', {})).find((b) => b.title === '2020集中参保')!.id;
    await page.goto(app.openUrl);
    await page.getByRole('button', { name: /^批次/ }).click();
    await page.locator(`[data-batch-id="${batchId}"]`).getByText('2020集中参保').click();
    await page.locator('[data-step="roster"]').click();
    await eventually(() => page.getByTestId('roster-total').textContent()).toBe('共 3 人');

    // 获取上年度建议名单: two not in the roster (both ticked), one changed, one unchanged, one new.
    await page.getByTestId('open-suggested').click();
    const dialog = page.getByTestId('suggested-dialog');
    await eventually(() => dialog.locator('[data-suggested-view="notInRoster"]').textContent()).toBe('未在名单 2 人');
    await expect(dialog.locator('[data-suggested-view="changed"]').textContent()).resolves.toBe('信息有变化 1 人');
    await expect(dialog.locator('[data-suggested-view="unchanged"]').textContent()).resolves.toBe('无变化 1 人');
    await expect(dialog.locator('[data-suggested-view="newInRoster"]').textContent()).resolves.toBe('新增人员 1 人');
    await screenshot(page, 'suggested-list');
    await dialog.locator('[data-suggested-view="changed"]').click();
    await eventually(() => dialog.locator(`[data-suggested-person="${PEOPLE[1]!.documentNumber}"]`).textContent()).toContain('13800000012 → 13800000066');
    await dialog.locator('[data-suggested-view="notInRoster"]').click();
    // Only 赵三 is taken.
    await dialog.locator(`[data-suggested-person="${PEOPLE[3]!.documentNumber}"] input[type="checkbox"]`).uncheck();
    await expect(page.getByTestId('take-suggested').textContent()).resolves.toBe('将勾选的 1 人加入名单');
    await page.getByTestId('take-suggested').click();
    await eventually(() => page.getByTestId('suggested-dialog').count()).toBe(0);
    await eventually(() => page.getByTestId('roster-total').textContent()).toBe('共 4 人');
    const rows = await app.call('roster.rows', { batchId, offset: 0, limit: 10 });
    expect(rows.rows.filter((r) => r.suggested).map((r) => r.values.name)).toEqual(['赵三']);

    // 参保记录: last year's four, found by name, and exported.
    await page.getByRole('button', { name: /^参保记录/ }).click();
    const records = page.getByTestId('records-table');
    await eventually(() => records.locator('tbody tr[data-record]').count()).toBe(4);
    await page.getByTestId('records-filter').locator('input[name="search"]').fill('钱四');
    await page.getByTestId('records-apply').click();
    await eventually(() => records.locator('tbody tr[data-record]').count()).toBe(1);
    await expect(records.textContent()).resolves.toContain('2019集中参保');
    await screenshot(page, 'records');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('records-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    // The unit's page carries its renewal panel, as the core counts it.
    const reminders = await app.call('units.renewalReminders', { unitId: (await app.call('units.list', {}))[0]!.id });
    await page.getByRole('button', { name: /^单位/ }).click();
    await page.getByTestId('units-table').getByText('上海续年示例有限公司').dblclick();
    const panel = page.getByTestId('renewal-reminders');
    await eventually(() => panel.textContent()).toContain(`共 ${reminders.reminders.length} 人`);
    expect(reminders.reminders.length).toBeGreaterThan(0);
    for (const r of reminders.reminders) await expect(panel.textContent()).resolves.toContain(r.name);
    await screenshot(page, 'unit-renewal');
    expect(problems).toEqual([]);
  }, 120_000);
});
