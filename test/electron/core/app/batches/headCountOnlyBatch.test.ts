/**
 * A batch whose roster is only head-count entries (无名单, Qingdao): checked, priced and
 * submitted without a single named row.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../coreFixtures';

let t: TestCore;

beforeEach(async () => {
  t = await startTestCore('2025-11-25T02:00:00Z');
  await t.core.ready;
});
afterEach(async () => t.close());

describe('a head-count-only batch (无名单)', () => {
  it('is checked, priced and submitted', async () => {
    const unit = await t.call('units.save', { unit: { name: '青岛无名单示例有限公司', handler: { name: '周经办', phone: '13800000002' }, socialSecurityCodes: [] } });
    const scheme = await t.call('schemes.get', { schemeId: 'qingdao-2025' });
    const plan = scheme.plans[0]!;
    const batch = await t.call('batches.create', { unitId: unit.id, schemeId: 'qingdao-2025', enrollmentType: scheme.enrollmentTypes[0]!.type });
    await t.call('batches.update', { batchId: batch.id, headCountLines: [{ planCode: plan.code, shares: 1, headCount: 12 }], headCounts: { inService: 40, femaleInService: 15 } });

    const check = await t.call('roster.recheck', { batchId: batch.id });
    expect(check.unitFindings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(check.state).toBe('checkPassed');

    const quote = await t.call('pricing.quote', { batchId: batch.id });
    expect(quote.payableFen).toBe(12 * plan.priceFen);

    await t.call('batches.transition', { batchId: batch.id, event: 'confirmPremium' });
    expect((await t.call('batches.transition', { batchId: batch.id, event: 'submit' })).state).toBe('queued');
  });
});
