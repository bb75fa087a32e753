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

export function divisionStatus(code: string): DivisionStatus {
  if (Object.hasOwn(CURRENT, code)) return 'current';
  if (Object.hasOwn(HISTORICAL, code)) return 'historical';
  return 'unknown';
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
