import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl, resolveAppRequest } from '../../../../electron/core/host/appProtocol';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../../../electron/core/host/staticFiles';

let dir: string;
let root: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'huzhu-app-protocol-'));
  root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'main.js'), 'export {};');
  writeFileSync(join(dir, 'secret.txt'), 'not for the window');
  symlinkSync(join(dir, 'secret.txt'), join(root, 'assets', 'link.js'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the app:// protocol', () => {
  it('serves the renderer build with the CSP and the right type', () => {
    const page = resolveAppRequest(root, 'GET', APP_ENTRY_URL);
    expect(page.status).toBe(200);
    expect(page.file).toBe(join(root, 'index.html'));
    expect(page.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(resolveAppRequest(root, 'GET', 'app://workbench/assets/main.js')).toMatchObject({ status: 200, headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
    // The renderer routes itself: a path without an extension is the page.
    expect(resolveAppRequest(root, 'GET', 'app://workbench/batches/42').file).toBe(join(root, 'index.html'));
  });

  it.each([
    ['a climb out of the build', 'app://workbench/../secret.txt'],
    ['an encoded climb', 'app://workbench/assets/%2e%2e/%2e%2e/secret.txt'],
    ['a link leading out of the build', 'app://workbench/assets/link.js'],
    ['another host', 'app://elsewhere/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['a missing file', 'app://workbench/assets/none.js'],
    ['a NUL byte', 'app://workbench/index.html%00.js'],
  ])('refuses %s', (_what, url) => {
    const answer = resolveAppRequest(root, 'GET', url);
    expect(answer.status).toBe(404);
    expect(answer.file).toBeUndefined();
  });

  it('answers only reads', () => {
    expect(resolveAppRequest(root, 'POST', APP_ENTRY_URL).status).toBe(405);
  });

  it('tells its own pages from any other', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://workbench.evil/index.html')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('has the same policy in the renderer page’s meta tag as in the header (less what a meta tag cannot hold)', () => {
    const html = readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'renderer', 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(META_CONTENT_SECURITY_POLICY);
    expect(META_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(META_CONTENT_SECURITY_POLICY).not.toContain('frame-ancestors');
  });
});
