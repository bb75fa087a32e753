/** 单位信息完善 (Wuxi): district, medical-insurance code, handler, certificates and the timed commitment, then the association's review. */
import { useState } from 'react';
import type { CommitmentReadingView, OnboardingApplicationView, OnboardingView, UnitProfile } from '../../../shared/api';
import type { UnitProfileCompletionSpec } from '../../../shared/domain/scheme';
import { toApiFailure } from '../../api/apiFailure';
import { api } from '../../api/session';
import { Callout } from '../../components/Callout';
import { M } from '../../i18n/messages';
import { attempt, useApp } from '../../state/appStore';
import { CommitmentDialog } from './CommitmentDialog';
import { FilePicker, StatusLine, TextField, type PickedFile } from './onboardingParts';

interface Values {
  district: string;
  medicalInsuranceCode: string;
  handlerName: string;
  handlerIdNumber: string;
}

function initialValues(app: OnboardingApplicationView | null, unit: UnitProfile): Values {
  const form = (app?.form ?? {}) as { district?: string; medicalInsuranceCode?: string; handler?: { name?: string; idNumber?: string } };
  return {
    district: form.district ?? '',
    medicalInsuranceCode: form.medicalInsuranceCode ?? unit.medicalInsuranceCode ?? '',
    handlerName: form.handler?.name ?? unit.handler.name,
    handlerIdNumber: form.handler?.idNumber ?? unit.handler.idNumber ?? '',
  };
}

export function UnitProfileCompletion({ view, spec, unit, onChanged }: { view: OnboardingView; spec: UnitProfileCompletionSpec; unit: UnitProfile; onChanged(v: OnboardingView): void }) {
  const app = view.unitProfile;
  const [editing, setEditing] = useState(app === null);
  const [values, setValues] = useState(() => initialValues(app, unit));
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [reading, setReading] = useState<CommitmentReadingView | null>(null);
  const [showing, setShowing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const notify = useApp((s) => s.notify);
  const title = spec.commitment.title;

  const openCommitment = async () => {
    const started = await attempt(() => api()['onboarding.startCommitment']({ unitId: view.unitId, schemeId: view.schemeId }));
    if (started) {
      setReading(started);
      setShowing(true);
    }
  };

  const submit = async () => {
    setError(null);
    if (!reading?.acceptedAt) {
      setError(M.onboarding.unitProfile.commitmentRequired(title));
      return;
    }
    setBusy(true);
    try {
      const next = await api()['onboarding.submitUnitProfile']({
        unitId: view.unitId,
        schemeId: view.schemeId,
        form: {
          district: values.district,
          medicalInsuranceCode: values.medicalInsuranceCode.trim(),
          handler: { name: values.handlerName.trim(), idNumber: values.handlerIdNumber.trim() },
        },
        certificates: files,
        readingId: reading.readingId,
      });
      notify('success', M.onboarding.unitProfile.saved);
      setEditing(false);
      setFiles([]);
      setReading(null);
      onChanged(next);
    } catch (e) {
      setError(toApiFailure(e, M.errors.generic).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="onboarding-step" data-testid="unit-profile-completion" aria-label={M.onboarding.unitProfile.title}>
      <h3>{M.onboarding.unitProfile.title}</h3>
      {app && <StatusLine status={app.status} reason={app.reason} sendError={app.sendError} testId="unit-profile-status" />}
      {app?.status === 'approved' && <p className="muted small">{M.onboarding.unitProfile.afterApproval}</p>}
      {app?.editable && !editing && (
        <button type="button" className="button small" onClick={() => (setValues(initialValues(app, unit)), setEditing(true))}>
          {M.onboarding.edit}
        </button>
      )}
      {editing && (app === null || app.editable) && (
        <form
          className="form"
          data-testid="unit-profile-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label className="field">
            <span>
              {M.onboarding.unitProfile.district}
              <em className="required">*</em>
            </span>
            <select className="input" name="district" value={values.district} onChange={(e) => setValues({ ...values, district: e.target.value })}>
              <option value="">{M.onboarding.unitProfile.chooseDistrict}</option>
              {spec.districts.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
          <TextField
            name="medicalInsuranceCode"
            label={M.onboarding.unitProfile.medicalInsuranceCode}
            required
            mono
            placeholder={M.onboarding.unitProfile.medicalInsuranceCodeHint(spec.medicalInsuranceCodeLengths.join(' / '))}
            value={values.medicalInsuranceCode}
            onChange={(v) => setValues({ ...values, medicalInsuranceCode: v })}
          />
          <TextField name="handlerName" label={M.onboarding.unitProfile.handlerName} required value={values.handlerName} onChange={(v) => setValues({ ...values, handlerName: v })} />
          <TextField name="handlerIdNumber" label={M.onboarding.unitProfile.handlerIdNumber} required mono value={values.handlerIdNumber} onChange={(v) => setValues({ ...values, handlerIdNumber: v })} />
          <p className="muted small">{spec.certificateHint}</p>
          <FilePicker types={spec.certificateTypes} label={M.onboarding.unitProfile.certificates} testId="unit-profile-files" onPicked={setFiles} />
          <div className="form-actions">
            {reading?.acceptedAt ? (
              <span className="badge good" data-testid="commitment-accepted">
                {M.onboarding.unitProfile.commitmentAccepted(title)}
              </span>
            ) : (
              <button type="button" className="button" onClick={() => void openCommitment()} data-testid="open-commitment">
                {M.onboarding.unitProfile.readCommitment(title)}
              </button>
            )}
          </div>
          {error && <Callout tone="error">{error}</Callout>}
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={busy}>
              {M.onboarding.unitProfile.submit}
            </button>
            {app && (
              <button type="button" className="button" onClick={() => setEditing(false)}>
                {M.onboarding.cancelEdit}
              </button>
            )}
          </div>
        </form>
      )}
      {showing && reading && (
        <CommitmentDialog
          reading={reading}
          onClose={() => setShowing(false)}
          onAccepted={(r) => {
            setReading(r);
            setError(null);
            setShowing(false);
          }}
        />
      )}
    </section>
  );
}
