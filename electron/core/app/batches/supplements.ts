/**
 * 补充进度查询 (Shenzhen 保单补充申请): the supplementary enrollments (保全) made to a policy
 * in force, each with its own state as the association's feed moves it, and whether the
 * clerk may start another now.
 */
import type { SupplementsView } from '../../../../shared/api';
import { batchStateLabel } from '../../../../shared/domain/batch';
import { findEnrollmentType } from '../../../../shared/domain/scheme';
import type { BatchRecord } from '../../store';
import { storeCall, type CoreContext } from '../coreContext';
import { schemeOfBatch } from '../records/enrolledPersons';

/** The states a policy takes new hires in (the server's POLICY_STATES). */
export const SUPPLEMENTABLE_STATES = ['awaitingEffect', 'inForce'] as const;

function cannotStart(ctx: CoreContext, policy: BatchRecord): string | undefined {
  if (policy.enrollmentType === 'supplementary') return '保全批次本身不能再办理保全，请在原保单上办理';
  if (!(SUPPLEMENTABLE_STATES as readonly string[]).includes(policy.state)) {
    return `保单当前状态为“${batchStateLabel(policy.state)}”，只有待生效或已生效的保单才能办理保全`;
  }
  const scheme = schemeOfBatch(ctx, policy);
  if (!scheme || !findEnrollmentType(scheme, 'supplementary')) return '该保障方案不办理保全（保单补充）';
  return undefined;
}

export function supplementsOf(ctx: CoreContext, policyBatchId: string): SupplementsView {
  const policy = storeCall(() => ctx.store.batches.require(policyBatchId));
  const records = ctx.store.batches
    .list({ unitId: policy.unitId, schemeId: policy.schemeId, enrollmentTypes: ['supplementary'] })
    .filter((b) => b.policyBatchId === policy.id)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
  const starts = new Map(records.map((b) => [b.id, b.requestedStart]));
  const view: SupplementsView = {
    policyBatchId: policy.id,
    policyCover: policy.cover,
    supplements: ctx.store.batches.toSummaries(records).map((s) => {
      const start = starts.get(s.id);
      return start ? { ...s, requestedStart: start } : s;
    }),
  };
  const reason = cannotStart(ctx, policy);
  if (reason) view.cannotStart = reason;
  return view;
}
