/**
 * `npm run server`: the reference association server with demo data, on 127.0.0.1.
 *
 *   --port <n>          HUZHU_SERVER_PORT       (default 8787)
 *   --host <addr>       HUZHU_SERVER_HOST       (default 127.0.0.1)
 *   --data-dir <dir>    HUZHU_SERVER_DATA_DIR   (default ./.huzhu-server)
 *   --database-url <u>  DATABASE_URL            (PostgreSQL, e.g. postgres://huzhu@127.0.0.1/huzhu; without it
 *                                                the embedded PGlite keeps the database in <data-dir>/pgdata)
 *   --pool-size <n>     HUZHU_DB_POOL_SIZE      (connections to PostgreSQL per instance, default 10)
 *   --admin-token <t>   HUZHU_ADMIN_TOKEN       (default: a random one, printed)
 *   S3-compatible file storage (otherwise files go to <data-dir>/blobs):
 *                       HUZHU_S3_BUCKET, HUZHU_S3_ENDPOINT, HUZHU_S3_REGION (default cn-north-1),
 *                       HUZHU_S3_PREFIX, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY
 *   --server-secret <s> HUZHU_SERVER_SECRET     (keys request hashes; default: generated once into
 *                                                <data-dir>/server-secret, mode 0600)
 *   --idempotency-retention-days <n>  HUZHU_IDEMPOTENCY_RETENTION_DAYS  (default 30)
 *   --clock <ISO time>  HUZHU_SERVER_CLOCK      (run the clock from that instant, e.g. 2020-04-15T09:00:00+08:00,
 *                                                so the demo schemes' enrollment windows are open)
 *   --trust-proxy      HUZHU_TRUST_PROXY=1     (behind haproxy/nginx: the client address from X-Forwarded-For)
 *   --no-demo                                   (no demo accounts and claims)
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs, optionText } from './cliArgs';
import { clockStartingAt, systemClock } from './clock';
import type { BlobSettings } from './blobs/openBlobStore';
import { createServer } from './createServer';

function s3Settings(env: NodeJS.ProcessEnv): BlobSettings | undefined {
  const bucket = env.HUZHU_S3_BUCKET;
  if (!bucket) return undefined;
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) throw new Error('使用对象存储须设置 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY');
  return { kind: 's3', bucket, endpoint: env.HUZHU_S3_ENDPOINT, region: env.HUZHU_S3_REGION ?? 'cn-north-1', prefix: env.HUZHU_S3_PREFIX, accessKeyId, secretAccessKey };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const env = process.env;
  const port = Number(optionText(args, 'port', env.HUZHU_SERVER_PORT) ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`端口不正确：${String(port)}`);
  const host = optionText(args, 'host', env.HUZHU_SERVER_HOST) ?? '127.0.0.1';
  const dataDir = resolve(optionText(args, 'data-dir', env.HUZHU_SERVER_DATA_DIR) ?? '.huzhu-server');
  const givenToken = optionText(args, 'admin-token', env.HUZHU_ADMIN_TOKEN);
  const adminToken = givenToken ?? randomBytes(18).toString('base64url');
  const databaseUrl = optionText(args, 'database-url', env.DATABASE_URL);
  const poolSize = Number(optionText(args, 'pool-size', env.HUZHU_DB_POOL_SIZE) ?? 10);
  if (!Number.isInteger(poolSize) || poolSize < 1) throw new Error(`连接池大小须为正整数：${String(poolSize)}`);
  const blobs = s3Settings(env);
  const serverSecret = optionText(args, 'server-secret', env.HUZHU_SERVER_SECRET);
  const retentionDays = Number(optionText(args, 'idempotency-retention-days', env.HUZHU_IDEMPOTENCY_RETENTION_DAYS) ?? 30);
  if (!(retentionDays > 0)) throw new Error(`幂等键保留天数须为正数：${String(retentionDays)}`);
  const clockText = optionText(args, 'clock', env.HUZHU_SERVER_CLOCK);
  let clock = systemClock;
  if (clockText !== undefined) {
    const start = new Date(clockText);
    if (Number.isNaN(start.getTime())) throw new Error(`--clock 须为 ISO 时间，如 2020-04-15T09:00:00+08:00：${clockText}`);
    clock = clockStartingAt(start);
  }

  const server = await createServer({
    dataDir,
    databaseUrl,
    poolSize,
    ...(blobs ? { blobs } : {}),
    adminToken,
    ...(serverSecret !== undefined ? { serverSecret } : {}),
    trustProxy: args.options.has('trust-proxy') || env.HUZHU_TRUST_PROXY === '1',
    idempotencyRetentionMs: retentionDays * 24 * 3600_000,
    clock,
    demo: !args.options.has('no-demo'),
    log: (line) => console.log(`${new Date().toISOString()} ${line}`),
  });
  const url = await server.listen({ port, host });

  console.log(`互助保障协会参考服务器已启动：${url}`);
  console.log(`数据目录：${dataDir}`);
  console.log(`数据库：${databaseUrl ? 'PostgreSQL（DATABASE_URL）' : `内置 PGlite（${dataDir}/pgdata）`}`);
  console.log(`文件存储：${blobs?.kind === 's3' ? `对象存储桶 ${blobs.bucket}` : `${dataDir}/blobs`}`);
  console.log(`服务器时钟：${clock().toISOString()}`);
  console.log(givenToken ? '管理令牌：已由参数或环境变量设置' : `管理令牌（本次随机生成）：${adminToken}`);
  for (const a of server.demoAccounts) console.log(`示例账号：${a.unitName} / 手机 ${a.phone} / 密码 ${a.password}`);
  console.log(`管理命令：HUZHU_SERVER_URL=${url} HUZHU_ADMIN_TOKEN=… npm run server:admin -- work`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`收到 ${signal}，正在停止…`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`启动失败：${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
