import { describe, expect, it } from 'vitest';
import { newId } from '../../../../electron/core/store/ids';

describe('record ids', () => {
  it('are UUID version 7, unique and in creation order, also many within one millisecond', () => {
    const ids = Array.from({ length: 10_000 }, () => newId(1_700_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids.slice(0, 50)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keep their order when the clock goes back', () => {
    const a = newId(1_800_000_000_000);
    const b = newId(1_799_999_999_000);
    expect(b > a).toBe(true);
  });
});
