/**
 * The team's layering rules as code: which layer may import what. `checkSource` judges one
 * file from its repository path and text, so the rules can be tested on made-up files.
 */
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import { findGlobalUses, findImports } from './sourceScanner';

export type Layer = 'shared' | 'electronCore' | 'renderer' | 'server';

/** The folders checked, repository-relative. */
export const LAYER_ROOTS: Readonly<Record<Layer, string>> = {
  shared: 'shared',
  electronCore: 'electron/core',
  renderer: 'renderer',
  server: 'server',
};

export interface Violation {
  file: string;
  line: number;
  /** The import specifier or global name at fault. */
  subject: string;
  rule: string;
}

/** Packages that need Node, native code, a DOM or a UI framework: none belongs in pure shared code. */
const NOT_IN_SHARED = ['electron', 'better-sqlite3', 'exceljs', 'pdf-lib', '@pdf-lib/fontkit', 'react', 'react-dom', 'zustand', 'fastify', 'playwright', 'vite', 'vitest', 'pg', '@electric-sql/pglite', '@aws-sdk/client-s3'];

const DOM_OBJECTS = ['window', 'document', 'navigator', 'location', 'history'];
const DOM_ANY_USE = ['localStorage', 'sessionStorage', 'requestAnimationFrame', 'fetch', 'XMLHttpRequest', 'EventSource'];
const NODE_OBJECTS = ['process', 'Buffer'];
const NODE_ANY_USE = ['__dirname', '__filename', 'Buffer'];

export function layerOf(file: string): Layer | null {
  for (const [layer, root] of Object.entries(LAYER_ROOTS) as [Layer, string][]) {
    if (file === root || file.startsWith(`${root}/`)) return layer;
  }
  return null;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

export function isNodeBuiltin(specifier: string): boolean {
  if (specifier.startsWith('node:')) return true;
  return builtinModules.includes(specifier) || builtinModules.includes(packageName(specifier));
}

const isRelative = (specifier: string) => specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';

/** The repository path a relative specifier points to. */
function resolveFrom(file: string, specifier: string): string {
  return posix.normalize(posix.join(posix.dirname(file), specifier));
}

const under = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

/** Checks one file; `file` is its repository-relative path with forward slashes. */
export function checkSource(file: string, source: string): Violation[] {
  const layer = layerOf(file);
  if (!layer) return [];
  const violations: Violation[] = [];
  const add = (line: number, subject: string, rule: string) => violations.push({ file, line, subject, rule });

  for (const ref of findImports(source)) {
    const spec = ref.specifier;
    if (ref.kind === 'reference') {
      if ((layer === 'shared' || layer === 'renderer') && spec === 'types:node') add(ref.line, spec, `${layer}/ must not pull in Node's types`);
      if (layer === 'shared' && spec === 'lib:dom') add(ref.line, spec, 'shared/ must not pull in the DOM library');
      continue;
    }
    const target = isRelative(spec) ? resolveFrom(file, spec) : null;
    const pkg = target === null ? packageName(spec) : null;
    switch (layer) {
      case 'shared':
        if (target !== null && !under(target, 'shared')) add(ref.line, spec, 'shared/ imports only from shared/');
        if (pkg !== null && isNodeBuiltin(spec)) add(ref.line, spec, 'shared/ must not import Node built-ins');
        else if (pkg !== null && NOT_IN_SHARED.includes(pkg)) add(ref.line, spec, `shared/ must not import ${pkg}`);
        break;
      case 'electronCore':
        if (pkg === 'electron') add(ref.line, spec, 'electron/core/ must not import electron (it runs under plain Node)');
        if (target !== null && under(target, 'electron') && !under(target, 'electron/core')) {
          add(ref.line, spec, 'electron/core/ must not import the Electron shell (electron/main, electron/preload)');
        }
        if (target !== null && under(target, 'renderer')) add(ref.line, spec, 'electron/core/ must not import from renderer/');
        break;
      case 'renderer':
        if (target !== null && under(target, 'electron')) add(ref.line, spec, 'renderer/ must not import from electron/ (only the application API)');
        if (target !== null && under(target, 'server')) add(ref.line, spec, 'renderer/ must not import from server/');
        if (pkg !== null && isNodeBuiltin(spec)) add(ref.line, spec, 'renderer/ must not import Node built-ins');
        else if (pkg === 'electron' || pkg === 'better-sqlite3') add(ref.line, spec, `renderer/ must not import ${pkg}`);
        break;
      case 'server':
        if (target !== null && under(target, 'electron')) add(ref.line, spec, 'server/ must not import from electron/');
        if (target !== null && under(target, 'renderer')) add(ref.line, spec, 'server/ must not import from renderer/');
        if (pkg === 'electron') add(ref.line, spec, 'server/ must not import electron');
        if (pkg === 'better-sqlite3') add(ref.line, spec, 'server/ must not import better-sqlite3 (its storage is PostgreSQL SQL)');
        break;
    }
  }

  if (layer === 'shared') {
    for (const use of findGlobalUses(source, DOM_OBJECTS, DOM_ANY_USE)) add(use.line, use.name, 'shared/ must not use DOM globals');
    for (const use of findGlobalUses(source, NODE_OBJECTS, NODE_ANY_USE)) add(use.line, use.name, 'shared/ must not use Node globals');
  }
  return dedupe(violations).sort((a, b) => a.line - b.line);
}

// `Buffer.from` matches both the object and the any-use pattern; report it once.
function dedupe(violations: Violation[]): Violation[] {
  const seen = new Set<string>();
  return violations.filter((v) => {
    const key = `${v.line}|${v.subject}|${v.rule}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function formatViolations(violations: readonly Violation[]): string {
  return violations.map((v) => `${v.file}:${v.line}  ${JSON.stringify(v.subject)}  ${v.rule}`).join('\n');
}
