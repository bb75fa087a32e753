/** The blob store on any S3-compatible object storage (MinIO, Ceph, a cloud's OSS/COS/S3). */
import { DeleteObjectsCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { checkBlobKey, type BlobStore } from './blobStore';

export interface S3Settings {
  /** e.g. https://oss.example.cn or http://127.0.0.1:9000; omit for AWS itself. */
  endpoint?: string | undefined;
  region: string;
  bucket: string;
  /** Keys go under this prefix (e.g. `huzhu/`). */
  prefix?: string | undefined;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style URLs (bucket in the path), as most self-hosted stores need. */
  forcePathStyle?: boolean | undefined;
}

export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    this.client = new S3Client({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      forcePathStyle: settings.forcePathStyle ?? true,
      // Checksums only where S3 requires them: many S3-compatible stores refuse the newer trailing-checksum uploads.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    });
  }

  private key(key: string): string {
    return `${this.settings.prefix ?? ''}${checkBlobKey(key)}`;
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.settings.bucket, Key: this.key(key), Body: bytes, ContentLength: bytes.length }));
  }

  async stream(key: string): Promise<Readable> {
    const res = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.key(key) }));
    if (!(res.Body instanceof Readable)) throw new Error(`对象存储没有返回文件内容：${key}`);
    return res.Body;
  }

  async get(key: string): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const part of await this.stream(key)) parts.push(part as Buffer);
    return Buffer.concat(parts);
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      await this.client.send(new DeleteObjectsCommand({ Bucket: this.settings.bucket, Delete: { Objects: batch.map((k) => ({ Key: this.key(k) })), Quiet: true } }));
    }
  }

  close(): void {
    this.client.destroy();
  }
}
