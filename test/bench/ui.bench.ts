/**
 * The renderer in Debian's Chromium against the real core: how long from loading the page
 * to an interactive batch list with 50 units and 200 batches stored (launch_ms), and how
 * long filtering a 100,000-row roster grid by a finding takes until the matching rows are
 * on screen (filter_100k_ms). Medians of a few runs after a warm-up.
 */
import type { Page } from 'playwright';
import { startAppHost } from '../e2e/support/appHost';
import { launchBrowser, newAppPage } from '../e2e/support/browser';
import { BAD_OFFSET, LARGE_ROWS, seedLargeBatch } from '../e2e/support/largeRoster';
import { buildRenderer } from '../e2e/support/rendererBuild';
import { personName } from '../e2e/support/rosterFiles';

const UNITS = 50;
const BATCHES_PER_UNIT = 4;
const RUNS = 5;
const NOW = '2020-04-20T02:00:00Z';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function gridShows(page: Page, total: string, firstName: string): Promise<void> {
  await page.waitForFunction(
    ([t, n]) =>
      document.querySelector('[data-testid="roster-total"]')?.textContent === t &&
      document.querySelector('[data-testid="roster-grid"] [aria-rowindex="1"] [data-field="name"]')?.textContent === n,
    [total, firstName] as const,
    { polling: 'raf', timeout: 60_000 },
  );
}

export default async function uiBench(): Promise<void> {
  const staticRoot = await buildRenderer();
  const app = await startAppHost({ now: NOW, staticRoot });
  const browser = await launchBrowser();
  try {
    for (let u = 0; u < UNITS; u++) {
      const unit = await app.call('units.save', { unit: { name: `基准单位${String(u).padStart(2, '0')}`, socialSecurityCodes: ['S100'], handler: { name: '经办', phone: '13800000000' } } });
      for (let b = 0; b < BATCHES_PER_UNIT; b++) {
        await app.call('batches.create', { unitId: unit.id, schemeId: 'shanghai-2020', enrollmentType: 'central', title: `批次${b + 1}` });
      }
    }

    const launches: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      const page = await newAppPage(browser);
      const started = performance.now();
      await page.goto(app.openUrl);
      await page.waitForFunction((n) => document.querySelectorAll('[data-batch-id]').length === n, BATCHES_PER_UNIT, { polling: 'raf', timeout: 60_000 });
      if (run > 0) launches.push(performance.now() - started);
      await page.context().close();
    }

    // "~" sorts after the digits, so the big unit is not the one the list opens with.
    const batchId = await seedLargeBatch(app, '2020-04-20', '~十万人名单示例单位');
    const page = await newAppPage(browser);
    await page.goto(app.openUrl);
    await page.getByTestId('unit-switcher').click();
    await page.keyboard.type('十万人');
    await page.keyboard.press('Enter');
    await page.locator(`[data-batch-id="${batchId}"]`).click();
    await page.locator('[data-step="roster"]').click();
    await gridShows(page, `共 ${LARGE_ROWS} 人`, personName(0));
    await page.getByTestId('code-filter').locator('option[value="idCheckDigit"]').waitFor({ state: 'attached' });

    const filters: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      const started = performance.now();
      await page.getByTestId('code-filter').selectOption('idCheckDigit');
      await gridShows(page, `筛选出 ${LARGE_ROWS / 100} 人`, personName(BAD_OFFSET));
      if (run > 0) filters.push(performance.now() - started);
      await page.getByTestId('code-filter').selectOption('');
      await gridShows(page, `共 ${LARGE_ROWS} 人`, personName(0));
    }
    console.log(`bench ui: launch_ms=${Math.round(median(launches))} filter_100k_ms=${Math.round(median(filters))} units=${UNITS} batches=${UNITS * BATCHES_PER_UNIT} rows=${LARGE_ROWS}`);
  } finally {
    await browser.close();
    await app.close({ removeData: true });
  }
}
