/**
 * One enrollment per other seed association, through the real UI against the real
 * association server: the unit (matching its server account), a batch of the scheme's
 * type, the scheme's plans, a roster in the scheme's own columns, the premium confirmed,
 * the submission sent while logged in, the batch 待审核 on the server, approved by the
 * staff, and 待缴费 in the UI. One browser for the file; one server and one core per
 * association, each with its clock inside that scheme's window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import type { EnrollmentType } from '../../shared/domain/batch';
import { formatYuan } from '../../shared/domain/money';
import { schemeById } from '../../shared/schemes';
import { pdfText } from '../electron/core/documents/pdfTools';
import { registerUnit } from '../server/serverFixtures';
import { launchBrowser, newAppPage, screenshot } from './support/browser';
import { eventually } from './support/eventually';
import { buildRenderer } from './support/rendererBuild';
import { MEN_AND_WOMEN, schemeRosterXlsx, type RosterPerson } from './support/schemeRosters';
import { approveOnServer, serverBatch, startAssociation, startSyncedApp, type Association, type SyncedApp } from './support/syncedApp';
import { loginFromSyncPanel, printFromUi } from './support/uiFlows';

interface Case {
  schemeId: string;
  enrollmentType: EnrollmentType;
  /** Inside the scheme's window for that type, Beijing time. */
  now: string;
  unitName: string;
  /** Batch-scope plans ticked in the 保障项目 step. */
  plans: string[];
  persons: readonly RosterPerson[];
}


const CASES: Case[] = [
  { schemeId: 'suzhou-2024', enrollmentType: 'renewal', now: '2024-09-10T10:00:00+08:00', unitName: '苏州续保示例有限公司', plans: ['YL', 'NZ'], persons: MEN_AND_WOMEN },
  { schemeId: 'suzhou-2024', enrollmentType: 'new', now: '2024-09-12T10:00:00+08:00', unitName: '苏州新参保示例有限公司', plans: ['YL'], persons: MEN_AND_WOMEN },
  { schemeId: 'wuxi-2023', enrollmentType: 'new', now: '2023-03-10T10:00:00+08:00', unitName: '无锡三合一示例有限公司', plans: ['SHY'], persons: MEN_AND_WOMEN },
  { schemeId: 'shenzhen', enrollmentType: 'new', now: '2025-01-10T10:00:00+08:00', unitName: '深圳参保示例有限公司', plans: ['ZY', 'YW'], persons: MEN_AND_WOMEN },
];

let browser: Browser;
let staticRoot: string;

