/**
 * 保全 (Shenzhen 保单补充申请) end to end through the application API of a real core and
 * the REAL reference server: a policy taken into force by the association, new hires added
 * each with their own effective date, checked (already on the policy, dates outside it),
 * priced pro rata, sent through the outbox to the policy's supplements route, and followed
 * through the association's review from the change feed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchDetail, In, OpName, Out } from '../../../../../shared/api';
import { ROUTES } from '../../../../../shared/wire';
import { createCore, type Core } from '../../../../../electron/core/app/createCore';
import { adminCall, registerUnit, startTestServer, type TestServer } from '../../../../server/serverFixtures';
import { closeServer, freshIds } from '../../sync/syncFixtures';
import { callCore, syncUntil } from '../coreFixtures';

const NOW = '2025-06-20T02:00:00.000Z';
let t: TestServer;
let core: Core;
let dir: string;

beforeAll(async () => {
  t = await startTestServer({ start: NOW, tokenTtlMs: 365 * 24 * 3600_000 });
  dir = mkdtempSync(join(tmpdir(), 'huzhu-supplement-'));
  core = await createCore({ dataDir: dir, serverUrl: t.url, now: () => new Date(NOW), operator: '保全测试经办人' });
});
afterAll(async () => {
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
  await closeServer(t);
});

function call<K extends OpName>(op: K, input: In<K>): Promise<Out<K>> {
  return callCore(core, op, input);
}

async function refusal(op: OpName, input: unknown) {
  const r = await core.dispatcher.dispatch(op, input);
  if (r.ok) throw new Error(`${op} should have been refused`);
  return r.error;
}

/** Runs the sync engine until the batch reaches `state`. */
function stateOf(batchId: string, state: string): Promise<BatchDetail> {
  return syncUntil(core, `batch ${state}`, () => call('batches.get', { batchId }), (b) => b.state === state);
}

function serverIdOf(clientBatchId: string): string {
  const row = t.server.context.db.prepare('SELECT id FROM batches WHERE client_batch_id = ?').get(clientBatchId) as { id: string } | undefined;
  if (!row) throw new Error(`the server has no batch ${clientBatchId}`);
  return row.id;
}

const row = (documentNumber: string, name: string, effectiveDate?: string) => ({ name, documentType: '居民身份证', documentNumber, ...(effectiveDate ? { effectiveDate } : {}) });

