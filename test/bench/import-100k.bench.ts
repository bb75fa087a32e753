/**
 * Importing a 100,000-row Shanghai roster (SPEC 5: "importing and checking a 100,000-row
 * roster costs little more than exceljs's own streaming read of that file").
 *
 * bare_ms: exceljs's streaming read of the file with the options an importer needs (shared
 * strings and styles cached: styles carry the date formats), every row and cell visited,
 * nothing kept.
 * full_ms: the import as the clerk starts it, through the core's API: read, normalise,
 * check every row and across rows, store in one SQLite transaction, on a fresh data folder,
 * in a process of its own (importProcess.ts) after a warm-up import, as in the app: the core
 * bundled by esbuild the way the Electron build bundles it (no tsx loading TypeScript in the
 * process or its background thread), its background thread up.
 * The two alternate, three rounds of one bare read and one import process, and the medians
 * are compared: this machine's speed drifts by a third within a minute, which a single pair,
 * or all of one before all of the other, would take for a difference between them.
 * peak_rss_mb: the import processes' peak resident memory (getrusage's maxRSS), everything
 * included: Node, the core, its background thread, SQLite. In a process of its own because
 * writing the fixture and exceljs's reads leave this one at 300 MB before an import starts.
 * import_5k_ms: the same full import of 5,000 rows (the Shanghai portal's limit per file), median.
 * max_block_ms: the longest the event loop of the process that serves the window (this one,
 * as the browser host or the Electron main process) was held up while the core, in its own
 * process started from the same bundled entry as the app's, imported the 100,000 rows and
 * pushed its progress events here.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { writeShanghaiRoster } from '../support/shanghaiRosterFile';
import { startBenchCore } from './benchCore';
import { BENCH_BUNDLE, bundleBenchProcess } from './bundleBenchProcess';

const ROWS = 100_000;
const PORTAL_LIMIT = 5_000;
const RUNS = 3;

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

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The imports in a process of their own, on the bundled core. */
async function importInOwnProcess(script: string, path: string, smallPath: string, dir: string): Promise<{ full_ms: number; small_ms: number; peak_rss_mb: number }> {
  const { stdout } = await promisify(execFile)(process.execPath, [script, path, String(ROWS), smallPath, String(PORTAL_LIMIT), dir], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { full_ms: number; small_ms: number; peak_rss_mb: number };
}

/** The window's process meanwhile: a 100,000-row import in the core's own process, this event loop's longest delay. */
async function hostBlockDuringImport(bytes: Buffer, dir: string): Promise<number> {
  const { connection, call } = await startBenchCore({ dataDir: dir, backgroundThread: true, clockStart: '2020-04-20T10:00:00+08:00', operator: 'bench' }, join(BENCH_BUNDLE, 'coreProcess.mjs'));
  try {
    const unit = await call('units.save', { unit: { name: '基准测试单位', socialSecurityCodes: [], contacts: [], handler: { name: '经办', phone: '13800000000' } } });
    const batch = await call('batches.create', { unitId: unit.id, schemeId: 'shanghai-2020', enrollmentType: 'central' });
    const finished = new Promise<string>((resolve) =>
      connection.subscribe((e) => {
        const progress = (e as { progress?: { phase: string } }).progress;
        if (e.type === 'import.progress' && progress && ['done', 'failed', 'cancelled'].includes(progress.phase)) resolve(progress.phase);
      }),
    );
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    await call('roster.import', { batchId: batch.id, file: { name: 'roster.xlsx', base64: bytes.toString('base64') }, mode: 'append' });
    const phase = await finished;
    delay.disable();
    if (phase !== 'done') throw new Error(`import ended ${phase}`);
    return delay.max / 1e6;
  } finally {
    await connection.close();
  }
}

export default async function importBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'huzhu-bench-import-'));
  try {
    const path = join(dir, `roster-${ROWS}.xlsx`);
    const smallPath = join(dir, `roster-${PORTAL_LIMIT}.xlsx`);
    await writeShanghaiRoster(path, ROWS);
    await writeShanghaiRoster(smallPath, PORTAL_LIMIT);
    const bytes = readFileSync(path);

    const script = await bundleBenchProcess('importProcess');
    await bareRead(bytes); // warm-up: the JIT, exceljs's modules
    const bare: number[] = [];
    const imports: { full_ms: number; small_ms: number; peak_rss_mb: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      bare.push(await timed(() => bareRead(bytes)));
      imports.push(await importInOwnProcess(script, path, smallPath, join(dir, `run-${i}`)));
    }
    const maxBlock = await hostBlockDuringImport(bytes, join(dir, 'host'));
    const a = median(bare);
    const b = median(imports.map((r) => r.full_ms));
    console.log(
      `bench import-100k: bare_ms=${Math.round(a)} full_ms=${Math.round(b)} ratio=${(b / a).toFixed(2)} ` +
        `peak_rss_mb=${Math.round(Math.max(...imports.map((r) => r.peak_rss_mb)))} import_5k_ms=${Math.round(median(imports.map((r) => r.small_ms)))} max_block_ms=${Math.round(maxBlock)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
