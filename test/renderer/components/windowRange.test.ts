import { describe, expect, it } from 'vitest';
import { scrollTopFor, windowRange } from '../../../renderer/components/windowRange';

describe('windowRange', () => {
  it.each([
    ['the top', 0, 320, 32, 100_000, 5, { start: 0, end: 16 }],
    ['the middle', 32 * 50_000, 320, 32, 100_000, 5, { start: 49_995, end: 50_016 }],
    ['the very end', 32 * 100_000 - 320, 320, 32, 100_000, 5, { start: 99_985, end: 100_000 }],
    ['a scroll past the end', 32 * 200_000, 320, 32, 100_000, 5, { start: 99_994, end: 100_000 }],
    ['a short list', 0, 320, 32, 3, 5, { start: 0, end: 3 }],
    ['an empty list', 0, 320, 32, 0, 5, { start: 0, end: 0 }],
  ])('renders only the rows near %s', (_, scrollTop, height, rowHeight, count, overscan, expected) => {
    expect(windowRange(scrollTop, height, rowHeight, count, overscan)).toEqual(expected);
  });
});

describe('scrollTopFor', () => {
  it.each([
    ['a row in view', 5, 0, 320, 32, 0, null],
    ['a row above', 2, 320, 320, 32, 0, 64],
    ['a row below', 20, 0, 320, 32, 0, 21 * 32 - 320],
    ['a row hidden under the header', 9, 0, 320, 32, 32, 10 * 32 - 288],
  ])('scrolls to %s', (_, index, scrollTop, height, rowHeight, header, expected) => {
    expect(scrollTopFor(index, scrollTop, height, rowHeight, header)).toBe(expected);
  });
});
