/** The blob store the configuration asks for: S3-compatible when a bucket is given, else files in the data folder. */
import { join } from 'node:path';
import type { BlobStore } from './blobStore';
import { FsBlobStore } from './fsBlobStore';
import { S3BlobStore, type S3Settings } from './s3BlobStore';

export const BLOB_DIR_NAME = 'blobs';

export type BlobSettings = { kind: 'fs'; dir?: string } | ({ kind: 's3' } & S3Settings);

export function openBlobStore(settings: BlobSettings | undefined, dataDir: string): BlobStore & { close?(): void } {
  if (settings?.kind === 's3') return new S3BlobStore(settings);
  return new FsBlobStore(settings?.dir ?? join(dataDir, BLOB_DIR_NAME));
}
