import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveHostDataKey, SALT_FILE_NAME } from '../../../../electron/core/host/dataKeySource';
import { DataKey } from '../../../../electron/core/store/dataKey';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'huzhu-key-source-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the browser host’s data key', () => {
  it('derives the same key from the same passphrase for the same folder, another for another folder', () => {
    const data = join(dir, 'data');
    const first = resolveHostDataKey({ HUZHU_PASSPHRASE: '工会互助保障 2025' }, data);
    expect(first.source).toBe('passphrase');
    expect(resolveHostDataKey({ HUZHU_PASSPHRASE: '工会互助保障 2025' }, data).key.toBase64()).toBe(first.key.toBase64());
    expect(resolveHostDataKey({ HUZHU_PASSPHRASE: '工会互助保障 2026' }, data).key.toBase64()).not.toBe(first.key.toBase64());
    expect(resolveHostDataKey({ HUZHU_PASSPHRASE: '工会互助保障 2025' }, join(dir, 'other')).key.toBase64()).not.toBe(first.key.toBase64());
    expect(mode(data)).toBe(0o700);
    expect(mode(join(data, SALT_FILE_NAME))).toBe(0o600);
  });

  it('refuses a short passphrase, saying why', () => {
    expect(() => resolveHostDataKey({ HUZHU_PASSPHRASE: 'short' }, join(dir, 'data'))).toThrow(/至少需要 10 个字符/);
  });

  it('reads the key file the user chose, creating it 0600 when missing', () => {
    const file = join(dir, 'keys', 'huzhu.key');
    const created = resolveHostDataKey({ HUZHU_KEY_FILE: file }, join(dir, 'data'));
    expect(created.source).toBe('keyFile');
    expect(created.notice).toContain('已新建');
    expect(mode(file)).toBe(0o600);
    expect(resolveHostDataKey({ HUZHU_KEY_FILE: file }, join(dir, 'data')).key.toBase64()).toBe(created.key.toBase64());
    writeFileSync(file, 'not a key');
    expect(() => resolveHostDataKey({ HUZHU_KEY_FILE: file }, join(dir, 'data'))).toThrow(/密钥文件内容无效/);
  });

  it('without either, creates a 0600 key file beside the data folder (not in it) and says so', () => {
    const data = join(dir, 'data');
    const first = resolveHostDataKey({}, data);
    expect(first.source).toBe('createdKeyFile');
    expect(first.notice).toContain(`${data}.key`);
    expect(first.notice).toMatch(/请备份此文件/);
    expect(mode(`${data}.key`)).toBe(0o600);
    expect(DataKey.fromBase64(readFileSync(`${data}.key`, 'utf8')).toBase64()).toBe(first.key.toBase64());
    const again = resolveHostDataKey({}, data);
    expect(again.source).toBe('keyFile');
    expect(again.key.toBase64()).toBe(first.key.toBase64());
  });
});
