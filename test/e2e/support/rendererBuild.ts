/**
 * Builds the renderer once for all end-to-end tests and benchmarks: the output folder is
 * named by a digest of every source the bundle can include (renderer/, shared/, the build
 * config), so an unchanged tree reuses the last build and parallel test files build once
 * (a lock folder makes the others wait).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CONFIG = join(REPO, 'build', 'vite.renderer.config.ts');
const BUILDS = join(REPO, 'test-output', 'renderer-build');
const LOCK_WAIT_MS = 180_000;

function sourceDigest(): string {
  const hash = createHash('sha256');
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile()) {
        const s = statSync(path);
        hash.update(`${path}\0${s.size}\0${s.mtimeMs}\n`);
      }
    }
  };
  visit(join(REPO, 'renderer'));
  visit(join(REPO, 'shared'));
  const c = statSync(CONFIG);
  hash.update(`${CONFIG}\0${c.size}\0${c.mtimeMs}`);
  return hash.digest('hex').slice(0, 16);
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const until = Date.now() + LOCK_WAIT_MS;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Returns the folder holding index.html and its assets. */
export async function buildRenderer(): Promise<string> {
  const out = join(BUILDS, sourceDigest());
  const done = join(out, 'index.html');
  if (existsSync(done)) return out;
  mkdirSync(BUILDS, { recursive: true });
  const lock = `${out}.lock`;
  try {
    mkdirSync(lock);
  } catch {
    await waitFor(() => existsSync(done) || !existsSync(lock), 'the renderer build of another test file');
    if (existsSync(done)) return out;
    return buildRenderer();
  }
  try {
    const { build } = await import('vite');
    // vitest runs with NODE_ENV=test, which would make Vite bundle React's development build.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: CONFIG, mode: 'production', logLevel: 'error', build: { outDir: out, emptyOutDir: true } });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
    // Older builds are of no further use.
    for (const name of readdirSync(BUILDS)) {
      const path = join(BUILDS, name);
      if (path !== out && path !== lock && !name.endsWith('.lock')) rmSync(path, { recursive: true, force: true });
    }
    return out;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
