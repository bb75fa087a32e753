/**
 * Documents through the application API on a real store: the Shanghai manual's premium
 * (4 persons, A0+B0+C0 with A3, B3, C3 = 4780 yuan) on the payment notice, prints counted
 * only once recorded, the print log under the unit's handler with the document number, the
 * number and date fixed at the first print, the scheme's kinds with why one may only be
 * previewed, the over-age commitment, and the service window's print queue.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { residentId } from '../../../../e2e/support/rosterFiles';
import { hasPreviewWatermark, pdfPageTexts, pdfText } from '../../documents/pdfTools';
import { rosterXlsx, SHANGHAI_HEADERS, shanghaiUnit, startTestCore, type TestCore } from '../coreFixtures';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore('2020-04-20T02:00:00Z');
});
afterEach(async () => t.close());

const FOUR = [
  ['张一', '身份证', '310101198506151238', '', '', '', '是'],
  ['王二', '身份证', '310101199002281228', '', '', '', '是'],
  ['赵三', '身份证', '310101198801010016', '', '', '', '是'],
  ['钱四', '身份证', '310101199205050024', '', '', '', '是'],
];
const PLANS = ['A0', 'B0', 'C0', 'A3', 'B3', 'C3'].map((planCode) => ({ planCode, shares: 1 }));

async function confirmedBatch(rows = FOUR, title?: string) {
  const unit = (await t.call('units.list', {}))[0] ?? (await t.call('units.save', { unit: shanghaiUnit }));
  const batch = await t.call('batches.create', { unitId: unit.id, schemeId: 'shanghai-2020', enrollmentType: 'central', ...(title ? { title } : {}) });
  await t.call('batches.update', { batchId: batch.id, selection: PLANS });
  const { jobId } = await t.call('roster.import', { batchId: batch.id, file: { name: '名单.xlsx', base64: await rosterXlsx(SHANGHAI_HEADERS, rows) } });
  await t.core.imports.settled(jobId);
  return t.call('batches.transition', { batchId: batch.id, event: 'confirmPremium' });
}

describe('documents through the API', () => {
  it('prints the payment notice with the manual’s total, counting each print once recorded and logging it under the unit’s handler', async () => {
    const batch = await confirmedBatch();
    expect(batch.payableFen).toBe(478000);

    const preview = await t.call('documents.generate', { batchId: batch.id, kind: 'paymentNotice', purpose: 'preview' });
    expect(preview.printNumber).toBeNull();
    expect(preview.pendingPrint).toBeNull();
    const text = pdfText(Buffer.from(preview.base64, 'base64'));
    expect(text).toContain('4,780.00');
    expect(text).toContain('肆仟柒佰捌拾元整');
    expect(text).toContain(shanghaiUnit.name);
    expect(hasPreviewWatermark(Buffer.from(preview.base64, 'base64'))).toBe(true);

    const first = await t.call('documents.generate', { batchId: batch.id, kind: 'paymentNotice', purpose: 'print' });
    expect(first.printNumber).toBe(1);
    // Not counted until the printer took it.
    expect((await t.call('documents.printLog', { batchId: batch.id })).total).toBe(0);
    await t.call('documents.recordPrints', { prints: [first.pendingPrint!] });
    const second = await t.call('documents.generate', { batchId: batch.id, kind: 'paymentNotice', purpose: 'print' });
    await t.call('documents.recordPrints', { prints: [second.pendingPrint!] });
    expect([first.printNumber, second.printNumber]).toEqual([1, 2]);
    expect(pdfText(Buffer.from(second.base64, 'base64'))).toContain('第 2 次打印');
    expect(second.missingCharacters).toEqual([]);
    expect(hasPreviewWatermark(Buffer.from(second.base64, 'base64'))).toBe(false);
    // A print handed out twice is counted once.
    expect((await t.refusal('documents.recordPrints', { prints: [second.pendingPrint!] })).error.message).toContain('打印次数已变为第 3 次');

    const log = await t.call('documents.printLog', { batchId: batch.id });
    expect(log.total).toBe(2);
    expect(log.entries.map((e) => e.printNumber)).toEqual([2, 1]);
    expect(log.entries[0]).toMatchObject({ kind: 'paymentNotice', actor: shanghaiUnit.handler.name, documentNumber: batch.title });
  });

  it('reprints on another day bear the first print’s number and date: only the print count and time change', async () => {
    const batch = await confirmedBatch();
    const first = await t.call('documents.generate', { batchId: batch.id, kind: 'paymentNotice', purpose: 'print' });
    await t.call('documents.recordPrints', { prints: [first.pendingPrint!] });
    t.setNow('2020-04-23T03:00:00Z');
    const again = await t.call('documents.generate', { batchId: batch.id, kind: 'paymentNotice', purpose: 'print' });
    expect(again.pendingPrint).toMatchObject({ printNumber: 2, documentNumber: first.pendingPrint!.documentNumber, issuedOn: '2020-04-20', documentHash: first.pendingPrint!.documentHash });
    const [a, b] = [pdfText(Buffer.from(first.base64, 'base64')), pdfText(Buffer.from(again.base64, 'base64'))];
    const withoutStamp = (text: string) => text.replace(/第 \d+ 次打印\s+打印时间：[\d\- :]+/g, '');
    expect(withoutStamp(b)).toBe(withoutStamp(a));
    expect(b).toContain('2020年4月20日');
    expect(b).not.toContain('2020年4月23日');
    const available = await t.call('documents.available', { batchId: batch.id });
    expect(available.find((d) => d.kind === 'paymentNotice')).toMatchObject({ prints: 1, documentNumber: first.pendingPrint!.documentNumber, issuedOn: '2020-04-20' });
  });

  it('lists only the scheme’s kinds, each printable or previewable only with the reason, and refuses the print before its time', async () => {
    const batch = await confirmedBatch();
    const available = await t.call('documents.available', { batchId: batch.id });
    expect(available.map((d) => d.kind)).toEqual(['paymentNotice', 'confirmation', 'overAgeCommitment']);
    expect(available[0]).toMatchObject({ printable: true, title: '上海职工互助保障项目2020 缴费通知单' });
    expect(available[1]).toMatchObject({ printable: false });
    expect(available[1]!.reason).toContain('保费已确认');
    // No over-age person kept: nothing to sign.
    expect(available[2]).toMatchObject({ kind: 'overAgeCommitment', printable: false, reason: '本批次没有保留的在职超龄人员，无需承诺书' });
    // The preview exists (watermarked), the print is refused with the same reason.
    const preview = await t.call('documents.generate', { batchId: batch.id, kind: 'confirmation', purpose: 'preview' });
    expect(hasPreviewWatermark(Buffer.from(preview.base64, 'base64'))).toBe(true);
    const r = await t.refusal('documents.generate', { batchId: batch.id, kind: 'confirmation', purpose: 'print' });
    expect(r.status).toBe(409);
    expect(r.error.code).toBe('DOCUMENT_NOT_YET');
    expect(r.error.message).toBe(available[1]!.reason);
    const roster = await t.refusal('documents.generate', { batchId: batch.id, kind: 'roster', purpose: 'preview' });
    expect(roster.error.code).toBe('DOCUMENT_NOT_OFFERED');
    expect(roster.error.message).toContain('没有参保花名册');
  });

  it('lists the kept over-age persons on the commitment letter', async () => {
    const overAge = ['老周', '身份证', '310101196403101247', '', '', '', '是']; // 56 on 1 April 2020
    const unit = await t.call('units.save', { unit: shanghaiUnit });
    const batch = await t.call('batches.create', { unitId: unit.id, schemeId: 'shanghai-2020', enrollmentType: 'central' });
    await t.call('batches.update', { batchId: batch.id, selection: PLANS.slice(0, 3) });
    const { jobId } = await t.call('roster.import', { batchId: batch.id, file: { name: '名单.xlsx', base64: await rosterXlsx(SHANGHAI_HEADERS, [...FOUR, overAge]) } });
    await t.core.imports.settled(jobId);
    const rows = await t.call('roster.rows', { batchId: batch.id, findingCode: 'overAgeNeedsMedicalInService' });
    expect(rows.total).toBe(1);
    await t.call('roster.editRow', { batchId: batch.id, rowId: rows.rows[0]!.id, changes: { medicalInService: '是' } });
    await t.call('batches.update', { batchId: batch.id, overAgeCommitment: true });
    expect((await t.call('batches.get', { batchId: batch.id })).state).toBe('checkPassed');
    expect((await t.call('documents.available', { batchId: batch.id })).find((d) => d.kind === 'overAgeCommitment')).toMatchObject({ printable: true });

    const letter = await t.call('documents.generate', { batchId: batch.id, kind: 'overAgeCommitment', purpose: 'preview' });
    const text = pdfText(Buffer.from(letter.base64, 'base64'));
    expect(text).toContain('老周');
    expect(text).not.toContain('张一');
    expect(text).toContain('医保享受在职待遇');
  });

  it('prints a queue of batches as one PDF, skipping those not ready, with progress', async () => {
    const ready = await confirmedBatch(FOUR, '第一批');
    const unit = (await t.call('units.list', {}))[0]!;
    const draft = await t.call('batches.create', { unitId: unit.id, schemeId: 'shanghai-2020', enrollmentType: 'central', title: '草稿批' });
    const progress: number[] = [];
    const stop = t.core.events.subscribe((e) => (e.type === 'print.progress' ? progress.push(e.done) : undefined));
    const queue = await t.call('documents.printQueue', { batchIds: [ready.id, draft.id], kind: 'paymentNotice' });
    stop();
    expect(queue.printed).toEqual([{ batchId: ready.id, printNumber: 1 }]);
    expect(queue.pendingPrints.map((p) => [p.batchId, p.printNumber])).toEqual([[ready.id, 1]]);
    expect(queue.skipped).toMatchObject([{ batchId: draft.id }]);
    expect(queue.skipped[0]!.reason).toContain('暂存');
    expect(progress).toEqual([1, 2]);
    expect(pdfText(Buffer.from(queue.base64, 'base64'))).toContain('4,780.00');
    await t.call('documents.recordPrints', { prints: queue.pendingPrints });
    expect((await t.call('documents.printLog', { batchId: ready.id })).total).toBe(1);
  });

  it('with duplex, starts each document of the queue on an odd page', async () => {
    const others = ['孙甲', '孙乙', '孙丙'].map((name, i) => [name, '身份证', residentId(`1986-03-0${i + 1}`, 101 + i), '', '', '', '是']);
    const a = await confirmedBatch(FOUR, '第一批');
    const unit = (await t.call('units.list', {}))[0]!;
    const b = await t.call('batches.create', { unitId: unit.id, schemeId: 'shanghai-2020', enrollmentType: 'central', title: '第二批' });
    await t.call('batches.update', { batchId: b.id, selection: PLANS });
    const { jobId } = await t.call('roster.import', { batchId: b.id, file: { name: '名单.xlsx', base64: await rosterXlsx(SHANGHAI_HEADERS, others) } });
    await t.core.imports.settled(jobId);
    await t.call('batches.transition', { batchId: b.id, event: 'confirmPremium' });
    const single = await t.call('documents.generate', { batchId: a.id, kind: 'paymentNotice', purpose: 'preview' });
    expect(single.pages).toBe(1);
    const queue = await t.call('documents.printQueue', { batchIds: [a.id, b.id], kind: 'paymentNotice', duplex: true });
    const pages = pdfPageTexts(Buffer.from(queue.base64, 'base64'));
    expect(queue.pages).toBe(pages.length);
    // Page 1: the first notice; page 2 its blank back; page 3 the second notice.
    expect(pages[1]!.trim()).toBe('');
    expect(pages[2]).toContain('第二批');
    const plain = await t.call('documents.printQueue', { batchIds: [a.id, b.id], kind: 'paymentNotice' });
    expect(plain.pages).toBe(queue.pages - 1);
    // The printer took the run: both prints counted together.
    const logged = await t.call('documents.recordPrints', { prints: queue.pendingPrints });
    expect(logged.map((e) => [e.batchId, e.printNumber])).toEqual([
      [a.id, 1],
      [b.id, 1],
    ]);
    // The second copy of the run, generated before the first was counted, is refused whole: nothing counted twice.
    expect((await t.refusal('documents.recordPrints', { prints: plain.pendingPrints })).error.message).toContain('打印次数已变为第 2 次');
    expect((await t.call('documents.printLog', {})).total).toBe(2);
  });

  it('names whose characters no font has: shown per person before printing, printed only when the clerk chooses, marked', async () => {
    // 𰀀 (U+30000, Extension G) is in neither the bundled font nor Hanazono.
    const batch = await confirmedBatch([...FOUR.slice(0, 3), ['钱𰀀', '身份证', '310101199205050024', '', '', '', '是']]);
    const preview = await t.call('documents.generate', { batchId: batch.id, kind: 'paymentNotice', purpose: 'preview' });
    expect(preview.missingIn).toEqual([]);
    // The association approves, confirms the payment and sets the cover: the confirmation may print.
    t.core.store.batches.update(batch.id, { policyNumber: 'BD2020000001', cover: { start: '2020-04-01', end: '2021-03-31' } }, { kind: 'server' });
    for (const event of ['submit', 'acknowledge', 'approve', 'confirmPayment', 'scheduleEffect'] as const) {
      const r = t.core.store.batches.applyTransition(batch.id, event, { at: '2020-04-20T10:00:00+08:00', actor: { kind: event === 'submit' ? 'clerk' : 'server' } });
      expect(r.ok, event).toBe(true);
    }
    const confirmation = await t.call('documents.generate', { batchId: batch.id, kind: 'confirmation', purpose: 'preview' });
    expect(confirmation.missingIn).toEqual([{ where: '钱𰀀', characters: ['𰀀'] }]);
    const refused = await t.refusal('documents.generate', { batchId: batch.id, kind: 'confirmation', purpose: 'print' });
    expect(refused.error.code).toBe('DOCUMENT_MISSING_GLYPHS');
    expect(refused.error.message).toContain('钱𰀀（𰀀 U+30000）');
    expect((await t.call('documents.printLog', { batchId: batch.id })).total).toBe(0);
    const marked = await t.call('documents.generate', { batchId: batch.id, kind: 'confirmation', purpose: 'print', allowMissingGlyphs: true });
    expect(marked.printNumber).toBe(1);
    expect(marked.missingCharacters).toEqual(['𰀀']);
  });
});
