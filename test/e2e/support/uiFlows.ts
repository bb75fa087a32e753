/** Steps the synced end-to-end scenarios share: logging in from the sync panel, printing a document. */
import type { Page } from 'playwright';
import type { DocumentKind } from '../../../shared/api/dto';
import { httpPath } from '../../../shared/api/client';
import { eventually } from './eventually';

/**
 * Clicks 打印 for `kind` on the open batch's 文书 step, confirms it was printed (a browser
 * counts a print on the clerk's word) and hands back the PDF the UI received for it. The
 * bytes are read from the core's answer to the page's own request: the tab holds a blob:
 * address that only Chromium's PDF viewer can read (the page's CSP keeps fetch off blob:).
 */
export async function printFromUi(page: Page, kind: DocumentKind): Promise<Uint8Array> {
  const answer = page.waitForResponse((r) => r.url().endsWith(httpPath('documents.generate')) && (r.request().postData() ?? '').includes('"print"'));
  const [tab] = await Promise.all([page.context().waitForEvent('page'), page.locator(`[data-doc-print="${kind}"]`).click()]);
  const body = (await (await answer).json()) as { result?: { base64?: string } };
  await eventually(() => tab.url()).toMatch(/^blob:/);
  await tab.close();
  await page.getByTestId('print-confirm').click();
  await page.getByTestId('print-confirm-box').waitFor({ state: 'detached' });
  const bytes = new Uint8Array(Buffer.from(body.result?.base64 ?? '', 'base64'));
  if (Buffer.from(bytes.subarray(0, 4)).toString('latin1') !== '%PDF') throw new Error('打印得到的不是 PDF');
  return bytes;
}

/** Logs in from the sync panel (同步 → 单位账号) and waits for the panel to name the account. */
export async function loginFromSyncPanel(page: Page, account: string, password: string, accountName: string): Promise<void> {
  await page.getByTestId('sync-indicator').click();
  const form = page.locator('form.form');
  await form.getByLabel('单位名称或手机号码').fill(account);
  await form.getByLabel('密码', { exact: true }).fill(password);
  await form.getByRole('button', { name: '登录', exact: true }).click();
  await eventually(() => page.locator('section.panel.side').textContent()).toContain(`已登录：${accountName}`);
}
