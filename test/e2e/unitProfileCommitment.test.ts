/**
 * 单位信息完善 (Wuxi) through the real UI, offline: the district from the scheme's list, the
 * medical-insurance code, the handler and a certificate, and the 承诺书 that must stay on
 * screen for 15 s. The window's clock and the core's clock are both driven by the test:
 * the window counts down and enables the button only after 15 s; an acceptance the core's
 * clock says is too early is refused by the core whatever the window shows; after 15 s on
 * the core's clock it is accepted and the profile is queued (待发送).
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { createCore, type Core } from '../../electron/core/app/createCore';
import { memoryTokenVault } from '../../electron/core/sync/tokenVault';
import { startHttpHost, type RunningHost } from '../../electron/core/host/httpHost';
import { newDataDir } from './support/appHost';
import { launchBrowser, newAppPage, screenshot } from './support/browser';
import { eventually } from './support/eventually';
import { buildRenderer } from './support/rendererBuild';

const START = new Date('2023-03-10T09:00:00+08:00').getTime();
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');
/** The core's clock: real time from the start day, plus whatever the test adds. */
let skewMs = 0;
const offset = START - Date.now();
const coreNow = () => new Date(Date.now() + offset + skewMs);

let dataDir: string;
let core: Core;
let host: RunningHost;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  const staticRoot = await buildRenderer();
  dataDir = newDataDir();
  core = await createCore({ dataDir, now: coreNow, operator: '测试经办人', tokens: memoryTokenVault() });
  host = await startHttpHost({ dispatcher: core.dispatcher, events: core.events, token: randomBytes(24).toString('base64url'), port: 0, staticRoot });
  browser = await launchBrowser();
  page = await newAppPage(browser);
  await page.clock.install();
  page.on('pageerror', (e) => problems.push(e.message));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await core?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('单位信息完善 with the 15-second commitment', () => {
  it('counts down, refuses an early acceptance in the core, accepts after 15 s and queues the profile', async () => {
    await page.goto(host.openUrl);
    await page.getByRole('button', { name: /^单位/ }).click();
    await page.getByRole('button', { name: '新增单位' }).first().click();
    const unitForm = page.getByTestId('unit-form');
    await unitForm.locator('input[name="name"]').fill('无锡示例单位工会');
    await unitForm.locator('input[name="handlerName"]').fill('王颖');
    await unitForm.locator('input[name="handlerPhone"]').fill('13900000002');
    await unitForm.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('units-table').getByRole('row', { name: /无锡示例单位工会/ }).getByRole('button', { name: '编辑' }).click();
    await page.getByTestId('onboarding-scheme').selectOption('wuxi-2023');

    const step = page.getByTestId('unit-profile-completion');
    await step.waitFor();
    // Wuxi has no insurance-code application; the scheme, not the city, says so.
    await expect(page.getByTestId('insurance-code-application').count()).resolves.toBe(0);
    const form = page.getByTestId('unit-profile-form');
    await form.locator('select[name="district"]').selectOption('梁溪区');
    await form.locator('input[name="medicalInsuranceCode"]').fill('1234567');
    await form.locator('input[name="handlerIdNumber"]').fill('11010119900307909X');
    await page.getByTestId('unit-profile-files').setInputFiles({ name: '工会法人证书.pdf', mimeType: 'application/pdf', buffer: PDF });

    // Submitting before the commitment was read is refused in the window.
    await form.getByRole('button', { name: '提交单位信息' }).click();
    await eventually(() => form.textContent()).toContain('提交前须阅读《承诺书》并点击“我已阅读完成”');

    // The commitment: counting down from 15 s, the button disabled.
    await page.getByTestId('open-commitment').click();
    const dialog = page.getByTestId('commitment-dialog');
    await expect(dialog.textContent()).resolves.toContain('本单位自愿参加无锡市职工互助保障“三合一”项目');
    await expect(page.getByTestId('commitment-countdown').getAttribute('data-seconds')).resolves.toBe('15');
    await expect(page.getByTestId('commitment-accept').isDisabled()).resolves.toBe(true);
    await screenshot(page, 'onboarding-wx-01-commitment');
    await page.clock.fastForward(10_000);
    await eventually(() => page.getByTestId('commitment-countdown').getAttribute('data-seconds')).toBe('5');
    await expect(page.getByTestId('commitment-accept').isDisabled()).resolves.toBe(true);

    // The window's 15 s are up, the core's are not: the core refuses.
    await page.clock.fastForward(5_000);
    await eventually(() => page.getByTestId('commitment-accept').isDisabled()).toBe(false);
    await page.getByTestId('commitment-accept').click();
    await eventually(() => dialog.textContent()).toContain('请阅读承诺书至少 15 秒后再确认');

    // 15 s later on the core's clock it is accepted.
    skewMs += 15_000;
    await page.getByTestId('commitment-accept').click();
    await page.getByTestId('commitment-accepted').waitFor();

    // The 7-digit code is refused by the scheme's rule (6 or 8 digits); corrected, the profile is queued.
    await form.getByRole('button', { name: '提交单位信息' }).click();
    await eventually(() => form.textContent()).toContain('医保代码须为 6 位或 8 位数字');
    await form.locator('input[name="medicalInsuranceCode"]').fill('12345678');
    await form.getByRole('button', { name: '提交单位信息' }).click();
    await eventually(() => page.getByTestId('unit-profile-status').textContent()).toBe('待发送');
    await screenshot(page, 'onboarding-wx-02-queued');

    const units = await core.dispatcher.dispatch('units.list', {});
    const unitId = units.ok ? (units.value as { id: string; name: string }[]).find((u) => u.name === '无锡示例单位工会')!.id : '';
    const view = await core.dispatcher.dispatch('onboarding.get', { unitId, schemeId: 'wuxi-2023' });
    expect(view.ok && (view.value as { unitProfile: { status: string; form: unknown } }).unitProfile).toMatchObject({
      status: 'queued',
      form: { district: '梁溪区', medicalInsuranceCode: '12345678', handler: { name: '王颖', idNumber: '11010119900307909X' } },
    });
    const [action] = core.store.outbox.nextSendable(coreNow());
    expect(action?.kind).toBe('submitUnitProfile');
    const commitment = (action!.payload as { body: { commitment: { readStartedAt: string; acceptedAt: string } } }).body.commitment;
    expect(new Date(commitment.acceptedAt).getTime() - new Date(commitment.readStartedAt).getTime()).toBeGreaterThanOrEqual(15_000);
    expect(problems).toEqual([]);
  }, 120_000);
});
