/**
 * All UI text lives in renderer/i18n/messages.ts: no other renderer source may write Chinese
 * outside its comments (texts from the core and from scheme files arrive as data).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const RENDERER = join(REPO, 'renderer');
const CATALOGUE = 'renderer/i18n/messages.ts';
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/** Code without its comments (line and block), keeping line numbers. */
export function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Lines of `source` that write Han characters in code. */
export function chineseInCode(source: string): number[] {
  return withoutComments(source)
    .split('\n')
    .flatMap((line, i) => (HAN.test(line) ? [i + 1] : []));
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(e.name) ? [path] : [];
  });
}

describe('the message catalogue', () => {
  it.each([
    ['a label in JSX', 'const a = <b>保存</b>;', [1]],
    ['a string literal', "notify('已保存');", [1]],
    ['a template literal', 'const t = `共 ${n} 人`;', [1]],
    ['a line comment', '// 保存按钮\nconst a = 1;', []],
    ['a trailing comment', 'const a = 1; // 保存', []],
    ['a block comment', '/**\n * 保存\n */\nconst a = 1;', []],
    ['code after a block comment', "/* 注 */ const a = '批次';", [1]],
    ['plain code', 'const a = M.common.save;', []],
  ])('finds Chinese in %s', (_, source, lines) => {
    expect(chineseInCode(source)).toEqual(lines);
  });

  it('holds every Chinese text of the renderer', () => {
    const files = sources(RENDERER).map((abs) => relative(REPO, abs).split(sep).join('/'));
    expect(files.length).toBeGreaterThan(20);
    expect(files).toContain(CATALOGUE);
    const offenders = files
      .filter((f) => f !== CATALOGUE)
      .flatMap((f) => chineseInCode(readFileSync(join(REPO, f), 'utf8')).map((line) => `${f}:${line}`));
    expect(offenders).toEqual([]);
  });
});
