/**
 * 个人保单查询 (Shenzhen): one person's enrollments across years, batches and units, from
 * this machine, by document number or name.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SHANGHAI_HEADERS, shanghaiUnit, startTestCore, type TestCore } from '../coreFixtures';
import { addScheme, confirmAndSubmit, importedBatch, residentId, schemeForYear, serverSets } from '../yearFixtures';

const PLANS = ['A0', 'B0', 'C0'];
const ID = { zhang: residentId('19850615', 123), wang: residentId('19900228', 122), sun: residentId('19860404', 7), zhou: residentId('19910101', 31) };
const row = (name: string, id: string, socialSecurity = '是') => [name, '身份证', id, '', '', '', socialSecurity];

let t: TestCore;
let unitId: string;
let otherUnitId: string;

beforeEach(async () => {
  t = await startTestCore('2019-04-20T02:00:00Z');
  addScheme(t, schemeForYear('shanghai-2020', 'shanghai-2019', -1));
  unitId = (await t.call('units.save', { unit: shanghaiUnit })).id;
  otherUnitId = (await t.call('units.save', { unit: { ...shanghaiUnit, name: '张一的新单位' } })).id;
  const last = await importedBatch(t, { unitId, schemeId: 'shanghai-2019', enrollmentType: 'central', title: '2019集中参保', selection: PLANS }, SHANGHAI_HEADERS, [
    row('张一', ID.zhang),
    row('王二', ID.wang),
  ]);
  await confirmAndSubmit(t, last);
  serverSets(t, last, 'expired', { cover: { start: '2019-04-01', end: '2020-03-31' }, policyNumber: 'SH2019-1' });

  t.setNow('2020-04-20T02:00:00Z');
  const current = await importedBatch(t, { unitId, schemeId: 'shanghai-2020', enrollmentType: 'central', title: '2020集中参保', selection: PLANS }, SHANGHAI_HEADERS, [
    row('张一', ID.zhang),
    row('孙五', ID.sun, '否'),
  ]);
  await confirmAndSubmit(t, current);
  serverSets(t, current, 'awaitingPayment', { policyNumber: 'SH2020-9' });
  // The same person drafted in another unit's batch a day later, not sent yet: the history shows it too.
  t.setNow('2020-04-21T02:00:00Z');
  await importedBatch(t, { unitId: otherUnitId, schemeId: 'shanghai-2020', enrollmentType: 'instant', title: '新单位即时参保', selection: ['B0'] }, SHANGHAI_HEADERS, [
    row('张一', ID.zhang),
    row('周六', ID.zhou),
  ]);
});
afterEach(async () => t.close());

const lines = (view: { persons: { name: string | null; enrollments: { coverageYear: { start: string }; unitName: string; batch: { title: string; stateLabel: string } }[] }[] }) =>
  view.persons.map((p) => [p.name, p.enrollments.map((e) => `${e.coverageYear.start.slice(0, 4)} ${e.unitName} ${e.batch.title} ${e.batch.stateLabel}`)]);

describe('records.person', () => {
  it('finds every enrollment of one ID number across years and units, newest year first, with plans, period and state', async () => {
    const view = await t.call('records.person', { query: ID.zhang });
    expect(view.truncated).toBe(false);
    expect(view.persons).toHaveLength(1);
    expect(view.persons[0]!.documentNumber).toBe(ID.zhang);
    expect(lines(view)).toEqual([
      [
        '张一',
        [
          // The same year: the newer batch first.
          '2020 张一的新单位 新单位即时参保 清册校验通过',
          `2020 ${shanghaiUnit.name} 2020集中参保 待缴费`,
          `2019 ${shanghaiUnit.name} 2019集中参保 已到期`,
        ],
      ],
    ]);
    const e2019 = view.persons[0]!.enrollments.at(-1)!;
    expect(e2019).toMatchObject({ planText: 'A0+B0+C0', premiumFen: 18000, cover: { start: '2019-04-01', end: '2020-03-31' }, enrollmentTypeLabel: '集中参保', batch: { policyNumber: 'SH2019-1' } });
    const draft = view.persons[0]!.enrollments.find((e) => e.unitId === otherUnitId)!;
    expect(draft).toMatchObject({ planText: 'B0', premiumFen: null, cover: null });
  });

  it.each<[string, string, string[]]>([
    ['an ID number typed with spaces and a lower-case x', ` ${ID.zhang.slice(0, 6)} ${ID.zhang.slice(6).toLowerCase()} `, ['张一']],
    ['a name', '孙五', ['孙五']],
    ['part of a name', '张', ['张一']],
    ['the start of ID numbers several persons share (by name in pinyin order)', '31010119', ['孙五', '王二', '张一', '周六']],
    ['part of an ID number: every number containing it', ID.wang.slice(6, 14), ['王二']],
    ['no one', '不存在的人', []],
  ])('by %s', async (_name, query, persons) => {
    const view = await t.call('records.person', { query });
    expect(view.persons.map((p) => p.name)).toEqual(persons);
  });

  it('keeps to one unit when asked', async () => {
    const view = await t.call('records.person', { query: ID.zhang, unitId: otherUnitId });
    expect(lines(view)).toEqual([['张一', ['2020 张一的新单位 新单位即时参保 清册校验通过']]]);
    expect((await t.refusal('records.person', { query: ID.zhang, unitId: 'nobody' })).status).toBe(404);
  });
});
