/** The default blob store: files under a folder of the data directory (0700, files 0600). */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { checkBlobKey, type BlobStore } from './blobStore';

export class FsBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private path(key: string): string {
    return join(this.root, checkBlobKey(key));
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const file = this.path(key);
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    // Written aside and renamed: a reader never sees half a file, a crash leaves no torn one.
    const partial = `${file}.${randomBytes(6).toString('hex')}.part`;
    await writeFile(partial, bytes, { mode: 0o600 });
    await rename(partial, file);
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.path(key));
  }

  async stream(key: string): Promise<Readable> {
    // Opened now, so a missing file fails here rather than mid-response.
    const handle = await open(this.path(key), 'r');
    return handle.createReadStream();
  }

  async delete(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((k) => rm(this.path(k), { force: true })));
  }
}
