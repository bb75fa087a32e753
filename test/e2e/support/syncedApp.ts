/**
 * The real core with its sync engine pointed at a real association server on 127.0.0.1,
 * for the end-to-end scenarios that go from a draft to the association's answer. The
 * server's port is chosen before either starts, so the core can be started (and worked
 * offline) while nothing listens there yet.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import type { In, OpName, Out } from '../../../shared/api';
import { ROUTES } from '../../../shared/wire';
import { createCore, type Core } from '../../../electron/core/app/createCore';
import { memoryTokenVault } from '../../../electron/core/sync/tokenVault';
import { startHttpHost, type RunningHost } from '../../../electron/core/host/httpHost';
import { createServer, type HuzhuServer } from '../../../server/createServer';
import { ADMIN_TOKEN, adminCall, testClock, type TestClock } from '../../server/serverFixtures';
import { newDataDir } from './appHost';

/** A port nothing listens on right now (the OS picks it; it is handed back at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A clock that starts at `startIso` and moves on with real time: the sync engine plans its
 * probes and pulls from it, so a clock frozen still would never reach its next probe.
 */
export function movingClock(startIso: string): () => Date {
  const offset = new Date(startIso).getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}

export interface SyncedApp {
  core: Core;
  host: RunningHost;
  dataDir: string;
  openUrl: string;
  call<K extends OpName>(op: K, input: In<K>): Promise<Out<K>>;
  close(): Promise<void>;
}

export async function startSyncedApp(options: { now: string; staticRoot: string; serverUrl: string }): Promise<SyncedApp> {
  const dataDir = newDataDir();
  const core = await createCore({ dataDir, now: movingClock(options.now), operator: '测试经办人', serverUrl: options.serverUrl, tokens: memoryTokenVault() });
  const host = await startHttpHost({ dispatcher: core.dispatcher, events: core.events, token: randomBytes(24).toString('base64url'), port: 0, staticRoot: options.staticRoot });
  return {
    core,
    host,
    dataDir,
    openUrl: host.openUrl,
    async call(op, input) {
      const r = await core.dispatcher.dispatch(op, input);
      if (!r.ok) throw Object.assign(new Error(`${op}: ${r.error.message}`), r.error);
      return r.value as never;
    },
    async close() {
      await host.close();
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Association {
  server: HuzhuServer;
  url: string;
  clock: TestClock;
  close(): Promise<void>;
}

/** The reference association server with the demo accounts, on the given port, its clock fixed at `startIso`. */
export async function startAssociation(options: { port: number; now: string }): Promise<Association> {
  const dataDir = newDataDir();
  const clock = testClock(options.now);
  const server = await createServer({ dataDir, adminToken: ADMIN_TOKEN, clock, demo: true, log: () => {} });
  const url = await server.listen({ port: options.port, host: '127.0.0.1' });
  return {
    server,
    url,
    clock,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ServerBatch {
  batchId: string;
  serverBatchId: string;
  state: string;
  unitName: string;
}

/** The association's view of the batch the client numbered `clientBatchId`, or undefined before it arrived. */
export async function serverBatch(url: string, clientBatchId: string): Promise<ServerBatch | undefined> {
  const res = await adminCall<{ batches: ServerBatch[] }>(url, ROUTES.adminBatches, {});
  if (res.status !== 200) throw new Error(`admin batches ${res.status} ${res.text}`);
  return res.body.batches.find((b) => b.batchId === clientBatchId);
}

/** The staff approve the batch (初审通过): it becomes 待缴费 on the server. */
export async function approveOnServer(url: string, serverBatchId: string): Promise<void> {
  const res = await adminCall(url, ROUTES.adminApprove, { batchId: serverBatchId }, { staff: '审核员甲' });
  if (res.status !== 200) throw new Error(`approve ${res.status} ${res.text}`);
}
