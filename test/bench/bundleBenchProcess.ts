/**
 * A benchmark's own process (importProcess.ts, hostileProcess.ts) and the core's background
 * thread bundled as the Electron build bundles the core (bundleElectron.ts), beside the
 * store's migrations: measured on what the app runs, not on tsx loading TypeScript.
 */
import { cpSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUNDLE = join(ROOT, 'dist', 'bench');

/** Bundles test/bench/<name>.ts; the path of the bundle to run with node. */
export async function bundleBenchProcess(name: string): Promise<string> {
  await build({
    entryPoints: { [name]: join(ROOT, 'test', 'bench', `${name}.ts`), backgroundWorker: join(ROOT, 'electron', 'core', 'background', 'backgroundWorker.ts') },
    outdir: BUNDLE,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  cpSync(join(ROOT, 'electron', 'core', 'store', 'migrations'), join(BUNDLE, 'migrations'), { recursive: true });
  return join(BUNDLE, `${name}.mjs`);
}
