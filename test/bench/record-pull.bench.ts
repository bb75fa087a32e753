/**
 * The unit's record pulled from the association into a fresh store (issue 18): 50,000
 * persons over five coverage years (10,000 a year in batches of 2,000, the same staff
 * renewing each year), in force at the association, none of it on this machine.
 *
 * ms: from the sign-in on a new data folder to the last `record.progress` (finished), the
 * core in its own process (as in the app) and the server in another, both on loopback.
 * max_block_ms: this process's longest event-loop delay meanwhile: the window's process,
 * which only receives the progress events. idle_block_ms: the same, watched for 3 s before
 * the sign-in with the core and the server idle: the delay the machine's other load alone
 * causes (the difference is the pull's).
 * raw_ms: the floor: the same requests (the batch list, each batch, every persons page)
 * made once with plain `fetch` and parsed, nothing stored. ratio = ms / raw_ms.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { batchListSchema, batchPersonsPageSchema, ROUTES, routePath } from '../../shared/wire';
import { ADMIN_TOKEN, call } from '../server/serverFixtures';
import { PER_YEAR, YEARS } from './recordPullSeed';
import { startBenchCore } from './benchCore';

/** How long this loop's delay is watched with the core and the server idle, as the block's baseline. */
const IDLE_MS = 3000;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The association's data folder seeded in a process of its own (recordPullSeed.ts), so the
 * garbage of 50,000 submitted rows is not collected in this one while it is measured.
 */
async function seedAssociation(dir: string): Promise<{ phone: string; password: string }> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'bench', 'recordPullSeed.ts'), dir], { cwd: ROOT, maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { phone: string; password: string };
}

/** The reference server in a process of its own, over the seeded data folder. */
async function serverProcess(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'main.ts'), '--data-dir', dir, '--port', '0', '--no-demo', '--admin-token', ADMIN_TOKEN, '--clock', '2020-06-01T10:00:00+08:00'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const found = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (found) resolve(found[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  // Its request log is not this benchmark's business.
  child.stdout!.resume();
  return { url, child };
}

async function rawPull(url: string, account: { phone: string; password: string }): Promise<{ ms: number; persons: number }> {
  const login = await call(url, ROUTES.login, { body: { account: account.phone, password: account.password } });
  const token = login.body.token as string;
  const get = async (path: string) => {
    const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return res.json() as Promise<unknown>;
  };
  const start = performance.now();
  let persons = 0;
  const list = batchListSchema.parse(await get(routePath(ROUTES.batches)));
  for (const b of list.batches) {
    await get(routePath(ROUTES.batch, { batchId: b.batchId }));
    for (let offset = 0; offset < b.counts.submitted; offset += 1000) {
      persons += batchPersonsPageSchema.parse(await get(`${routePath(ROUTES.batchPersons, { batchId: b.batchId })}?offset=${offset}&limit=1000`)).persons.length;
    }
  }
  return { ms: performance.now() - start, persons };
}

async function appPull(url: string, account: { phone: string; password: string }, dataDir: string): Promise<{ ms: number; persons: number; maxBlockMs: number; idleBlockMs: number }> {
  const { connection, call } = await startBenchCore({ dataDir, serverUrl: url, backgroundThread: true, clockStart: '2020-06-01T10:00:00+08:00', operator: 'bench' });
  try {
    const finished = new Promise<void>((resolve) =>
      connection.subscribe((e) => {
        if (e.type === 'record.progress' && (e as { finished?: boolean }).finished) resolve();
      }),
    );
    // The same measure with nothing of ours at work: what the machine's other load alone costs this loop.
    const idle = monitorEventLoopDelay({ resolution: 5 });
    idle.enable();
    await new Promise((r) => setTimeout(r, IDLE_MS));
    idle.disable();
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const start = performance.now();
    const login = await call('auth.login', { account: account.phone, password: account.password });
    await finished;
    const ms = performance.now() - start;
    delay.disable();
    const records = await call('records.search', { unitId: login.unitId, states: ['awaitingPayment'], offset: 0, limit: 1 });
    return { ms, persons: records.total as number, maxBlockMs: delay.max / 1e6, idleBlockMs: idle.max / 1e6 };
  } finally {
    await connection.close();
  }
}

export default async function recordPullBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'huzhu-bench-record-'));
  let server: ChildProcess | null = null;
  try {
    const account = await seedAssociation(join(dir, 'server'));
    const started = await serverProcess(join(dir, 'server'));
    server = started.child;
    // The app first, on a cold server: the floor after it meets a warm one, so the ratio never flatters the app.
    const app = await appPull(started.url, account, join(dir, 'app'));
    const raw = await rawPull(started.url, account);
    if (app.persons !== raw.persons || raw.persons !== YEARS.length * PER_YEAR) throw new Error(`pulled ${app.persons} of ${raw.persons} persons`);
    console.log(
      `bench record-pull: persons=${app.persons} ms=${Math.round(app.ms)} max_block_ms=${Math.round(app.maxBlockMs)} idle_block_ms=${Math.round(app.idleBlockMs)} raw_ms=${Math.round(raw.ms)} ratio=${(app.ms / raw.ms).toFixed(2)} years=${YEARS.length}`,
    );
  } finally {
    server?.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
