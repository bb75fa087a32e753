/**
 * Each association's documents through the real association server: a batch driven, by the
 * association's staff, to the state in which each of its scheme's documents may be printed.
 * Before, the print is refused (a preview only); after, it is produced and counted, with the
 * fields its manual names (pdftotext), and its first page matches a kept reference image
 * (a tolerant pixel comparison: the print time differs from run to run).
 * `UPDATE_DOCUMENT_REFERENCES=1` rewrites the reference images.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ROUTES } from '../../shared/wire';
import type { DocumentKind } from '../../shared/domain/documents';
import type { EnrollmentType } from '../../shared/domain/batch';
import { schemeById } from '../../shared/schemes';
import { differingPixels, pdfPageTexts, pdfText, renderPages, type GrayImage } from '../electron/core/documents/pdfTools';
import { adminCall, registerUnit } from '../server/serverFixtures';
import { buildRenderer } from './support/rendererBuild';
import { MEN_AND_WOMEN, schemeRosterRow } from './support/schemeRosters';
import { approveOnServer, serverBatch, startAssociation, startSyncedApp, type Association, type SyncedApp } from './support/syncedApp';

const REFERENCE_DIR = join(__dirname, 'reference');
const DPI = 40;
/** Share of a page's pixels that may differ from the reference (the print time, anti-aliasing). */
const TOLERANCE = 0.004;

interface Case {
  schemeId: string;
  /** The documents the scheme offers, as its manual has them. */
  kinds: DocumentKind[];
  enrollmentType: EnrollmentType;
  now: string;
  unitName: string;
  plans: string[];
  /** Per-person activity (Qingdao). */
  personPlan?: string;
  /** The 保单号 / 确认书号 the staff give when setting the effective date. */
  policyNumber: string;
  effectiveDate: string;
  /** Fields of the notice the manual names (beside the account, which every notice carries). */
  noticeFields: string[];
  /** The state the confirmation needs beyond 待生效 (Suzhou: 进行中). */
  takeEffect: boolean;
  confirmationFields: string[];
}


const CASES: Case[] = [
  {
    schemeId: 'suzhou-2024', kinds: ['paymentNotice', 'confirmation'], enrollmentType: 'renewal', now: '2024-09-10T10:00:00+08:00', unitName: '苏州文书示例有限公司', plans: ['YL', 'NZ'],
    policyNumber: 'SZBD2024000777', effectiveDate: '2024-10-01', noticeFields: ['保单号', '未审核完成的保单请勿付款'], takeEffect: true, confirmationFields: ['苏州市职工互助保障 保单', '保单号 SZBD2024000777', '2024年10月1日 至 2025年9月30日'],
  },
  {
    schemeId: 'wuxi-2023', kinds: ['paymentNotice', 'roster'], enrollmentType: 'new', now: '2023-03-10T10:00:00+08:00', unitName: '无锡文书示例有限公司', plans: ['SHY'],
    policyNumber: 'WX2023000777', effectiveDate: '2023-04-01', noticeFields: ['参保批次号', '付款时须同时上传纸质盖章的参保花名册'], takeEffect: false, confirmationFields: [],
  },
  {
    schemeId: 'shanghai-2020', kinds: ['paymentNotice', 'confirmation', 'overAgeCommitment'], enrollmentType: 'central', now: '2020-04-20T10:00:00+08:00', unitName: '上海文书示例有限公司', plans: ['A0', 'B0', 'C0'],
    policyNumber: 'SH2020000777', effectiveDate: '2020-04-01', noticeFields: ['参保批次号', '缴费期限 2020年5月5日前'], takeEffect: false, confirmationFields: ['上海职工互助保障项目2020 参保确认书', '参保批次号 SH2020000777', '2020年4月1日 至 2021年3月31日'],
  },
  {
    schemeId: 'shenzhen', kinds: ['paymentNotice', 'confirmation', 'earlyInvoiceCommitment'], enrollmentType: 'new', now: '2025-01-10T10:00:00+08:00', unitName: '深圳文书示例有限公司', plans: ['ZY', 'YW'],
    policyNumber: 'SZ2025000777', effectiveDate: '2025-02-01', noticeFields: ['职工互助保障 缴费通知书', '保单号'], takeEffect: false, confirmationFields: ['职工互助保障 电子保单', '保单号 SZ2025000777'],
  },
  {
    schemeId: 'qingdao-2025', kinds: ['paymentNotice', 'confirmation'], enrollmentType: 'new', now: '2025-09-19T10:00:00+08:00', unitName: '青岛文书示例有限公司', plans: [], personPlan: 'ZYYL-A95',
    policyNumber: 'G1503202509190001', effectiveDate: '2025-10-01', noticeFields: ['申请书号', '行号 104452000028', '每月 1 日至 25 日'], takeEffect: false, confirmationFields: ['职工互助保障活动参保确认书', '确认书号 G1503202509190001', '×1份'],
  },
];

