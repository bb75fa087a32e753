import { describe, expect, it } from 'vitest';
import { takeTokenFromLocation } from '../../../renderer/api/connection';

function fakeWindow(hash: string) {
  const replaced: string[] = [];
  const location = { hash, pathname: '/', search: '' } as Location;
  const history = { replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) } as unknown as History;
  return { location, history, replaced };
}

describe('takeTokenFromLocation', () => {
  it.each([
    ['#token=abc123', 'abc123', ['/']],
    ['#token=a%2Bb', 'a+b', ['/']],
    ['', null, []],
    ['#other=1', null, []],
  ])('reads %j once and clears the address bar', (hash, token, replaced) => {
    const w = fakeWindow(hash);
    expect(takeTokenFromLocation(w.location, w.history)).toBe(token);
    expect(w.replaced).toEqual(replaced);
  });
});
