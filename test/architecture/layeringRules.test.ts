import { describe, it, expect } from 'vitest';
import { checkSource, formatViolations, isNodeBuiltin } from './layeringRules';
import { findGlobalUses, findImports } from './sourceScanner';

const lines = (...l: string[]) => l.join('\n');
const found = (file: string, source: string) => checkSource(file, source).map((v) => [v.line, v.subject]);

describe('the checker finds violations (so the real check cannot pass silently)', () => {
  it('in shared/: Node built-ins, forbidden packages, files outside shared/, DOM and Node globals', () => {
    const source = lines(
      "import { readFileSync } from 'fs';", // 1
      'import path from "node:path";', // 2
      "const { createHash } = require('crypto');", // 3
      "const ExcelJS = await import('exceljs');", // 4
      "export * from 'react';", // 5
      "import type { Database } from 'better-sqlite3';", // 6
      'import {', // 7
      '  app,',
      '  BrowserWindow,',
      "} from 'electron';", // 10
      "import { openDb } from '../../electron/core/db';", // 11
      'window.print();', // 12
      'const t = document?.title;', // 13
      "localStorage.setItem('k', 'v');", // 14
      'if (navigator.onLine) {}', // 15
      'const dir = process.env.HOME;', // 16
      'const b: Buffer = Buffer.from("x");', // 17
      'const w = globalThis.window;', // 18
      "import { create } from 'zustand/vanilla';", // 19
      "import fontkit from '@pdf-lib/fontkit';", // 20
      "import { join } from 'path/posix';", // 21
      'const here = location.href;', // 22
      'requestAnimationFrame(draw);', // 23
      "const r = await fetch('/x');", // 24
    );
    expect(found('shared/domain/bad.ts', source)).toEqual([
      [1, 'fs'],
      [2, 'node:path'],
      [3, 'crypto'],
      [4, 'exceljs'],
      [5, 'react'],
      [6, 'better-sqlite3'],
      [7, 'electron'],
      [11, '../../electron/core/db'],
      [12, 'window'],
      [13, 'document'],
      [14, 'localStorage'],
      [15, 'navigator'],
      [16, 'process'],
      [17, 'Buffer'],
      [18, 'globalThis.window'],
      [19, 'zustand/vanilla'],
      [20, '@pdf-lib/fontkit'],
      [21, 'path/posix'],
      [22, 'location'],
      [23, 'requestAnimationFrame'],
      [24, 'fetch'],
    ]);
  });

  it('a triple-slash reference to Node types or the DOM library', () => {
    const source = lines('/// <reference types="node" />', '/// <reference lib="dom" />', 'export const x = 1;');
    expect(found('shared/x.ts', source)).toEqual([[1, 'types:node'], [2, 'lib:dom']]);
  });

  it('in electron/core/: electron itself and the shell around it', () => {
    const source = lines(
      "import { app } from 'electron';",
      "import { safeStorage } from 'electron/main';",
      "import { readFileSync } from 'node:fs';",
      "import Database from 'better-sqlite3';",
      "import { createWindow } from '../../main';",
      "import { x } from '../../../renderer/store';",
      "import { OPERATIONS } from '../../../shared/api';",
      "import { backoff } from '../backoff';",
      "import { outbox } from './outbox';",
    );
    expect(found('electron/core/sync/engine.ts', source)).toEqual([[1, 'electron'], [2, 'electron/main'], [5, '../../main'], [6, '../../../renderer/store']]);
  });

  it('in renderer/: electron/, server/ and Node', () => {
    const source = lines(
      "import { ipcRenderer } from 'electron';",
      "import { openDb } from '../electron/core/db';",
      "import { routes } from '../server/routes';",
      "import fs from 'fs';",
      "import { create } from 'zustand';",
      "import { OPERATIONS } from '../shared/api';",
      "window.addEventListener('online', () => {});",
      "const lazy = () => import('../electron/preload');",
    );
    expect(found('renderer/App.tsx', source)).toEqual([[1, 'electron'], [2, '../electron/core/db'], [3, '../server/routes'], [4, 'fs'], [8, '../electron/preload']]);
  });

  it('in server/: electron/, renderer/ and SQLite', () => {
    const source = lines(
      "import Fastify from 'fastify';",
      "import { readFileSync } from 'node:fs';",
      "import { outbox } from '../electron/core/outbox';",
      "import { App } from '../renderer/App';",
      "import { transition } from '../shared/domain/batch';",
      "import Database from 'better-sqlite3';",
      "import pg from 'pg';",
    );
    expect(found('server/app.ts', source)).toEqual([[3, '../electron/core/outbox'], [4, '../renderer/App'], [6, 'better-sqlite3']]);
  });

  it('reports file:line and the import in its message', () => {
    const message = formatViolations(checkSource('shared/x.ts', "\n\nimport fs from 'fs';"));
    expect(message).toBe('shared/x.ts:3  "fs"  shared/ must not import Node built-ins');
  });
});

describe('the checker does not cry wolf', () => {
  it('ignores imports and globals inside comments, strings, templates and regexes', () => {
    const source = lines(
      "// import fs from 'fs';",
      "/* const x = require('electron'); */",
      'const s = "import fs from \'fs\'";',
      "const t = `window.open(); import('node:fs') ${'x'}`;",
      "const re = /['\"]import x from 'y'/;",
      "import { ok } from './ok';",
      'const total = a / b / c;',
      'rule.windows.forEach((w) => w.start);',
      'const notice = scheme.documents.paymentNotice;',
      'const windowStart = period.start;',
      'const item = { document: 1, window: 2 };',
      'const buffers = new ArrayBuffer(8);',
    );
    expect(checkSource('shared/domain/fine.ts', source)).toEqual([]);
    expect(findImports(source).map((i) => i.specifier)).toEqual(['./ok']);
  });

  it('keeps code inside template expressions as code', () => {
    const source = lines('const label = `${window.name}：${await import("./labels")}`;');
    expect(findGlobalUses(source, ['window'])).toEqual([{ name: 'window', line: 1 }]);
    expect(findImports(source)).toEqual([{ specifier: './labels', line: 1, kind: 'dynamic' }]);
  });

  it('allows shared/ its own files, zod and JSON', () => {
    const source = lines(
      "import { z } from 'zod';",
      "import { ageOn } from '../dates';",
      "import suzhou from './suzhou-2024.json';",
      "export { loadScheme } from './loadScheme';",
      "export type { Scheme } from './schemeSchema';",
    );
    expect(checkSource('shared/schemes/index.ts', source)).toEqual([]);
  });

  it('ignores files outside the checked layers', () => {
    expect(checkSource('test/x.test.ts', "import fs from 'node:fs';")).toEqual([]);
    expect(checkSource('electron/main.ts', "import { app } from 'electron';")).toEqual([]);
  });

  it.each([
    ['fs', true],
    ['fs/promises', true],
    ['node:test', true],
    ['zod', false],
    ['./fs', false],
  ])('%s is a Node built-in: %s', (spec, expected) => {
    expect(isNodeBuiltin(spec)).toBe(expected);
  });
});