describe('保全: new hires added to a policy in force', () => {
  let unitId: string;
  let policy: BatchDetail;
  const [onPolicy1, onPolicy2, hireA, hireB, hireLate] = freshIds(5);

  it('takes a policy into force through the association', async () => {
    const account = await registerUnit(t.url, '保全测试单位');
    unitId = (await call('auth.login', { account: account.phone, password: account.password })).unitId!;
    policy = await call('batches.create', { unitId, schemeId: 'shenzhen', enrollmentType: 'new', requestedStart: '2025-07-01' });
    await call('batches.update', { batchId: policy.id, selection: [{ planCode: 'ZY', shares: 1 }], contact: { name: '张经办', phone: '13800000001' } });
    await call('roster.addRow', { batchId: policy.id, row: row(onPolicy1!, '王一') });
    await call('roster.addRow', { batchId: policy.id, row: row(onPolicy2!, '王二') });
    expect((await call('roster.recheck', { batchId: policy.id })).state).toBe('checkPassed');
    await call('batches.transition', { batchId: policy.id, event: 'confirmPremium' });
    await call('batches.transition', { batchId: policy.id, event: 'submit' });
    await stateOf(policy.id, 'underReview');
    const serverId = serverIdOf(policy.id);
    expect((await adminCall(t.url, ROUTES.adminApprove, { batchId: serverId })).status).toBe(200);
    expect((await adminCall(t.url, ROUTES.adminConfirmPayment, { batchId: serverId }, {})).status).toBe(200);
    expect((await adminCall(t.url, ROUTES.adminSetEffect, { batchId: serverId }, { policyNumber: 'SZ2025-BQ-1' })).status).toBe(200);
    expect((await adminCall(t.url, ROUTES.adminTakeEffect, { batchId: serverId }, {})).status).toBe(200);
    policy = await stateOf(policy.id, 'inForce');
    expect(policy.cover).toEqual({ start: '2025-07-01', end: '2026-06-30' });
  });

  it('refuses a supplement to a batch not in force', async () => {
    const draft = await call('batches.create', { unitId, schemeId: 'shenzhen', enrollmentType: 'new' });
    expect(await refusal('batches.create', { unitId, schemeId: 'shenzhen', enrollmentType: 'supplementary', policyBatchId: draft.id })).toMatchObject({ code: 'POLICY_NOT_IN_FORCE' });
    expect((await call('batches.supplements', { batchId: draft.id })).cannotStart).toBe('保单当前状态为“暂存”，只有待生效或已生效的保单才能办理保全');
  });

  let supplement: BatchDetail;
  it('checks each new hire: already on the policy, effective date outside the policy', async () => {
    supplement = await call('batches.create', { unitId, schemeId: 'shenzhen', enrollmentType: 'supplementary', policyBatchId: policy.id });
    // It starts from the policy's plans and contact.
    expect(supplement).toMatchObject({ policyBatchId: policy.id, enrollmentType: 'supplementary', state: 'draft', selection: [{ planCode: 'ZY', shares: 1 }], contact: { name: '张经办', phone: '13800000001' } });
    const rows = [
      await call('roster.addRow', { batchId: supplement.id, row: row(hireA!, '新员工甲', '2025-07-15') }),
      await call('roster.addRow', { batchId: supplement.id, row: row(hireB!, '新员工乙', '2026-06-01') }),
      await call('roster.addRow', { batchId: supplement.id, row: row(onPolicy1!, '王一', '2025-08-01') }),
      await call('roster.addRow', { batchId: supplement.id, row: row(hireLate!, '新员工丙', '2026-07-01') }),
      await call('roster.addRow', { batchId: supplement.id, row: row(freshIds(1)[0]!, '新员工丁', '2025-06-19') }),
    ];
    expect(rows.map((r) => r.findings.filter((f) => f.severity === 'error').map((f) => f.code))).toEqual([
      [],
      [],
      ['duplicateInUnitBatch'],
      ['effectiveDateAfterPolicy'],
      ['effectiveDateTooEarly', 'effectiveDateBeforePolicy'],
    ]);
    expect(rows[2]!.findings.find((f) => f.code === 'duplicateInUnitBatch')!.message).toContain('已生效');
    expect((await call('roster.recheck', { batchId: supplement.id })).state).toBe('checkFailed');
    await call('roster.removeRows', { batchId: supplement.id, rowIds: rows.slice(2).map((r) => r.id) });
    expect((await call('roster.recheck', { batchId: supplement.id })).state).toBe('checkPassed');
  });

  it('prices each person from their own date to the policy end (60 元 a year: 5 元 a month)', async () => {
    const quote = await call('pricing.quote', { batchId: supplement.id });
    // 2025-07-15 … 2026-06-30: 12 months → 60 元; 2026-06-01 … 2026-06-30: 1 month → 5 元.
    expect(quote.lines.map((l) => [l.unitFen, l.persons])).toEqual([
      [500, 1],
      [6000, 1],
    ]);
    expect(quote.totalFen).toBe(6500);
  });

  it('sends it to the policy through the outbox and follows the association from the feed', async () => {
    await call('batches.transition', { batchId: supplement.id, event: 'confirmPremium' });
    await call('batches.transition', { batchId: supplement.id, event: 'submit' });
    const sent = await stateOf(supplement.id, 'underReview');
    expect(sent.policyNumber).toBeTruthy();
    const serverId = serverIdOf(supplement.id);
    const onServer = t.server.context.db.prepare('SELECT enrollment_type, policy_batch_id, payable_fen FROM batches WHERE id = ?').get(serverId) as Record<string, unknown>;
    expect(onServer).toEqual({ enrollment_type: 'supplementary', policy_batch_id: serverIdOf(policy.id), payable_fen: 6500 });

    expect((await adminCall(t.url, ROUTES.adminApprove, { batchId: serverId })).status).toBe(200);
    const approved = await stateOf(supplement.id, 'awaitingPayment');
    expect(approved.payableFen).toBe(6500);
    expect((await adminCall(t.url, ROUTES.adminConfirmPayment, { batchId: serverId }, {})).status).toBe(200);
    expect((await adminCall(t.url, ROUTES.adminSetEffect, { batchId: serverId }, { effectiveDate: '2025-07-15' })).status).toBe(200);
    const scheduled = await stateOf(supplement.id, 'awaitingEffect');
    expect(scheduled.cover).toEqual({ start: '2025-07-15', end: '2026-06-30' });
    const progress = await call('batches.supplements', { batchId: policy.id });
    expect(progress).toMatchObject({ policyBatchId: policy.id, policyCover: { start: '2025-07-01', end: '2026-06-30' } });
    expect(progress.cannotStart).toBeUndefined();
    expect(progress.supplements.map((b) => [b.id, b.state, b.stateLabel, b.payableFen, b.counts.persons])).toEqual([[supplement.id, 'awaitingEffect', '待生效', 6500, 2]]);
    // 个人保单查询: a new hire's own cover runs from their own date.
    const hire = await call('records.person', { query: hireB! });
    expect(hire.persons[0]!.enrollments.map((e) => [e.batch.id, e.enrollmentTypeLabel, e.cover])).toEqual([[supplement.id, '保全（保单补充）', { start: '2026-06-01', end: '2026-06-30' }]]);
    expect((await call('batches.supplements', { batchId: supplement.id })).cannotStart).toBe('保全批次本身不能再办理保全，请在原保单上办理');
    expect(scheduled.history.map((h) => h.to)).toEqual(['rosterToCheck', 'checkFailed', 'rosterToCheck', 'checkPassed', 'premiumConfirmed', 'queued', 'underReview', 'awaitingPayment', 'paymentConfirmed', 'awaitingEffect']);
  });
});
