/**
 * The key that protects personal data at rest (ID numbers, bank cards, phones): 32 bytes the
 * host hands to the core (the Electron shell keeps it with the OS's protection, the browser
 * host derives it from a passphrase or reads it from a 0600 key file). Each use gets its own
 * subkey (HKDF), so the sealing key, the blind index's key and the tokens' key are unrelated.
 */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY_BYTES = 32;

export type SubkeyUse = 'personalData' | 'blindIndex' | 'tokens' | 'keyCheck';

export class DataKey {
  private constructor(private readonly bytes: Buffer) {}

  static generate(): DataKey {
    return new DataKey(randomBytes(KEY_BYTES));
  }

  static fromBytes(bytes: Uint8Array): DataKey {
    if (bytes.length !== KEY_BYTES) throw new Error(`数据密钥须为 ${KEY_BYTES} 字节，实为 ${bytes.length} 字节`);
    return new DataKey(Buffer.from(bytes));
  }

  static fromBase64(text: string): DataKey {
    return DataKey.fromBytes(Buffer.from(text.trim(), 'base64'));
  }

  toBase64(): string {
    return this.bytes.toString('base64');
  }

  subkey(use: SubkeyUse): Buffer {
    return Buffer.from(hkdfSync('sha256', this.bytes, Buffer.alloc(0), `huzhu-workbench ${use} v1`, KEY_BYTES));
  }

  /** A value stored beside the data that tells the right key from a wrong one, and reveals nothing of it. */
  checkValue(): string {
    return createHmac('sha256', this.subkey('keyCheck')).update('huzhu-workbench data key').digest('base64url');
  }

  matchesCheckValue(stored: string): boolean {
    const a = Buffer.from(this.checkValue());
    const b = Buffer.from(stored);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
