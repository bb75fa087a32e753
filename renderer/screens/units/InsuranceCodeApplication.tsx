/** 申请参保编码 (Shanghai): the form and attachments, then 申请中 / 审核通过 (the code) / 审核不通过 (the reason, edit and resubmit). */
import { useState } from 'react';
import type { In, OnboardingApplicationView, OnboardingView } from '../../../shared/api';
import type { InsuranceCodeApplicationSpec } from '../../../shared/domain/scheme';
import { toApiFailure } from '../../api/apiFailure';
import { api } from '../../api/session';
import { Callout } from '../../components/Callout';
import { M } from '../../i18n/messages';
import { useApp } from '../../state/appStore';
import { FilePicker, StatusLine, TextField, type PickedFile } from './onboardingParts';

const FIELDS: readonly { key: string; required: boolean; mono?: boolean; number?: boolean }[] = [
  { key: 'unitName', required: true },
  { key: 'committeeName', required: true },
  { key: 'uscc', required: false, mono: true },
  { key: 'unitNature', required: true },
  { key: 'contactName', required: true },
  { key: 'contactMobile', required: true, mono: true },
  { key: 'contactEmail', required: true },
  { key: 'address', required: true },
  { key: 'postcode', required: true, mono: true },
  { key: 'leaderName', required: false },
  { key: 'leaderMobile', required: false, mono: true },
  { key: 'inServiceCount', required: true, mono: true, number: true },
];

function formValues(app: OnboardingApplicationView | null, unitName: string): Record<string, string> {
  const out: Record<string, string> = Object.fromEntries(FIELDS.map((f) => [f.key, '']));
  out.unitName = unitName;
  for (const [k, v] of Object.entries(app?.form ?? {})) if (v !== undefined && v !== null) out[k] = String(v);
  return out;
}

/** Empty optional fields left out; the count as a number (the core's validation names a wrong one). */
function formInput(values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const v = values[f.key]?.trim() ?? '';
    if (v === '' && !f.required) continue;
    out[f.key] = f.number && /^\d+$/.test(v) ? Number(v) : v;
  }
  return out;
}

export function InsuranceCodeApplication({ view, spec, unitName, onChanged }: { view: OnboardingView; spec: InsuranceCodeApplicationSpec; unitName: string; onChanged(v: OnboardingView): void }) {
  const app = view.insuranceCode;
  const [editing, setEditing] = useState(app === null);
  const [values, setValues] = useState(() => formValues(app, unitName));
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const notify = useApp((s) => s.notify);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const next = await api()['onboarding.applyInsuranceCode']({ unitId: view.unitId, schemeId: view.schemeId, form: formInput(values) as In<'onboarding.applyInsuranceCode'>['form'], attachments: files });
      notify('success', M.onboarding.insuranceCode.saved);
      setEditing(false);
      setFiles([]);
      onChanged(next);
    } catch (e) {
      setError(toApiFailure(e, M.errors.generic).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="onboarding-step" data-testid="insurance-code-application" aria-label={M.onboarding.insuranceCode.title}>
      <h3>{M.onboarding.insuranceCode.title}</h3>
      {app ? (
        <>
          <StatusLine status={app.status} reason={app.reason} sendError={app.sendError} testId="insurance-code-status" />
          {app.insuranceCode && (
            <p>
              <span className="muted">{M.onboarding.insuranceCode.code}</span> <strong className="mono" data-testid="insurance-code-issued">{app.insuranceCode}</strong>
            </p>
          )}
        </>
      ) : (
        <p className="muted small">{M.onboarding.insuranceCode.intro}</p>
      )}
      {app?.editable && !editing && (
        <button type="button" className="button small" onClick={() => (setValues(formValues(app, unitName)), setEditing(true))}>
          {M.onboarding.edit}
        </button>
      )}
      {editing && (app === null || app.editable) && (
        <form
          className="form"
          data-testid="insurance-code-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <div className="form-grid">
            {FIELDS.map((f) => (
              <TextField
                key={f.key}
                name={f.key}
                label={M.onboarding.insuranceCode.fields[f.key] ?? f.key}
                required={f.required}
                mono={f.mono ?? false}
                value={values[f.key] ?? ''}
                onChange={(v) => setValues({ ...values, [f.key]: v })}
              />
            ))}
          </div>
          <p className="muted small">{spec.attachmentHint}</p>
          {app && app.attachments.length > 0 && <p className="muted small">{M.onboarding.previousAttachments(app.attachments.map((a) => a.name).join('、'))}</p>}
          <FilePicker types={spec.attachmentTypes} label={M.onboarding.insuranceCode.attachments} testId="insurance-code-files" onPicked={setFiles} />
          {error && <Callout tone="error">{error}</Callout>}
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy}>
              {app ? M.onboarding.insuranceCode.resubmit : M.onboarding.insuranceCode.submit}
            </button>
            {app && (
              <button type="button" className="button" onClick={() => setEditing(false)}>
                {M.onboarding.cancelEdit}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
