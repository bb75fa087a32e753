/**
 * Finds what a TypeScript source imports and which globals it touches, without a parser:
 * a small lexer first blanks comments, string contents and regex literals (keeping every
 * offset and line), so an import written in a comment or a string is never taken for one.
 */

export interface ImportRef {
  specifier: string;
  line: number;
  kind: 'static' | 'dynamic' | 'require' | 'reference';
}

export interface GlobalRef {
  name: string;
  line: number;
}

interface Masked {
  /** Comments and regex literals blanked; string contents kept (import specifiers live there). */
  withStrings: string;
  /** Comments, regex literals and string contents blanked: only code remains. */
  codeOnly: string;
}

const REGEX_AFTER_WORDS = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);
const REGEX_AFTER_CHARS = new Set(['', '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', ';', '+', '-', '*', '%', '<', '>', '~', '^']);

function mask(source: string): Masked {
  const withStrings = source.split('');
  const codeOnly = source.split('');
  const blank = (arr: string[], from: number, to: number) => {
    for (let k = from; k < to; k++) if (arr[k] !== '\n' && arr[k] !== '\r') arr[k] = ' ';
  };
  const n = source.length;
  let mode: 'code' | 'template' = 'code';
  let braceDepth = 0;
  const templateDepths: number[] = [];
  let lastChar = '';
  let lastWord = '';
  let i = 0;

  while (i < n) {
    const c = source[i]!;
    const next = source[i + 1];

    if (mode === 'template') {
      if (c === '\\') {
        blank(codeOnly, i, i + 2);
        i += 2;
      } else if (c === '`') {
        mode = 'code';
        lastChar = '`';
        lastWord = '';
        i += 1;
      } else if (c === '$' && next === '{') {
        braceDepth += 1;
        templateDepths.push(braceDepth);
        mode = 'code';
        lastChar = '{';
        lastWord = '';
        i += 2;
      } else {
        blank(codeOnly, i, i + 1);
        i += 1;
      }
      continue;
    }

    if (c === '/' && next === '/') {
      let end = source.indexOf('\n', i);
      if (end === -1) end = n;
      blank(withStrings, i, end);
      blank(codeOnly, i, end);
      i = end;
      continue;
    }
    if (c === '/' && next === '*') {
      let end = source.indexOf('*/', i + 2);
      end = end === -1 ? n : end + 2;
      blank(withStrings, i, end);
      blank(codeOnly, i, end);
      i = end;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && source[j] !== c && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      blank(codeOnly, i + 1, Math.min(j, n));
      i = j + 1;
      lastChar = c;
      lastWord = '';
      continue;
    }
    if (c === '`') {
      mode = 'template';
      i += 1;
      continue;
    }
    if (c === '/' && (REGEX_AFTER_CHARS.has(lastChar) || REGEX_AFTER_WORDS.has(lastWord))) {
      let j = i + 1;
      let inClass = false;
      while (j < n && source[j] !== '\n') {
        const d = source[j]!;
        if (d === '\\') { j += 2; continue; }
        if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) break;
        j += 1;
      }
      j += 1;
      while (j < n && /[a-z]/i.test(source[j]!)) j += 1;
      blank(withStrings, i, j);
      blank(codeOnly, i, j);
      i = j;
      lastChar = '/';
      lastWord = '';
      continue;
    }
    if (c === '{') braceDepth += 1;
    if (c === '}') {
      if (templateDepths.length > 0 && templateDepths[templateDepths.length - 1] === braceDepth) {
        templateDepths.pop();
        braceDepth -= 1;
        mode = 'template';
        i += 1;
        continue;
      }
      braceDepth -= 1;
    }
    if (/[\w$]/.test(c)) {
      let j = i;
      while (j < n && /[\w$]/.test(source[j]!)) j += 1;
      lastWord = source.slice(i, j);
      lastChar = 'a'; // an identifier or number: a following slash divides
      i = j;
      continue;
    }
    if (!/\s/.test(c)) {
      lastChar = c;
      lastWord = '';
    }
    i += 1;
  }
  return { withStrings: withStrings.join(''), codeOnly: codeOnly.join('') };
}

