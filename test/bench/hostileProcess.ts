/**
 * The import side of `bench hostile-files`: one hostile file imported in a process of its own,
 * the bundled core with its background thread up, as in the app, where the core runs in the
 * process that serves the window. First a valid roster, so the batch holds persons; then the
 * hostile file through the core's API (validation included), timed, with the process's event
 * loop watched for the longest it was held, and the store compared before and after.
 * Usage: node hostileProcess.mjs <hostile file> <valid roster.xlsx> <data dir>
 * Prints one JSON line (HostileOutcome).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { In, OpName, Out } from '../../shared/api';
import { createCore } from '../../electron/core/app/createCore';
import { HOSTILE_SCHEME } from '../support/hostileFiles';
import { storeDigest } from '../support/storeDigest';

export interface HostileOutcome {
  phase: string;
  code: string | null;
  message: string | null;
  seconds: number;
  /** getrusage's maxRSS: the process's peak, its background thread and SQLite included. */
  peakRssMb: number;
  /** The longest the event loop was held past the sampler's interval while the file was imported. */
  maxBlockMs: number;
  /** Of that, the import call's own synchronous work: validating and decoding the upload's base64. */
  callMs: number;
  storeChanged: boolean;
}

const CLOCK = new Date('2020-04-20T02:00:00Z'); // inside Shanghai's 2020 central window
const SAMPLE_MS = 5;

const [path, validPath, dir] = process.argv.slice(2);
const core = await createCore({ dataDir: dir!, now: () => CLOCK, operator: 'bench', backgroundThread: true });
await core.ready;

async function call<K extends OpName>(op: K, input: In<K>): Promise<Out<K>> {
  const r = await core.dispatcher.dispatch(op, input);
  if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
  return r.value as Out<K>;
}

const unit = await call('units.save', { unit: { name: '基准测试单位', socialSecurityCodes: [], contacts: [], handler: { name: '经办', phone: '13800000000' } } });
const batch = await call('batches.create', { unitId: unit.id, schemeId: HOSTILE_SCHEME, enrollmentType: 'central' });
const importFile = async (file: string) => {
  const { jobId } = await call('roster.import', { batchId: batch.id, file: { name: basename(file), base64: readFileSync(file).toString('base64') }, mode: 'append' });
  return core.imports.settled(jobId);
};
const valid = await importFile(validPath!);
if (valid.phase !== 'done') throw new Error(`the valid roster ended ${valid.phase}`);
const before = storeDigest(core.store.db);

const base64 = readFileSync(path!).toString('base64');
const delay = monitorEventLoopDelay({ resolution: SAMPLE_MS });
delay.enable();
// The sampler's first interval only starts with its first tick: let it tick before the call.
await new Promise((resolve) => setTimeout(resolve, 4 * SAMPLE_MS));
const start = performance.now();
const calling = call('roster.import', { batchId: batch.id, file: { name: basename(path!), base64 }, mode: 'append' });
const callMs = performance.now() - start;
const { jobId } = await calling;
const done = await core.imports.settled(jobId);
const seconds = (performance.now() - start) / 1000;
delay.disable();
const storeChanged = storeDigest(core.store.db) !== before;
await core.close();

const outcome: HostileOutcome = {
  phase: done.phase,
  code: done.error?.code ?? null,
  message: done.error?.message ?? null,
  seconds,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  maxBlockMs: Math.max(0, delay.max / 1e6 - SAMPLE_MS),
  callMs,
  storeChanged,
};
console.log(JSON.stringify(outcome));
