import { describe, expect, it } from 'vitest';
import { abortable } from '../../../../electron/core/roster/sheetSource';

function source<T>(values: T[], hangAfter = Infinity) {
  const log = { returned: false };
  const iterable: AsyncIterable<T> = {
    [Symbol.asyncIterator]() {
      let i = 0;
      return {
        next: () => (i >= hangAfter ? new Promise<IteratorResult<T>>(() => undefined) : Promise.resolve(i < values.length ? { done: false, value: values[i++]! } : { done: true, value: undefined })),
        return: async () => {
          log.returned = true;
          return { done: true, value: undefined };
        },
      };
    },
  };
  return { iterable, log };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

describe('abortable iteration', () => {
  it('passes every value through, with or without a signal', async () => {
    expect(await collect(abortable(source([1, 2, 3]).iterable, undefined))).toEqual([1, 2, 3]);
    expect(await collect(abortable(source([1, 2, 3]).iterable, new AbortController().signal))).toEqual([1, 2, 3]);
  });

  it('gives up a step that never finishes as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const { iterable, log } = source([1, 2], 1);
    const seen: number[] = [];
    const reading = (async () => {
      for await (const value of abortable(iterable, controller.signal)) {
        seen.push(value);
        setImmediate(() => controller.abort());
      }
    })();
    await expect(reading).rejects.toMatchObject({ code: 'cancelled' });
    expect(seen).toEqual([1]);
    expect(log.returned).toBe(false); // still mid-step: left to itself rather than awaited
  });

  it('closes the source when the consumer stops early', async () => {
    const { iterable, log } = source([1, 2, 3]);
    for await (const value of abortable(iterable, new AbortController().signal)) if (value === 1) break;
    expect(log.returned).toBe(true);
  });
});
