import { describe, expect, it } from 'vitest';
import { allowedOrigins, mayOpenExternally } from '../../../../electron/core/host/externalLinks';
import { builtInSchemes } from '../../../../shared/schemes';

const origins = allowedOrigins([...builtInSchemes().map((s) => s.association.website), 'https://hz.example.org/api/', undefined, 'not a url', 'javascript:alert(1)']);

describe('links the shell may open in the system browser', () => {
  it('allows the associations’ sites as the schemes name them, and the server', () => {
    expect(mayOpenExternally('https://zgfz.qdszgh.cn/notice/1.html', origins)).toBe(true);
    expect(mayOpenExternally('http://sgt.shzgh.org/', origins)).toBe(true);
    expect(mayOpenExternally('https://hz.example.org/help', origins)).toBe(true);
  });

  it.each([
    ['another site', 'https://example.com/'],
    ['a look-alike host', 'https://zgfz.qdszgh.cn.evil.example/'],
    ['another port of a listed host', 'https://hz.example.org:8443/'],
    ['the https twin of an http-only site', 'https://sgt.shzgh.org/'],
    ['credentials in the address', 'https://user:pw@hz.example.org/'],
    ['a file', 'file:///C:/Windows/System32/calc.exe'],
    ['a program-starting protocol', 'ms-msdt:/id PCWDiagnostic'],
    ['script', 'javascript:alert(1)'],
    ['nonsense', '::'],
  ])('refuses %s', (_what, url) => {
    expect(mayOpenExternally(url, origins)).toBe(false);
  });
});
