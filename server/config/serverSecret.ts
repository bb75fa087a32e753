/**
 * The server's secret: keys the idempotency HMAC (and whatever else needs a key of the
 * server's own). From configuration (`HUZHU_SERVER_SECRET` / the `serverSecret` option), or
 * generated once into a 0600 file in the data folder — never into the database, so a copy
 * of the database alone does not carry it.
 */
import { randomBytes, hkdfSync } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SECRET_FILE_NAME = 'server-secret';
const MIN_SECRET_LENGTH = 16;

function readOrCreate(file: string): string {
  try {
    // Exclusive create: two instances starting on one folder end with the same secret.
    writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
}

/** The configured secret, or the data folder's secret file (created on first start). */
export function loadServerSecret(given: string | undefined, dataDir: string): string {
  let secret = given;
  if (secret === undefined) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    secret = readOrCreate(join(dataDir, SECRET_FILE_NAME));
  }
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`服务器密钥至少 ${MIN_SECRET_LENGTH} 个字符`);
  return secret;
}

/** A key for one purpose, so no two uses of the secret share a key. */
export function derivedKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'huzhu-server', purpose, 32));
}
