/** The new-batch form's fields for 保全: the policy in force the new hires join, and their effective date. */
import { useEffect, useState } from 'react';
import type { BatchSummary } from '../../../shared/api';
import { api } from '../../api/session';
import { M } from '../../i18n/messages';
import { attempt } from '../../state/appStore';

export interface SupplementChoice {
  policyBatchId: string;
  requestedStart: string;
}

export function SupplementPolicyFields({ unitId, schemeId, value, onChange }: { unitId: string; schemeId: string; value: SupplementChoice; onChange(next: SupplementChoice): void }) {
  const [policies, setPolicies] = useState<BatchSummary[] | null>(null);

  useEffect(() => {
    let live = true;
    void attempt(() => api()['batches.list']({ unitId, schemeId, states: ['inForce', 'awaitingEffect'] })).then((list) => {
      if (!live || !list) return;
      const own = list.filter((b) => b.enrollmentType !== 'supplementary');
      setPolicies(own);
      if (!own.some((b) => b.id === value.policyBatchId)) onChange({ ...value, policyBatchId: own[0]?.id ?? '' });
    });
    return () => {
      live = false;
    };
    // The choice is reset only when the unit or scheme changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unitId, schemeId]);

  if (policies === null) return null;
  if (policies.length === 0) return <p className="bad small">{M.supplements.noPolicy}</p>;
  const policy = policies.find((b) => b.id === value.policyBatchId);
  return (
    <>
      <label className="field">
        <span>{M.supplements.policy}</span>
        <select className="input" name="policyBatchId" value={value.policyBatchId} onChange={(e) => onChange({ ...value, policyBatchId: e.target.value })}>
          {policies.map((b) => (
            <option key={b.id} value={b.id}>
              {b.policyNumber ? `${b.title}（${b.policyNumber}）` : b.title}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{M.supplements.effectiveDate}</span>
        <input
          className="input"
          type="date"
          name="requestedStart"
          value={value.requestedStart}
          min={policy?.cover?.start}
          max={policy?.cover?.end}
          onChange={(e) => onChange({ ...value, requestedStart: e.target.value })}
        />
      </label>
    </>
  );
}
