/**
 * The client process killed with SIGKILL at random points of a sync (0–200 ms after its
 * first send began), 50 times, restarted each time (syncChild.ts, its own process on the
 * same store file). New work arrives between runs: submissions (some large enough for a
 * chunked upload) and withdrawals. In the end the server holds each action exactly once and
 * the client's outbox is empty.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../server/serverFixtures';
import { openClient, queueBatch, registeredUnit, serverBatch, shanghaiRows, withdrawBatch, type ClientSide, closeServer } from './syncFixtures';

const KILLS = 50;
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'syncChild.ts');

let t: TestServer;
let client: ClientSide;

beforeAll(async () => {
  t = await startTestServer({ tokenTtlMs: 365 * 24 * 3600_000 });
});
afterAll(async () => {
  await client?.close();
  await closeServer(t);
});

/** A small seeded generator, so a failing run can be repeated with its seed. */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

interface ChildRun {
  /** Killed before it finished, or it finished. */
  outcome: 'killed' | 'finished';
}

function runChild(env: Record<string, string>, killAfterMs: number | null): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let killTimer: ReturnType<typeof setTimeout> | null = null;
    let killed = false;
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (killAfterMs !== null && killTimer === null && out.includes('sending')) {
        killTimer = setTimeout(() => {
          killed = child.kill('SIGKILL');
        }, killAfterMs);
      }
    });
    child.once('exit', (code, signal) => {
      if (killTimer) clearTimeout(killTimer);
      if (signal === 'SIGKILL' && killed) return resolve({ outcome: 'killed' });
      if (code === 0 && out.includes('"done":true')) return resolve({ outcome: 'finished' });
      reject(new Error(`sync child exited (${code ?? signal}): ${err || out}`));
    });
  });
}

describe(`the client killed with SIGKILL ${KILLS} times in the middle of syncing`, () => {
  it(`ends with every action applied exactly once on the server and an empty outbox (${KILLS} kills, duplicates found: 0)`, { timeout: 150_000 }, async () => {
    const seed = Date.now() % 1_000_000;
    const random = prng(seed);
    client = openClient(t.url);
    const { unitId } = await registeredUnit(client, t.url, 'SIGKILL测试工会');
    const env = { HUZHU_SYNC_DATA: client.dir, HUZHU_SYNC_URL: t.url, HUZHU_SYNC_TOKEN: client.tokens.load()! };

    const submitted = new Map<string, number>();
    const withdrawn = new Set<string>();
    const cancelled = new Set<string>();
    let kills = 0;
    let finishedEarly = 0;
    let midSend = 0;
    let afterRequests = 0;
    // A run that finishes before its kill is not counted: the loop goes on until 50 kills.
    for (let i = 0; kills < KILLS && i < 2 * KILLS; i++) {
      // New work between runs, as a clerk would queue it while the app restarts.
      const rows = i % 7 === 3 ? 2_500 : 3;
      const batch = queueBatch(client.store, unitId, shanghaiRows(rows), { title: `第 ${i + 1} 批` });
      submitted.set(batch.id, rows);
      if (i % 4 === 2) {
        const target = [...submitted.keys()].find((id) => !withdrawn.has(id) && !cancelled.has(id) && ['queued', 'underReview'].includes(client.store.batches.require(id).state));
        if (target) (withdrawBatch(client.store, target) === 'cancelled' ? cancelled : withdrawn).add(target);
      }
      const requestsBefore = t.logs.length;
      const run = await runChild(env, Math.floor(random() * 200));
      if (run.outcome === 'killed') kills++;
      else finishedEarly++;
      // Where the kill landed: an action caught on its way (left `sending`), or at least after talking to the server.
      if (client.store.outbox.status().sending.length > 0) midSend++;
      if (t.logs.length > requestsBefore) afterRequests++;
    }
    expect(await runChild(env, null)).toEqual({ outcome: 'finished' });

    // The client: nothing left to send, nothing refused.
    expect(client.store.outbox.status()).toMatchObject({ pending: 0, sending: [], failed: [] });
    const actions = [...submitted.keys()].flatMap((id) => client.store.outbox.listForBatch(id));
    expect(actions.every((a) => a.status === 'done')).toBe(true);

    // The server: each submission once, each withdrawal once, every person once.
    let duplicates = 0;
    for (const [id, rows] of submitted) {
      const held = (await serverBatch(t.server.context.db, id));
      if (cancelled.has(id)) {
        expect(held.copies).toBe(0);
        continue;
      }
      const count = (event: string) => held.events.filter((e) => e === event).length;
      duplicates += held.copies - 1 + (count('submit') - 1) + (count('acknowledge') - 1) + (withdrawn.has(id) ? count('withdraw') - 1 : count('withdraw'));
      expect(held).toMatchObject({ copies: 1, persons: rows });
      expect(count('submit')).toBe(1);
      expect(count('withdraw')).toBe(withdrawn.has(id) ? 1 : 0);
      expect(client.store.batches.require(id).state).toBe(withdrawn.has(id) ? 'withdrawn' : 'underReview');
    }
    const keys = (await t.server.context.db.one<{ n: number }>("SELECT COUNT(*)::int AS n FROM idempotency_keys WHERE scope <> 'public' AND route <> $1", ['POST /v1/uploads']))!;
    const sent = actions.length;
    expect(keys.n).toBe(sent);
    expect(duplicates).toBe(0);
    console.log(
      `SIGKILL ×${kills} (seed ${seed}; ${midSend} with an action caught mid-send, ${afterRequests} after requests reached the server, ${finishedEarly} runs finished before their kill): actions sent ${sent} (submissions ${submitted.size - cancelled.size}, withdrawals ${withdrawn.size}, cancelled unsent ${cancelled.size}), applied on server ${keys.n}, duplicates found: ${duplicates}`,
    );
    expect(kills).toBe(KILLS);
    expect(midSend).toBeGreaterThan(0);
  });
});
