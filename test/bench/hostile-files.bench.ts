/**
 * Hostile roster files (test/support/hostileFiles.ts: zip bombs, huge cells, whitespace runs,
 * deep nesting, entity tricks, damaged zips, NUL-laden and million-row files), each imported
 * in a process of its own (hostileProcess.ts) on the bundled core with its background thread,
 * into a batch holding a valid roster.
 *
 * files: how many; refused: how many were refused with their expected code and Chinese
 * reason (HostileFile.says); max_s: the longest import, from the API call to the refusal;
 * max_rss_mb: the highest peak resident memory of a process (Node, the core, its background
 * thread, SQLite); max_block_ms: the longest the process's event loop (the window's, in the
 * app) was held while a file was imported, the API call's own validating and decoding of the
 * upload included; store_changed: files after which the store differed (the import log aside).
 * Goals: every file refused, each within 10 s, under 500 MB, never blocked over 100 ms, nothing changed.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { validRoster, writeHostileFiles } from '../support/hostileFiles';
import { bundleBenchProcess } from './bundleBenchProcess';
import type { HostileOutcome } from './hostileProcess';

export default async function hostileFilesBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'huzhu-bench-hostile-'));
  try {
    const validPath = join(dir, 'valid.xlsx');
    writeFileSync(validPath, validRoster());
    const files = writeHostileFiles(dir);
    const script = await bundleBenchProcess('hostileProcess');
    const outcomes: HostileOutcome[] = [];
    for (const [i, file] of files.entries()) {
      const { stdout } = await promisify(execFile)(process.execPath, [script, file.path, validPath, join(dir, `run-${i}`)], { maxBuffer: 1 << 20 });
      const outcome = JSON.parse(stdout.trim().split('\n').pop()!) as HostileOutcome;
      const refused = outcome.phase === 'failed' && outcome.code === file.code && (outcome.message ?? '').includes(file.says);
      if (!refused) console.error(`not refused as expected: ${file.name}: ${outcome.phase} ${outcome.code} (expected ${file.code})`);
      if (process.env.HUZHU_BENCH_VERBOSE) console.error(`${file.fileName}: ${JSON.stringify(outcome)}`);
      outcomes.push({ ...outcome, phase: refused ? 'refused' : outcome.phase });
      rmSync(file.path, { force: true });
    }
    const max = (pick: (o: HostileOutcome) => number) => Math.max(...outcomes.map(pick));
    console.log(
      `bench hostile-files: files=${files.length} refused=${outcomes.filter((o) => o.phase === 'refused').length} ` +
        `max_s=${max((o) => o.seconds).toFixed(2)} max_rss_mb=${Math.round(max((o) => o.peakRssMb))} ` +
        `max_block_ms=${Math.round(max((o) => o.maxBlockMs))} store_changed=${outcomes.filter((o) => o.storeChanged).length}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
