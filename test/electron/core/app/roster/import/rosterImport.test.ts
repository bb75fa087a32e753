/**
 * A roster import checks each row as it is read, stages it outside the store's file, and
 * writes everything in one transaction at the end (importJobs.ts, rosterStaging.ts). What it
 * stores must be exactly what checking the whole roster afterwards finds (roster.recheck),
 * across rows too, whatever happens to the batch while the file is read.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RosterRowView } from '../../../../../../shared/api';
import { rosterXlsx, SHANGHAI_HEADERS, shanghaiUnit, startTestCore, type TestCore } from '../../coreFixtures';

let t: TestCore;

const ALL_PLANS = ['A0', 'B0', 'C0'].map((planCode) => ({ planCode, shares: 1 }));

let unitId: string | null = null;

async function newBatch(title?: string) {
  unitId ??= (await t.call('units.save', { unit: shanghaiUnit })).id;
  const unit = { id: unitId };
  const batch = await t.call('batches.create', { unitId: unit.id, schemeId: 'shanghai-2020', enrollmentType: 'central', ...(title ? { title } : {}) });
  await t.call('batches.update', { batchId: batch.id, selection: ALL_PLANS });
  return batch;
}

async function importRows(batchId: string, rows: string[][], mode: 'append' | 'replace' = 'append', onProgress?: (rowsRead: number) => void) {
  const unsubscribe = t.core.events.subscribe((e) => {
    if (e.type === 'import.progress' && e.progress.phase === 'reading' && e.progress.rowsRead > 0) onProgress?.(e.progress.rowsRead);
  });
  try {
    const { jobId } = await t.call('roster.import', { batchId, file: { name: '名单.xlsx', base64: await rosterXlsx(SHANGHAI_HEADERS, rows) }, mode });
    return await t.core.imports.settled(jobId);
  } finally {
    unsubscribe();
  }
}

async function allRows(batchId: string): Promise<RosterRowView[]> {
  const rows: RosterRowView[] = [];
  for (;;) {
    const page = await t.call('roster.rows', { batchId, offset: rows.length, limit: 1000 });
    rows.push(...page.rows);
    if (page.rows.length === 0 || rows.length >= page.total) return rows;
  }
}

/** The rows as stored, then as a full re-check of the stored roster finds them: they must agree. */
async function expectSameAsRecheck(batchId: string): Promise<RosterRowView[]> {
  const stored = await allRows(batchId);
  const counts = await t.call('roster.findingCounts', { batchId });
  await t.call('roster.recheck', { batchId });
  expect(await allRows(batchId)).toEqual(stored);
  expect(await t.call('roster.findingCounts', { batchId })).toEqual(counts);
  return stored;
}

