/**
 * `npm start`: build the renderer and the Electron bundles, make sure better-sqlite3 is
 * compiled for Electron (kept apart from the Node build the tests use), and launch the app.
 * Without the Electron runtime, `npm run web` runs the same app in a browser.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build as viteBuild } from 'vite';
import { bundleElectron, ELECTRON_OUT, ROOT } from './bundleElectron';
import { ensureElectronSqlite } from './electronNative';

const require = createRequire(import.meta.url);

function electronBinary(): string | null {
  try {
    const path = require('electron') as unknown as string;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const electron = electronBinary();
  if (!electron) {
    console.error('未找到 Electron 运行时（安装时可能跳过了下载）。可改用浏览器运行：npm run web');
    process.exit(1);
  }
  await viteBuild({ configFile: join(ROOT, 'build', 'vite.renderer.config.ts'), logLevel: 'warn' });
  await bundleElectron();
  const binding = await ensureElectronSqlite();
  if (process.argv.includes('--build-only')) return;
  const child = spawn(electron, [join(ELECTRON_OUT, 'main.mjs')], { stdio: 'inherit', env: { ...process.env, HUZHU_SQLITE_BINDING: binding } });
  child.on('exit', (code) => process.exit(code ?? 0));
}

void main().catch((e: unknown) => {
  console.error('启动失败：', (e as Error).message);
  process.exit(1);
});
