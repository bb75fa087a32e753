/**
 * Last year's roster as the suggested list of a Shanghai central enrollment (seed 002,
 * 获取上年度建议名单), through the API on a real SQLite file: which of last year's batches
 * and persons count, the differences against this year's roster, and taking persons in
 * through the import's checks with the 是否建议名单 mark.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SHANGHAI_HEADERS, shanghaiUnit, startTestCore, type TestCore } from '../coreFixtures';
import { addScheme, confirmAndSubmit, importedBatch, residentId, schemeForYear, serverSets } from '../yearFixtures';

const ID = {
  zhang: residentId('19850615', 123),
  wang: residentId('19900228', 122),
  zhao: residentId('19880101', 1),
  qian: residentId('19870303', 5),
  sun: residentId('19860404', 7),
  wu: residentId('19750505', 9),
  feng: residentId('19920606', 11),
  zheng: residentId('19930707', 13),
};
const wrongCheckDigit = (id: string) => id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
const row = (name: string, id: string, phone: string, socialSecurity: string) => [name, '身份证', id, '', '', phone, socialSecurity];
const PLANS = ['A0', 'B0', 'C0'];
const YEAR_2019 = { start: '2019-04-01', end: '2020-03-31' };

let t: TestCore;
let unitId: string;
let lastCentral: string;
let lastInstant: string;

beforeEach(async () => {
  t = await startTestCore('2018-04-20T02:00:00Z');
  addScheme(t, schemeForYear('shanghai-2020', 'shanghai-2018', -2));
  addScheme(t, schemeForYear('shanghai-2020', 'shanghai-2019', -1));
  unitId = (await t.call('units.save', { unit: shanghaiUnit })).id;

  // Two years back: not "last year".
  const old = await importedBatch(t, { unitId, schemeId: 'shanghai-2018', enrollmentType: 'central', selection: PLANS }, SHANGHAI_HEADERS, [row('吴七', ID.wu, '13800000017', '是')]);
  await confirmAndSubmit(t, old);
  serverSets(t, old, 'expired', { cover: { start: '2018-04-01', end: '2019-03-31' } });

  t.setNow('2019-04-20T02:00:00Z');
  lastCentral = await importedBatch(t, { unitId, schemeId: 'shanghai-2019', enrollmentType: 'central', title: '2019集中参保', selection: PLANS }, SHANGHAI_HEADERS, [
    row('张一', ID.zhang, '13800000011', '是'),
    row('王二', ID.wang, '13800000012', '是'),
    row('赵三', ID.zhao, '', '否'),
    row('钱四', ID.qian, '', '是'),
  ]);
  await confirmAndSubmit(t, lastCentral);
  serverSets(t, lastCentral, 'inForce', { cover: YEAR_2019, policyNumber: 'SH2019-001' });
  // The association refused 钱四 in review: not enrolled, so not suggested.
  t.core.store.persons.markServerRejections(lastCentral, [{ docNumber: ID.qian, rejection: { code: 'occupiedElsewhere', severity: 'error', message: '已在其他单位参保' } }]);

  const withdrawn = await importedBatch(t, { unitId, schemeId: 'shanghai-2019', enrollmentType: 'central', title: '撤回的批次', selection: PLANS }, SHANGHAI_HEADERS, [row('孙五', ID.sun, '', '是')]);
  await confirmAndSubmit(t, withdrawn);
  serverSets(t, withdrawn, 'withdrawn');

  // Later in the year, 冯九 joined.
  t.setNow('2019-06-03T02:00:00Z');
  lastInstant = await importedBatch(t, { unitId, schemeId: 'shanghai-2019', enrollmentType: 'instant', title: '2019即时参保', selection: PLANS }, SHANGHAI_HEADERS, [
    row('冯九', ID.feng, '13800000019', '是'),
  ]);
  serverSets(t, lastInstant, 'awaitingPayment');

  t.setNow('2020-04-20T02:00:00Z');
});
afterEach(async () => t.close());

async function thisYearBatch(rows: string[][]): Promise<string> {
  return importedBatch(t, { unitId, schemeId: 'shanghai-2020', enrollmentType: 'central', title: '2020集中参保', selection: PLANS }, SHANGHAI_HEADERS, rows);
}

describe('roster.suggestedList', () => {
  it("lists last year's enrolled persons against the roster: not in it, unchanged, changed (with the fields), and who is new", async () => {
    const batchId = await thisYearBatch([row('张一', ID.zhang, '13800000011', '是'), row('王二', ID.wang, '13800000066', '是'), row('郑八', ID.zheng, '', '是')]);
    const list = await t.call('roster.suggestedList', { batchId });

    expect(list.previousCoverageYear).toEqual(YEAR_2019);
    expect(list.sourceBatches.map((b) => [b.title, b.stateLabel, b.policyNumber])).toEqual([
      ['2019集中参保', '已生效', 'SH2019-001'],
      ['2019即时参保', '待缴费', undefined],
    ]);
    const byName = Object.fromEntries(list.persons.map((p) => [p.name, p]));
    expect(Object.keys(byName).sort()).toEqual(['冯九', '张一', '王二', '赵三'].sort());
    expect(byName['张一']).toMatchObject({ status: 'unchanged', changes: [] });
    expect(byName['赵三']).toMatchObject({ status: 'notInRoster', sourceBatchId: lastCentral });
    expect(byName['赵三']!.rowId).toBeUndefined();
    expect(byName['冯九']).toMatchObject({ status: 'notInRoster', sourceBatchId: lastInstant });
    expect(byName['王二']).toMatchObject({ status: 'changed', changes: [{ field: 'phone', label: '手机号', previous: '13800000012', current: '13800000066' }] });
    expect(byName['王二']!.rowId).toBeDefined();
    expect(list.newInRoster.map((p) => p.name)).toEqual(['郑八']);
    expect(list.counts).toEqual({ lastYear: 4, notInRoster: 2, unchanged: 1, changed: 1, newInRoster: 1 });
  });

  it('is empty for a unit that had nothing enrolled the year before, and taking from it is refused', async () => {
    const other = await t.call('units.save', { unit: { ...shanghaiUnit, name: '另一家单位' } });
    const batchId = await importedBatch(t, { unitId: other.id, schemeId: 'shanghai-2020', enrollmentType: 'central', selection: PLANS }, SHANGHAI_HEADERS, [row('郑八', ID.zheng, '', '是')]);
    const list = await t.call('roster.suggestedList', { batchId });
    expect(list).toMatchObject({ previousCoverageYear: null, sourceBatches: [], persons: [], counts: { lastYear: 0, newInRoster: 1 } });
    const refusal = await t.refusal('roster.takeSuggested', { batchId });
    expect(refusal.error).toMatchObject({ code: 'NO_SUGGESTED_LIST' });
  });
});

describe('roster.takeSuggested', () => {
  it('takes the chosen persons through the checks, marks them 是否建议名单, and says why others were not taken', async () => {
    const batchId = await thisYearBatch([row('张一', ID.zhang, '13800000011', '是')]);
    expect((await t.call('batches.get', { batchId })).state).toBe('checkPassed');

    const result = await t.call('roster.takeSuggested', { batchId, documentNumbers: [ID.zhao, ` ${ID.zhang} `, ID.wu] });
    expect(result.taken).toBe(1);
    expect(result.skipped).toEqual([
      { documentNumber: ID.zhang, reason: '已在本批次清册中' },
      { documentNumber: ID.wu, reason: '不在上年度建议名单中' },
    ]);
    expect(result.check.counts.persons).toBe(2);

    const suggested = await t.call('roster.rows', { batchId, suggested: true });
    expect(suggested.rows.map((r) => [r.values.name, r.suggested, r.sourceRow])).toEqual([['赵三', true, null]]);
    // Without social security last year, 职退情况 is “-” for the clerk to confirm (seed 002), and the check says so.
    expect(suggested.rows[0]!.values.employmentStatus).toBe('-');
    expect(suggested.rows[0]!.findings.map((f) => f.code)).toContain('socialSecurityUnknown');
    expect((await t.call('roster.rows', { batchId, employmentStatus: '-' })).rows.map((r) => r.values.name)).toEqual(['赵三']);
    expect((await t.call('roster.rows', { batchId, suggested: false })).rows.map((r) => [r.values.name, r.suggested])).toEqual([['张一', undefined]]);

    // All the rest: 王二 and 冯九 (with social security: 在职).
    const rest = await t.call('roster.takeSuggested', { batchId });
    expect(rest).toMatchObject({ taken: 2, skipped: [] });
    const rows = await t.call('roster.rows', { batchId });
    expect(rows.rows.map((r) => [r.values.name, r.suggested ?? false, r.values.employmentStatus ?? ''])).toEqual([
      ['张一', false, ''],
      ['赵三', true, '-'],
      ['王二', true, '在职'],
      ['冯九', true, '在职'],
    ]);
    expect(rows.rows.find((r) => r.values.name === '王二')!.values.phone).toBe('13800000012');
    expect((await t.call('roster.suggestedList', { batchId })).counts).toMatchObject({ notInRoster: 0, unchanged: 4, changed: 0 });
  });

  it('keeps the mark through a full re-check and an edit, and loses the row (not the list entry) on removal', async () => {
    const batchId = await thisYearBatch([row('张一', ID.zhang, '13800000011', '是')]);
    await t.call('roster.takeSuggested', { batchId });
    const zhao = (await t.call('roster.rows', { batchId, search: '赵三' })).rows[0]!;
    const edited = await t.call('roster.editRow', { batchId, rowId: zhao.id, changes: { employmentStatus: '在职', socialSecurity: '是' } });
    expect(edited).toMatchObject({ suggested: true, verdict: 'ok' });
    const summary = await t.call('roster.recheck', { batchId });
    expect(summary.state).toBe('checkPassed');
    expect((await t.call('roster.rows', { batchId, suggested: true })).total).toBe(3);

    await t.call('roster.removeRows', { batchId, rowIds: [zhao.id] });
    const list = await t.call('roster.suggestedList', { batchId });
    expect(list.persons.find((p) => p.documentNumber === ID.zhao)?.status).toBe('notInRoster');
  });

  it('finds duplicates of taken persons across the unit’s open batches like any imported row', async () => {
    const first = await thisYearBatch([row('赵三', ID.zhao, '', '是')]);
    const second = await importedBatch(t, { unitId, schemeId: 'shanghai-2020', enrollmentType: 'central', title: '第二批', selection: PLANS }, SHANGHAI_HEADERS, [row('郑八', ID.zheng, '', '是')]);
    await t.call('roster.takeSuggested', { batchId: second, documentNumbers: [ID.zhao] });
    const taken = (await t.call('roster.rows', { batchId: second, suggested: true })).rows[0]!;
    expect(taken.findings.map((f) => f.code)).toContain('duplicateInUnitBatch');
    expect(first).not.toBe(second);
  });

  it('refuses once the batch has gone to the association, and leaves it as it was', async () => {
    const batchId = await thisYearBatch([row('张一', ID.zhang, '13800000011', '是')]);
    await confirmAndSubmit(t, batchId);
    const refusal = await t.refusal('roster.takeSuggested', { batchId });
    expect(refusal).toMatchObject({ status: 409, error: { code: 'NOT_EDITABLE' } });
    expect((await t.call('batches.get', { batchId })).state).toBe('queued');
    expect((await t.call('roster.rows', { batchId })).total).toBe(1);
  });
});

describe('roster.export', () => {
  it('writes the whole roster in the template columns with the check result and 是否建议名单, readable back', async () => {
    const batchId = await thisYearBatch([row('张一', ID.zhang, '13800000011', '是'), row('郑八', wrongCheckDigit(ID.zheng), '', '是')]);
    await t.call('roster.takeSuggested', { batchId, documentNumbers: [ID.zhao] });
    const file = await t.call('roster.export', { batchId });
    expect(file.fileName).toBe('2020集中参保-参保名单.xlsx');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const values = (r: number) => Array.from((sheet.getRow(r).values as unknown[]).slice(1), (v) => (v === undefined || v === null ? '' : String(v)));
    expect(values(1)).toEqual(['*姓名', '*证件类型 (身份证、护照)', '*证件号码', '出生日期(护照类型为必填) 格式例如(1990-01-01)', '性别 (护照类型为必填)', '手机号', '*是否有社保', '校验结果', '问题说明', '是否建议名单']);
    expect(sheet.rowCount).toBe(4);
    expect(values(2)).toEqual(['张一', '身份证', ID.zhang, '', '', '13800000011', '是', '通过', '', '否']);
    expect(values(3).slice(0, 3)).toEqual(['郑八', '身份证', wrongCheckDigit(ID.zheng)]);
    expect(values(3)[7]).toBe('不通过');
    expect(values(3)[8]).toMatch(/校验位/);
    expect(values(4)[0]).toBe('赵三');
    expect(values(4)[9]).toBe('是');
  });
});
