/**
 * The client side of the SIGKILL test, run as its own process (`node --import tsx`): opens
 * the store, recovers what a kill interrupted, and runs the sync engine until the outbox is
 * empty and the feed pulled. The parent kills it at random points and starts it again.
 *
 * Env: HUZHU_SYNC_DATA (the data folder), HUZHU_SYNC_URL (the server), HUZHU_SYNC_TOKEN
 * (the unit's token; the account itself is in the store's sync_state).
 */
import { memoryTokenVault } from '../../../../electron/core/sync/tokenVault';
import { openStore } from '../../../../electron/core/store';
import { SyncEngine } from '../../../../electron/core/sync';

const dataDir = process.env.HUZHU_SYNC_DATA;
const serverUrl = process.env.HUZHU_SYNC_URL;
const token = process.env.HUZHU_SYNC_TOKEN;
if (!dataDir || !serverUrl || !token) throw new Error('HUZHU_SYNC_DATA, HUZHU_SYNC_URL and HUZHU_SYNC_TOKEN are required');

// The parent opened the store first and seeded the schemes: a restart skips that work.
const store = openStore({ dataDir, seedSchemes: [] });
const recovered = store.recoverInterrupted();
const tokens = memoryTokenVault();
tokens.save(token);
let announced = false;
const quick = { baseMs: 5, factor: 2, capMs: 100, jitter: 0.5 };
const engine = new SyncEngine({
  store,
  events: {
    // The parent times its kill from the first send, so the kill lands inside the sync whatever the machine's load.
    emit: (event) => {
      if (announced || event.type !== 'sync.status' || !event.status.sending) return;
      announced = true;
      process.stdout.write('sending\n');
    },
  },
  tokens,
  serverUrl,
  backoff: quick,
  probeBackoff: quick,
  chunkBytes: 64 * 1024,
  log: () => undefined,
});
process.stdout.write(`ready ${JSON.stringify(recovered)}\n`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let attempts = 0;
let pulledAfterLastAction = false;
for (;;) {
  const report = await engine.runOnce();
  attempts += report.attempts;
  const s = store.outbox.status();
  if (s.pending === 0 && s.sending.length === 0) {
    // One more run after the last action so its changes are pulled too.
    if (pulledAfterLastAction) break;
    pulledAfterLastAction = true;
    continue;
  }
  pulledAfterLastAction = false;
  await sleep(5);
}
process.stdout.write(`${JSON.stringify({ done: true, attempts })}\n`);
store.close();
