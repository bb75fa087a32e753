/**
 * `npm run web`: the whole app in an ordinary browser, for machines without the Electron
 * runtime. This process serves the renderer build and the API on 127.0.0.1 with a
 * per-launch token; the core runs in a process of its own (forkCore), as under Electron.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkCore } from '../process/forkCore';
import { currentPlatformDefaults, resolveDataDir } from '../store';
import { resolveHostDataKey } from './dataKeySource';
import { startHttpHost } from './httpHost';
import { launchToken } from './token';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const staticRoot = process.env.HUZHU_RENDERER_DIR ?? join(root, 'dist', 'renderer');

function openBrowser(url: string): void {
  const command = process.platform === 'win32' ? 'explorer' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  spawn(command, [url], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
}

async function main(): Promise<void> {
  if (!existsSync(join(staticRoot, 'index.html'))) {
    console.error(`未找到界面文件（${staticRoot}），请先运行 npm run build:renderer`);
    process.exit(1);
  }
  const dataDir = resolveDataDir(process.env, currentPlatformDefaults());
  const dataKey = resolveHostDataKey(process.env, dataDir);
  console.log(dataKey.notice);
  const { connection: core, child } = forkCore({
    dataDir,
    dataKey: dataKey.key.toBase64(),
    backgroundThread: true,
    ...(process.env.HUZHU_SERVER_URL ? { serverUrl: process.env.HUZHU_SERVER_URL } : {}),
    ...(process.env.HUZHU_CLOCK ? { clockStart: process.env.HUZHU_CLOCK } : {}),
  });
  await core.ready;
  const host = await startHttpHost({
    dispatcher: core,
    events: core,
    token: launchToken(process.env.HUZHU_TOKEN),
    staticRoot,
    port: Number(process.env.HUZHU_PORT ?? 0),
  });
  console.log(`互助保障工作台已启动（数据目录：${dataDir}）`);
  console.log(`请在浏览器中打开：${host.openUrl}`);
  if (process.env.HUZHU_OPEN_BROWSER !== '0' && !process.env.CI) openBrowser(host.openUrl);
  let stopping = false;
  child.on('exit', (code) => {
    if (stopping) return;
    console.error(`应用核心意外退出（代码 ${String(code)}），请重新启动；已保存的工作不会丢失`);
    void host.close().finally(() => process.exit(1));
  });
  const stop = () => {
    stopping = true;
    void host.close().then(() => core.close()).finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main().catch((e: unknown) => {
  console.error('启动失败：', (e as Error).message);
  process.exit(1);
});
