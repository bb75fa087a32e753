/**
 * Where the server keeps files (roster chunks, payment vouchers, invoice documents and
 * commitments, onboarding attachments): out of the database, by key. The database row holds
 * the key and the size; the bytes are written before the row's transaction commits, so a
 * row never names a missing file (a rolled-back one may leave a file behind for clean-up).
 */
import type { Readable } from 'node:stream';

export interface BlobStore {
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  /** The bytes as a stream, for sending or hashing without holding the whole file. */
  stream(key: string): Promise<Readable>;
  /** Missing keys are fine: deleting is idempotent. */
  delete(keys: readonly string[]): Promise<void>;
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Keys are made by the server from ids it generated; anything else is a bug, never a path to follow. */
export function checkBlobKey(key: string): string {
  if (!KEY.test(key) || key.length > 300) throw new Error(`文件键不正确：${key}`);
  return key;
}
