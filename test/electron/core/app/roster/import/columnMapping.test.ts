/**
 * A clerk's own roster: a required column under a header no scheme knows is refused with
 * the closest header found; imported again with the column mapped by hand, it goes in,
 * and the unit's next import uses the remembered mapping. Columns read but not imported
 * are listed in the import's result and record.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rosterXlsx, shanghaiUnit, startTestCore, type TestCore } from '../../coreFixtures';

let t: TestCore;

const HEADERS = ['姓名（必填）', '证件类型', '证件编码', '是否有社保', '部门', '工资'];
const ROWS = [
  ['王豆豆', '身份证', '110101199003079091', '是', '财务部', '5000'],
  ['李四', '身份证', '110101199003070759', '是', '销售部', '6000'],
];

async function newBatch(unitId: string) {
  const batch = await t.call('batches.create', { unitId, schemeId: 'shanghai-2020', enrollmentType: 'central' });
  await t.call('batches.update', { batchId: batch.id, selection: [{ planCode: 'A0', shares: 1 }] });
  return batch;
}

async function importFile(batchId: string, columnMapping?: Record<string, 'documentNumber'>) {
  const base64 = await rosterXlsx(HEADERS, ROWS);
  const { jobId } = await t.call('roster.import', { batchId, file: { name: '本单位名单.xlsx', base64 }, ...(columnMapping ? { columnMapping } : {}) });
  return t.core.imports.settled(jobId);
}

describe.each([{ backgroundThread: false }, { backgroundThread: true }])('column mapping (background thread: $backgroundThread)', ({ backgroundThread }) => {
  beforeEach(async () => {
    t = await startTestCore('2020-04-20T02:00:00Z', { backgroundThread });
    await t.core.ready;
  });
  afterEach(async () => t.close());

  it('refuses with the closest header, imports with the mapping, remembers it for the unit, lists the columns not imported', async () => {
    const unit = await t.call('units.save', { unit: shanghaiUnit });
    const first = await newBatch(unit.id);

    const refused = await importFile(first.id);
    expect(refused.phase).toBe('failed');
    expect(refused.error?.code).toBe('missingColumns');
    expect(refused.error?.message).toContain('最接近的表头：“证件编码”');
    expect(refused.unmatched).toEqual({ headerRow: 1, fileHeaders: expect.arrayContaining(HEADERS), missing: [{ field: 'documentNumber', header: '证件号码', closest: '证件编码' }] });
    expect((await t.call('batches.get', { batchId: first.id })).counts.persons).toBe(0);

    const mapped = await importFile(first.id, { 证件编码: 'documentNumber' });
    expect(mapped.phase).toBe('done');
    expect(mapped.accepted).toBe(2);
    expect(mapped.ignoredColumns).toEqual(['部门', '工资']);
    const rows = await t.call('roster.rows', { batchId: first.id, offset: 0, limit: 10 });
    expect(rows.rows.map((r) => r.values.documentNumber)).toEqual(['110101199003079091', '110101199003070759']);
    const [record] = await t.call('roster.imports', { batchId: first.id });
    expect(record!.ignoredColumns).toEqual(['部门', '工资']);

    // The unit's next batch: the same file goes in with the remembered mapping.
    const second = await newBatch(unit.id);
    const again = await importFile(second.id);
    expect(again.phase).toBe('done');
    expect(again.columnMapping).toEqual({ 证件编码: 'documentNumber' });

    // An empty mapping forgets it.
    const third = await newBatch(unit.id);
    expect((await importFile(third.id, {})).error?.code).toBe('missingColumns');
    const fourth = await newBatch(unit.id);
    expect((await importFile(fourth.id)).error?.code).toBe('missingColumns');
  });
});
