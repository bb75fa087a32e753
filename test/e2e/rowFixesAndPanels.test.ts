/**
 * The one-step fixes the Shanghai roster asks for (设置在职 for a "-" person, the over-age
 * commitment with its text), and the screens whose core operations may not be there yet
 * (documents, sync, print log) saying so clearly instead of failing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { startAppHost, type AppHost } from './support/appHost';
import { launchBrowser, newAppPage, screenshot } from './support/browser';
import { eventually } from './support/eventually';
import { buildRenderer } from './support/rendererBuild';
import { residentId, rosterXlsx, SHANGHAI_HEADERS } from './support/rosterFiles';

let app: AppHost;
let browser: Browser;
let page: Page;
let batchId: string;

beforeAll(async () => {
  const staticRoot = await buildRenderer();
  app = await startAppHost({ now: '2020-04-20T02:00:00Z', staticRoot });
  const unit = await app.call('units.save', { unit: { name: '徐汇示例机械厂', socialSecurityCodes: ['S100'], handler: { name: '赵经办', phone: '13800000003' } } });
  const batch = await app.call('batches.create', { unitId: unit.id, schemeId: 'shanghai-2020', enrollmentType: 'central' });
  await app.call('batches.update', { batchId: batch.id, selection: ['A0', 'B0', 'C0'].map((planCode) => ({ planCode, shares: 1 })) });
  batchId = batch.id;
  browser = await launchBrowser();
  page = await newAppPage(browser);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close({ removeData: true });
});

const rowOf = (name: string) => page.getByTestId('roster-grid').locator('[role="row"][data-row-id]', { hasText: name });
const stored = async (name: string) => (await app.call('roster.rows', { batchId, search: name })).rows[0]!;

describe('roster fixes and the panels of operations still to come', () => {
  it('sets a "-" person in service and keeps an over-age person with the commitment', async () => {
    await page.goto(app.openUrl);
    await page.locator(`[data-batch-id="${batchId}"]`).click();
    await page.locator('[data-step="roster"]').click();
    await page.getByTestId('import-file').setInputFiles({
      name: '历史清册.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await rosterXlsx(
        [...SHANGHAI_HEADERS, '职退情况'],
        [
          ['钱正常', '身份证', residentId('1980-08-08', 15), '', '', '', '是', '在职'],
          ['孙未明', '身份证', residentId('1983-03-03', 17), '', '', '', '-', '-'],
          ['李老师', '身份证', residentId('1955-01-01', 19), '', '', '', '是', '在职'],
        ],
      ),
    });
    await eventually(() => page.getByTestId('import-status').getAttribute('data-phase'), 30_000).toBe('done');
    await eventually(() => page.getByTestId('roster-total').textContent()).toBe('共 3 人');

    // 设置在职: the scheme's own question, then 职退情况 在职 and 是否有社保 是.
    await rowOf('孙未明').locator('[data-field="name"]').click();
    await page.getByTestId('set-in-service').click();
    await expect(page.getByRole('dialog').textContent()).resolves.toContain('确认该职工在职且正常缴纳社保');
    await page.getByRole('dialog').getByRole('button', { name: '确认在职' }).click();
    await eventually(async () => (await stored('孙未明')).values).toMatchObject({ employmentStatus: '在职', socialSecurity: '是' });
    await eventually(() => rowOf('孙未明').getAttribute('data-verdict')).toBe('ok');

    // The over-age person: the commitment's text from the scheme, confirmed, and 医保享受在职待遇 ticked.
    await rowOf('李老师').locator('[data-field="name"]').click();
    expect(await rowOf('李老师').getAttribute('data-verdict')).toBe('error');
    await page.getByTestId('over-age-commitment').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.textContent()).resolves.toContain('上述超龄人员为本单位在职职工，且医保享受在职待遇');
    await screenshot(page, '13-over-age-commitment');
    await dialog.getByRole('button', { name: '已阅读，确认承诺' }).click();
    await eventually(async () => (await app.call('batches.get', { batchId })).overAgeCommitmentAt).toBeTruthy();
    await eventually(async () => (await stored('李老师')).values.medicalInService).toBe('是');
    await eventually(async () => (await stored('李老师')).verdict).not.toBe('error');
    await eventually(() => rowOf('李老师').getAttribute('data-verdict')).not.toBe('error');
  }, 90_000);

  it('explains why a document cannot be printed yet, and shows the sync panel and the print log', async () => {
    await page.locator('[data-step="documents"]').click();
    // Not for a batch whose premium is not confirmed: the clerk reads why before any click, and may only preview.
    await eventually(() => page.locator('[data-doc-reason="paymentNotice"]').textContent()).toContain('只能预览');
    await expect(page.locator('[data-doc-print="paymentNotice"]').isDisabled()).resolves.toBe(true);
    await page.locator('[data-doc-preview="paymentNotice"]').click();
    await eventually(() => page.locator('.doc-preview iframe').getAttribute('src')).toMatch(/^blob:/);
    await screenshot(page, '14-documents');

    await page.keyboard.press('Alt+4');
    await eventually(() => page.getByTestId('sync-indicator').textContent()).toMatch(/在线|离线/);
    await screenshot(page, '15-sync');

    await page.keyboard.press('Alt+5');
    await page.getByTestId('print-log').waitFor();

    await page.keyboard.press('F1');
    await eventually(() => page.getByRole('dialog').textContent()).toContain('键盘快捷键');
    await page.keyboard.press('Escape');
    await eventually(() => page.getByRole('dialog').count()).toBe(0);

    // A reload keeps the session: the address has no token any more, the host's HttpOnly cookie stands for it.
    await page.reload();
    expect(page.url()).not.toContain('token=');
    await eventually(() => page.getByTestId('sync-indicator').textContent()).toMatch(/在线|离线/);
  }, 60_000);
});
