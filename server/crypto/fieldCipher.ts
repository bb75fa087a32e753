/**
 * Personal data at rest: the columns that hold phones or bank cards (unit profiles, roster
 * rows, refund accounts, invoice contacts, feed entries and stored responses) are sealed with
 * AES-256-GCM under a key derived from the server's secret, so a copy of the database (or a
 * backup of it) does not give them away. Looking a unit up by its login phone goes through a
 * keyed blind index instead of the phone itself.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class FieldCipher {
  constructor(
    private readonly sealKey: Buffer,
    private readonly indexKey: Buffer,
  ) {
    if (sealKey.length !== 32 || indexKey.length !== 32) throw new Error('字段加密密钥须为 32 字节');
  }

  seal(text: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  open(sealed: string): string {
    if (!sealed.startsWith(PREFIX)) throw new Error('数据库中的加密字段格式不正确');
    const bytes = Buffer.from(sealed.slice(PREFIX.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  sealJson(value: unknown): string {
    return this.seal(JSON.stringify(value));
  }

  openJson<T>(sealed: string): T {
    return JSON.parse(this.open(sealed)) as T;
  }

  /** The same value always gives the same index; the index gives nothing back without the key. */
  blindIndex(value: string): string {
    return createHmac('sha256', this.indexKey).update(value).digest('base64url');
  }
}
