/**
 * The core and the browser host in a process of their own, so a test can kill it outright
 * (SIGKILL: no cleanup, no orderly close) as a crash or a pulled plug would. Started with
 * `node --import tsx coreProcess.ts`; reads HUZHU_E2E_DATA, HUZHU_E2E_NOW, HUZHU_E2E_STATIC
 * and prints one JSON line with the address to open once it listens.
 */
import { randomBytes } from 'node:crypto';
import { createCore } from '../../../electron/core/app/createCore';
import { startHttpHost } from '../../../electron/core/host/httpHost';

const dataDir = process.env.HUZHU_E2E_DATA!;
const now = new Date(process.env.HUZHU_E2E_NOW!);
const core = await createCore({ dataDir, now: () => now, operator: '测试经办人' });
const host = await startHttpHost({
  dispatcher: core.dispatcher,
  events: core.events,
  token: randomBytes(24).toString('base64url'),
  port: 0,
  staticRoot: process.env.HUZHU_E2E_STATIC!,
});
process.stdout.write(`${JSON.stringify({ openUrl: host.openUrl })}\n`);
