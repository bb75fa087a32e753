/**
 * Where the unit account's token lives between launches. On disk only when the OS can
 * protect it (Electron's safeStorage: DPAPI, Keychain, libsecret); otherwise it stays in
 * memory and the clerk logs in again after a restart. Working offline needs no token.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

export interface TokenCipher {
  available(): boolean;
  encrypt(text: string): Buffer;
  decrypt(bytes: Buffer): string;
}

export interface TokenVault {
  /** Whether the token survives a restart under the OS's protection. */
  readonly persistent: boolean;
  load(): string | null;
  save(token: string | null): void;
}

export function memoryTokenVault(): TokenVault {
  let token: string | null = null;
  return {
    persistent: false,
    load: () => token,
    save: (t) => {
      token = t;
    },
  };
}

export function fileTokenVault(file: string, cipher?: TokenCipher): TokenVault {
  if (!cipher?.available()) {
    // A token in plain text on disk could be copied off the machine; never write one.
    if (existsSync(file)) rmSync(file, { force: true });
    return memoryTokenVault();
  }
  return {
    persistent: true,
    load() {
      if (!existsSync(file)) return null;
      try {
        return cipher.decrypt(readFileSync(file));
      } catch {
        // Another OS user's or machine's file: unusable, so forget it and ask for a login.
        rmSync(file, { force: true });
        return null;
      }
    },
    save(token) {
      if (token === null) {
        rmSync(file, { force: true });
        return;
      }
      writeFileSync(file, cipher.encrypt(token), { mode: 0o600 });
      chmodSync(file, 0o600);
    },
  };
}

/**
 * A cipher with a key the caller keeps safe (the Electron shell keeps it with safeStorage and
 * hands it to the core's process): AES-256-GCM, a fresh nonce per write.
 */
export function keyedTokenCipher(key: Buffer): TokenCipher {
  if (key.length !== 32) throw new Error('令牌密钥须为 32 字节');
  return {
    available: () => true,
    encrypt(text) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([nonce, cipher.getAuthTag(), body]);
    },
    decrypt(bytes) {
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
