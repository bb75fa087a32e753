/**
 * 理赔记录 (Wuxi 理赔记录查询 / 导出) through the application API of a real core and the REAL
 * reference server: fetched on demand with the unit's login, filtered by person, plan, year
 * and state, exported to xlsx with formula-like text made inert, kept current by the change
 * feed, and the last list fetched shown with its date when the association cannot be asked
 * (logged out, offline).
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { In, OpName, Out } from '../../../../../shared/api';
import { ROUTES, type AddClaimRequest } from '../../../../../shared/wire';
import { memoryTokenVault } from '../../../../../electron/core/sync/tokenVault';
import { createCore, type Core } from '../../../../../electron/core/app/createCore';
import { adminCall, registerUnit, startTestServer, type TestServer } from '../../../../server/serverFixtures';
import { closeServer } from '../../sync/syncFixtures';
import { callCore, syncUntil } from '../coreFixtures';

const NOW = '2023-06-20T02:00:00.000Z';
const INJECTED = '=HYPERLINK("http://example.invalid","点我")';
let t: TestServer;
let core: Core;
let dir: string;
const tokens = memoryTokenVault();

async function open(serverUrl: string): Promise<void> {
  core = await createCore({ dataDir: dir, serverUrl, tokens, now: () => new Date(NOW), operator: '理赔测试经办人' });
}

beforeAll(async () => {
  t = await startTestServer({ start: NOW, tokenTtlMs: 365 * 24 * 3600_000 });
  dir = mkdtempSync(join(tmpdir(), 'huzhu-claims-'));
  await open(t.url);
});
afterAll(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
  await closeServer(t);
});

function call<K extends OpName>(op: K, input: In<K>): Promise<Out<K>> {
  return callCore(core, op, input);
}

const CLAIMS: AddClaimRequest[] = [
  { claimNumber: 'LP-2022-001', personName: '王小明', docNumber: '320202198506151234', planName: '三合一', eventDate: '2022-11-21', reportedOn: '2022-11-28', claimedFen: 1500000, paidFen: 1500000, status: 'paid', paidOn: '2022-11-28' },
  { claimNumber: 'LP-2023-002', personName: '李红', docNumber: '32020219900228122X', planName: '三合一', eventDate: '2023-03-02', reportedOn: '2023-03-10', claimedFen: 80000, status: 'reported', remark: INJECTED },
  { claimNumber: 'LP-2023-003', personName: '王小明', docNumber: '320202198506151234', planName: '女职工特病', eventDate: '2023-04-01', reportedOn: '2023-04-15', claimedFen: 300000, status: 'refused', remark: '等待期内发病' },
];

describe('claim records of a unit', () => {
  let unitId: string;
  let serverUnitId: string;

  it('asks for a login first, and says so', async () => {
    const local = await call('units.save', { unit: { name: '未登录的单位', handler: { name: '张经办', phone: '13800000001' } } });
    const view = await call('claims.search', { unitId: local.id, refresh: true });
    expect(view).toMatchObject({ source: 'none', fetchedAt: null, total: 0, claims: [], unavailable: { code: 'LOGIN_REQUIRED' } });
  });

  it('fetches them from the association on demand, newest first, with the filter choices', async () => {
    const account = await registerUnit(t.url, '理赔测试单位');
    const auth = await call('auth.login', { account: account.phone, password: account.password });
    unitId = auth.unitId!;
    serverUnitId = account.unitId;
    for (const claim of CLAIMS) expect((await adminCall(t.url, ROUTES.adminAddClaim, { unitId: serverUnitId }, claim)).status).toBe(201);
    const view = await call('claims.search', { unitId, refresh: true });
    expect(view).toMatchObject({ source: 'server', fetchedAt: NOW, total: 3, plans: ['女职工特病', '三合一'], years: [2023, 2022] });
    expect(view.unavailable).toBeUndefined();
    expect(view.claims.map((c) => c.claimNumber)).toEqual(['LP-2023-003', 'LP-2023-002', 'LP-2022-001']);
    expect(view.claims[2]).toMatchObject({ personName: '王小明', documentNumber: '320202198506151234', paidFen: 1500000, statusLabel: '已给付', paidOn: '2022-11-28' });
  });

  it('refuses to fetch another unit’s claims with this login', async () => {
    const other = await call('units.save', { unit: { name: '另一家单位', handler: { name: '李经办', phone: '13800000002' } } });
    const view = await call('claims.search', { unitId: other.id, refresh: true });
    expect(view.unavailable).toMatchObject({ code: 'OTHER_UNIT', message: '理赔记录须登录“另一家单位”的互助会账号后查询' });
  });

  it.each<[string, Partial<In<'claims.search'>>, string[]]>([
    ['by name', { search: '王小明' }, ['LP-2023-003', 'LP-2022-001']],
    ['by part of an ID number, x in either case', { search: '19900228122x' }, ['LP-2023-002']],
    ['by claim number', { search: 'lp-2022' }, ['LP-2022-001']],
    ['by plan', { planName: '女职工特病' }, ['LP-2023-003']],
    ['by year reported', { year: 2022 }, ['LP-2022-001']],
    ['by state', { status: 'reported' }, ['LP-2023-002']],
    ['together', { search: '王', year: 2023, planName: '三合一' }, []],
    ['a page', { offset: 1, limit: 1 }, ['LP-2023-002']],
  ])('filters %s', async (_name, filter, numbers) => {
    const view = await call('claims.search', { unitId, ...filter });
    expect(view.source).toBe('cache');
    expect(view.claims.map((c) => c.claimNumber)).toEqual(numbers);
  });

  it('exports what the filter finds as xlsx, formula-like text made inert', async () => {
    const file = await call('claims.export', { unitId, year: 2023 });
    expect(file.fileName).toBe('理赔测试单位-理赔记录-2023-06-20.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('理赔记录')!;
    const values = (r: number) => Array.from((sheet.getRow(r).values as unknown[]).slice(1), (v) => (v === undefined || v === null ? '' : v));
    expect(values(1)).toEqual(['理赔编号', '理赔人', '证件号码', '参保项目', '出险（确诊）日期', '申报日期', '申请金额（元）', '给付金额（元）', '状态', '给付日期', '备注']);
    expect(sheet.rowCount).toBe(3);
    expect(values(2)).toEqual(['LP-2023-003', '王小明', '320202198506151234', '女职工特病', '2023-04-01', '2023-04-15', 3000, 0, '不予给付', '', '等待期内发病']);
    expect(values(3)[10]).toBe(`'${INJECTED}`);
    expect(sheet.getRow(3).getCell(11).type).toBe(ExcelJS.ValueType.String);
    const refusal = await core.dispatcher.dispatch('claims.export', { unitId, search: '无此人' });
    expect(refusal).toMatchObject({ ok: false, error: { code: 'NOTHING_TO_EXPORT' } });
  });

  it('keeps the list fetched current from the change feed, without fetching again', async () => {
    const added = { claimNumber: 'LP-2023-004', personName: '李红', docNumber: '32020219900228122X', planName: '三合一', eventDate: '2023-05-02', reportedOn: '2023-05-20', claimedFen: 50000, status: 'reported' as const };
    expect((await adminCall(t.url, ROUTES.adminAddClaim, { unitId: serverUnitId }, added)).status).toBe(201);
    const view = await syncUntil(core, 'the fourth claim', () => call('claims.search', { unitId }), (v) => v.total >= 4);
    expect(view).toMatchObject({ source: 'cache', fetchedAt: NOW, total: 4 });
    expect(view.claims[0]).toMatchObject({ claimNumber: 'LP-2023-004', statusLabel: '已受理' });
  });

  it('shows the last list with its date when the association cannot be asked: offline, then logged out', async () => {
    await core.close();
    const gone = await startTestServer();
    const deadUrl = gone.url;
    await closeServer(gone);
    await open(deadUrl);
    const offline = await call('claims.search', { unitId, refresh: true });
    expect(offline).toMatchObject({ source: 'cache', fetchedAt: NOW, total: 4, unavailable: { code: 'OFFLINE' } });

    await core.close();
    await open(t.url);
    await call('auth.logout', {});
    const loggedOut = await call('claims.search', { unitId, refresh: true });
    expect(loggedOut).toMatchObject({ source: 'cache', fetchedAt: NOW, total: 4, unavailable: { code: 'LOGIN_REQUIRED' } });
  });
});
