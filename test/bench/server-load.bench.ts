/**
 * The association server at a city's scale: PostgreSQL preloaded with 1,000,000 enrolled
 * persons, two server instances (separate processes) behind haproxy, simulated clients in
 * this process, all on 127.0.0.1 and bounded in time.
 *
 *   .ci/with-postgres npm run bench -- server-load      (needs haproxy: apt-get install haproxy)
 *
 * Measured: 50-row submissions (persons/s, p99) for a fixed time with one instance killed
 * (`kill -9`) half-way and the clients retrying with the same keys (it is restarted after);
 * change-feed pulls (per
 * second, p99) while a 5,000-row roster is processed; growth = the 50-row p50 at 1M enrolled
 * ÷ the p50 on the empty database (the baseline, measured first in the same run); duplicates =
 * persons enrolled twice (SQL) after two units submitted the same 5,000 persons at once; lost
 * = acknowledged submissions missing from the database plus gaps in any unit's feed. Every
 * tenth submission is replayed on the other instance and must get the identical stored answer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { encodeRosterNdjson, MIN_CHUNK_BYTES, ROUTES, routePath, WIRE_HEADERS, type WireRosterRow } from '../../shared/wire';
import { derivedKey } from '../../server/config/serverSecret';
import { FieldCipher } from '../../server/crypto/fieldCipher';
import { call, personName, residentIds, shanghaiCentral, shanghaiRow, type CallOptions, type Reply } from '../server/serverFixtures';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const PRELOADED = 1_000_000;
const LOAD_UNITS = 32;
const CONCURRENCY = 8;
const LOAD_SECONDS = 20;
const PULLERS = 24;
const ADMIN = `bench-admin-${randomBytes(6).toString('hex')}`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

async function waitFor(url: string, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(`${url}${routePath(ROUTES.schemes)}`)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${url} did not come up`);
    await sleep(200);
  }
}

function startInstance(port: number, env: Record<string, string>, dataDir: string): ChildProcess {
  const args = ['--import', 'tsx', 'server/main.ts', '--port', String(port), '--data-dir', dataDir, '--no-demo', '--trust-proxy', '--clock', '2020-04-15T10:00:00+08:00'];
  const child = spawn(process.execPath, args, { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  return child;
}

function startHaproxy(dir: string, port: number, backends: number[]): ChildProcess {
  const cfg = join(dir, 'haproxy.cfg');
  writeFileSync(
    cfg,
    [
      'global',
      '  maxconn 4096',
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 60s',
      '  timeout server 60s',
      '  retries 3',
      '  option redispatch',
      '  option http-server-close',
      '  option forwardfor',
      'frontend huzhu',
      `  bind 127.0.0.1:${port}`,
      '  default_backend servers',
      'backend servers',
      '  balance roundrobin',
      '  option httpchk GET /v1/schemes',
      ...backends.map((p, i) => `  server s${i} 127.0.0.1:${p} check inter 500 fall 2 rise 2`),
    ].join('\n') + '\n',
  );
  return spawn('haproxy', ['-f', cfg, '-db'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Rows as the server writes them: phones and roster rows sealed under the instances' secret. */
