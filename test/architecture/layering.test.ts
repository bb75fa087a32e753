import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { checkSource, formatViolations, LAYER_ROOTS, layerOf, type Layer } from './layeringRules';
import { findImports } from './sourceScanner';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SKIP_DIRS = new Set(['node_modules', 'dist', 'out', 'build', 'coverage']);
const SOURCE = /\.(?:ts|tsx|mts|cts)$/;

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.isFile() && SOURCE.test(entry.name) ? [path] : [];
  });
}

const files = Object.values(LAYER_ROOTS)
  .flatMap((root) => sourceFiles(join(REPO, root)))
  .map((abs) => ({ path: relative(REPO, abs).split(sep).join('/'), source: readFileSync(abs, 'utf8') }));

describe('import boundaries (README: Architecture)', () => {
  it('scans the real source tree, so the check cannot pass on nothing', () => {
    const perLayer = (layer: Layer) => files.filter((f) => layerOf(f.path) === layer).length;
    expect(perLayer('shared')).toBeGreaterThan(10);
    expect(perLayer('electronCore')).toBeGreaterThan(0);
    expect(files.reduce((n, f) => n + findImports(f.source).length, 0)).toBeGreaterThan(50);
  });

  it('no layer imports what it must not', () => {
    const violations = files.flatMap((f) => checkSource(f.path, f.source));
    expect(violations, `layering violations:\n${formatViolations(violations)}`).toEqual([]);
  });
});
