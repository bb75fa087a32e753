/**
 * `npm run web`: the whole app in an ordinary browser, for machines without the Electron
 * runtime and for the end-to-end tests. The core runs here under Node; the renderer build
 * is served on 127.0.0.1 with a per-launch token.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../app/createCore';
import { currentPlatformDefaults, resolveDataDir } from '../store';
import { startHttpHost } from './httpHost';
import { launchToken } from './token';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const staticRoot = process.env.HUZHU_RENDERER_DIR ?? join(root, 'dist', 'renderer');

function openBrowser(url: string): void {
  const command = process.platform === 'win32' ? 'explorer' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  spawn(command, [url], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
}

/**
 * HUZHU_CLOCK runs the app's clock from another instant (a training session inside the
 * 2020 Shanghai window, say); the real clock otherwise.
 */
function demoClock(start: string | undefined): () => Date {
  if (!start) return () => new Date();
  const from = Date.parse(start);
  if (Number.isNaN(from)) throw new Error(`HUZHU_CLOCK 须为 ISO 时间，如 2020-04-15T09:00:00+08:00：${start}`);
  const launched = Date.now();
  return () => new Date(from + (Date.now() - launched));
}

async function main(): Promise<void> {
  if (!existsSync(join(staticRoot, 'index.html'))) {
    console.error(`未找到界面文件（${staticRoot}），请先运行 npm run build:renderer`);
    process.exit(1);
  }
  const dataDir = resolveDataDir(process.env, currentPlatformDefaults());
  const core = await createCore({ dataDir, serverUrl: process.env.HUZHU_SERVER_URL, now: demoClock(process.env.HUZHU_CLOCK), backgroundThread: true });
  const host = await startHttpHost({
    dispatcher: core.dispatcher,
    events: core.events,
    token: launchToken(process.env.HUZHU_TOKEN),
    staticRoot,
    port: Number(process.env.HUZHU_PORT ?? 0),
  });
  console.log(`互助保障工作台已启动（数据目录：${dataDir}）`);
  console.log(`请在浏览器中打开：${host.openUrl}`);
  if (process.env.HUZHU_OPEN_BROWSER !== '0' && !process.env.CI) openBrowser(host.openUrl);
  const stop = () => {
    void host.close().then(() => core.close()).finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main().catch((e: unknown) => {
  console.error('启动失败：', (e as Error).message);
  process.exit(1);
});
