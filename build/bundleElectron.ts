/**
 * Builds what Electron runs: the main process as one ESM file, the core's own process and
 * its background thread as others, and the preload as CommonJS (a sandboxed preload cannot be an ES module), next to
 * the store's SQL migrations.
 * Packages stay external: electron-builder ships node_modules with native modules rebuilt.
 */
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ELECTRON_OUT = join(ROOT, 'dist', 'electron');

export async function bundleElectron(): Promise<void> {
  mkdirSync(ELECTRON_OUT, { recursive: true });
  const common = { bundle: true, platform: 'node' as const, target: 'node22', packages: 'external' as const, sourcemap: true, logLevel: 'warning' as const };
  await build({ ...common, entryPoints: [join(ROOT, 'electron', 'main.ts')], format: 'esm', outfile: join(ELECTRON_OUT, 'main.mjs') });
  await build({ ...common, entryPoints: [join(ROOT, 'electron', 'preload.ts')], format: 'cjs', outfile: join(ELECTRON_OUT, 'preload.cjs') });
  // The core's own process, started by the shell with utilityProcess.fork.
  await build({ ...common, entryPoints: [join(ROOT, 'electron', 'core', 'process', 'coreProcessMain.ts')], format: 'esm', outfile: join(ELECTRON_OUT, 'coreProcess.mjs') });
  // The core's background thread, found by the core's bundle beside itself (backgroundThread.ts).
  await build({ ...common, entryPoints: [join(ROOT, 'electron', 'core', 'background', 'backgroundWorker.ts')], format: 'esm', outfile: join(ELECTRON_OUT, 'backgroundWorker.mjs') });
  // electron-builder's afterPack hook (the fuses), as CommonJS it can load.
  await build({ ...common, entryPoints: [join(ROOT, 'build', 'afterPack.ts')], format: 'cjs', outfile: join(ROOT, 'dist', 'build-hooks', 'afterPack.cjs') });
  // The store finds its migrations beside its own module, which the bundle now is.
  cpSync(join(ROOT, 'electron', 'core', 'store', 'migrations'), join(ELECTRON_OUT, 'migrations'), { recursive: true });
}
