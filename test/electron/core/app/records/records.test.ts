/**
 * The records query and export (参保记录 查询 / 导出, Wuxi seed 001) through the API on a
 * real SQLite file, over two coverage years of a Shanghai unit: filters by person, plan,
 * year and state, paging, the filter choices, and the xlsx read back with exceljs.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SHANGHAI_HEADERS, shanghaiUnit, startTestCore, type TestCore } from '../coreFixtures';
import { addScheme, confirmAndSubmit, importedBatch, residentId, schemeForYear, serverSets } from '../yearFixtures';

const HEADERS = [...SHANGHAI_HEADERS, '职退情况'];
const PLANS = ['A0', 'B0', 'C0'];
const INJECTED = '=HYPERLINK("http://example.invalid","点我")';
const ID = { zhang: residentId('19850615', 123), wang: residentId('19900228', 122), zhao: residentId('19880101', 1), qian: residentId('19870303', 5), sun: residentId('19860404', 7) };
const row = (name: string, id: string, socialSecurity: string, employment = '') => [name, '身份证', id, '', '', '', socialSecurity, employment];

let t: TestCore;
let unitId: string;

beforeEach(async () => {
  t = await startTestCore('2019-04-20T02:00:00Z');
  addScheme(t, schemeForYear('shanghai-2020', 'shanghai-2019', -1));
  unitId = (await t.call('units.save', { unit: shanghaiUnit })).id;
  const last = await importedBatch(t, { unitId, schemeId: 'shanghai-2019', enrollmentType: 'central', title: '2019集中参保', selection: PLANS }, HEADERS, [
    row('张一', ID.zhang, '是', '在职'),
    row('赵三', ID.zhao, '否'),
  ]);
  await confirmAndSubmit(t, last);
  serverSets(t, last, 'expired', { cover: { start: '2019-04-01', end: '2020-03-31' }, policyNumber: 'SH2019-1' });

  t.setNow('2020-04-20T02:00:00Z');
  const current = await importedBatch(t, { unitId, schemeId: 'shanghai-2020', enrollmentType: 'central', title: '2020集中参保', selection: PLANS }, HEADERS, [
    row('张一', ID.zhang, '是', '在职'),
    row('王二', ID.wang, '是'),
    row('赵三', ID.zhao, '否', '-'),
    row(INJECTED, ID.qian, '是'),
  ]);
  await confirmAndSubmit(t, current);
  serverSets(t, current, 'awaitingPayment', { policyNumber: 'SH2020-9' });
  // Not sent: not a record unless asked for by state.
  await importedBatch(t, { unitId, schemeId: 'shanghai-2020', enrollmentType: 'central', title: '整理中', selection: ['B0'] }, HEADERS, [row('孙五', ID.sun, '否')]);
});
afterEach(async () => t.close());

const names = (page: { records: { name: string | null; coverageYear: { start: string } }[] }) => page.records.map((r) => `${r.coverageYear.start.slice(0, 4)} ${r.name}`);

describe('records.search', () => {
  it('lists the sent batches’ persons, newest year first, with plans and premium as confirmed, and the filter choices', async () => {
    const page = await t.call('records.search', { unitId });
    expect(page.total).toBe(6);
    expect(names(page)).toEqual(['2020 张一', '2020 王二', '2020 赵三', `2020 ${INJECTED}`, '2019 张一', '2019 赵三']);
    expect(page.coverageYears).toEqual([
      { start: '2020-04-01', end: '2021-03-31' },
      { start: '2019-04-01', end: '2020-03-31' },
    ]);
    expect(page.plans.map((p) => p.code)).toEqual(expect.arrayContaining(['A0', 'B0', 'C0', 'A3']));

    const zhang = page.records[0]!;
    expect(zhang).toMatchObject({
      unitName: shanghaiUnit.name,
      documentNumber: ID.zhang,
      enrollmentType: 'central',
      enrollmentTypeLabel: '集中参保',
      batch: { title: '2020集中参保', policyNumber: 'SH2020-9', stateLabel: '待缴费' },
      premiumFen: 18000,
    });
    expect(zhang.plans.map((p) => p.planCode).sort()).toEqual(['A0', 'B0', 'C0']);
    expect(zhang.planText).toBe('A0+B0+C0');
    const zhao = page.records[2]!;
    expect(zhao.plans.map((p) => p.planCode)).not.toContain('A0');
    expect(page.records[4]).toMatchObject({ batch: { stateLabel: '已到期' }, cover: { start: '2019-04-01', end: '2020-03-31' } });
  });

  it.each([
    [{ search: '张一' }, ['2020 张一', '2019 张一']],
    // A policy (work-order) number or a batch title finds the whole batch.
    [{ search: 'sh2019-1' }, ['2019 张一', '2019 赵三']],
    [{ search: 'SH2020-9' }, ['2020 张一', '2020 王二', '2020 赵三', `2020 ${INJECTED}`]],
    [{ search: '2019集中' }, ['2019 张一', '2019 赵三']],
    [{ search: ID.wang.slice(6, 14) }, ['2020 王二']],
    [{ planCode: 'A0' }, ['2020 张一', '2020 王二', `2020 ${INJECTED}`, '2019 张一']],
    [{ planCode: 'A3' }, []],
    [{ coverageYearStart: '2019-04-01' }, ['2019 张一', '2019 赵三']],
    [{ coverageYearStart: '2019-04-01', planCode: 'B0', search: '赵' }, ['2019 赵三']],
    [{ states: ['expired' as const] }, ['2019 张一', '2019 赵三']],
    [{ states: ['checkPassed' as const] }, ['2020 孙五']],
    [{ offset: 3, limit: 2 }, [`2020 ${INJECTED}`, '2019 张一']],
  ])('filters %j', async (filter, expected) => {
    const page = await t.call('records.search', { unitId, ...filter });
    expect(names(page)).toEqual(expected);
    if (!('offset' in filter)) expect(page.total).toBe(expected.length);
  });

  it('covers every unit when no unit is given, and refuses an unknown one', async () => {
    const other = await t.call('units.save', { unit: { ...shanghaiUnit, name: '第二家单位' } });
    const batch = await importedBatch(t, { unitId: other.id, schemeId: 'shanghai-2020', enrollmentType: 'central', selection: PLANS }, HEADERS, [row('周六', residentId('19910101', 31), '是')]);
    await confirmAndSubmit(t, batch);
    expect((await t.call('records.search', { unitId })).total).toBe(6);
    const all = await t.call('records.search', {});
    expect(all.total).toBe(7);
    expect(all.records.map((r) => r.unitName)).toContain('第二家单位');
    expect((await t.refusal('records.search', { unitId: 'nobody' })).status).toBe(404);
  });
});

describe('records.export', () => {
  it('writes every matching record with the roster’s columns and the record’s own, formula-like text made inert', async () => {
    const file = await t.call('records.export', { unitId });
    expect(file.fileName).toBe(`${shanghaiUnit.name}-参保记录-2020-04-20.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('参保记录')!;
    const values = (r: number) => Array.from((sheet.getRow(r).values as unknown[]).slice(1), (v) => (v === undefined || v === null ? '' : v));
    const header = values(1) as string[];
    expect(header.slice(0, 7)).toEqual(['*姓名', '*证件类型 (身份证、护照)', '*证件号码', '出生日期(护照类型为必填) 格式例如(1990-01-01)', '性别 (护照类型为必填)', '手机号', '*是否有社保']);
    expect(header).toEqual(expect.arrayContaining(['职退情况', '单位名称', '批次号（保单号）', '参保类型', '批次状态', '保障年度', '保障期间', '保障项目', '个人保费（元）', '审核意见']));
    expect(sheet.rowCount).toBe(7);

    const col = (name: string) => header.indexOf(name);
    const zhang = values(2);
    expect([zhang[0], zhang[2], zhang[col('批次号（保单号）')], zhang[col('保障项目')], zhang[col('个人保费（元）')], zhang[col('保障年度')]]).toEqual([
      '张一',
      ID.zhang,
      'SH2020-9',
      'A0+B0+C0',
      180,
      '2020-04-01 至 2021-03-31',
    ]);
    // “-” is a value of 职退情况, not a formula; the name is.
    expect(values(4)[col('职退情况')]).toBe('-');
    expect(values(5)[0]).toBe(`'${INJECTED}`);
    expect(sheet.getRow(5).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(values(7)[col('保障期间')]).toBe('2019-04-01 至 2020-03-31');
  });

  it('exports what the filter finds, and refuses an empty result', async () => {
    const file = await t.call('records.export', { unitId, planCode: 'A0', coverageYearStart: '2020-04-01' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.getWorksheet('参保记录')!.rowCount).toBe(1 + 3);
    const refusal = await t.refusal('records.export', { unitId, search: '不存在的人' });
    expect(refusal.error).toMatchObject({ code: 'NOTHING_TO_EXPORT', message: '没有符合条件的参保记录' });
  });
});
