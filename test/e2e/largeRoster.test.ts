/**
 * The roster grid with 100,000 persons: only the rows in view are in the page, scrolling to
 * the very end shows the last person, and filtering by a finding shows exactly the rows
 * that carry it, to the last one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { startAppHost, type AppHost } from './support/appHost';
import { launchBrowser, newAppPage, screenshot } from './support/browser';
import { eventually } from './support/eventually';
import { BAD_OFFSET, LARGE_ROWS, seedLargeBatch } from './support/largeRoster';
import { buildRenderer } from './support/rendererBuild';
import { personName } from './support/rosterFiles';

let app: AppHost;
let browser: Browser;
let page: Page;
let batchId: string;

beforeAll(async () => {
  const staticRoot = await buildRenderer();
  app = await startAppHost({ now: '2020-04-20T02:00:00Z', staticRoot });
  batchId = await seedLargeBatch(app, '2020-04-20');
  browser = await launchBrowser();
  page = await newAppPage(browser);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close({ removeData: true });
});

const nameAt = (rowIndex: number) =>
  page.getByTestId('roster-grid').locator(`[aria-rowindex="${rowIndex}"] [data-field="name"]`).textContent({ timeout: 15_000 });

describe('a 100,000-row roster grid', () => {
  it('scrolls to the end and filters by a finding code', async () => {
    await page.goto(app.openUrl);
    await page.locator(`[data-batch-id="${batchId}"]`).click();
    await page.locator('[data-step="roster"]').click();
    const grid = page.getByTestId('roster-grid');
    await eventually(() => page.getByTestId('roster-total').textContent()).toBe(`共 ${LARGE_ROWS} 人`);
    await eventually(() => nameAt(1)).toBe(personName(0));
    // Windowed: a screenful of rows, not a hundred thousand.
    expect(await grid.locator('[aria-rowindex]').count()).toBeLessThan(100);

    // To the last row by keyboard, and by dragging the scroll bar to the bottom.
    await grid.focus();
    await page.keyboard.press('Control+End');
    await eventually(() => nameAt(LARGE_ROWS)).toBe(personName(LARGE_ROWS - 1));
    await grid.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await eventually(() => grid.locator('[aria-rowindex="50001"] [data-field="name"]').count()).toBe(1);
    await eventually(() => nameAt(50_001)).toBe(personName(50_000));
    await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await eventually(() => nameAt(LARGE_ROWS)).toBe(personName(LARGE_ROWS - 1));
    expect(await grid.locator('[aria-rowindex]').count()).toBeLessThan(100);
    await screenshot(page, '11-roster-100k-end');

    // Filter by the finding the bad rows carry: one in a hundred, first to last.
    const codeFilter = page.getByTestId('code-filter');
    await eventually(() => codeFilter.locator('option[value="idCheckDigit"]').count()).toBe(1);
    await codeFilter.selectOption('idCheckDigit');
    await eventually(() => page.getByTestId('roster-total').textContent()).toBe(`筛选出 ${LARGE_ROWS / 100} 人`);
    await eventually(() => nameAt(1)).toBe(personName(BAD_OFFSET));
    await eventually(() => nameAt(2)).toBe(personName(100 + BAD_OFFSET));
    expect(await grid.locator('[data-verdict="ok"]').count()).toBe(0);
    await grid.focus();
    await page.keyboard.press('Control+End');
    await eventually(() => nameAt(LARGE_ROWS / 100)).toBe(personName(LARGE_ROWS - 100 + BAD_OFFSET));
    await screenshot(page, '12-roster-100k-filtered');

    // And a text search inside the filter.
    await page.getByTestId('roster-search').fill(personName(500 + BAD_OFFSET));
    await eventually(() => page.getByTestId('roster-total').textContent()).toBe('筛选出 1 人');
    await eventually(() => nameAt(1)).toBe(personName(500 + BAD_OFFSET));
  }, 120_000);
});
