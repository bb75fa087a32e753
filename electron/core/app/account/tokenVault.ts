/**
 * Where the unit account's token lives between launches. On disk only when the OS can
 * protect it (Electron's safeStorage: DPAPI, Keychain, libsecret); otherwise it stays in
 * memory and the clerk logs in again after a restart. Working offline needs no token.
 */
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
