import { describe, expect, it } from 'vitest';
import type { RosterPage, RosterRowView } from '../../../../shared/api/dto';
import { RosterPageCache } from '../../../../renderer/screens/batch/rosterPages';

const TOTAL = 100_000;
const row = (i: number): RosterRowView => ({ id: `r${i}`, sourceRow: i + 2, values: { name: `n${i}` }, verdict: 'ok', findings: [], derived: {} });

function cacheWithLog(pageSize = 500) {
  const asked: number[] = [];
  let pending: (() => void)[] = [];
  const fetchPage = (offset: number, limit: number) =>
    new Promise<RosterPage>((resolve) => {
      asked.push(offset);
      pending.push(() => resolve({ total: TOTAL, offset, rows: Array.from({ length: Math.min(limit, TOTAL - offset) }, (_, k) => row(offset + k)) }));
    });
  let changes = 0;
  const cache = new RosterPageCache(fetchPage, () => changes++, pageSize);
  const settle = async () => {
    const now = pending;
    pending = [];
    now.forEach((r) => r());
    await new Promise((r) => setTimeout(r, 0));
  };
  return { cache, asked, settle, changes: () => changes };
}

describe('RosterPageCache', () => {
  it.each([
    ['the first screen', 0, 40, [0]],
    ['a window across two pages', 480, 530, [0, 500]],
    ['the last rows of 100,000', 99_960, 100_000, [99_500]],
  ])('fetches only the pages under %s', async (_, start, end, offsets) => {
    const t = cacheWithLog();
    t.cache.ensure(start, end);
    expect(t.asked).toEqual(offsets);
    await t.settle();
    expect(t.cache.row(start)?.id).toBe(`r${start}`);
    expect(t.cache.row(end - 1)?.id).toBe(`r${end - 1}`);
  });

  it('asks once for a page already loaded or on its way', async () => {
    const t = cacheWithLog();
    t.cache.ensure(0, 40);
    t.cache.ensure(10, 60);
    await t.settle();
    t.cache.ensure(0, 40);
    expect(t.asked).toEqual([0]);
    expect(t.cache.total).toBe(TOTAL);
  });

  it('puts an edited row in place and tells the grid', async () => {
    const t = cacheWithLog();
    t.cache.ensure(0, 10);
    await t.settle();
    const before = t.changes();
    expect(t.cache.replace({ ...row(3), verdict: 'error' })).toBe(true);
    expect(t.cache.row(3)?.verdict).toBe('error');
    expect(t.changes()).toBe(before + 1);
    expect(t.cache.replace(row(9_999))).toBe(false);
  });
});