async function preload(url: string, secret: string): Promise<void> {
  const cipher = new FieldCipher(derivedKey(secret, 'personal-data-seal'), derivedKey(secret, 'personal-data-index'));
  const phones = Array.from({ length: 1000 }, (_u, i) => `150${String(i + 1).padStart(8, '0')}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const now = new Date().toISOString();
    await client.query(
      `INSERT INTO units (id, name, login_phone, login_phone_index, password_hash, profile, created_at, updated_at)
       SELECT 'preload-unit-' || u, '预置单位' || u, ($2::text[])[u], ($3::text[])[u], 'scrypt$preloaded', $4, $1, $1
       FROM generate_series(1, 1000) u`,
      [
        now,
        phones.map((p) => cipher.seal(p)),
        phones.map((p) => cipher.blindIndex(p)),
        cipher.sealJson({ socialSecurityCodes: [], handler: { name: '预置经办', phone: '15000000000' }, contacts: [] }),
      ],
    );
    await client.query(
      `INSERT INTO batches (id, unit_id, client_batch_id, scheme_id, scheme_version, coverage_year_start, coverage_year_end, enrollment_type,
         title, state, selection, head_count_lines, over_age_commitment, submitted_count, head_count_only, total_fen, payable_fen, submitted_at, updated_at)
       SELECT 'PRELOAD' || b, 'preload-unit-' || (b % 1000 + 1), 'preload-' || b, 'shanghai-2020', 1, '2020-04-01', '2021-03-31', 'central',
              '预置批次', 'underReview', '[]', '[]', false, 50, 0, 1800000, 1800000, $1, $1
       FROM generate_series(1, $2::int) b`,
      [now, PRELOADED / 50],
    );
    await client.query(
      `INSERT INTO persons (batch_id, seq, doc_number, name, row_values, status)
       SELECT 'PRELOAD' || ((i - 1) / 50 + 1), (i - 1) % 50 + 1, 'P' || lpad(i::text, 17, '0'), '预置人员', '{}', 'enrolled'
       FROM generate_series(1, $1::int) i`,
      [PRELOADED],
    );
    await client.query(
      `INSERT INTO occupancy_claims (scheme_id, coverage_year_start, doc_number, scope, batch_id)
       SELECT 'shanghai-2020', '2020-04-01', 'P' || lpad(i::text, 17, '0'), '*', 'PRELOAD' || ((i - 1) / 50 + 1)
       FROM generate_series(1, $1::int) i`,
      [PRELOADED],
    );
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

interface Unit {
  token: string;
  unitId: string;
}

async function newUnit(base: string, n: number): Promise<Unit> {
  const phone = `137${String(n).padStart(8, '0')}`;
  const password = 'bench-pass-1';
  const reg = await call(base, ROUTES.registerUnit, { key: true, body: { unit: { name: `压测单位${n}`, handler: { name: '压测经办', phone } }, password } });
  if (reg.status !== 201) throw new Error(`register ${reg.status} ${reg.text}`);
  const login = await call(base, ROUTES.login, { body: { account: phone, password } });
  if (login.status !== 200) throw new Error(`login ${login.status} ${login.text}`);
  return { token: login.body.token, unitId: reg.body.account.unitId };
}

/** Sends an action as the client does: on no answer or a 5xx, again with the same key. */
async function persistent(base: string, route: string, opts: CallOptions): Promise<Reply> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await call(base, route, opts);
      if (res.status < 500 || attempt >= 20) return res;
    } catch (error) {
      if (attempt >= 20) throw error;
    }
    await sleep(100 * Math.min(attempt + 1, 5));
  }
}

async function submitByUpload(base: string, unit: Unit, clientBatchId: string, rows: WireRosterRow[]): Promise<Reply> {
  const bytes = Buffer.from(encodeRosterNdjson(rows), 'utf8');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const opened = await persistent(base, ROUTES.createUpload, { token: unit.token, key: `${clientBatchId}-upload`, body: { totalBytes: bytes.length, sha256, chunkBytes: MIN_CHUNK_BYTES * 4 } });
  const uploadId: string = opened.body.uploadId;
  const size = MIN_CHUNK_BYTES * 4;
  for (let i = 0; i * size < bytes.length; i++) {
    const chunk = bytes.subarray(i * size, (i + 1) * size);
    await persistent(base, ROUTES.putChunk, { token: unit.token, params: { uploadId, index: i }, raw: chunk, headers: { [WIRE_HEADERS.chunkSha256]: createHash('sha256').update(chunk).digest('hex') } });
  }
  await persistent(base, ROUTES.completeUpload, { token: unit.token, params: { uploadId } });
  return persistent(base, ROUTES.submitBatch, { token: unit.token, key: `${clientBatchId}-submit`, body: shanghaiCentral(clientBatchId, [], { roster: { uploadId } }) });
}

export default async function run(): Promise<void> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error('server-load needs PostgreSQL: .ci/with-postgres npm run bench -- server-load');
  const dir = mkdtempSync(join(tmpdir(), 'huzhu-bench-load-'));
  const dbName = `huzhu_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const dbUrl = Object.assign(new URL(baseUrl), { pathname: `/${dbName}` }).toString();
  const env = { DATABASE_URL: dbUrl, HUZHU_ADMIN_TOKEN: ADMIN, HUZHU_SERVER_SECRET: randomBytes(24).toString('hex'), HUZHU_DB_POOL_SIZE: '12' };
  const [pa, pb, ph] = [await freePort(), await freePort(), await freePort()];
  const a = `http://127.0.0.1:${pa}`;
  const b = `http://127.0.0.1:${pb}`;
  const lb = `http://127.0.0.1:${ph}`;
  const children: ChildProcess[] = [];
  try {
    const first = startInstance(pa, env, join(dir, 'data'));
    children.push(first);
    await waitFor(a);
    children.push(startInstance(pb, env, join(dir, 'data')));
    await waitFor(b);
    children.push(startHaproxy(dir, ph, [pa, pb]));
    await waitFor(lb);

    const ids = residentIds(300_000, 1975);
    let next = 0;
    const take = (n: number) => ids.slice(next, (next += n)).map((id, i) => shanghaiRow(id, personName(next + i)));
    const units = await Promise.all(Array.from({ length: LOAD_UNITS }, (_u, i) => newUnit(lb, i + 1)));
    let batchNo = 0;
    const submit50 = async (unit: Unit): Promise<{ ms: number; key: string; body: unknown; res: Reply }> => {
      const clientBatchId = `load-${++batchNo}`;
      const key = `${clientBatchId}-key`;
      const body = shanghaiCentral(clientBatchId, take(50));
      const started = performance.now();
      const res = await persistent(lb, ROUTES.submitBatch, { token: unit.token, key, body });
      return { ms: performance.now() - started, key, body, res };
    };

    // Warm-up (JIT, connections), then the baseline: the 50-row p50 on the empty database.
    for (let i = 0; i < 20; i++) await submit50(units[i % units.length]!);
    const empty: number[] = [];
    for (let i = 0; i < 40; i++) empty.push((await submit50(units[i % units.length]!)).ms);

    await preload(dbUrl, env.HUZHU_SERVER_SECRET);
    const atScale: number[] = [];
    for (let i = 0; i < 40; i++) atScale.push((await submit50(units[i % units.length]!)).ms);

    // Load: fixed time, CONCURRENCY clients; instance A is killed half-way.
    const acknowledged: string[] = [];
    const latencies: number[] = [];
    const replays: { key: string; body: unknown; token: string; expected: string }[] = [];
    let persons = 0;
    const loadStart = performance.now();
    const until = loadStart + LOAD_SECONDS * 1000;
    let killed = false;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_w, w) => {
        for (let i = 0; performance.now() < until; i++) {
          if (!killed && performance.now() > loadStart + (LOAD_SECONDS * 1000) / 2) {
            killed = true;
            first.kill('SIGKILL');
          }
          const unit = units[(w + i * CONCURRENCY) % units.length]!;
          const { ms, key, body, res } = await submit50(unit);
          if (res.status !== 201 && res.status !== 200) throw new Error(`submission ${res.status} ${res.text}`);
          latencies.push(ms);
          persons += 50;
          acknowledged.push(res.body.serverBatchId);
          if (batchNo % 10 === 0) replays.push({ key, body, token: unit.token, expected: res.text });
        }
      }),
    );
    const loadSeconds = (performance.now() - loadStart) / 1000;
    // The killed instance comes back, as its supervisor would bring it.
    children.push(startInstance(pa, env, join(dir, 'data')));
    await waitFor(a);
    await sleep(1500);

    // Replays on the surviving instance: the identical stored answer.
    let replayMismatches = 0;
    for (const r of replays) {
      const again = await call(b, ROUTES.submitBatch, { token: r.token, key: r.key, body: r.body });
      if (again.text !== r.expected || again.headers.get(WIRE_HEADERS.idempotencyReplayed) !== 'true') replayMismatches++;
    }

    // Pulls while a 5,000-row roster is processed.
    const pullLatencies: number[] = [];
    let rosterDone = false;
    const roster = submitByUpload(lb, units[0]!, 'big-roster', take(5000)).finally(() => {
      rosterDone = true;
    });
    const pullStart = performance.now();
    await Promise.all(
      Array.from({ length: PULLERS }, async (_p, p) => {
        const unit = units[p % units.length]!;
        let cursor = '0';
        let etag: string | null = null;
        while (!rosterDone || performance.now() - pullStart < 2000) {
          const started = performance.now();
          const res: Reply = await call(lb, ROUTES.changes, { token: unit.token, query: { after: cursor }, ...(etag ? { headers: { 'if-none-match': etag } } : {}) });
          pullLatencies.push(performance.now() - started);
          if (res.status === 200) {
            cursor = res.body.cursor;
            etag = res.headers.get('etag');
          } else if (res.status !== 304) throw new Error(`pull ${res.status}`);
        }
      }),
    );
    const pullSeconds = (performance.now() - pullStart) / 1000;
    const big = await roster;
    if (big.status !== 201) throw new Error(`5,000-row roster ${big.status} ${big.text}`);

    // Two units, the same 5,000 persons, at once.
    const same = take(5000);
    await Promise.all([submitByUpload(lb, units[1]!, 'dup-a', same), submitByUpload(lb, units[2]!, 'dup-b', same)]);

    const check = new pg.Client({ connectionString: dbUrl });
    await check.connect();
    const twice = (
      await check.query(
        `SELECT COUNT(*)::int AS n FROM (SELECT p.doc_number FROM persons p JOIN batches b ON b.id = p.batch_id
         WHERE p.status = 'enrolled' AND b.state <> 'withdrawn' GROUP BY p.doc_number HAVING COUNT(*) > 1) t`,
      )
    ).rows[0].n as number;
    const present = (await check.query('SELECT COUNT(*)::int AS n FROM batches WHERE id = ANY($1::text[])', [acknowledged])).rows[0].n as number;
    const gaps = (
      await check.query(
        `SELECT COUNT(*)::int AS n FROM unit_feeds f
         WHERE f.last_seq <> (SELECT COUNT(*) FROM changes c WHERE c.unit_id = f.unit_id)
            OR f.last_seq <> (SELECT COALESCE(MAX(seq), 0) FROM changes c WHERE c.unit_id = f.unit_id)`,
      )
    ).rows[0].n as number;
    await check.end();
    if (replayMismatches > 0) throw new Error(`${replayMismatches} of ${replays.length} replays on the other instance got another answer`);

    const growth = quantile(atScale, 0.5) / quantile(empty, 0.5);
    console.log(
      `bench server-load: persons_per_s=${Math.round(persons / loadSeconds)} submit_p99_ms=${Math.round(quantile(latencies, 0.99))} ` +
        `pull_per_s=${Math.round(pullLatencies.length / pullSeconds)} pull_p99_ms=${Math.round(quantile(pullLatencies, 0.99))} ` +
        `growth=${growth.toFixed(2)} duplicates=${twice} lost=${acknowledged.length - present + gaps}`,
    );
    console.log(
      `  (baseline 50-row p50 ${quantile(empty, 0.5).toFixed(1)} ms empty, ${quantile(atScale, 0.5).toFixed(1)} ms at ${PRELOADED.toLocaleString('en')} enrolled; ` +
        `${acknowledged.length} submissions in ${loadSeconds.toFixed(1)} s with one instance killed half-way; ${replays.length} replays identical)`,
    );
  } finally {
    for (const c of children) c.kill('SIGKILL');
    await sleep(300);
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