const compact = (s: string) => s.replace(/\s+/g, '');

function loadReference(name: string): GrayImage | null {
  const file = join(REFERENCE_DIR, `${name}.pgm.gz`);
  if (!existsSync(file)) return null;
  const data = gunzipSync(readFileSync(file));
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 32).toString('latin1'))!;
  return { width: Number(header[1]), height: Number(header[2]), pixels: new Uint8Array(data.subarray(header[0].length)) };
}

/** The first page against its kept reference; written anew when asked to. */
function matchesReference(name: string, pdf: Uint8Array): void {
  const [page] = renderPages(pdf, DPI, 1, 1);
  if (process.env.UPDATE_DOCUMENT_REFERENCES === '1') {
    writeFileSync(join(REFERENCE_DIR, `${name}.pgm.gz`), gzipSync(Buffer.concat([Buffer.from(`P5 ${page!.width} ${page!.height} 255\n`, 'latin1'), page!.pixels]), { level: 9 }));
  }
  const reference = loadReference(name);
  expect(reference, `reference image ${name} (run with UPDATE_DOCUMENT_REFERENCES=1 to create it)`).not.toBeNull();
  expect(differingPixels(page!, reference!) / (page!.width * page!.height), name).toBeLessThan(TOLERANCE);
}

let open: { app: SyncedApp; association: Association } | null = null;
afterEach(async () => {
  await open?.app.close();
  await open?.association.close();
  open = null;
});

async function synced<T>(app: SyncedApp, read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const v = await read();
    if (ok(v)) return v;
    await app.call('sync.retryNow', {});
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`sync never got there: ${JSON.stringify(await read()).slice(0, 300)}`);
}

