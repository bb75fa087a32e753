/**
 * Importing a 100,000-row Shanghai roster (SPEC 5: "importing and checking a 100,000-row
 * roster costs little more than exceljs's own streaming read of that file").
 *
 * bare_ms: exceljs's streaming read of the file with the options an importer needs (shared
 * strings and styles cached: styles carry the date formats), every row and cell visited,
 * nothing kept; the median of three runs after a warm-up.
 * full_ms: the import as the clerk starts it, through the core's API: read, normalise,
 * check every row and across rows, store in one SQLite transaction, on a fresh data folder.
 * peak_rss_mb: the process's peak resident memory during the full import, sampled by a
 * worker thread (its clock runs while the import's synchronous phases block the main one),
 * or getrusage's maxRSS when that rose during the import. The heap is collected first:
 * writing the 100,000-row fixture and the bare reads leave 150–250 MB of exceljs garbage
 * that V8 has not yet given back (RSS before the import measured 420–520 MB without this),
 * which would otherwise count as the import's memory.
 * import_5k_ms: the same full import of the first 5,000 rows (the Shanghai portal's limit per file).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { createCore } from '../../electron/core/app/createCore';
import { writeShanghaiRoster } from '../support/shanghaiRosterFile';

const ROWS = 100_000;
const PORTAL_LIMIT = 5_000;
const RUNS = 3;
const CLOCK = new Date('2020-04-20T02:00:00Z'); // inside Shanghai's 2020 central window

async function bareRead(bytes: Buffer): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  let cells = 0;
  for await (const sheet of reader) {
    for await (const row of sheet) {
      row.eachCell(() => {
        cells++;
      });
    }
  }
  return cells;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** The whole import through the core's API on a fresh data folder; resolves with its duration once the job is done. */
async function importThroughCore(dataDir: string, bytes: Buffer, rows: number): Promise<number> {
  const core = await createCore({ dataDir, now: () => CLOCK, operator: 'bench', backgroundThread: true });
  await core.ready;
  try {
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

const SAMPLER = `
const { parentPort } = require('node:worker_threads');
let peak = 0;
const sample = () => { const rss = process.memoryUsage.rss(); if (rss > peak) peak = rss; };
const timer = setInterval(sample, 5);
parentPort.on('message', () => { clearInterval(timer); sample(); parentPort.postMessage(peak); });
`;

/** Runs `work` while a worker thread samples the process's RSS; returns the work's result and the peak in bytes. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakBytes: number }> {
  const worker = new Worker(SAMPLER, { eval: true });
  await new Promise((resolve) => worker.once('online', resolve));
  const maxRssBefore = process.resourceUsage().maxRSS;
  try {
    const result = await work();
    const sampled = await new Promise<number>((resolve) => {
      worker.once('message', resolve);
      worker.postMessage('stop');
    });
    const maxRssAfter = process.resourceUsage().maxRSS;
    // maxRSS (KB) is the lifetime peak: when it rose during the work, that rise is the work's peak.
    const peakBytes = maxRssAfter > maxRssBefore ? Math.max(sampled, maxRssAfter * 1024) : sampled;
    return { result, peakBytes };
  } finally {
    await worker.terminate();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** A full garbage collection now (the bench runs without --expose-gc). */
function collectGarbage(): void {
  setFlagsFromString('--expose_gc');
  (runInNewContext('gc') as () => void)();
}

export default async function importBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'huzhu-bench-import-'));
  try {
    const path = join(dir, `roster-${ROWS}.xlsx`);
    const smallPath = join(dir, `roster-${PORTAL_LIMIT}.xlsx`);
    await writeShanghaiRoster(path, ROWS);
    await writeShanghaiRoster(smallPath, PORTAL_LIMIT);
    const bytes = readFileSync(path);
    const smallBytes = readFileSync(smallPath);

    // Warm-up: the JIT, exceljs's modules, SQLite's first open.
    await bareRead(bytes);
    await importThroughCore(join(dir, 'warm'), smallBytes, PORTAL_LIMIT);

    const bare: number[] = [];
    for (let i = 0; i < RUNS; i++) bare.push(await timed(() => bareRead(bytes)));
    const a = median(bare);
    collectGarbage();
    const { result: b, peakBytes } = await withPeakRss(() => importThroughCore(join(dir, 'full'), bytes, ROWS));
    const small = await importThroughCore(join(dir, 'small'), smallBytes, PORTAL_LIMIT);
    console.log(
      `bench import-100k: bare_ms=${Math.round(a)} full_ms=${Math.round(b)} ratio=${(b / a).toFixed(2)} ` +
        `peak_rss_mb=${Math.round(peakBytes / 1024 / 1024)} import_5k_ms=${Math.round(small)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
