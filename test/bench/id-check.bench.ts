/**
 * Full resident-ID checking (`checkIdDocument`) against the bare MOD 11-2 arithmetic on
 * the same numbers: one million deterministic IDs, about 1% with a wrong check digit.
 * Prints `bench id-check: ids_per_s=… baseline_ids_per_s=… ratio=…` (ratio = full / bare).
 */
import { checkIdDocument } from '../../shared/domain/identity';
import divisionCodes from '../../shared/domain/identity/divisionCodes.json';
import { fromDayNumber, toDayNumber } from '../../shared/domain/dates';

const COUNT = 1_000_000;
const TODAY = '2025-06-01';
const ROUNDS = 3;

// mulberry32: small, fast and the same on every machine.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

function generate(): { ids: string[]; wrong: number } {
  const random = prng(20250601);
  const int = (n: number) => Math.floor(random() * n);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  // Real county codes, as issued numbers carry (an unknown one adds a warning the bench would time as well).
  const counties = Object.keys(divisionCodes.current).filter((c) => Number(c.slice(0, 2)) <= 65 && !c.endsWith('00'));
  const firstDay = toDayNumber('1940-01-01');
  const span = toDayNumber('2007-12-31') - firstDay;
  const ids: string[] = new Array(COUNT);
  let wrong = 0;
  for (let i = 0; i < COUNT; i++) {
    const date = fromDayNumber(firstDay + int(span + 1)).replaceAll('-', '');
    const body = `${counties[int(counties.length)]}${date}${pad(int(1000), 3)}`;
    let sum = 0;
    for (let k = 0; k < 17; k++) sum += Number(body[k]) * WEIGHTS[k]!;
    let check = sum % 11;
    if (random() < 0.01) {
      check = (check + 1 + int(10)) % 11;
      wrong += 1;
    }
    ids[i] = body + CHECK[check]!;
  }
  return { ids, wrong };
}

function fullCheck(ids: readonly string[]): number {
  let invalid = 0;
  for (let i = 0; i < ids.length; i++) if (!checkIdDocument('residentId', ids[i]!, TODAY).valid) invalid += 1;
  return invalid;
}

const W = Int32Array.from(WEIGHTS);
const CHECK_CODES = Int32Array.from(CHECK, (c) => c.charCodeAt(0));

/** The bare arithmetic: weighted sum, remainder, compare with the last character. */
function bareCheckDigit(ids: readonly string[]): number {
  let invalid = 0;
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i]!;
    let sum = 0;
    for (let k = 0; k < 17; k++) sum += (s.charCodeAt(k) - 48) * W[k]!;
    if (CHECK_CODES[sum % 11] !== s.charCodeAt(17)) invalid += 1;
  }
  return invalid;
}

function bestRate(run: (ids: readonly string[]) => number, ids: readonly string[], expectedInvalid: number): number {
  let best = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    const invalid = run(ids);
    const seconds = (performance.now() - start) / 1000;
    // Also keeps the loop's work observable, so it cannot be optimised away.
    if (invalid !== expectedInvalid) throw new Error(`id-check: ${invalid} invalid numbers found, ${expectedInvalid} planted`);
    best = Math.max(best, ids.length / seconds);
  }
  return best;
}

export default async function idCheckBench(): Promise<void> {
  const { ids, wrong } = generate();
  const full = bestRate(fullCheck, ids, wrong);
  const baseline = bestRate(bareCheckDigit, ids, wrong);
  console.log(`bench id-check: ids_per_s=${Math.round(full)} baseline_ids_per_s=${Math.round(baseline)} ratio=${(full / baseline).toFixed(3)}`);
}
