/**
 * The real core on a temporary data folder with a fixed clock, served with the renderer
 * build by the browser host, exactly as `npm run web` runs it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { In, OpName, Out } from '../../../shared/api';
import { createCore, type Core } from '../../../electron/core/app/createCore';
import { startHttpHost, type RunningHost } from '../../../electron/core/host/httpHost';

export interface AppHost {
  core: Core;
  host: RunningHost;
  dataDir: string;
  /** The first address a browser opens (carries the token once). */
  openUrl: string;
  call<K extends OpName>(op: K, input: In<K>): Promise<Out<K>>;
  /** Stops the host and the core; the data folder stays unless `removeData`. */
  close(options?: { removeData?: boolean }): Promise<void>;
}

export function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'huzhu-e2e-'));
}

export async function startAppHost(options: { now: string; staticRoot: string; dataDir?: string }): Promise<AppHost> {
  const dataDir = options.dataDir ?? newDataDir();
  const now = new Date(options.now);
  const core = await createCore({ dataDir, now: () => now, operator: '测试经办人' });
  const host = await startHttpHost({
    dispatcher: core.dispatcher,
    events: core.events,
    token: randomBytes(24).toString('base64url'),
    port: 0,
    staticRoot: options.staticRoot,
  });
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
    async close(closeOptions = {}) {
      await host.close();
      await core.close();
      if (closeOptions.removeData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
