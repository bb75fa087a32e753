/** Debian's Chromium driven by the playwright library (never a downloaded browser build). */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import { REPO } from './rendererBuild';

export const SCREENSHOTS = join(REPO, 'test-output', 'screenshots');

export function chromiumPath(): string {
  if (process.env.HUZHU_CHROMIUM) return process.env.HUZHU_CHROMIUM;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not on PATH
    }
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error('没有找到 Chromium：请安装 Debian 的 chromium 软件包，或用 HUZHU_CHROMIUM 指定可执行文件');
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--lang=zh-CN'],
  });
}

export async function newAppPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** Saves a PNG of the window under test-output/screenshots; passing notices are left out so the screen itself shows. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, style: '.notices { display: none !important; }', animations: 'disabled' });
  return path;
}
