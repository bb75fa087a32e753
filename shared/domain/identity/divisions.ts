/**
 * The six-digit administrative division codes (GB/T 2260) an ID's address code may hold:
 * the current province, prefecture and county codes, and the historical ones (an ID keeps
 * the code that was valid when it was issued). Data in divisionCodes.json, each code with
 * its own level's name; a region's full name joins the three levels.
 */
import data from './divisionCodes.json';

export type DivisionStatus = 'current' | 'historical' | 'unknown';

const CURRENT: Readonly<Record<string, string>> = data.current;
const HISTORICAL: Readonly<Record<string, string>> = data.historical;

const STATUSES: readonly DivisionStatus[] = ['unknown', 'current', 'historical'];
let table: Uint8Array | null = null;

// Every row of a roster asks: one byte per six-digit number (1 MB), read without making a string.
function statusTable(): Uint8Array {
  if (table) return table;
  const t = new Uint8Array(1_000_000);
  for (const code of Object.keys(HISTORICAL)) t[Number(code)] = 2;
  for (const code of Object.keys(CURRENT)) t[Number(code)] = 1;
  return (table = t);
}

/** Whether the six digits at the start of `text` are a current, a historical or an unknown code (unknown too when they are not six digits). */
export function divisionStatus(text: string): DivisionStatus {
  if (text.length < 6) return 'unknown';
  let n = 0;
  for (let i = 0; i < 6; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return 'unknown';
    n = n * 10 + d;
  }
  return STATUSES[statusTable()[n]!]!;
}

function nameOf(code: string): string | undefined {
  return Object.hasOwn(CURRENT, code) ? CURRENT[code] : Object.hasOwn(HISTORICAL, code) ? HISTORICAL[code] : undefined;
}

/** 上海市黄浦区, 北京市崇文区 (historical): the province, prefecture and county names of a known code; undefined for an unknown one. */
export function regionName(code: string): string | undefined {
  if (!/^\d{6}$/.test(code) || nameOf(code) === undefined) return undefined;
  const levels = [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code];
  const names: string[] = [];
  for (const level of [...new Set(levels)]) {
    const name = nameOf(level);
    // 市辖区 and 县 (a municipality's prefecture level) add nothing to a county's name.
    if (name !== undefined && !(level !== code && (name === '市辖区' || name === '县'))) names.push(name);
  }
  return names.join('');
}
