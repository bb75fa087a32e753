/**
 * Documents through the application API on a real store: the Shanghai manual's premium
 * (4 persons, A0+B0+C0 with A3, B3, C3 = 4780 yuan) on the payment notice, print counts
 * and the print log, the over-age commitment, and the service window's print queue.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pdfText } from '../../documents/pdfTools';
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
  it('prints the payment notice with the manual’s total, counting and logging each print', async () => {
    const batch = await confirmedBatch();
    expect(batch.payableFen).toBe(478000);

    const preview = await t.call('documents.generate', { batchId: batch.id, kind: 'paymentNotice', purpose: 'preview' });
    expect(preview.printNumber).toBeNull();
    const text = pdfText(Buffer.from(preview.base64, 'base64'));
    expect(text).toContain('4780.00');
    expect(text).toContain('肆仟柒佰捌拾元整');
    expect(text).toContain(shanghaiUnit.name);

    const first = await t.call('documents.generate', { batchId: batch.id, kind: 'paymentNotice', purpose: 'print' });
    const second = await t.call('documents.generate', { batchId: batch.id, kind: 'paymentNotice', purpose: 'print' });
    expect([first.printNumber, second.printNumber]).toEqual([1, 2]);
    expect(pdfText(Buffer.from(second.base64, 'base64'))).toContain('第 2 次打印');
    expect(second.missingCharacters).toEqual([]);

    const log = await t.call('documents.printLog', { batchId: batch.id });
    expect(log.total).toBe(2);
    expect(log.entries.map((e) => e.printNumber)).toEqual([2, 1]);
    expect(log.entries[0]).toMatchObject({ kind: 'paymentNotice', actor: '测试经办人' });
  });

  it('refuses a confirmation before the association has given the batch its number', async () => {
    const batch = await confirmedBatch();
    const r = await t.refusal('documents.generate', { batchId: batch.id, kind: 'confirmation', purpose: 'preview' });
    expect(r.status).toBe(409);
    expect(r.error.message).toContain('参保确认书');
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
    expect(queue.skipped).toMatchObject([{ batchId: draft.id }]);
    expect(queue.skipped[0]!.reason).toContain('暂存');
    expect(progress).toEqual([1, 2]);
    expect(pdfText(Buffer.from(queue.base64, 'base64'))).toContain('4780.00');
  });
});
