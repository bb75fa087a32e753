import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileTokenVault, type TokenCipher } from '../../../../electron/core/sync/tokenVault';

// A reversible cipher standing in for the OS keychain: the vault must never write the token as is.
const xor: TokenCipher = {
  available: () => true,
  encrypt: (t) => Buffer.from(Buffer.from(t, 'utf8').map((b) => b ^ 0x5a)),
  decrypt: (b) => {
    if (b[0] === 0) throw new Error('not ours');
    return Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8');
  },
};

const dirs: string[] = [];
const tempFile = () => {
  const d = mkdtempSync(join(tmpdir(), 'huzhu-vault-'));
  dirs.push(d);
  return join(d, 'token.bin');
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the token vault', () => {
  it('keeps the token encrypted on disk across instances', () => {
    const file = tempFile();
    fileTokenVault(file, xor).save('tok-123456');
    expect(readFileSync(file).toString('utf8')).not.toContain('tok-123456');
    expect(fileTokenVault(file, xor).load()).toBe('tok-123456');
    fileTokenVault(file, xor).save(null);
    expect(existsSync(file)).toBe(false);
  });

  it('keeps the token in memory only when the OS offers no protection, and removes an old file', () => {
    const file = tempFile();
    writeFileSync(file, 'stale');
    const vault = fileTokenVault(file, { ...xor, available: () => false });
    expect(vault.persistent).toBe(false);
    expect(existsSync(file)).toBe(false);
    vault.save('tok');
    expect(vault.load()).toBe('tok');
    expect(existsSync(file)).toBe(false);
  });

  it('forgets a file it cannot decrypt instead of failing', () => {
    const file = tempFile();
    writeFileSync(file, Buffer.from([0, 1, 2]));
    expect(fileTokenVault(file, xor).load()).toBeNull();
    expect(existsSync(file)).toBe(false);
  });
});
