/**
 * The roster pipeline end to end through the application API, on a real SQLite file:
 * a Shanghai central enrollment (seed 002) from an empty batch to a queued submission.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rosterXlsx, SHANGHAI_HEADERS, shanghaiUnit, startTestCore, type TestCore } from '../coreFixtures';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore('2020-04-20T02:00:00Z'); // inside Shanghai's central window
});
afterEach(async () => t.close());

const PEOPLE = [
  ['张一', '身份证', '310101198506151238', '', '', '13800000011', '是'],
  ['王二', '身份证', '310101199002281228', '', '', '', '是'],
  ['赵三', '身份证', '310101198801010016', '', '', '', '否'],
  ['王豆', '护照', 'H801213602X', '1998-12-09', '男', '', '否'],
  ['错号', '身份证', '310101199205050025', '', '', '', '是'], // check digit should be 4
];

async function batchWithRoster(rows = PEOPLE) {
  const unit = await t.call('units.save', { unit: shanghaiUnit });
  const batch = await t.call('batches.create', { unitId: unit.id, schemeId: 'shanghai-2020', enrollmentType: 'central' });
  await t.call('batches.update', { batchId: batch.id, selection: [{ planCode: 'A0', shares: 1 }, { planCode: 'B0', shares: 1 }, { planCode: 'C0', shares: 1 }] });
  const { jobId } = await t.call('roster.import', { batchId: batch.id, file: { name: '名单.xlsx', base64: await rosterXlsx(SHANGHAI_HEADERS, rows) } });
  const progress = await t.core.imports.settled(jobId);
  return { unit, batch, progress };
}

describe('a Shanghai central enrollment through the API', () => {
  it('imports, finds the bad row, fixes it in place, prices, confirms and queues the submission', async () => {
    const { batch, progress } = await batchWithRoster();
    expect(progress).toMatchObject({ phase: 'done', totalRows: 5, accepted: 4, rejected: 1 });

    let detail = await t.call('batches.get', { batchId: batch.id });
    expect(detail.state).toBe('checkFailed');
    expect(detail.counts).toMatchObject({ persons: 5, errorRows: 1 });

    const counts = await t.call('roster.findingCounts', { batchId: batch.id });
    expect(counts).toContainEqual(expect.objectContaining({ code: 'idCheckDigit', severity: 'error', rows: 1 }));
    const bad = await t.call('roster.rows', { batchId: batch.id, severity: 'error' });
    expect(bad.total).toBe(1);
    expect(bad.rows[0]!.sourceRow).toBe(6);
    expect(bad.rows[0]!.findings.find((f) => f.code === 'idCheckDigit')?.hint).toContain('4');

    const fixed = await t.call('roster.editRow', { batchId: batch.id, rowId: bad.rows[0]!.id, changes: { documentNumber: '310101199205050024' } });
    expect(fixed.verdict).toBe('ok');
    expect((await t.call('batches.get', { batchId: batch.id })).state).toBe('rosterToCheck');

    const summary = await t.call('roster.recheck', { batchId: batch.id });
    expect(summary.state).toBe('checkPassed');
    expect(summary.counts.errorRows).toBe(0);

    // Three with social security take A0+B0+C0 at the combo price 180; two without take B0+C0.
    const quote = await t.call('pricing.quote', { batchId: batch.id });
    expect(quote.payableFen).toBe(3 * 18000 + 2 * (5500 + 1500));

    detail = await t.call('batches.transition', { batchId: batch.id, event: 'confirmPremium' });
    expect(detail.state).toBe('premiumConfirmed');
    expect(detail.payableFen).toBe(quote.payableFen);

    detail = await t.call('batches.transition', { batchId: batch.id, event: 'submit' });
    expect(detail.state).toBe('queued');
    const outbox = t.core.store.outbox.listForBatch(batch.id);
    expect(outbox.map((a) => a.kind)).toEqual(['submitBatch']);
    expect(detail.history.map((h) => h.to)).toEqual(['rosterToCheck', 'checkFailed', 'rosterToCheck', 'checkPassed', 'premiumConfirmed', 'queued']);
  });

  it('cancels a submission that was never sent, and withdraws without telling the server what it never had', async () => {
    const { batch } = await batchWithRoster(PEOPLE.slice(0, 4));
    await t.call('batches.transition', { batchId: batch.id, event: 'confirmPremium' });
    await t.call('batches.transition', { batchId: batch.id, event: 'submit' });
    const cancelled = await t.call('batches.transition', { batchId: batch.id, event: 'cancelSubmission' });
    expect(cancelled.state).toBe('premiumConfirmed');
    expect(t.core.store.outbox.listForBatch(batch.id)).toEqual([]);
  });

  it('refuses an illegal command with the lifecycle’s Chinese message and changes nothing', async () => {
    const { batch } = await batchWithRoster();
    const r = await t.refusal('batches.transition', { batchId: batch.id, event: 'submit' });
    expect(r.status).toBe(409);
    expect(r.error.message).toContain('清册校验不通过');
    expect((await t.call('batches.get', { batchId: batch.id })).state).toBe('checkFailed');
  });

  it('refuses a plan choice that breaks a selection rule, naming it', async () => {
    const unit = await t.call('units.save', { unit: shanghaiUnit });
    const batch = await t.call('batches.create', { unitId: unit.id, schemeId: 'shanghai-2020', enrollmentType: 'central' });
    const r = await t.refusal('batches.update', { batchId: batch.id, selection: [{ planCode: 'A3', shares: 1 }] });
    expect(r.error.code).toBe('SELECTION_RULE');
    expect(r.error.message).toMatch(/基础保障|A0/);
  });

  it('keeps the batch as it was when the file is not a roster or is corrupt', async () => {
    const { batch } = await batchWithRoster(PEOPLE.slice(0, 2));
    const before = await t.call('roster.rows', { batchId: batch.id });
    for (const file of [
      { name: '名单.xlsx', base64: Buffer.from('PK\u0003\u0004 truncated').toString('base64') },
      { name: '名单.xlsx', base64: await rosterXlsx(['项目', '金额'], [['a', 1]]) },
      { name: '名单.xls', base64: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]).toString('base64') },
    ]) {
      const { jobId } = await t.call('roster.import', { batchId: batch.id, file });
      const p = await t.core.imports.settled(jobId);
      expect(p.phase).toBe('failed');
      expect(p.error?.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await t.call('roster.rows', { batchId: batch.id })).toEqual(before);
  });

  it('cancels an import of a large file, leaving the batch untouched', async () => {
    const unit = await t.call('units.save', { unit: shanghaiUnit });
    const batch = await t.call('batches.create', { unitId: unit.id, schemeId: 'shanghai-2020', enrollmentType: 'central' });
    const rows = Array.from({ length: 20000 }, (_, i) => [`人员${i}`, '护照', `P${String(i).padStart(7, '0')}`, '1990-01-01', '男', '', '否']);
    const { jobId } = await t.call('roster.import', { batchId: batch.id, file: { name: '大名单.xlsx', base64: await rosterXlsx(SHANGHAI_HEADERS, rows) } });
    const events: string[] = [];
    const stop = t.core.events.subscribe((e) => {
      if (e.type === 'import.progress') {
        events.push(e.progress.phase);
        if (e.progress.phase === 'reading' && e.progress.rowsRead > 0) void t.call('roster.cancelImport', { jobId });
      }
    });
    const p = await t.core.imports.settled(jobId);
    stop();
    expect(p.phase).toBe('cancelled');
    expect(events).toContain('reading');
    expect((await t.call('roster.rows', { batchId: batch.id })).total).toBe(0);
    expect((await t.call('batches.get', { batchId: batch.id })).state).toBe('draft');
  });

  it('merges a corrected re-import by ID number instead of duplicating (the Wuxi way)', async () => {
    const badPhone = ['钱五', '身份证', '310101199205050024', '', '', '1380000', '是'];
    const { batch } = await batchWithRoster([...PEOPLE.slice(0, 3), badPhone]);
    expect((await t.call('batches.get', { batchId: batch.id })).counts).toMatchObject({ persons: 4, errorRows: 1 });
    const exported = await t.call('roster.exportRejected', { batchId: batch.id });
    expect(exported.fileName).toContain('不可参保人员');

    const corrected = badPhone.slice();
    corrected[5] = '13800000055';
    const { jobId } = await t.call('roster.import', { batchId: batch.id, file: { name: '更正.xlsx', base64: await rosterXlsx(SHANGHAI_HEADERS, [corrected]) } });
    expect((await t.core.imports.settled(jobId)).phase).toBe('done');
    const rows = await t.call('roster.rows', { batchId: batch.id });
    expect(rows.total).toBe(4);
    expect(rows.rows.filter((r) => r.values.documentNumber === '310101199205050024')).toMatchObject([{ verdict: 'ok', values: { phone: '13800000055' } }]);
    expect((await t.call('batches.get', { batchId: batch.id })).state).toBe('checkPassed');
  });

  it('flags a person already in another open batch of the unit for the same year', async () => {
    const { unit } = await batchWithRoster(PEOPLE.slice(0, 1));
    const second = await t.call('batches.create', { unitId: unit.id, schemeId: 'shanghai-2020', enrollmentType: 'central', title: '第二批' });
    await t.call('batches.update', { batchId: second.id, selection: [{ planCode: 'B0', shares: 1 }] });
    const row = await t.call('roster.addRow', { batchId: second.id, row: { name: '张一', documentType: '身份证', documentNumber: '310101198506151238', socialSecurity: '是' } });
    expect(row.findings.map((f) => f.code)).toContain('duplicateInUnitBatch');
  });

  it('starts a batch with the unit profile’s head counts (Qingdao asks them with each enrollment)', async () => {
    const unit = await t.call('units.save', { unit: { ...shanghaiUnit, headCounts: { inService: 120, femaleInService: 45 } } });
    const batch = await t.call('batches.create', { unitId: unit.id, schemeId: 'shanghai-2020', enrollmentType: 'central' });
    expect(batch.headCounts).toEqual({ inService: 120, femaleInService: 45 });
  });

  it('generates the scheme’s import template', async () => {
    const file = await t.call('templates.generate', { schemeId: 'wuxi-2023' });
    expect(file.fileName.endsWith('.xlsx')).toBe(true);
    expect(Buffer.from(file.base64, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
