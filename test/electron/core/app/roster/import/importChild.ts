/**
 * The child side of the import crash test, run as its own process (`node --import tsx`):
 * opens the core on the data folder, starts importing the roster file into the batch, and
 * prints `progress <rowsRead> <jobId>` at the first progress report past the first rows.
 * The parent kills it there with SIGKILL; if nobody does, it prints `done` and exits.
 *
 * Env: HUZHU_IMPORT_DATA (the data folder), HUZHU_IMPORT_BATCH (the batch id),
 * HUZHU_IMPORT_FILE (the xlsx to import).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createCore } from '../../../../../../electron/core/app/createCore';

const dataDir = process.env.HUZHU_IMPORT_DATA;
const batchId = process.env.HUZHU_IMPORT_BATCH;
const file = process.env.HUZHU_IMPORT_FILE;
if (!dataDir || !batchId || !file) throw new Error('HUZHU_IMPORT_DATA, HUZHU_IMPORT_BATCH and HUZHU_IMPORT_FILE are required');

const core = await createCore({ dataDir, now: () => new Date('2020-04-20T02:00:00Z'), operator: '测试经办人' });
let reported = false;
core.events.subscribe((e) => {
  if (e.type !== 'import.progress' || reported || e.progress.rowsRead === 0) return;
  reported = true;
  process.stdout.write(`progress ${e.progress.rowsRead} ${e.progress.jobId}\n`);
});
const started = await core.dispatcher.dispatch('roster.import', { batchId, file: { name: basename(file), base64: readFileSync(file).toString('base64') } });
if (!started.ok) throw new Error(started.error.message);
const { jobId } = started.value as { jobId: string };
const outcome = await core.imports.settled(jobId);
process.stdout.write(`done ${outcome.phase}\n`);
await core.close();
