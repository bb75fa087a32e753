/**
 * Where a host without the OS's key store gets the data key (the browser host; the Electron
 * shell when safeStorage offers no real protection): a passphrase (HUZHU_PASSPHRASE, stretched
 * with scrypt and a salt kept in the data folder), else a key file the user chose
 * (HUZHU_KEY_FILE), else a key file created beside the data folder — and the host says which.
 */
import { randomBytes, scryptSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataKey, defaultKeyFile, ensurePrivateDir, ensurePrivateFile, loadOrCreateKeyFile, type Environment } from '../store';

export const SALT_FILE_NAME = 'key-salt.bin';
const MIN_PASSPHRASE_LENGTH = 10;
/** scrypt's cost: about 0.1 s and 32 MB once per start, a long wait for each guess. */
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const SALT_BYTES = 16;

export interface HostDataKey {
  key: DataKey;
  source: 'passphrase' | 'keyFile' | 'createdKeyFile';
  /** What the host tells the user, in Chinese. */
  notice: string;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() !== '' ? value : undefined;
}

/** The folder's salt, created on first use; the same passphrase then always gives the same key for this folder. */
function saltFor(dataDir: string): Buffer {
  ensurePrivateDir(dataDir);
  const file = join(dataDir, SALT_FILE_NAME);
  if (!existsSync(file)) {
    try {
      writeFileSync(file, randomBytes(SALT_BYTES), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  ensurePrivateFile(file);
  const salt = readFileSync(file);
  if (salt.length !== SALT_BYTES) throw new Error(`口令盐文件已损坏：${file}`);
  return salt;
}

function keyFromPassphrase(passphrase: string, dataDir: string): DataKey {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new Error(`数据口令至少需要 ${MIN_PASSPHRASE_LENGTH} 个字符：口令过短，个人信息的加密容易被猜破`);
  }
  return DataKey.fromBytes(scryptSync(passphrase.normalize('NFC'), saltFor(dataDir), 32, SCRYPT));
}

/** Pure but for the files it reads or creates; `env` is passed in so each way is testable. */
export function resolveHostDataKey(env: Environment, dataDir: string): HostDataKey {
  const passphrase = nonEmpty(env.HUZHU_PASSPHRASE);
  if (passphrase) return { key: keyFromPassphrase(passphrase, dataDir), source: 'passphrase', notice: '个人信息以数据口令派生的密钥加密保存。' };
  const chosen = nonEmpty(env.HUZHU_KEY_FILE);
  const file = chosen ?? defaultKeyFile(dataDir);
  const { key, created } = loadOrCreateKeyFile(file);
  if (chosen) return { key, source: 'keyFile', notice: `个人信息以密钥文件 ${file} 加密保存${created ? '（已新建，仅本用户可读）' : ''}。` };
  return {
    key,
    source: created ? 'createdKeyFile' : 'keyFile',
    notice: created
      ? `未设置数据口令（HUZHU_PASSPHRASE）或密钥文件（HUZHU_KEY_FILE）：已在数据目录旁新建密钥文件 ${file}（仅本用户可读），个人信息以它加密保存。请备份此文件，丢失后无法读取已保存的身份证号、银行卡号和手机号。`
      : `个人信息以数据目录旁的密钥文件 ${file} 加密保存。`,
  };
}