function tempTables(): string[] {
  return (t.core.store.db.prepare("SELECT name FROM sqlite_temp_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
}

/** Valid Shanghai resident IDs (310101, born 1980–1989), distinct for i < 3650. */
function residentId(i: number): string {
  const day = new Date(Date.UTC(1980, 0, 1) + i * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const body = `310101${day}${String(100 + (i % 900)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, k) => s + Number(d) * weights[k]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

const person = (i: number, socialSecurity = '是'): string[] => [`职工${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'子丑寅卯辰巳午未申酉'[Math.floor(i / 10) % 10]}`, '身份证', residentId(i), '', '', '', socialSecurity];

// The same on the core's thread and with the file read on the background thread (as the app does).
describe.each([{ where: 'on the core’s thread', backgroundThread: false }, { where: 'on the background thread', backgroundThread: true }])('read $where', ({ backgroundThread }) => {
  beforeEach(async () => {
    t = await startTestCore('2020-04-20T02:00:00Z', { backgroundThread });
    await t.core.ready;
    unitId = null;
  });
  afterEach(async () => t.close());

  describe('a first import', () => {
    it('stores each row with its own findings and those across rows, as a full re-check finds them', async () => {
      const batch = await newBatch();
      const rows = [person(0), person(1), person(2), person(1), ['', '身份证', residentId(3), '', '', '', '是'], person(4, '否')];
      const progress = await importRows(batch.id, rows);
      expect(progress).toMatchObject({ phase: 'done', totalRows: 6, rejected: 2 });

      const stored = await expectSameAsRecheck(batch.id);
      expect(stored.map((r) => r.sourceRow)).toEqual([2, 3, 4, 5, 6, 7]);
      const codes = stored.map((r) => r.findings.map((f) => f.code));
      // The first of the two is kept; the later one names it by its 序号 in the grid.
      expect(codes[1]).not.toContain('duplicateInBatch');
      expect(codes[3]).toContain('duplicateInBatch');
      expect(stored[3]!.findings.find((f) => f.code === 'duplicateInBatch')?.message).toContain('序号 2（文件第 3 行）');
      expect(codes[4]).toContain('missingField');
      // The last person has no social security: no A0, an info finding only.
      expect(stored.map((r) => r.verdict)).toEqual(['ok', 'ok', 'ok', 'error', 'error', 'info']);
      expect(tempTables()).toEqual([]);
    });

    it('finds the persons already in another open batch of the unit', async () => {
      const first = await newBatch();
      await importRows(first.id, [person(10), person(11)]);
      const second = await newBatch('第二批');
      const progress = await importRows(second.id, [person(11), person(12)]);
      expect(progress).toMatchObject({ phase: 'done', rejected: 1 });
      const stored = await expectSameAsRecheck(second.id);
      expect(stored.map((r) => r.findings.map((f) => f.code))).toEqual([['duplicateInUnitBatch'], []]);
    });

    it('replaces the roster in replace mode, numbering from the first row again', async () => {
      const batch = await newBatch();
      await importRows(batch.id, [person(20), person(21), person(22)]);
      const progress = await importRows(batch.id, [person(23), person(20)], 'replace');
      expect(progress).toMatchObject({ phase: 'done', totalRows: 2, rejected: 0 });
      const stored = await expectSameAsRecheck(batch.id);
      expect(stored.map((r) => r.values.documentNumber)).toEqual([residentId(23), residentId(20)]);
      const seqs = t.core.store.db.prepare('SELECT seq FROM persons WHERE batch_id = ? ORDER BY seq').pluck().all(batch.id);
      expect(seqs).toEqual([1, 2]);
    });
  });

  describe('a batch that changes while its file is read', () => {
    it('checks the rows against the batch as it is when they are stored', { timeout: 60_000 }, async () => {
      const batch = await newBatch();
      // A0 needs social security: the rows without it cannot take A0 alone.
      await t.call('batches.update', { batchId: batch.id, selection: [{ planCode: 'A0', shares: 1 }] });
      const rows = Array.from({ length: 1500 }, (_, i) => person(i, i % 3 === 0 ? '否' : '是'));
      let changed: Promise<unknown> | null = null;
      const progress = await importRows(batch.id, rows, 'append', () => {
        changed ??= t.call('batches.update', { batchId: batch.id, selection: [{ planCode: 'B0', shares: 1 }] });
      });
      await changed;
      expect(changed).not.toBeNull();
      expect(progress).toMatchObject({ phase: 'done', totalRows: 1500, rejected: 0 });
      const stored = await expectSameAsRecheck(batch.id);
      expect(stored.filter((r) => r.verdict === 'error')).toEqual([]);
    });
  });

  describe('an import that ends early', () => {
    it('leaves no staged rows behind when cancelled', { timeout: 60_000 }, async () => {
      const batch = await newBatch();
      const rows = Array.from({ length: 3000 }, (_, i) => person(i));
      let jobId = '';
      const unsubscribe = t.core.events.subscribe((e) => {
        if (e.type === 'import.progress' && e.progress.phase === 'reading' && e.progress.rowsRead > 0) void t.call('roster.cancelImport', { jobId: e.progress.jobId });
      });
      try {
        jobId = (await t.call('roster.import', { batchId: batch.id, file: { name: '名单.xlsx', base64: await rosterXlsx(SHANGHAI_HEADERS, rows) } })).jobId;
        expect((await t.core.imports.settled(jobId)).phase).toBe('cancelled');
      } finally {
        unsubscribe();
      }
      expect(await allRows(batch.id)).toEqual([]);
      expect(tempTables()).toEqual([]);
    });
  });
});