function lineIndex(source: string): (offset: number) => number {
  const starts = [0];
  for (let k = 0; k < source.length; k++) if (source[k] === '\n') starts.push(k + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

const IMPORT_PATTERNS: [ImportRef['kind'], RegExp][] = [
  // import x from 'm'; import type { A, B } from "m"; import 'm'; export * as ns from 'm'; export { a } from 'm'
  ['static', /(?<![\w$.])(import|export)\s+(?:type\s+)?(?:[\w$*{}\s,]*?\s*from\s*)?(['"])([^'"\n]+)\2/g],
  // import('m'), import(`m`), import('m', { with: … })
  ['dynamic', /(?<![\w$.])(import)\s*\(\s*(['"`])([^'"`\n$]+)\2\s*[,)]/g],
  // require('m'), and `import x = require('m')`
  ['require', /(?<![\w$.])(require)\s*\(\s*(['"`])([^'"`\n$]+)\2\s*\)/g],
];

/** Every module a source file imports, re-exports, dynamically imports or requires, with its line. */
export function findImports(source: string): ImportRef[] {
  const { withStrings, codeOnly } = mask(source);
  const lineOf = lineIndex(source);
  const found: ImportRef[] = [];
  for (const [kind, pattern] of IMPORT_PATTERNS) {
    for (const m of withStrings.matchAll(pattern)) {
      const keyword = m[1]!;
      const at = m.index + m[0].indexOf(keyword);
      // The keyword must be code, not text inside a string or template.
      if (codeOnly.slice(at, at + keyword.length) !== keyword) continue;
      found.push({ specifier: m[3]!, line: lineOf(at), kind });
    }
  }
  // Triple-slash directives pull in ambient types (`types="node"`) or libraries (`lib="dom"`).
  for (const m of source.matchAll(/^[ \t]*\/\/\/[ \t]*<reference[ \t]+(types|lib)=["']([^"']+)["']/gm)) {
    found.push({ specifier: `${m[1]}:${m[2]}`, line: lineOf(m.index), kind: 'reference' });
  }
  return found.sort((a, b) => a.line - b.line);
}

/**
 * Uses of the named globals as objects (`window.open`, `document?.title`, `globalThis.navigator`);
 * property accesses such as `rule.windows` or `scheme.documents` are not uses.
 */
export function findGlobalUses(source: string, names: readonly string[], anyUse: readonly string[] = []): GlobalRef[] {
  const { codeOnly } = mask(source);
  const lineOf = lineIndex(source);
  const found: GlobalRef[] = [];
  const alternatives = (list: readonly string[]) => list.map((s) => s.replace(/\$/g, '\\$')).join('|');
  if (names.length > 0) {
    const asObject = new RegExp(`(?<![\\w$.])(${alternatives(names)})\\s*\\??\\.`, 'g');
    for (const m of codeOnly.matchAll(asObject)) found.push({ name: m[1]!, line: lineOf(m.index) });
  }
  if (anyUse.length > 0) {
    const anywhere = new RegExp(`(?<![\\w$.])(${alternatives(anyUse)})(?![\\w$])`, 'g');
    for (const m of codeOnly.matchAll(anywhere)) found.push({ name: m[1]!, line: lineOf(m.index) });
  }
  const viaGlobalThis = new RegExp(`(?<![\\w$.])globalThis\\s*\\??\\.\\s*(${alternatives([...names, ...anyUse])})(?![\\w$])`, 'g');
  for (const m of codeOnly.matchAll(viaGlobalThis)) found.push({ name: `globalThis.${m[1]!}`, line: lineOf(m.index) });
  return found.sort((a, b) => a.line - b.line);
}
