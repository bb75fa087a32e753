import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWindowState, saveWindowState } from '../../../../electron/core/host/windowState';

const dir = mkdtempSync(join(tmpdir(), 'huzhu-window-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('window state', () => {
  it('round-trips the bounds', () => {
    const file = join(dir, 'a.json');
    saveWindowState(file, { x: 10, y: 20, width: 1200, height: 800, maximized: true });
    expect(loadWindowState(file)).toEqual({ x: 10, y: 20, width: 1200, height: 800, maximized: true });
  });

  it.each([
    ['missing', null],
    ['not JSON', '{'],
    ['too small to use', JSON.stringify({ x: 0, y: 0, width: 10, height: 10 })],
  ])('ignores a file that is %s', (_what, content) => {
    const file = join(dir, `${_what}.json`);
    if (content !== null) writeFileSync(file, content);
    expect(loadWindowState(file)).toBeNull();
  });
});
