/** Drafting a batch: the scheme and the enrollment type; the API refuses a type the scheme does not offer now, saying why. */
import { useEffect, useState } from 'react';
import type { EnrollmentType } from '../../shared/domain/batch';
import { toApiFailure } from '../api/apiFailure';
import { api } from '../api/session';
import { Callout } from '../components/Callout';
import { M } from '../i18n/messages';
import { useApp } from '../state/appStore';
import { SupplementPolicyFields, type SupplementChoice } from './batch/SupplementPolicyFields';

export function NewBatchForm({ unitId, onCancel, onCreated }: { unitId: string; onCancel(): void; onCreated(batchId: string): void }) {
  const schemes = useApp((s) => s.schemes);
  const [schemeId, setSchemeId] = useState(schemes[0]?.id ?? '');
  const scheme = schemes.find((s) => s.id === schemeId);
  const [type, setType] = useState<EnrollmentType | ''>(scheme?.enrollmentTypes[0]?.type ?? '');
  const [title, setTitle] = useState('');
  const [supplement, setSupplement] = useState<SupplementChoice>({ policyBatchId: '', requestedStart: '' });
  const isSupplement = type === 'supplementary';
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!schemeId && schemes[0]) setSchemeId(schemes[0].id);
  }, [schemes, schemeId]);
  useEffect(() => {
    if (scheme && !scheme.enrollmentTypes.some((t) => t.type === type)) setType(scheme.enrollmentTypes[0]?.type ?? '');
  }, [scheme, type]);

  const create = async () => {
    if (!schemeId || !type) return;
    setBusy(true);
    setError(null);
    try {
      const batch = await api()['batches.create']({
        unitId,
        schemeId,
        enrollmentType: type,
        ...(title.trim() ? { title: title.trim() } : {}),
        ...(isSupplement && supplement.policyBatchId ? { policyBatchId: supplement.policyBatchId } : {}),
        ...(isSupplement && supplement.requestedStart ? { requestedStart: supplement.requestedStart } : {}),
      });
      onCreated(batch.id);
    } catch (e) {
      setError(toApiFailure(e, M.errors.generic).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="inline-form"
      data-testid="new-batch-form"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <label className="field">
        <span>{M.batches.scheme}</span>
        <select className="input" value={schemeId} onChange={(e) => setSchemeId(e.target.value)} name="scheme" autoFocus>
          {schemes.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{M.batches.enrollmentType}</span>
        <select className="input" value={type} onChange={(e) => setType(e.target.value as EnrollmentType)} name="enrollmentType">
          {scheme?.enrollmentTypes.map((t) => (
            <option key={t.type} value={t.type}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      {isSupplement && <SupplementPolicyFields unitId={unitId} schemeId={schemeId} value={supplement} onChange={setSupplement} />}
      <label className="field grow">
        <span>{M.batches.titleOptional}</span>
        <input className="input" value={title} onChange={(e) => setTitle(e.target.value)} name="title" placeholder={M.batches.titlePlaceholder} />
      </label>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy || !type || (isSupplement && !supplement.policyBatchId)}>
          {M.batches.createConfirm}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {M.common.cancel}
        </button>
      </div>
      {error && <Callout tone="error">{error}</Callout>}
    </form>
  );
}
