/**
 * For scripting users of the HTTP API: row views return what the check derived (the
 * normalised number, birth date, gender and region read from the ID) and each finding with
 * a stable code and its field; refusals carry a code and structured details.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shanghaiUnit, startTestCore, type TestCore } from '../coreFixtures';

let t: TestCore;

beforeEach(async () => {
  t = await startTestCore('2020-04-20T02:00:00Z');
  await t.core.ready;
});
afterEach(async () => t.close());

async function shanghaiBatch() {
  const unit = await t.call('units.save', { unit: shanghaiUnit });
  return t.call('batches.create', { unitId: unit.id, schemeId: 'shanghai-2020', enrollmentType: 'central' });
}

describe('row views', () => {
  it('return the facts read from the ID and findings coded per field', async () => {
    const batch = await shanghaiBatch();
    await t.call('batches.update', { batchId: batch.id, selection: [{ planCode: 'A0', shares: 1 }] });
    const row = await t.call('roster.addRow', { batchId: batch.id, row: { name: '王豆豆', documentType: '身份证', documentNumber: ' 11010119900307909ｘ ', phone: '1380000', socialSecurity: '是' } });
    expect(row.values.documentNumber).toBe('11010119900307909X');
    expect(row.derived).toEqual({ documentNumber: '11010119900307909X', birthDate: '1990-03-07', gender: 'male', region: '北京市东城区' });
    const phone = row.findings.find((f) => f.field === 'phone');
    expect(phone).toMatchObject({ field: 'phone', code: expect.stringMatching(/^[a-zA-Z]+$/) });
    const [viaPage] = (await t.call('roster.rows', { batchId: batch.id, offset: 0, limit: 10 })).rows;
    expect(viaPage!.derived).toEqual(row.derived);
  });
});

describe('refusals', () => {
  it('a plan selection breaking the rules: each rule broken as a detail with its code and plans', async () => {
    const batch = await shanghaiBatch();
    const r = await t.refusal('batches.update', { batchId: batch.id, selection: [{ planCode: 'A1', shares: 1 }, { planCode: 'A2', shares: 1 }] });
    expect(r.error.code).toBe('SELECTION_RULE');
    expect(r.error.details!.length).toBeGreaterThan(0);
    for (const d of r.error.details!) expect(d).toMatchObject({ code: expect.any(String), message: expect.any(String), field: 'selection', data: { planCodes: expect.any(Array) } });
  });

  it('an illegal transition: the event and the state it was refused in', async () => {
    const batch = await shanghaiBatch();
    const r = await t.refusal('batches.transition', { batchId: batch.id, event: 'submit' });
    expect(r.status).toBe(409);
    expect(r.error.details).toEqual([expect.objectContaining({ code: expect.any(String), data: { event: 'submit', state: 'draft' } })]);
  });

  it('a unit rule: its figures beside the message', async () => {
    const batch = await shanghaiBatch();
    await t.call('batches.update', { batchId: batch.id, selection: [{ planCode: 'A0', shares: 1 }], socialSecurityTotals: { S100: 10 } });
    await t.call('roster.addRow', { batchId: batch.id, row: { name: '王豆豆', documentType: '身份证', documentNumber: '110101199003079091', socialSecurity: '是' } });
    const summary = await t.call('roster.recheck', { batchId: batch.id });
    // The unit's only code takes the person marked 有社保 without one: 1 of 10.
    expect(summary.unitFindings).toEqual([
      expect.objectContaining({ code: 'socialSecurityRatio', severity: 'error', data: { socialSecurityCode: 'S100', enrolled: 1, total: 10, minPercent: 75, needed: 8 } }),
    ]);
  });
});
