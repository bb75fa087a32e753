/** `expect.poll` with the patience a browser needs (vitest's default gives up after one second). */
import { expect } from 'vitest';

export function eventually<T>(value: () => T | Promise<T>, timeout = 15_000) {
  return expect.poll(value, { timeout, interval: 50 });
}
