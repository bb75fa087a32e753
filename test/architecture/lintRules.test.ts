/**
 * The layering (README: Architecture) is enforced by oxlint (.oxlintrc.json), run by
 * `npm test` over the whole tree. These probes prove each rule bites: a file that breaks
 * it, placed where the rule applies, is reported with the rule's own message; the same file
 * where the rule does not apply is not.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '..', '..');
const OXLINT = join(REPO, 'node_modules', '.bin', 'oxlint');
const probes: string[] = [];

afterAll(() => {
  for (const dir of probes) rmSync(dir, { recursive: true, force: true });
});

/** Writes the files into a fresh probe folder under `folder` and lints them with the project's configuration. */
async function lint(folder: string, files: Record<string, string>): Promise<string[]> {
  mkdirSync(join(REPO, folder), { recursive: true });
  const dir = mkdtempSync(join(REPO, folder, '__lintprobe_'));
  probes.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const paths = Object.keys(files).map((name) => relative(REPO, join(dir, name)));
  const result = await promisify(execFile)(OXLINT, ['-c', '.oxlintrc.json', '-f', 'json', ...paths], { cwd: REPO }).catch((e: { stdout: string }) => e);
  const report = JSON.parse(result.stdout) as { diagnostics: { code: string; message: string; help?: string }[] };
  // The rule, then the project's own words for it (a restriction's message is oxlint's help text).
  return report.diagnostics.map((d) => `${d.code} ${d.message} ${d.help ?? ''}`.trim());
}


describe('the layering rules in .oxlintrc.json', () => {
  it('keeps shared/ pure: no Node built-ins, no Node or DOM globals, no native or UI packages, nothing outside shared/', async () => {
    const found = await lint('shared', {
        'a.ts': [
          "import { readFileSync } from 'node:fs';",
          "import { join } from 'path';",
          "import Database from 'better-sqlite3';",
          "import { useState } from 'react';",
          "import { openStore } from '../../electron/core/store';",
          'export const x = [readFileSync, join, Database, useState, openStore, process.env.HOME, Buffer.from(""), window.location, fetch];',
        ].join('\n'),
      });
    expect(found.filter((m) => m.includes('shared/ is pure: no Node built-ins'))).toHaveLength(2);
    expect(found.filter((m) => m.includes('no Node, native, DOM or UI packages'))).toHaveLength(2);
    expect(found.filter((m) => m.includes('shared/ imports only from shared/'))).toHaveLength(1);
    const globals = found.filter((m) => m.startsWith('eslint(no-restricted-globals)'));
    expect(globals.filter((m) => m.includes('shared/ is pure: no Node '))).toHaveLength(2);
    expect(globals.filter((m) => m.includes('shared/ is pure: no DOM '))).toHaveLength(2);
  });

  it('keeps electron/core/ free of electron, and sync, documents, host, store, roster and background free of the application layer', async () => {
    const file = "import { app } from 'electron';\nimport { createCore } from '../../app/createCore';\nexport const x = [app, createCore];\n";
    const inSync = await lint('electron/core/sync', { 'a.ts': file });
    expect(inSync.some((m) => m.includes('never import electron'))).toBe(true);
    expect(inSync.some((m) => m.includes('never import the application layer'))).toBe(true);
    const inProcess = await lint('electron/core/process', { 'a.ts': file });
    expect(inProcess.some((m) => m.includes('never import electron'))).toBe(true);
    expect(inProcess.some((m) => m.includes('application layer'))).toBe(false);
  });

  it('keeps renderer/ to the application API and server/ to itself', async () => {
    const renderer = await lint('renderer', { 'a.ts': "import { join } from 'node:path';\nimport { openStore } from '../../electron/core/store';\nexport const x = [join, openStore];\n" });
    expect(renderer.some((m) => m.includes('renderer/ runs in the sandboxed window'))).toBe(true);
    expect(renderer.some((m) => m.includes('renderer/ imports shared/ and itself only'))).toBe(true);
    const server = await lint('server', { 'a.ts': "import { EventBus } from '../../electron/core/app/eventBus';\nexport const x = EventBus;\n" });
    expect(server.some((m) => m.includes('server/ imports shared/ and itself only'))).toBe(true);
  });

  it('refuses import cycles, and hooks called conditionally', async () => {
    const cycle = await lint('electron/core/store', {
      'a.ts': "import { b } from './b';\nexport const a = () => b();\n",
      'b.ts': "import { a } from './a';\nexport const b = () => a();\n",
    });
    expect(cycle.some((l) => l.includes('no-cycle'))).toBe(true);
    const hooks = await lint('renderer', { 'a.tsx': "import { useState } from 'react';\nexport function A({ on }: { on: boolean }) {\n  if (on) useState(0);\n  return null;\n}\n" });
    expect(hooks.some((l) => l.includes('rules-of-hooks'))).toBe(true);
  });
});
