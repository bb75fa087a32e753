/**
 * Sealing personal data for the store: AES-256-GCM with a fresh random nonce per value (the
 * value authenticated, so a changed byte is refused rather than read as another number), and a
 * keyed blind index (HMAC-SHA256 of the normalised number) so that a document number is still
 * found through an index without being stored.
 *
 * A sealed value is text (`s1.` then base64 of nonce, tag and ciphertext), so it fits the
 * TEXT columns it replaces; a plaintext value never starts that way (JSON starts with `{`,
 * `[` or `"`), which is how the migration and `openIfSealed` tell the two apart.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { DataKey } from './dataKey';
import { StoreError } from './errors';

const PREFIX = 's1.';
const NONCE = 12;
const TAG = 16;
/** Nonces are drawn from the OS's random source this many at a time: one call per value costs more than the cipher. */
const NONCES_PER_DRAW = 4096;
/** 128 bits of the HMAC: collisions among a city's people stay out of reach, and the index stays small. */
const INDEX_CHARS = 22;

export class PersonalDataCipher {
  private readonly sealKey: Buffer;
  private readonly indexKey: Buffer;
  private nonces = Buffer.alloc(0);
  private nextNonce = 0;

  constructor(key: DataKey) {
    this.sealKey = key.subkey('personalData');
    this.indexKey = key.subkey('blindIndex');
  }

  private nonce(): Buffer {
    if (this.nextNonce >= this.nonces.length) {
      this.nonces = randomBytes(NONCE * NONCES_PER_DRAW);
      this.nextNonce = 0;
    }
    const nonce = this.nonces.subarray(this.nextNonce, this.nextNonce + NONCE);
    this.nextNonce += NONCE;
    return nonce;
  }

  seal(text: string): string {
    const nonce = this.nonce();
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, nonce);
    const body = cipher.update(text, 'utf8');
    cipher.final();
    const out = Buffer.allocUnsafe(NONCE + TAG + body.length);
    nonce.copy(out, 0);
    cipher.getAuthTag().copy(out, NONCE);
    body.copy(out, NONCE + TAG);
    return PREFIX + out.toString('base64');
  }

  sealOrNull(text: string | null): string | null {
    return text === null ? null : this.seal(text);
  }

  open(sealed: string): string {
    if (!isSealed(sealed)) throw unreadable('数据未加密');
    const bytes = Buffer.from(sealed.slice(PREFIX.length), 'base64');
    if (bytes.length < NONCE + TAG) throw unreadable('密文过短');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.sealKey, bytes.subarray(0, NONCE));
      decipher.setAuthTag(bytes.subarray(NONCE, NONCE + TAG));
      return Buffer.concat([decipher.update(bytes.subarray(NONCE + TAG)), decipher.final()]).toString('utf8');
    } catch (cause) {
      throw unreadable('校验未通过', cause);
    }
  }

  openOrNull(sealed: string | null): string | null {
    return sealed === null ? null : this.open(sealed);
  }

  /** The index of a document number: the same number (whatever its spacing or letter case) always gives the same text. */
  blindIndex(docNumber: string): string {
    return createHmac('sha256', this.indexKey).update(normaliseForIndex(docNumber)).digest('base64url').slice(0, INDEX_CHARS);
  }

  blindIndexOrNull(docNumber: string | null): string | null {
    return docNumber ? this.blindIndex(docNumber) : null;
  }
}

export function isSealed(text: string): boolean {
  return text.startsWith(PREFIX);
}

/** Upper case without spaces, as the identity module normalises a number (a search term may not be). */
export function normaliseForIndex(docNumber: string): string {
  return docNumber.replace(/\s+/g, '').toUpperCase();
}

function unreadable(detail: string, cause?: unknown): StoreError {
  return new StoreError('corrupt', `个人信息无法解密（${detail}）：数据文件与数据密钥不匹配，或文件已被改动`, { cause });
}

/** The blind indexes of distinct numbers, and each index's number, for look-ups that answer with the numbers asked about. */
export function indexNumbers(cipher: PersonalDataCipher, docNumbers: readonly string[]): { indexes: string[]; numberOf: Map<string, string> } {
  const numberOf = new Map<string, string>();
  for (const n of new Set(docNumbers)) numberOf.set(cipher.blindIndex(n), n);
  return { indexes: [...numberOf.keys()], numberOf };
}

/**
 * SQLite's order for TEXT (code point order for these numbers): answers that were ordered by
 * the stored number in SQL are ordered by it here, now that only its index is stored.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