describe.each(CASES)('$schemeId: documents refused before their state, produced after', (c) => {
  it('prints each of the scheme’s documents once the association has made it so', async () => {
    const scheme = schemeById(c.schemeId)!;
    const association = await startAssociation({ port: 0, now: c.now });
    const app = await startSyncedApp({ now: c.now, staticRoot: await buildRenderer(), serverUrl: association.url });
    open = { app, association };
    const account = await registerUnit(association.url, c.unitName, '周经办');
    const auth = await app.call('auth.login', { account: account.phone, password: account.password });

    const batch = await app.call('batches.create', { unitId: auth.unitId!, schemeId: c.schemeId, enrollmentType: c.enrollmentType, title: `${c.unitName}参保` });
    await app.call('batches.update', {
      batchId: batch.id,
      ...(c.plans.length > 0 ? { selection: c.plans.map((planCode) => ({ planCode, shares: 1 })) } : {}),
      contact: { name: '周经办', phone: '13800000001' },
      headCounts: { inService: 20, femaleInService: 8 },
    });
    for (const [i, person] of MEN_AND_WOMEN.entries()) {
      await app.call('roster.addRow', { batchId: batch.id, row: { ...schemeRosterRow(scheme, person, i), ...(c.personPlan ? { plans: c.personPlan, shares: '1' } : {}) } });
    }
    expect((await app.call('roster.recheck', { batchId: batch.id })).state).toBe('checkPassed');
    const offered = (await app.call('documents.available', { batchId: batch.id })).map((d) => d.kind);
    expect(offered).toEqual(c.kinds);
    const print = async (kind: DocumentKind) => {
      const doc = await app.call('documents.generate', { batchId: batch.id, kind, purpose: 'print' });
      await app.call('documents.recordPrints', { prints: [doc.pendingPrint!] });
      return Buffer.from(doc.base64, 'base64');
    };
    const refused = async (kind: DocumentKind) => {
      const r = await app.core.dispatcher.dispatch('documents.generate', { batchId: batch.id, kind, purpose: 'print' });
      return r.ok ? null : r.error.code;
    };

    // Before the association's review: no notice (Shanghai's clerk pays once the premium is confirmed).
    expect(await refused('paymentNotice')).toBe('DOCUMENT_NOT_YET');
    await app.call('batches.transition', { batchId: batch.id, event: 'confirmPremium' });
    await app.call('batches.transition', { batchId: batch.id, event: 'submit' });
    await synced(app, () => app.call('batches.get', { batchId: batch.id }), (b) => b.state === 'underReview');
    expect(await refused('paymentNotice')).toBe(c.schemeId === 'shanghai-2020' ? null : 'DOCUMENT_NOT_YET');
    for (const kind of offered.filter((k) => k !== 'paymentNotice' && k !== 'overAgeCommitment')) expect(await refused(kind), kind).toBe('DOCUMENT_NOT_YET');

    // 待缴费: the notice with the account to pay into and the manual's fields.
    const onServer = (await serverBatch(association.url, batch.id))!;
    await approveOnServer(association.url, onServer.serverBatchId);
    const approved = await synced(app, () => app.call('batches.get', { batchId: batch.id }), (b) => b.state === 'awaitingPayment');
    const notice = compact(pdfText(await print('paymentNotice')));
    expect(notice).toContain(compact(scheme.documents.paymentNotice.title));
    expect(notice).toContain(scheme.payment.accountNumber!);
    expect(notice).toContain(compact(scheme.payment.bank!));
    expect(notice).toContain(compact(`¥${(approved.payableFen! / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`));
    for (const field of c.noticeFields) expect(notice).toContain(compact(field));
    // One deadline at most: Shanghai's date, the others none (Qingdao's monthly window is not a date).
    expect(notice.match(/\d+年\d+月\d+日前/g) ?? []).toHaveLength(c.schemeId === 'shanghai-2020' ? 1 : 0);

    if (offered.includes('roster')) {
      const roster = compact(pdfText(await print('roster')));
      for (const column of scheme.roster.columns.filter((col) => col.inTemplate)) expect(roster).toContain(compact(column.header));
      expect(roster).not.toContain('必填');
      matchesReference(`${c.schemeId}-roster`, await print('roster'));
    }
    if (offered.includes('earlyInvoiceCommitment')) expect(compact(pdfText(await print('earlyInvoiceCommitment')))).toContain('提前开票承诺书');

    if (!offered.includes('confirmation')) {
      matchesReference(`${c.schemeId}-paymentNotice`, await print('paymentNotice'));
      return;
    }
    // The confirmation / policy waits for the payment confirmed, the effective date (and Suzhou's 进行中).
    expect(await refused('confirmation')).toBe('DOCUMENT_NOT_YET');
    const staff = { staff: '审核员甲' };
    expect((await adminCall(association.url, ROUTES.adminConfirmPayment, { batchId: onServer.serverBatchId }, staff)).status).toBe(200);
    await synced(app, () => app.call('batches.get', { batchId: batch.id }), (b) => b.state === 'paymentConfirmed');
    expect(await refused('confirmation')).toBe('DOCUMENT_NOT_YET');
    expect((await adminCall(association.url, ROUTES.adminSetEffect, { batchId: onServer.serverBatchId }, { ...staff, effectiveDate: c.effectiveDate, policyNumber: c.policyNumber })).status).toBe(200);
    await synced(app, () => app.call('batches.get', { batchId: batch.id }), (b) => b.state === 'awaitingEffect' && b.policyNumber === c.policyNumber);
    if (c.takeEffect) {
      expect(await refused('confirmation')).toBe('DOCUMENT_NOT_YET');
      expect((await adminCall(association.url, ROUTES.adminTakeEffect, { batchId: onServer.serverBatchId }, staff)).status).toBe(200);
      await synced(app, () => app.call('batches.get', { batchId: batch.id }), (b) => b.state === 'inForce');
    }
    const confirmation = await print('confirmation');
    const [firstPage] = pdfPageTexts(confirmation);
    const text = compact(firstPage!);
    for (const field of c.confirmationFields) expect(text).toContain(compact(field));
    // The document's own number once, never a copy of it under another label.
    expect(text.split(c.policyNumber)).toHaveLength(2);
    const log = await app.call('documents.printLog', { batchId: batch.id });
    expect(log.entries.find((e) => e.kind === 'confirmation')).toMatchObject({ documentNumber: c.policyNumber, actor: '周经办' });
    matchesReference(`${c.schemeId}-confirmation`, confirmation);
  }, 90_000);
});
