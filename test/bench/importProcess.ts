/**
 * The import side of `bench import-100k`, in a process of its own as the app's core is (no
 * benchmark fixtures or exceljs reads before it): a warm-up import of the small file, then
 * the measured imports through the core's API, each on a fresh data folder with the core's
 * background thread up. Prints one JSON line: { full_ms, small_ms, peak_rss_mb }.
 * Usage: tsx test/bench/importProcess.ts <roster.xlsx> <rows> <small.xlsx> <small rows> <work dir>
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../../electron/core/app/createCore';

const CLOCK = new Date('2020-04-20T02:00:00Z'); // inside Shanghai's 2020 central window

/** The whole import through the core's API on a fresh data folder; resolves with its duration once the job is done. */
async function importThroughCore(dataDir: string, bytes: Buffer, rows: number): Promise<number> {
  const core = await createCore({ dataDir, now: () => CLOCK, operator: 'bench', backgroundThread: true });
  try {
    // The clerk imports into an app that is up: its background thread has started.
    await core.ready;
    const unit = await core.handlers['units.save']!({ unit: { name: '基准测试单位', socialSecurityCodes: [], contacts: [], handler: { name: '经办', phone: '13800000000' } } });
    const batch = await core.handlers['batches.create']!({ unitId: unit.id, schemeId: 'shanghai-2020', enrollmentType: 'central' });
    const start = performance.now();
    const { jobId } = await core.handlers['roster.import']!({ batchId: batch.id, file: { name: 'roster.xlsx', base64: bytes.toString('base64') }, mode: 'append' });
    const done = await core.imports.settled(jobId);
    const ms = performance.now() - start;
    if (done.phase !== 'done' || done.totalRows !== rows) throw new Error(`import ended ${done.phase} with ${done.totalRows} rows`);
    if (done.rejected === 0) throw new Error('the roster has bad rows, but none was rejected');
    return ms;
  } finally {
    await core.close();
  }
}

const [path, rows, smallPath, smallRows, dir] = process.argv.slice(2);
const small = readFileSync(smallPath!);
await importThroughCore(join(dir!, 'warm'), small, Number(smallRows));
const full = await importThroughCore(join(dir!, 'full'), readFileSync(path!), Number(rows));
const smallMs = await importThroughCore(join(dir!, 'small'), small, Number(smallRows));
// maxRSS (KB) is the process's peak over its life: the 100,000-row import's, as nothing else here comes near it.
console.log(JSON.stringify({ full_ms: full, small_ms: smallMs, peak_rss_mb: process.resourceUsage().maxRSS / 1024 }));
