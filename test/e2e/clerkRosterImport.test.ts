/**
 * A roster as a clerk keeps it, imported through the real UI at 1366×768: its own headers
 * (one required column under a name no scheme knows), refused with the closest header and
 * mapped by hand in the dialog; the columns not imported listed; the template's instruction
 * breached (a space in a name) and a person twice, each with its reason and fix in the grid.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { startAppHost, type AppHost } from './support/appHost';
import { launchBrowser, newAppPage, screenshot } from './support/browser';
import { eventually } from './support/eventually';
import { buildRenderer } from './support/rendererBuild';
import { residentId, rosterXlsx } from './support/rosterFiles';
import { bankCard } from './support/schemeRosters';

let app: AppHost;
let browser: Browser;
let page: Page;
let batchId: string;

const HEADERS = ['序号', '职工姓名', '身份证件号', '社保卡号', '开户银行（必填）', '联系电话', '部门'];
const ID1 = residentId('1985-06-15', 123);
const ID2 = residentId('1990-02-28', 122);
const ROWS = [
  ['1', '张一', ID1, bankCard(1), '无锡市农村商业银行', '13900001001', '财务部'],
  ['2', '李 二', ID2, bankCard(2), '无锡市农村商业银行', '13900001002', '销售部'],
  ['3', '张一', ID1, bankCard(1), '无锡市农村商业银行', '13900001001', '财务部'],
];

beforeAll(async () => {
  const staticRoot = await buildRenderer();
  app = await startAppHost({ now: '2023-03-10T02:00:00Z', staticRoot });
  const unit = await app.call('units.save', { unit: { name: '无锡自有名单示例有限公司', handler: { name: '周经办', phone: '13800000002' }, socialSecurityCodes: [] } });
  const batch = await app.call('batches.create', { unitId: unit.id, schemeId: 'wuxi-2023', enrollmentType: 'new' });
  await app.call('batches.update', { batchId: batch.id, selection: [{ planCode: 'SHY', shares: 1 }] });
  batchId = batch.id;
  browser = await launchBrowser();
  page = await newAppPage(browser);
  await page.setViewportSize({ width: 1366, height: 768 });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close({ removeData: true });
});

describe('the clerk’s own roster', () => {
  it('maps the unknown column by hand, lists what was not imported, and shows each row’s reason with its fix', async () => {
    await page.goto(app.openUrl);
    await page.getByRole('button', { name: /^批次/ }).click();
    await page.locator(`[data-batch-id="${batchId}"]`).click();
    await page.locator('[data-step="roster"]').click();
    await page.getByTestId('import-file').setInputFiles({ name: '本单位花名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await rosterXlsx(HEADERS, ROWS) });

    // Refused: 居民身份证号 has no header; the closest one is offered, preselected.
    await eventually(() => page.getByTestId('import-status').getAttribute('data-phase'), 30_000).toBe('failed');
    await expect(page.getByTestId('import-status').textContent()).resolves.toContain('最接近的表头：“身份证件号”');
    const mapping = page.getByTestId('column-mapping');
    await expect(mapping.locator('select[data-field="documentNumber"]').inputValue()).resolves.toBe('身份证件号');
    await screenshot(page, 'clerk-roster-01-mapping');
    await page.getByTestId('mapping-retry').click();

    // Imported with the mapping; 部门 was read but is not imported, and says so.
    await eventually(() => page.getByTestId('import-status').getAttribute('data-phase'), 30_000).toBe('done');
    await expect(page.getByTestId('import-status').textContent()).resolves.toContain('以下列已读取但未导入（本方案不使用）：部门');
    await eventually(() => page.getByTestId('roster-total').textContent()).toBe('共 3 人');

    // The reasons in the grid: the template's instruction with the fix, the later duplicate naming the kept row.
    const grid = page.getByTestId('roster-grid');
    const spaced = grid.locator('[role="row"][data-row-id]', { hasText: '李 二' });
    await expect(spaced.getByTestId('row-reasons').textContent()).resolves.toContain('请删除空格，改为“李二”');
    const rows = grid.locator('[role="row"][data-row-id]');
    await expect(rows.nth(0).getAttribute('data-verdict')).resolves.toBe('ok');
    await expect(rows.nth(2).getByTestId('row-reasons').textContent()).resolves.toContain('已保留序号 1 的一行');
    await screenshot(page, 'clerk-roster-02-reasons');

    // The unit's next import of the same file needs no mapping.
    const remembered = await app.call('batches.create', { unitId: (await app.call('units.list', {}))[0]!.id, schemeId: 'wuxi-2023', enrollmentType: 'renewal' });
    const { jobId } = await app.call('roster.import', { batchId: remembered.id, file: { name: '本单位花名册.xlsx', base64: (await rosterXlsx(HEADERS, ROWS)).toString('base64') } });
    await eventually(async () => (await app.call('roster.importProgress', { jobId })).phase, 30_000).toBe('done');
  }, 120_000);
});
