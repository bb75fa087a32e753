/**
 * A data key kept in a file of its own (mode 0600), for hosts without the OS's key store:
 * the browser host, by default beside the data folder rather than in it, so a copy of the
 * data folder alone does not carry its key.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataKey } from './dataKey';
import { ensurePrivateFile } from './privateFiles';

/** `<data folder>.key`, beside the folder. */
export function defaultKeyFile(dataDir: string): string {
  return `${dataDir.replace(/[\\/]+$/, '')}.key`;
}

export interface KeyFileResult {
  key: DataKey;
  /** The file did not exist and was created now. */
  created: boolean;
}

/** Reads the key from `file`, or creates the file with a new random key. */
export function loadOrCreateKeyFile(file: string): KeyFileResult {
  if (existsSync(file)) {
    ensurePrivateFile(file);
    const text = readFileSync(file, 'utf8');
    try {
      return { key: DataKey.fromBase64(text), created: false };
    } catch (cause) {
      throw new Error(`密钥文件内容无效（应为 32 字节密钥的 Base64 文本）：${file}`, { cause });
    }
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const key = DataKey.generate();
  // `wx`: never overwrite a key another process wrote in the meantime; without that key its data could not be read.
  try {
    writeFileSync(file, `${key.toBase64()}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateKeyFile(file);
    throw error;
  }
  ensurePrivateFile(file);
  return { key, created: true };
}
