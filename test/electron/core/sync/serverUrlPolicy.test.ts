import { describe, expect, it } from 'vitest';
import { checkServerUrl, ServerUrlError } from '../../../../electron/core/sync/serverUrlPolicy';

describe('the association server’s address', () => {
  it.each([
    ['https://hz.example.org/', 'https://hz.example.org'],
    [' https://hz.example.org/api/ ', 'https://hz.example.org/api'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://localhost:3000/', 'http://localhost:3000'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
  ])('accepts %s', (given, kept) => {
    expect(checkServerUrl(given)).toBe(kept);
  });

  it.each([
    ['http to another machine', 'http://hz.example.org', /必须以 https:\/\/ 开头/],
    ['http to a look-alike of localhost', 'http://localhost.example.org', /必须以 https:\/\/ 开头/],
    ['http to a LAN address', 'http://192.168.1.10:8080', /必须以 https:\/\/ 开头/],
    ['ftp', 'ftp://hz.example.org', /必须以 https:\/\/ 开头/],
    ['credentials', 'https://admin:pw@hz.example.org', /用户名或密码/],
    ['nonsense', 'hz.example.org', /地址无效/],
  ])('refuses %s in Chinese', (_what, given, message) => {
    expect(() => checkServerUrl(given)).toThrow(ServerUrlError);
    expect(() => checkServerUrl(given)).toThrow(message);
  });
});
