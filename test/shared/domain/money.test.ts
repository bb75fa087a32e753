import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addFen, allocateFen, fenToChineseCapitals, formatYuan, multiplyFen, parseYuan, scaleFen, yuan,
} from '../../../shared/domain/money';

describe('fenToChineseCapitals', () => {
  it.each([
    [478000, '肆仟柒佰捌拾元整'],
    [8050, '捌拾元伍角'],
    [100205, '壹仟零贰元零伍分'],
    [0, '零元整'],
    [5, '伍分'],
    [50, '伍角'],
    [1000, '壹拾元整'],
    [90000, '玖佰元整'],
    [1000500, '壹万零伍元整'],
    [1001000, '壹万零壹拾元整'],
    [10000000, '壹拾万元整'],
    [10050000, '壹拾万零伍佰元整'],
    [100050000, '壹佰万零伍佰元整'],
    [10000000000, '壹亿元整'],
    [10001000000, '壹亿零壹万元整'],
    [237500, '贰仟叁佰柒拾伍元整'],
    [150000, '壹仟伍佰元整'],
    [18000, '壹佰捌拾元整'],
    [100001, '壹仟元零壹分'],
  ])('%i fen → %s', (fen, text) => {
    expect(fenToChineseCapitals(fen)).toBe(text);
  });

  it('never writes two 零 in a row, never ends in 零, and always names 元/角/分 or 整', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999_999_99 }), (fen) => {
        const text = fenToChineseCapitals(fen);
        expect(text).not.toMatch(/零零/);
        expect(text).not.toMatch(/零$/);
        expect(text).toMatch(/(整|角|分)$/);
      }),
    );
  });
});

describe('yuan parsing and formatting', () => {
  it.each([
    ['4780', 478000],
    ['80.5', 8050],
    ['1002.05', 100205],
    ['1,002.05', 100205],
    ['0.01', 1],
    ['-3.20', -320],
  ])('parseYuan(%s) = %i', (text, fen) => expect(parseYuan(text)).toBe(fen));

  it.each(['', 'abc', '1.234', '1e3', '12.'])('parseYuan(%s) is null', (text) => expect(parseYuan(text)).toBeNull());

  it('formats with and without grouping', () => {
    expect(formatYuan(478000)).toBe('4780.00');
    expect(formatYuan(123456789, { grouped: true })).toBe('1,234,567.89');
    expect(formatYuan(-5)).toBe('-0.05');
  });

  it('round-trips every amount through text', () => {
    fc.assert(fc.property(fc.integer({ min: -1e13, max: 1e13 }), (fen) => {
      expect(parseYuan(formatYuan(fen))).toBe(fen);
      expect(parseYuan(formatYuan(fen, { grouped: true }))).toBe(fen);
    }));
  });
});

describe('arithmetic in fen', () => {
  it('refuses fractions of a fen', () => {
    expect(() => addFen(1, 0.5)).toThrow();
    expect(() => multiplyFen(100, 1.5)).toThrow();
    expect(yuan(30)).toBe(3000);
  });

  it('scales half up', () => {
    expect(scaleFen(19000, 1, 2)).toBe(9500);
    expect(scaleFen(125, 1, 2)).toBe(63);
    expect(scaleFen(3000, 7, 12)).toBe(1750);
  });

  it('allocates exactly the total', () => {
    expect(allocateFen(40000, [8000, 32000])).toEqual([8000, 32000]);
    expect(allocateFen(100, [1, 1, 1])).toEqual([34, 33, 33]);
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 1e9 }),
      fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 8 }).filter((w) => w.some((x) => x > 0)),
      (total, weights) => {
        const parts = allocateFen(total, weights);
        expect(parts.reduce((s, p) => s + p, 0)).toBe(total);
        parts.forEach((p, i) => { if (weights[i] === 0) expect(p).toBe(0); });
      },
    ));
  });
});
