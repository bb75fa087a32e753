/**
 * Whether the Electron shell may keep the data key with the OS (safeStorage): only where the
 * OS really protects it. On Linux without a keyring, Chromium falls back to `basic_text`, a
 * fixed key anyone can read; the shell then refuses it and takes the passphrase or key file
 * way of the browser host (dataKeySource.ts).
 */

export interface SafeStorageState {
  platform: string;
  encryptionAvailable: boolean;
  /** `safeStorage.getSelectedStorageBackend()` on Linux; undefined elsewhere. */
  linuxBackend?: string | undefined;
}

export type KeyStorageChoice = { kind: 'safeStorage' } | { kind: 'hostKey'; reason: string };

export function chooseKeyStorage(state: SafeStorageState): KeyStorageChoice {
  if (!state.encryptionAvailable) return { kind: 'hostKey', reason: '操作系统未提供密钥保护' };
  if (state.platform === 'linux' && (state.linuxBackend === undefined || state.linuxBackend === 'basic_text' || state.linuxBackend === 'unknown')) {
    return { kind: 'hostKey', reason: '系统没有可用的密钥环（basic_text 只是固定密钥，不能保护数据）' };
  }
  return { kind: 'safeStorage' };
}
