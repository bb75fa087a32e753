/**
 * Sealing personal data for the store: AES-256-CTR under a subkey of the data key, each value
 * with its own 16-byte counter block, and a keyed blind index (HMAC-SHA256 of the normalised
 * number) so that a document number is still found through an index without being stored.
 *
 * CTR rather than GCM: a 100,000-row import seals 100,000 values, and a cipher object per value
 * (as GCM's per-value tag needs) cost more than the rest of the import's storing together;
 * `sealMany` encrypts a whole chunk of rows with one cipher call instead, each row at its own
 * 16-byte-aligned place in one keystream. What this protects against is a copy of the file
 * (a lost laptop, a backup): confidentiality. Whoever can write the user's data folder can as
 * well replace the key file or the program, so no tag is kept; a changed value opens to
 * garbage, which the JSON parse of a row refuses.
 *
 * Counter blocks: a random 128-bit start per call (per chunk), each value at start + its block
 * offset; blocks never overlap within a call, and random starts keep calls apart.
 *
 * A sealed value is bytes (counter block, then ciphertext): a BLOB where a roster row's values
 * are kept, and as text (`s1.` then base64) in the JSON columns that carry sealed values among
 * other things; a plaintext value never starts that way (JSON starts with `{`, `[` or `"`),
 * which is how the migration tells the two apart.
 */
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import type { DataKey } from './dataKey';
import { StoreError } from './errors';

const PREFIX = 's1.';
const BLOCK = 16;
/** 128 bits of the HMAC: collisions among a city's people stay out of reach, and the index stays small. */
const INDEX_CHARS = 22;

/** The counter block `start` + `blocks`, big-endian over all 128 bits (as OpenSSL's CTR counts), written at `target[at]`. */
export function addToCounter(start: Buffer, blocks: number, target: Buffer, at: number): void {
  let carry = blocks;
  for (let i = BLOCK - 1; i >= 0; i--) {
    const sum = start[i]! + (carry & 0xff);
    target[at + i] = sum & 0xff;
    carry = Math.floor(carry / 256) + (sum >> 8);
  }
}

const aligned = (n: number) => Math.ceil(n / BLOCK) * BLOCK;

export class PersonalDataCipher {
  private readonly sealKey: KeyObject;
  private readonly indexKey: KeyObject;

  constructor(key: DataKey) {
    this.sealKey = createSecretKey(key.subkey('personalData'));
    this.indexKey = createSecretKey(key.subkey('blindIndex'));
  }

  seal(text: string): string {
    return PREFIX + this.sealManyBytes([text])[0]!.toString('base64');
  }

  sealOrNull(text: string | null): string | null {
    return text === null ? null : this.seal(text);
  }

  /**
   * Seals many values with one cipher call. Laid out in one buffer: per value a 16-byte slot
   * for its counter block, then the value, padded to the block size; the whole buffer is
   * encrypted from the first counter block, so each value's keystream starts at the counter
   * block written before it (the slots' own keystream is simply overwritten). The values are
   * views of that one buffer.
   */
  sealManyBytes(texts: readonly string[]): Buffer[] {
    const lengths = texts.map((t) => Buffer.byteLength(t, 'utf8'));
    let total = 0;
    for (const n of lengths) total += BLOCK + aligned(n);
    const buffer = Buffer.alloc(total);
    let at = 0;
    texts.forEach((text, i) => {
      buffer.write(text, at + BLOCK, 'utf8');
      at += BLOCK + aligned(lengths[i]!);
    });
    const start = randomBytes(BLOCK);
    const sealed = createCipheriv('aes-256-ctr', this.sealKey, start).update(buffer);
    const out: Buffer[] = new Array<Buffer>(texts.length);
    at = 0;
    for (let i = 0; i < texts.length; i++) {
      addToCounter(start, at / BLOCK + 1, sealed, at);
      out[i] = sealed.subarray(at, at + BLOCK + lengths[i]!);
      at += BLOCK + aligned(lengths[i]!);
    }
    return out;
  }

  open(sealed: string): string {
    if (!isSealed(sealed)) throw unreadable('数据未加密');
    return this.openBytes(Buffer.from(sealed.slice(PREFIX.length), 'base64'));
  }

  openBytes(bytes: Uint8Array): string {
    if (bytes.length < BLOCK) throw unreadable('密文过短');
    const decipher = createDecipheriv('aes-256-ctr', this.sealKey, bytes.subarray(0, BLOCK));
    return decipher.update(bytes.subarray(BLOCK)).toString('utf8');
  }

  /**
   * The first `blocks` cipher blocks of many sealed values, opened with one cipher call: CTR's
   * keystream for each value's first counter blocks is AES of those blocks, which one ECB call
   * computes for all values at once (a search opens 100,000 numbers so).
   */
  openHeads(sealed: readonly Uint8Array[], blocks: number): Buffer[] {
    const counters = Buffer.alloc(sealed.length * blocks * BLOCK);
    sealed.forEach((value, i) => {
      const start = Buffer.from(value.buffer, value.byteOffset, BLOCK);
      for (let b = 0; b < blocks; b++) addToCounter(start, b, counters, (i * blocks + b) * BLOCK);
    });
    const keystream = createCipheriv('aes-256-ecb', this.sealKey, null).setAutoPadding(false).update(counters);
    return sealed.map((value, i) => {
      const length = Math.min(blocks * BLOCK, value.length - BLOCK);
      const head = Buffer.allocUnsafe(Math.max(0, length));
      const at = i * blocks * BLOCK;
      for (let j = 0; j < length; j++) head[j] = value[BLOCK + j]! ^ keystream[at + j]!;
      return head;
    });
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
