/**
 * 申请参保编码 through the real UI against the real association server: the clerk fills in
 * the application offline (待发送), the server comes up and the clerk logs in, the
 * application arrives (申请中), the staff turn it down with a reason (审核不通过, shown),
 * the clerk edits and resubmits with a stamped copy, the staff approve it, and the code
 * (参保编码) appears in the application and in the unit's profile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { ROUTES, type AdminApplicationView } from '../../shared/wire';
import { adminCall, PNG_BYTES } from '../server/serverFixtures';
import { launchBrowser, newAppPage, screenshot } from './support/browser';
import { eventually } from './support/eventually';
import { buildRenderer } from './support/rendererBuild';
import { freePort, startAssociation, startSyncedApp, type Association, type SyncedApp } from './support/syncedApp';
import { loginFromSyncPanel } from './support/uiFlows';

const NOW = '2020-04-20T10:00:00+08:00';
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');

let port: number;
let app: SyncedApp;
let association: Association | undefined;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  const staticRoot = await buildRenderer();
  port = await freePort();
  app = await startSyncedApp({ now: NOW, staticRoot, serverUrl: `http://127.0.0.1:${port}` });
  browser = await launchBrowser();
  page = await newAppPage(browser);
  page.on('pageerror', (e) => problems.push(e.message));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await association?.close();
});

async function openUnit(): Promise<void> {
  await page.getByRole('button', { name: /^单位/ }).click();
  await page.getByTestId('units-table').getByRole('row', { name: /示例单位A/ }).getByRole('button', { name: '编辑' }).click();
  await page.getByTestId('onboarding-scheme').selectOption('shanghai-2020');
  await page.getByTestId('insurance-code-application').waitFor();
}

async function pullNow(): Promise<void> {
  await page.getByTestId('sync-indicator').click();
  await page.getByTestId('sync-retry').click();
}

async function applicationOnServer(): Promise<AdminApplicationView | undefined> {
  const res = await adminCall<{ applications: AdminApplicationView[] }>(association!.url, ROUTES.adminApplications, {});
  return res.body.applications.find((a) => a.unitName === '示例单位A');
}

describe('申请参保编码 from the UI to the association and back', () => {
  it('submits offline, shows 审核不通过 with the reason, resubmits, and shows the approved code in the unit profile', async () => {
    await page.goto(app.openUrl);
    await eventually(() => page.getByTestId('sync-indicator').textContent()).toContain('离线');

    // The unit, with the demo account's name and handler phone.
    await page.getByRole('button', { name: /^单位/ }).click();
    await page.getByRole('button', { name: '新增单位' }).first().click();
    const unitForm = page.getByTestId('unit-form');
    await unitForm.locator('input[name="name"]').fill('示例单位A');
    await unitForm.locator('input[name="handlerName"]').fill('张经办');
    await unitForm.locator('input[name="handlerPhone"]').fill('13800000001');
    await unitForm.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('units-table').getByText('示例单位A').waitFor();
    await openUnit();

    // 申请参保编码, offline: saved and queued.
    const form = page.getByTestId('insurance-code-form');
    const fill: [string, string][] = [
      ['committeeName', '机电'],
      ['unitNature', '国有'],
      ['contactName', '丁一'],
      ['contactMobile', '13912345678'],
      ['contactEmail', '123@163.com'],
      ['address', '上海市浦东新区 123 号'],
      ['postcode', '200120'],
      ['inServiceCount', '200'],
    ];
    await expect(form.locator('input[name="unitName"]').inputValue()).resolves.toBe('示例单位A');
    for (const [name, value] of fill) await form.locator(`input[name="${name}"]`).fill(value);
    await page.getByTestId('insurance-code-files').setInputFiles({ name: '营业执照.png', mimeType: 'image/png', buffer: PNG_BYTES });
    await form.getByRole('button', { name: '提交申请' }).click();
    await eventually(() => page.getByTestId('insurance-code-status').textContent()).toBe('待发送');
    await screenshot(page, 'onboarding-01-queued-offline');

    // The server comes up; after login the application is sent and comes back 申请中.
    association = await startAssociation({ port, now: NOW });
    await loginFromSyncPanel(page, '13800000001', 'demo1234', '示例单位A');
    await eventually(async () => (await applicationOnServer())?.state, 30_000).toBe('pending');
    await openUnit();
    await eventually(() => page.getByTestId('insurance-code-status').textContent(), 30_000).toBe('申请中');

    // The staff turn it down; the reason is shown and the application can be edited.
    const sent = (await applicationOnServer())!;
    expect(sent.attachments).toEqual([{ name: '营业执照.png', type: 'image/png', bytes: PNG_BYTES.length }]);
    const rejected = await adminCall(association.url, ROUTES.adminRejectApplication, { applicationId: sent.applicationId }, { staff: '审核员甲', reason: '营业执照复印件须加盖公章' });
    expect(rejected.status).toBe(200);
    await pullNow();
    await openUnit();
    const step = page.getByTestId('insurance-code-application');
    await eventually(() => page.getByTestId('insurance-code-status').textContent(), 30_000).toBe('审核不通过');
    await expect(step.textContent()).resolves.toContain('原因：营业执照复印件须加盖公章');
    await screenshot(page, 'onboarding-02-rejected');

    // 编辑 and resubmit with the stamped copy.
    await step.getByRole('button', { name: '编辑' }).click();
    await expect(form.locator('input[name="postcode"]').inputValue()).resolves.toBe('200120');
    await page.getByTestId('insurance-code-files').setInputFiles({ name: '营业执照（盖章）.pdf', mimeType: 'application/pdf', buffer: PDF });
    await form.getByRole('button', { name: '修改后重新提交' }).click();
    await eventually(async () => (await applicationOnServer())?.round, 30_000).toBe(2);

    // The staff approve it with the code; it shows in the application, the account facts and the unit list.
    const approved = await adminCall(association.url, ROUTES.adminApproveApplication, { applicationId: sent.applicationId }, { staff: '审核员甲', insuranceCode: '3019BJ' });
    expect(approved.status).toBe(200);
    await pullNow();
    await openUnit();
    await eventually(() => page.getByTestId('insurance-code-status').textContent(), 30_000).toBe('审核通过');
    await expect(page.getByTestId('insurance-code-issued').textContent()).resolves.toBe('3019BJ');
    await expect(page.getByTestId('account-insurance-code').textContent()).resolves.toBe('3019BJ');
    await eventually(() => page.getByTestId('units-table').getByRole('row', { name: /示例单位A/ }).textContent()).toContain('3019BJ');
    await eventually(() => page.getByTestId('unit-form').locator('input[name="insuranceCode"]').inputValue()).toBe('3019BJ');
    const unit = (await app.call('units.list', {})).find((u) => u.name === '示例单位A');
    expect(unit?.insuranceCode).toBe('3019BJ');
    await screenshot(page, 'onboarding-03-approved');
    expect(problems).toEqual([]);
  }, 150_000);
});
