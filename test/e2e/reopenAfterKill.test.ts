/**
 * Never lose work: a batch drafted in the UI (plans chosen, persons entered) survives the
 * core being killed outright (SIGKILL, no orderly close), and the app opened again on the
 * same data folder shows the draft as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { startAppHost, newDataDir, type AppHost } from './support/appHost';
import { launchBrowser, newAppPage, screenshot } from './support/browser';
import { startCoreChild, type CoreChild } from './support/coreChild';
import { eventually } from './support/eventually';
import { buildRenderer } from './support/rendererBuild';
import { residentId } from './support/rosterFiles';
import { rmSync } from 'node:fs';

const NOW = '2020-04-20T02:00:00Z';
let staticRoot: string;
let dataDir: string;
let child: CoreChild | undefined;
let reopened: AppHost | undefined;
let browser: Browser;

beforeAll(async () => {
  staticRoot = await buildRenderer();
  dataDir = newDataDir();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await child?.kill();
  await reopened?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function enterPerson(page: Page, name: string, id: string): Promise<void> {
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.type(`${id}\n`, { delay: 3 });
  await page.keyboard.press('Enter');
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  await eventually(() => page.getByTestId('quick-saved').locator('tbody tr').first().textContent()).toContain(name);
}

describe('the app reopened after the core was killed', () => {
  it('keeps the draft batch, its plans and its persons', async () => {
    child = await startCoreChild({ dataDir, now: NOW, staticRoot });
    let page = await newAppPage(browser);
    await page.goto(child.openUrl);

    await page.getByRole('button', { name: /^单位/ }).click();
    await page.getByRole('button', { name: '新增单位' }).first().click();
    const form = page.getByTestId('unit-form');
    await form.locator('input[name="name"]').fill('闵行区服务窗口示例单位');
    await form.locator('input[name="handlerName"]').fill('王经办');
    await form.locator('input[name="handlerPhone"]').fill('13900000002');
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByRole('button', { name: '设为当前并查看批次' }).click();
    await page.getByTestId('new-batch').click();
    await page.getByTestId('new-batch-form').locator('select[name="scheme"]').selectOption('shanghai-2020');
    await page.getByTestId('new-batch-form').locator('input[name="title"]').fill('四月集中参保草稿');
    await page.getByTestId('new-batch-form').getByRole('button', { name: '创建' }).click();
    for (const code of ['A0', 'B0']) {
      await page.locator(`[data-plan="${code}"]`).click();
      await eventually(() => page.locator(`[data-plan="${code}"]`).isChecked()).toBe(true);
    }
    await page.keyboard.press('Alt+3');
    await page.getByTestId('quick-entry-form').waitFor();
    await eventually(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('name');
    await enterPerson(page, '周一', residentId('1986-03-12', 11));
    await enterPerson(page, '吴二', residentId('1993-09-09', 24));

    // Pulled plug: the core dies mid-session with nothing closed.
    await child.kill();
    child = undefined;
    await page.keyboard.press('Alt+2');
    await page.getByRole('button', { name: '刷新' }).click();
    await eventually(() => page.locator('.notice.error').first().textContent()).toContain('无法连接到本机服务');
    await page.context().close();

    // Opened again on the same data folder.
    reopened = await startAppHost({ now: NOW, staticRoot, dataDir });
    page = await newAppPage(browser);
    await page.goto(reopened.openUrl);
    const row = page.getByTestId('batches-table').locator('tr', { hasText: '四月集中参保草稿' });
    await eventually(() => row.textContent()).toContain('清册待校验');
    await expect(row.locator('td.num').first().textContent()).resolves.toBe('2');
    await screenshot(page, '10-reopened-batches');
    await row.click();
    for (const code of ['A0', 'B0']) await eventually(() => page.locator(`[data-plan="${code}"]`).isChecked()).toBe(true);
    await expect(page.locator('[data-plan="C0"]').isChecked()).resolves.toBe(false);
    await page.locator('[data-step="roster"]').click();
    await eventually(() => page.getByTestId('roster-total').textContent()).toBe('共 2 人');
    const names = await page.getByTestId('roster-grid').locator('[data-row-id] [data-field="name"]').allTextContents();
    expect(names).toEqual(['周一', '吴二']);
  }, 120_000);
});
