/**
 * The shell's launch test: runs wherever the Electron runtime is installed (it cannot be
 * downloaded on the CI machines, where the same app is tested through the browser host).
 * Starts the real bundle, and calls the core through the preload bridge from the window.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright';
import { build as viteBuild } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleElectron, ELECTRON_OUT, ROOT } from '../../build/bundleElectron';
import { ensureElectronSqlite } from '../../build/electronNative';

function electronBinary(): string | null {
  try {
    return createRequire(import.meta.url)('electron') as string;
  } catch {
    return null; // "Electron failed to install correctly": the runtime was not downloaded here
  }
}

const binary = electronBinary();

describe.runIf(binary !== null)('the Electron shell', () => {
  let app: ElectronApplication;
  const dataDir = mkdtempSync(join(tmpdir(), 'huzhu-electron-'));

  beforeAll(async () => {
    await viteBuild({ configFile: join(ROOT, 'build', 'vite.renderer.config.ts'), logLevel: 'warn' });
    await bundleElectron();
    const binding = await ensureElectronSqlite();
    app = await _electron.launch({ executablePath: binary!, args: [join(ELECTRON_OUT, 'main.mjs')], env: { ...process.env, HUZHU_DATA_DIR: dataDir, HUZHU_SQLITE_BINDING: binding } });
  }, 600_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens a sandboxed window whose only door to the core is the typed bridge', async () => {
    const page = await app.firstWindow();
    const answer = await page.evaluate(async () => {
      const w = (globalThis as unknown) as { huzhu: { call(op: string, input: unknown): Promise<{ ok: boolean; value?: unknown }> }; require?: unknown; process?: unknown };
      return { hasNode: typeof w.require !== 'undefined' || typeof w.process !== 'undefined', schemes: await w.huzhu.call('schemes.list', {}) };
    });
    expect(answer.hasNode).toBe(false);
    expect(answer.schemes.ok).toBe(true);
    expect((answer.schemes.value as unknown[]).length).toBe(5);
  });
});
