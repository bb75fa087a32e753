/**
 * On-site enrollment by keyboard only: each person typed field by field with Enter, the ID
 * number typed as fast as a card reader types it filling birth date and gender, and a
 * duplicate flagged before the next person is typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { startAppHost, type AppHost } from './support/appHost';
import { launchBrowser, newAppPage, screenshot } from './support/browser';
import { eventually } from './support/eventually';
import { buildRenderer } from './support/rendererBuild';
import { residentId } from './support/rosterFiles';

let app: AppHost;
let browser: Browser;
let page: Page;
let batchId: string;

beforeAll(async () => {
  const staticRoot = await buildRenderer();
  app = await startAppHost({ now: '2020-04-20T02:00:00Z', staticRoot });
  const unit = await app.call('units.save', {
    unit: { name: '浦东现场招募点', socialSecurityCodes: ['S100'], handler: { name: '李经办', phone: '13800000001' } },
  });
  const batch = await app.call('batches.create', { unitId: unit.id, schemeId: 'shanghai-2020', enrollmentType: 'central', title: '厂门口现场参保' });
  await app.call('batches.update', { batchId: batch.id, selection: ['A0', 'B0', 'C0'].map((planCode) => ({ planCode, shares: 1 })) });
  batchId = batch.id;
  browser = await launchBrowser();
  page = await newAppPage(browser);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.close({ removeData: true });
});

const PERSONS = [
  { name: '张一', id: residentId('1985-06-15', 123), birth: '1985-06-15', gender: '男' },
  { name: '李二', id: residentId('1990-02-28', 122), birth: '1990-02-28', gender: '女' },
  { name: '王三', id: `${residentId('1979-11-30', 31).slice(0, -1)}${residentId('1979-11-30', 31).slice(-1).toLowerCase()}`, birth: '1979-11-30', gender: '男' },
];

/** Types one person the way a clerk does at the gate: only keys, the ID as a reader types it (fast, ending in Enter). */
async function typePerson(p: Page, name: string, id: string): Promise<void> {
  await p.keyboard.type(name);
  await p.keyboard.press('Enter'); // → 证件类型 (身份证 chosen)
  await p.keyboard.press('Enter'); // → 证件号码
  await p.keyboard.type(id, { delay: 4 });
}

describe('quick entry', () => {
  it('enters three persons by keyboard and flags a duplicate before the next one', async () => {
    await page.goto(app.openUrl);
    await page.getByTestId('batches-table').waitFor();
    await page.keyboard.press('Alt+3');
    await page.getByTestId('quick-entry-form').waitFor();
    await eventually(() => page.getByTestId('quick-batch').inputValue()).toBe(batchId);
    await eventually(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('name');

    for (const [i, person] of PERSONS.entries()) {
      await typePerson(page, person.name, person.id);
      // Filled from the number as it was typed, before Enter.
      await eventually(() => page.locator('input[name="birthDate"]').inputValue()).toBe(person.birth);
      await expect(page.locator('[data-name="gender"]').getAttribute('data-value')).resolves.toBe(person.gender);
      if (i === 0) await screenshot(page, '16-quick-entry-typing');
      await page.keyboard.press('Enter'); // skips the filled fields → 手机号
      await eventually(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('phone');
      await page.keyboard.press('Enter'); // → 是否有社保
      await page.keyboard.press('1'); // 是
      await page.keyboard.press('Enter'); // last field: saves
      const saved = page.getByTestId('quick-saved').locator('tbody tr').first();
      await eventually(() => saved.textContent()).toContain(person.name);
      await expect(saved.getAttribute('data-verdict')).resolves.toBe('ok');
      await expect(saved.textContent()).resolves.toContain(person.birth);
      // The form is empty again with the cursor back on the name.
      await eventually(() => page.locator('input[name="name"]').inputValue()).toBe('');
      await eventually(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('name');
    }

    // Esc drops a half-typed person.
    await page.keyboard.type('半个人');
    await page.keyboard.press('Escape');
    await eventually(() => page.locator('input[name="name"]').inputValue()).toBe('');

    // The first person again: flagged at once, before anyone else is typed.
    await typePerson(page, '张一', PERSONS[0]!.id);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    const flag = page.getByTestId('quick-flag');
    await eventually(() => flag.textContent()).toContain('重复');
    await expect(page.locator('input[name="name"]').inputValue()).resolves.toBe('');
    await screenshot(page, '17-quick-entry-duplicate');

    const rows = await app.call('roster.rows', { batchId });
    expect(rows.total).toBe(4);
    expect(rows.rows.filter((r) => r.verdict === 'ok').map((r) => r.values.name)).toEqual(PERSONS.map((p) => p.name));
    expect(rows.rows.map((r) => [r.values.birthDate, r.values.gender])).toEqual([...PERSONS, PERSONS[0]!].map((p) => [p.birth, p.gender]));

    // Undoing the duplicate removes it.
    await flag.getByRole('button', { name: '撤销录入' }).click();
    await eventually(async () => (await app.call('roster.rows', { batchId })).total).toBe(3);
  }, 90_000);
});
