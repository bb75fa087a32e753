/**
 * Reading a 100,000-row roster: readRosterFile against a bare exceljs streaming read of
 * the same file (every row and cell visited, nothing kept), which is the floor SPEC 5
 * measures the import by. Both read the same bytes from memory with the options an
 * importer needs (shared strings and styles cached: styles carry the date formats).
 * Runs alternate after a warm-up and the medians are compared.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { readRosterFile } from '../../electron/core/roster';
import { schemeById } from '../../shared/schemes';

const ROWS = 100_000;
const RUNS = 3;
const scheme = schemeById('shanghai-2020')!;

/** A roster as a clerk fills Shanghai's template: text IDs, drop-down values, some blanks. */
async function writeRoster(path: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createWriteStream(path), useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet('参保人员');
  sheet.columns = scheme.roster.columns.filter((c) => c.inTemplate).map((c) => ({ width: 20, style: c.text ? { numFmt: '@' } : {} }));
  sheet.addRow(scheme.roster.columns.filter((c) => c.inTemplate).map((c) => c.header)).commit();
  for (let i = 1; i <= ROWS; i++) {
    const passport = i % 50 === 0;
    sheet
      .addRow([
        `职工${i}`,
        passport ? '护照' : '身份证',
        passport ? `E${String(i).padStart(8, '0')}` : `3201021990${String(i % 10_000).padStart(4, '0')}${String(i % 1000).padStart(3, '0')}X`,
        passport ? '1985-06-15' : null,
        passport ? (i % 4 === 0 ? '女' : '男') : null,
        `139${String(i).padStart(8, '0')}`,
        i % 7 === 0 ? '否' : '是',
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}

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

export default async function importBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'huzhu-bench-import-'));
  try {
    const path = join(dir, `roster-${ROWS}.xlsx`);
    await writeRoster(path);
    const bytes = readFileSync(path);

    const result = await readRosterFile({ fileName: 'roster.xlsx', bytes }, scheme);
    if (result.totalRows !== ROWS) throw new Error(`read ${result.totalRows} rows, expected ${ROWS}`);
    await bareRead(bytes);

    const baseline: number[] = [];
    const read: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      baseline.push(await timed(() => bareRead(bytes)));
      read.push(await timed(() => readRosterFile({ fileName: 'roster.xlsx', bytes }, scheme)));
    }
    const a = median(baseline);
    const b = median(read);
    console.log(`bench import: rows=${ROWS} baseline_ms=${Math.round(a)} read_ms=${Math.round(b)} ratio=${(b / a).toFixed(2)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
