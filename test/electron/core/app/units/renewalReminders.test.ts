/**
 * Renewal reminders (续保提醒, Wuxi seed 001) through the API on a real SQLite file: the
 * window from the scheme (30 days before the cover's end to 10 after), counted from today
 * in China; persons already renewed left out; and the export that imports back as the
 * renewal roster, with formula-like cells made inert.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '../../../../../shared/domain/identity';
import type { Period } from '../../../../../shared/domain/dates';
import { rosterXlsx, SHANGHAI_HEADERS, shanghaiUnit, startTestCore, type TestCore } from '../coreFixtures';
import { addScheme, importedBatch, residentId, schemeForYear, serverSets } from '../yearFixtures';

const WUXI_HEADERS = ['姓名', '居民身份证号(证件号码)', '社保卡银行卡号', '开户行', '手机号', '备注'];
const wuxiUnit = { name: '无锡示例机械有限公司', uscc: '91320200MA1XXXXX0X', handler: { name: '周经办', phone: '13900000001' } };

function bankCard(n: number): string {
  const body = `622202${String(n).padStart(9, '0')}`;
  return body + String(luhnCheckDigit(body));
}

let seq = 0;
function person(name: string, extra: { bankName?: string; remark?: string } = {}): string[] {
  seq += 2;
  return [name, residentId('19800101', seq + 1), bankCard(seq), extra.bankName ?? '中国建设银行滨湖支行', `1390000${String(seq).padStart(4, '0')}`, extra.remark ?? ''];
}

let t: TestCore;
let unitId: string;

async function coveredBatch(rows: string[][], cover: Period, title: string, state: 'inForce' | 'awaitingPayment' | 'expired' = 'inForce'): Promise<string> {
  const id = await importedBatch(t, { unitId, schemeId: 'wuxi-2023', enrollmentType: 'renewal', title }, WUXI_HEADERS, rows);
  serverSets(t, id, state, { cover, policyNumber: `WX-${title}` });
  return id;
}

const YEAR_END = '2024-02-29';
const PEOPLE = {
  renewed: person('甲一'),
  renewing: person('乙二'),
  due: person('丙三', { remark: '=HYPERLINK("http://example.invalid","点我")', bankName: '@SUM(A1:A9)' }),
  refused: person('丁四'),
  endedTenDaysAgo: person('戊五'),
  endedElevenDaysAgo: person('己六'),
  endsInThirty: person('庚七'),
  endsInThirtyOne: person('辛八'),
  unpaid: person('壬九'),
};

beforeEach(async () => {
  t = await startTestCore('2023-03-10T02:00:00Z');
  addScheme(t, schemeForYear('wuxi-2023', 'wuxi-2024', 1));
  unitId = (await t.call('units.save', { unit: wuxiUnit })).id;

  const main = await coveredBatch([PEOPLE.renewed, PEOPLE.renewing, PEOPLE.due, PEOPLE.refused], { start: '2023-03-01', end: YEAR_END }, '主保单');
  t.core.store.persons.markServerRejections(main, [{ docNumber: PEOPLE.refused[1]!, rejection: { code: 'refused', severity: 'error', message: '不可参保' } }]);
  await coveredBatch([PEOPLE.endedTenDaysAgo], { start: '2023-02-01', end: '2024-01-31' }, '一月到期', 'expired');
  await coveredBatch([PEOPLE.endedElevenDaysAgo], { start: '2023-01-31', end: '2024-01-30' }, '早已到期', 'expired');
  await coveredBatch([PEOPLE.endsInThirty], { start: '2023-03-12', end: '2024-03-11' }, '三月到期');
  await coveredBatch([PEOPLE.endsInThirtyOne], { start: '2023-03-13', end: '2024-03-12' }, '三月下旬到期');
  await coveredBatch([PEOPLE.unpaid], { start: '2023-03-01', end: YEAR_END }, '未缴费', 'awaitingPayment');

  // Next year: 甲一 already sent for renewal, 乙二 in a renewal still being prepared.
  t.setNow('2024-02-10T02:00:00Z');
  const sent = await importedBatch(t, { unitId, schemeId: 'wuxi-2024', enrollmentType: 'renewal', title: '2024续保' }, WUXI_HEADERS, [PEOPLE.renewed]);
  serverSets(t, sent, 'underReview');
  await importedBatch(t, { unitId, schemeId: 'wuxi-2024', enrollmentType: 'renewal', title: '2024续保（整理中）' }, WUXI_HEADERS, [PEOPLE.renewing]);
});
afterEach(async () => t.close());

describe('units.renewalReminders', () => {
  it('lists the persons whose cover ends within 30 days or ended within 10, without the renewed, refused or unpaid', async () => {
    const list = await t.call('units.renewalReminders', { unitId });
    expect(list.today).toBe('2024-02-10');
    expect(list.reminders.map((r) => [r.name, r.coverEnd, r.daysLeft, r.batch.title])).toEqual([
      ['戊五', '2024-01-31', -10, '一月到期'],
      ['乙二', YEAR_END, 19, '主保单'],
      ['丙三', YEAR_END, 19, '主保单'],
      ['庚七', '2024-03-11', 30, '三月到期'],
    ]);
    const renewing = list.reminders.find((r) => r.name === '乙二')!;
    expect(renewing.renewingIn).toMatchObject({ title: '2024续保（整理中）', state: 'checkPassed' });
    expect(list.reminders.find((r) => r.name === '丙三')).toMatchObject({
      unitName: wuxiUnit.name,
      documentNumber: PEOPLE.due[1],
      enrollmentType: 'renewal',
      batch: { policyNumber: 'WX-主保单', stateLabel: '已生效' },
    });
    expect(list.reminders.find((r) => r.name === '丙三')!.renewingIn).toBeUndefined();
  });

  it.each([
    ['2024-01-28T16:00:00Z', ['己六', '戊五']], // 01-29 in China: the end of February is 31 days off
    ['2024-01-29T16:00:00Z', ['己六', '戊五', '乙二', '丙三']], // 01-30: now 30
    ['2024-03-09T16:00:00Z', ['乙二', '丙三', '庚七', '辛八']], // 03-10: February ended 10 days ago
    ['2024-03-10T16:00:00Z', ['庚七', '辛八']], // 03-11: 11 days ago
  ])('counts the window from today in China (now %s)', async (now, names) => {
    t.setNow(now);
    const list = await t.call('units.renewalReminders', { unitId });
    expect(list.reminders.map((r) => r.name)).toEqual(names);
  });

  it('covers every unit for a service window, using the default window where the scheme publishes none', async () => {
    const other = await t.call('units.save', { unit: { ...shanghaiUnit, name: '上海的单位' } });
    const batch = await t.call('batches.create', { unitId: other.id, schemeId: 'shanghai-2020', enrollmentType: 'central' });
    await t.call('batches.update', { batchId: batch.id, selection: [{ planCode: 'B0', shares: 1 }] });
    const { jobId } = await t.call('roster.import', {
      batchId: batch.id,
      file: { name: '名单.xlsx', base64: await rosterXlsx(SHANGHAI_HEADERS, [['癸十', '身份证', residentId('19820202', 21), '', '', '', '否']]) },
    });
    await t.core.imports.settled(jobId);
    serverSets(t, batch.id, 'inForce', { cover: { start: '2023-03-10', end: '2024-03-09' } });

    expect((await t.call('units.renewalReminders', { unitId })).reminders.map((r) => r.name)).not.toContain('癸十');
    const all = await t.call('units.renewalReminders', {});
    expect(all.reminders.map((r) => [r.unitName, r.name])).toContainEqual(['上海的单位', '癸十']);
    expect(all.reminders).toHaveLength(5);
    expect((await t.refusal('units.renewalReminders', { unitId: 'no-such-unit' })).status).toBe(404);
  });
});

describe('units.exportRenewalReminders', () => {
  it('writes the template columns plus the reminder, with formula-like cells inert, and imports back as the renewal roster', async () => {
    const file = await t.call('units.exportRenewalReminders', { unitId });
    expect(file.fileName).toBe(`${wuxiUnit.name}-续保提醒-2024-02-10.xlsx`);
    const bytes = Buffer.from(file.base64, 'base64');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('续保提醒')!;
    const values = (r: number) => Array.from((sheet.getRow(r).values as unknown[]).slice(1), (v) => (v === undefined || v === null ? '' : v));
    expect(values(1)).toEqual([...WUXI_HEADERS, '单位名称', '原批次（保单号）', '保障期止', '距到期天数', '续保办理中']);
    expect(sheet.rowCount).toBe(5);
    const due = values(4);
    expect(due.slice(0, 3)).toEqual(['丙三', PEOPLE.due[1], PEOPLE.due[2]]);
    // Neutralised: a leading apostrophe, and a plain string cell, never a formula.
    expect(due[3]).toBe("'@SUM(A1:A9)");
    expect(due[5]).toBe(`'${PEOPLE.due[5]}`);
    expect(sheet.getRow(4).getCell(6).type).toBe(ExcelJS.ValueType.String);
    expect(due.slice(6)).toEqual([wuxiUnit.name, 'WX-主保单', YEAR_END, 19, '']);
    expect(values(3).slice(10)).toEqual(['2024续保（整理中）']);

    const renewal = await t.call('batches.create', { unitId, schemeId: 'wuxi-2024', enrollmentType: 'renewal', title: '按提醒续保' });
    const { jobId } = await t.call('roster.import', { batchId: renewal.id, file: { name: file.fileName, base64: file.base64 } });
    const progress = await t.core.imports.settled(jobId);
    expect(progress).toMatchObject({ phase: 'done', totalRows: 4 });
    const rows = await t.call('roster.rows', { batchId: renewal.id });
    expect(rows.rows.map((r) => r.values.name)).toEqual(['戊五', '乙二', '丙三', '庚七']);
    // 乙二 is already in the renewal being prepared: the usual duplicate check says so.
    expect(rows.rows[1]!.findings.map((f) => f.code)).toContain('duplicateInUnitBatch');
  });

  it('refuses when nobody is due', async () => {
    t.setNow('2023-06-01T02:00:00Z');
    const refusal = await t.refusal('units.exportRenewalReminders', { unitId });
    expect(refusal.error).toMatchObject({ code: 'NOTHING_TO_EXPORT', message: '没有需要续保提醒的人员' });
  });
});
