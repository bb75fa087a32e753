/**
 * Reading a scheme's roster spec: where the header row sits, which column a header text
 * names, the closest header for a column none names, and a clerk's own column mapping.
 */
import commonHeaders from '../roster/headerSynonyms.json';
import { ROSTER_FIELDS, type RosterField } from '../roster/fields';
import type { RosterColumn, RosterSpec } from './rosterSchema';

/** Zero-based index of the header row in the template: after the title rows and the instruction row. */
export function templateHeaderRowIndex(roster: RosterSpec): number {
  return roster.template.titleRows.length + (roster.template.instructionRowLabel ? 1 : 0);
}

// Clerks mark required columns in their own sheets (“姓名（必填）”, “必填：姓名”, “*姓名”) and end headers with a colon.
const REQUIRED_MARKERS = /[(（[【]?(?:必填项?|非必填|选填|可选)[)）\]】]?[:：]?/g;

/** Header text compared without spaces, asterisks, 必填 markers, colons or width differences. */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200b\u3000*＊]/g, '')
    .replace(REQUIRED_MARKERS, '')
    .replace(/[:：]+$/, '')
    .toLowerCase();
}

/** Headers common to every scheme (statutory and official names, clerks' abbreviations), per field. */
export const COMMON_HEADER_SYNONYMS: Readonly<Record<RosterField, readonly string[]>> = (() => {
  const data = commonHeaders as Record<string, unknown>;
  const out = {} as Record<RosterField, readonly string[]>;
  for (const field of ROSTER_FIELDS) {
    const list = data[field];
    out[field] = Array.isArray(list) ? list.filter((h): h is string => typeof h === 'string') : [];
  }
  return out;
})();

const headerIndexes = new WeakMap<RosterSpec, Map<string, RosterColumn>>();

/** Normalised header → column: headers the clerk mapped by hand, then the scheme's own headers and synonyms, then the common ones of its columns. */
function headerIndex(roster: RosterSpec): Map<string, RosterColumn> {
  let index = headerIndexes.get(roster);
  if (index) return index;
  index = new Map();
  const names: ((c: RosterColumn) => readonly string[])[] = [(c) => c.mappedHeaders ?? [], (c) => [c.header, ...c.synonyms], (c) => COMMON_HEADER_SYNONYMS[c.key]];
  for (const namesOf of names) {
    for (const c of roster.columns) {
      for (const h of namesOf(c)) {
        const key = normaliseHeader(h);
        if (key !== '' && !index.has(key)) index.set(key, c);
      }
    }
  }
  headerIndexes.set(roster, index);
  return index;
}

/** The column whose header or synonym (the scheme's or a common one) matches this header text, if any. */
export function columnForHeader(roster: RosterSpec, header: string): RosterColumn | undefined {
  const wanted = normaliseHeader(header);
  if (wanted === '') return undefined;
  return headerIndex(roster).get(wanted);
}

/** Every name a column goes by, the template's first. */
export function columnNames(roster: RosterSpec, column: RosterColumn): string[] {
  return [...new Set([column.header, ...column.synonyms, ...COMMON_HEADER_SYNONYMS[column.key]])];
}

function bigrams(text: string): string[] {
  const chars = [...text];
  if (chars.length < 2) return chars;
  return chars.slice(1).map((c, i) => chars[i]! + c);
}

/** Dice coefficient over character pairs (single characters for one-character texts): 0 nothing shared … 1 equal. */
export function headerSimilarity(a: string, b: string): number {
  const x = bigrams(normaliseHeader(a));
  const y = bigrams(normaliseHeader(b));
  if (x.length === 0 || y.length === 0) return 0;
  const pool = new Map<string, number>();
  for (const g of y) pool.set(g, (pool.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of x) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      shared++;
      pool.set(g, n - 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

/** Below this a header is not offered as the likely one. */
const CLOSEST_MIN_SIMILARITY = 0.3;

/** Among headers the file has and nothing took, the one most like any name of the column, if any is alike at all. */
export function closestHeader(roster: RosterSpec, column: RosterColumn, headers: readonly string[]): string | undefined {
  let best: { header: string; score: number } | undefined;
  const names = columnNames(roster, column);
  for (const header of headers) {
    const score = Math.max(...names.map((n) => headerSimilarity(n, header)));
    if (score >= CLOSEST_MIN_SIMILARITY && (!best || score > best.score)) best = { header, score };
  }
  return best?.header;
}

/** A clerk's mapping of the file's own headers onto roster fields (a header the scheme did not know). */
export type ColumnMapping = Readonly<Record<string, RosterField>>;

/** The roster spec with each mapped header taking precedence as a name of its column; fields the scheme lacks are ignored. */
export function withColumnMapping(roster: RosterSpec, mapping: ColumnMapping | undefined): RosterSpec {
  if (!mapping || Object.keys(mapping).length === 0) return roster;
  const entries = Object.entries(mapping);
  return {
    ...roster,
    columns: roster.columns.map((c) => {
      const mapped = entries.filter(([, field]) => field === c.key).map(([header]) => header);
      return mapped.length === 0 ? c : { ...c, mappedHeaders: mapped };
    }),
  };
}
