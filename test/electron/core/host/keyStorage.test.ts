import { describe, expect, it } from 'vitest';
import { chooseKeyStorage } from '../../../../electron/core/host/keyStorage';

describe('where the shell keeps the data key', () => {
  it.each([
    ['Windows DPAPI', { platform: 'win32', encryptionAvailable: true }, 'safeStorage'],
    ['macOS Keychain', { platform: 'darwin', encryptionAvailable: true }, 'safeStorage'],
    ['Linux libsecret', { platform: 'linux', encryptionAvailable: true, linuxBackend: 'gnome_libsecret' }, 'safeStorage'],
    ['Linux KWallet', { platform: 'linux', encryptionAvailable: true, linuxBackend: 'kwallet5' }, 'safeStorage'],
    ['Linux basic_text (a fixed key)', { platform: 'linux', encryptionAvailable: true, linuxBackend: 'basic_text' }, 'hostKey'],
    ['Linux, backend unknown', { platform: 'linux', encryptionAvailable: true, linuxBackend: 'unknown' }, 'hostKey'],
    ['no encryption at all', { platform: 'win32', encryptionAvailable: false }, 'hostKey'],
  ] as const)('%s', (_what, state, kind) => {
    const choice = chooseKeyStorage(state);
    expect(choice.kind).toBe(kind);
    if (choice.kind === 'hostKey') expect(choice.reason).toMatch(/[\u4e00-\u9fff]/);
  });
});
