/**
 * Money is an integer number of fen (分). Floating point never touches an amount:
 * yuan strings are parsed digit by digit, and every operation checks that its result is
 * still a safe integer.
 */

export type Fen = number;

export function assertFen(value: number, what = '金额'): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what}必须是以分为单位的整数: ${value}`);
  return value;
}

/** `yuan(30)` is 3000 fen. Only whole yuan, to keep fractions out of literals. */
export function yuan(whole: number): Fen {
  return assertFen(whole * 100);
}

const YUAN_TEXT = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/** Parses "4780", "80.5", "1002.05" (also with thousands commas) into fen; null when malformed. */
export function parseYuan(text: string): Fen | null {
  const m = YUAN_TEXT.exec(text.trim().replace(/,/g, ''));
  if (!m) return null;
  const whole = Number(m[2]);
  const fraction = Number((m[3] ?? '').padEnd(2, '0'));
  const fen = whole * 100 + fraction;
  if (!Number.isSafeInteger(fen)) return null;
  return m[1] ? -fen : fen;
}

/** 478000 → "4780.00"; with `grouped`, "4,780.00". */
export function formatYuan(fen: Fen, options: { grouped?: boolean } = {}): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  let whole = String(Math.floor(abs / 100));
  if (options.grouped) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

export function addFen(...amounts: Fen[]): Fen {
  return assertFen(amounts.reduce((sum, a) => sum + assertFen(a), 0));
}

export function multiplyFen(amount: Fen, count: number): Fen {
  if (!Number.isSafeInteger(count)) throw new RangeError(`数量必须是整数: ${count}`);
  return assertFen(assertFen(amount) * count);
}

/**
 * `amount × numerator / denominator`, rounded half up to the fen (as Chinese invoicing
 * rounds 四舍五入). Used for half-price and pro-rata rules.
 */
export function scaleFen(amount: Fen, numerator: number, denominator: number): Fen {
  assertFen(amount);
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`比例必须是整数分数: ${numerator}/${denominator}`);
  }
  const product = amount * numerator;
  assertFen(product);
  const sign = product < 0 ? -1 : 1;
  const abs = Math.abs(product);
  const q = Math.floor(abs / denominator);
  const r = abs - q * denominator;
  return sign * (2 * r >= denominator ? q + 1 : q);
}

/**
 * Splits `total` into parts proportional to `weights`, the parts summing exactly to
 * `total` (largest remainders get the leftover fen, earlier parts win ties).
 */
export function allocateFen(total: Fen, weights: readonly number[]): Fen[] {
  assertFen(total);
  const sumWeights = weights.reduce((s, w) => s + w, 0);
  if (weights.length === 0 || sumWeights <= 0 || weights.some((w) => !Number.isSafeInteger(w) || w < 0)) {
    throw new RangeError('分摊权重必须是非负整数且不全为零');
  }
  const base = weights.map((w) => Math.floor((total * w) / sumWeights));
  let left = total - base.reduce((s, v) => s + v, 0);
  const order = weights
    .map((w, i) => ({ i, rem: (total * w) % sumWeights }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) base[order[k]!.i]! += 1;
  return base;
}

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const GROUP_UNITS = ['', '万', '亿', '万亿'];

/** Reads a number below 10^16 in capitals, with 零 where a zero run separates digits. */
function integerInCapitals(n: number): string {
  if (n === 0) return '';
  const groups: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 10000)) groups.push(v % 10000);
  let out = '';
  let pendingZero = false;
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g]!;
    if (group === 0) {
      pendingZero = out !== '';
      continue;
    }
    const digits = String(group).padStart(4, '0');
    let text = '';
    for (let i = 0; i < 4; i++) {
      const d = Number(digits[i]);
      if (d === 0) {
        if (text !== '' || out !== '') pendingZero = true;
        continue;
      }
      if (pendingZero) text += '零';
      pendingZero = false;
      text += DIGITS[d]! + SMALL_UNITS[3 - i]!;
    }
    out += text + GROUP_UNITS[g]!;
  }
  return out;
}

/**
 * The amount in Chinese capitals as written on payment notices and invoices:
 * 478000 → 肆仟柒佰捌拾元整, 8050 → 捌拾元伍角, 100205 → 壹仟零贰元零伍分.
 */
export function fenToChineseCapitals(fen: Fen): string {
  assertFen(fen);
  if (fen < 0) return `负${fenToChineseCapitals(-fen)}`;
  if (fen === 0) return '零元整';
  const whole = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;
  let out = whole > 0 ? `${integerInCapitals(whole)}元` : '';
  if (jiao === 0 && fenDigit === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (whole > 0) out += '零';
  if (fenDigit > 0) out += `${DIGITS[fenDigit]}分`;
  return out;
}
