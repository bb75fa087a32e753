/**
 * Reading a 100,000-row roster: readRosterFile against a bare exceljs streaming read of
 * the same file (every row and cell visited, nothing kept), which is the floor SPEC 5
 * measures the import by. Both read the same bytes from memory with the options an
 * importer needs (shared strings and styles cached: styles carry the date formats).
 * Runs alternate after a warm-up and the medians are compared. The whole import through
 * the core (read, every check, one transaction into SQLite) is reported against the same floor.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { createCore } from '../../electron/core/app/createCore';
import { readRosterFile } from '../../electron/core/roster';
import { mod11_2CheckCharacter } from '../../shared/domain/identity';
import { schemeById } from '../../shared/schemes';

const ROWS = 100_000;
const RUNS = 3;
const scheme = schemeById('shanghai-2020')!;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国文斌浩宇欣怡晨阳思雨佳琪';
/** Realistic names (no digits, which the checks flag as a shifted column). */
function personName(i: number): string {
  return SURNAMES[i % SURNAMES.length]! + GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]! + GIVEN[Math.floor(i / 7) % GIVEN.length]!;
}

/** Distinct valid resident IDs, one in a hundred with a wrong check digit, as real rosters have a few bad rows. */
function residentId(i: number): string {
  const day = 1 + (i % 28);
  const month = 1 + (Math.floor(i / 28) % 12);
  const body = `3201021990${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(Math.floor(i / 336) % 1000).padStart(3, '0')}`;
  const check = mod11_2CheckCharacter(body);
  return body + (i % 100 === 0 ? (check === '0' ? '1' : '0') : check);
}

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
        personName(i),
        passport ? '护照' : '身份证',
        passport ? `E${String(i).padStart(8, '0')}` : residentId(i),
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

/** The whole import as the clerk triggers it: read, check every row and across rows, store in one transaction. */
async function importThroughCore(dir: string, bytes: Buffer): Promise<void> {
  const core = await createCore({ dataDir: join(dir, `core-${Date.now()}`), now: () => new Date('2020-04-20T02:00:00Z') });
  try {
    const unit = await core.handlers['units.save']!({ unit: { name: '基准测试单位', socialSecurityCodes: [], contacts: [], handler: { name: '经办', phone: '13800000000' } } });
    const batch = await core.handlers['batches.create']!({ unitId: unit.id, schemeId: scheme.id, enrollmentType: 'central' });
    const { jobId } = await core.handlers['roster.import']!({ batchId: batch.id, file: { name: 'roster.xlsx', base64: bytes.toString('base64') }, mode: 'append' });
    const done = await core.imports.settled(jobId);
    if (done.phase !== 'done' || done.totalRows !== ROWS) throw new Error(`import ended ${done.phase} with ${done.totalRows} rows`);
  } finally {
    await core.close();
  }
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
    const c = await timed(() => importThroughCore(dir, bytes));
    console.log(
      `bench import: rows=${ROWS} baseline_ms=${Math.round(a)} read_ms=${Math.round(b)} ratio=${(b / a).toFixed(2)} ` +
        `pipeline_ms=${Math.round(c)} pipeline_ratio=${(c / a).toFixed(2)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