beforeAll(async () => {
  staticRoot = await buildRenderer();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

/** A server and a core for one association, both on that scheme's day; the unit's account exists on the server. */
async function startPair(c: Case): Promise<{ association: Association; app: SyncedApp; account: Awaited<ReturnType<typeof registerUnit>>; page: Page; close(): Promise<void> }> {
  const association = await startAssociation({ port: 0, now: c.now });
  const account = await registerUnit(association.url, c.unitName, '周经办');
  const app = await startSyncedApp({ now: c.now, staticRoot, serverUrl: association.url });
  const page = await newAppPage(browser);
  return {
    association,
    app,
    account,
    page,
    async close() {
      await page.context().close();
      await app.close();
      await association.close();
    },
  };
}

describe.each(CASES)('$schemeId $enrollmentType, synced with the association', (c) => {
  it('goes from a new unit to 待缴费', async () => {
    const scheme = schemeById(c.schemeId)!;
    const { association, app, account, page, close } = await startPair(c);
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    const shot = (step: string) => screenshot(page, `sync-${c.schemeId}-${c.enrollmentType}-${step}`);
    try {
      await page.goto(app.openUrl);

      // 单位: the server's account by its name and handler phone.
      await page.getByRole('button', { name: /^单位/ }).click();
      await page.getByRole('button', { name: '新增单位' }).first().click();
      const form = page.getByTestId('unit-form');
      await form.locator('input[name="name"]').fill(c.unitName);
      await form.locator('input[name="handlerName"]').fill('周经办');
      await form.locator('input[name="handlerPhone"]').fill(account.phone);
      await form.getByRole('button', { name: '保存' }).click();
      await page.getByTestId('units-table').getByText(c.unitName).waitFor();
      await page.getByRole('button', { name: '设为当前并查看批次' }).click();
      await eventually(() => page.getByTestId('unit-switcher').textContent()).toContain(c.unitName);

      // Logged in from the sync panel before anything is submitted.
      await loginFromSyncPanel(page, account.phone, account.password, c.unitName);
      await eventually(() => page.getByTestId('sync-indicator').textContent()).toBe('在线 · 无待发送');

      // 批次 and 保障项目.
      await page.getByRole('button', { name: /^批次/ }).click();
      await page.getByTestId('new-batch').click();
      const newBatch = page.getByTestId('new-batch-form');
      await newBatch.locator('select[name="scheme"]').selectOption(c.schemeId);
      await newBatch.locator('select[name="enrollmentType"]').selectOption(c.enrollmentType);
      await newBatch.getByRole('button', { name: '创建' }).click();
      for (const code of c.plans) {
        await page.locator(`[data-plan="${code}"]`).click();
        await eventually(() => page.locator(`[data-plan="${code}"]`).isChecked()).toBe(true);
      }
      await shot('plans');
      await page.getByRole('button', { name: '下一步：名单' }).click();

      // 名单 in the scheme's own columns.
      await page.getByTestId('import-file').setInputFiles({
        name: '参保名单.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await schemeRosterXlsx(scheme, c.persons),
      });
      await eventually(() => page.getByTestId('import-status').getAttribute('data-phase'), 30_000).toBe('done');
      await eventually(() => page.getByTestId('roster-total').textContent()).toBe(`共 ${c.persons.length} 人`);
      await eventually(() => page.getByTestId('roster-grid').locator('[data-verdict="error"]').count()).toBe(0);

      // 校验, 保费 (as the core priced it), 提交.
      await page.locator('[data-step="check"]').click();
      await eventually(() => page.getByTestId('check-state').textContent(), 30_000).toBe('清册校验通过');
      await page.getByRole('button', { name: '下一步：保费' }).click();
      const batch = (await app.call('batches.list', {}))[0]!;
      const quote = await app.call('pricing.quote', { batchId: batch.id });
      expect(quote.payableFen).toBeGreaterThan(0);
      const lines = page.getByTestId('premium-lines');
      await eventually(() => lines.locator('tbody tr').count()).toBeGreaterThan(0);
      for (const line of quote.lines) await expect(lines.textContent()).resolves.toContain(line.explanation);
      await expect(page.getByTestId('payable').textContent()).resolves.toBe(`${formatYuan(quote.payableFen, { grouped: true })} 元`);
      await shot('premium');
      await page.getByTestId('confirm-premium').click();
      await page.getByTestId('accept-notice').check(); // always beside the submit button, once the submit step has rendered
      await page.getByTestId('submit-batch').click();

      // Sent at once (logged in): the feed brings 待审核.
      await eventually(async () => (await app.call('batches.get', { batchId: batch.id })).state, 30_000).toBe('underReview');
      await page.getByRole('button', { name: /^批次/ }).click();
      const row = page.locator(`[data-batch-id="${batch.id}"]`);
      await eventually(() => row.textContent()).toContain('待审核');
      const onServer = await serverBatch(association.url, batch.id);
      expect(onServer?.state).toBe('underReview');
      expect(onServer?.unitName).toBe(c.unitName);

      // The staff approve; 立即重试 pulls the feed.
      await approveOnServer(association.url, onServer!.serverBatchId);
      await page.getByTestId('sync-indicator').click();
      await page.getByTestId('sync-retry').click();
      await page.getByRole('button', { name: /^批次/ }).click();
      await eventually(() => row.textContent(), 30_000).toContain('待缴费');
      await eventually(() => page.getByTestId('sync-indicator').textContent()).toBe('在线 · 无待发送');
      await shot('awaiting-payment');

      // 文书打印: the payment notice names the batch, the total and the account to pay into.
      await row.locator('td').nth(2).click();
      await page.locator('[data-step="documents"]').click();
      const text = pdfText(await printFromUi(page, 'paymentNotice'));
      expect(text).toContain(scheme.documents.paymentNotice!.title);
      expect(text).toContain(onServer!.serverBatchId);
      expect(text).toContain(formatYuan(quote.payableFen, { grouped: true }));
      // Every notice carries the account: the manual's, or the association's catalogue's.
      expect(text.replace(/\s/g, '')).toContain(scheme.payment.accountNumber!);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  }, 90_000);
});
