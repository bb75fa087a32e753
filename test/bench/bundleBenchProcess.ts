/**
 * A benchmark's own process (importProcess.ts, hostileProcess.ts), the core's own process
 * and its background thread bundled as the Electron build bundles the core
 * (bundleElectron.ts), beside the store's migrations: measured on what the app runs, not on
 * tsx loading TypeScript.
 */
import { cpSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BENCH_BUNDLE = join(ROOT, 'dist', 'bench');

/** Bundles test/bench/<name>.ts; the path of the bundle to run with node. */
export async function bundleBenchProcess(name: string): Promise<string> {
  await build({
    entryPoints: {
      [name]: join(ROOT, 'test', 'bench', `${name}.ts`),
      coreProcess: join(ROOT, 'electron', 'core', 'process', 'coreProcessMain.ts'),
      backgroundWorker: join(ROOT, 'electron', 'core', 'background', 'backgroundWorker.ts'),
    },
    outdir: BENCH_BUNDLE,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  cpSync(join(ROOT, 'electron', 'core', 'store', 'migrations'), join(BENCH_BUNDLE, 'migrations'), { recursive: true });
  return join(BENCH_BUNDLE, `${name}.mjs`);
}
