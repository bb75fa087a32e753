/**
 * 入会手续 on the unit's page: the steps the chosen association's scheme lists (申请参保编码,
 * 单位信息完善, 经办人填报, 联系电话变更), each saved at once and sent by the sync engine;
 * re-read whenever the sync status moves, so the association's answers show up by themselves.
 */
import { useCallback, useEffect, useState } from 'react';
import type { OnboardingChangeView, OnboardingView, UnitProfile } from '../../../shared/api';
import type { HandlerDetailsSpec } from '../../../shared/domain/scheme';
import { toApiFailure } from '../../api/apiFailure';
import { api } from '../../api/session';
import { Callout } from '../../components/Callout';
import { M } from '../../i18n/messages';
import { attempt, useApp } from '../../state/appStore';
import { InsuranceCodeApplication } from './InsuranceCodeApplication';
import { StatusLine, TextField } from './onboardingParts';
import { UnitProfileCompletion } from './UnitProfileCompletion';

function ChangeStatus({ change, testId }: { change: OnboardingChangeView | null; testId: string }) {
  if (!change) return null;
  return <StatusLine status={change.status} sendError={change.sendError} testId={testId} />;
}

function HandlerDetails({ view, spec, unit, onChanged }: { view: OnboardingView; spec: HandlerDetailsSpec; unit: UnitProfile; onChanged(v: OnboardingView): void }) {
  const [values, setValues] = useState({ name: unit.handler.name, idNumber: unit.handler.idNumber ?? '', phone: unit.handler.phone, email: unit.handler.email ?? '' });
  const notify = useApp((s) => s.notify);
  const save = async () => {
    const handler = {
      name: values.name.trim(),
      phone: values.phone.trim(),
      ...(values.idNumber.trim() ? { idNumber: values.idNumber.trim() } : {}),
      ...(values.email.trim() ? { email: values.email.trim() } : {}),
    };
    const next = await attempt(() => api()['onboarding.updateHandler']({ unitId: view.unitId, schemeId: view.schemeId, handler }));
    if (next) {
      notify('success', M.onboarding.handler.saved);
      onChanged(next);
    }
  };
  return (
    <section className="onboarding-step" data-testid="handler-details" aria-label={M.onboarding.handler.title}>
      <h3>{M.onboarding.handler.title}</h3>
      <ChangeStatus change={view.handler} testId="handler-status" />
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <TextField name="handlerName" label={M.onboarding.handler.name} required value={values.name} onChange={(v) => setValues({ ...values, name: v })} />
        <TextField name="handlerIdNumber" label={M.onboarding.handler.idNumber} required={spec.idNumber === 'required'} mono value={values.idNumber} onChange={(v) => setValues({ ...values, idNumber: v })} />
        <TextField name="handlerPhone" label={M.onboarding.handler.phone} required mono value={values.phone} onChange={(v) => setValues({ ...values, phone: v })} />
        <TextField name="handlerEmail" label={M.onboarding.handler.email} required={spec.email === 'required'} value={values.email} onChange={(v) => setValues({ ...values, email: v })} />
        <div className="form-actions">
          <button type="submit" className="button">
            {M.onboarding.handler.save}
          </button>
        </div>
      </form>
    </section>
  );
}

function ContactPhoneChange({ view, hint, unit, onChanged }: { view: OnboardingView; hint: string | undefined; unit: UnitProfile; onChanged(v: OnboardingView): void }) {
  const [phone, setPhone] = useState('');
  const notify = useApp((s) => s.notify);
  const change = async () => {
    const next = await attempt(() => api()['onboarding.changeContactPhone']({ unitId: view.unitId, schemeId: view.schemeId, phone: phone.trim() }));
    if (next) {
      notify('success', M.onboarding.contactPhone.saved);
      setPhone('');
      onChanged(next);
    }
  };
  return (
    <section className="onboarding-step" data-testid="contact-phone-change" aria-label={M.onboarding.contactPhone.title}>
      <h3>{M.onboarding.contactPhone.title}</h3>
      <ChangeStatus change={view.contactPhone} testId="contact-phone-status" />
      <p className="muted small">{M.onboarding.contactPhone.current(unit.handler.phone)}</p>
      {hint && <p className="muted small">{hint}</p>}
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void change();
        }}
      >
        <TextField name="newPhone" label={M.onboarding.contactPhone.newPhone} required mono value={phone} onChange={setPhone} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={phone.trim() === ''}>
            {M.onboarding.contactPhone.submit}
          </button>
        </div>
      </form>
    </section>
  );
}

function AccountFacts({ view }: { view: OnboardingView }) {
  const rows: [string, string | undefined, string][] = [
    [M.onboarding.account.insuranceCode, view.account.insuranceCode, 'account-insurance-code'],
    [M.onboarding.account.medicalInsuranceCode, view.account.medicalInsuranceCode, 'account-medical-code'],
    [M.onboarding.account.district, view.account.district, 'account-district'],
    [M.onboarding.account.loginPhone, view.account.loginPhone, 'account-login-phone'],
  ];
  return (
    <dl className="onboarding-account" aria-label={M.onboarding.account.title}>
      {rows.map(([label, value, testId]) => (
        <div key={testId}>
          <dt className="muted small">{label}</dt>
          <dd className="mono" data-testid={testId}>
            {value ?? M.onboarding.account.none}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function UnitOnboarding({ unit }: { unit: UnitProfile }) {
  const schemes = useApp((s) => s.schemes);
  const syncStatus = useApp((s) => s.sync.status);
  const rememberUnit = useApp((s) => s.rememberUnit);
  const [schemeId, setSchemeId] = useState<string>('');
  const [view, setView] = useState<OnboardingView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const chosen = schemeId || schemes[0]?.id || '';

  // The association the unit last enrolled with is the one it most likely deals with.
  useEffect(() => {
    let live = true;
    void attempt(() => api()['batches.list']({ unitId: unit.id }), () => {}).then((batches) => {
      const latest = [...(batches ?? [])].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
      if (live && latest) setSchemeId((current) => current || latest.schemeId);
    });
    return () => {
      live = false;
    };
  }, [unit.id]);

  const load = useCallback(async () => {
    if (!chosen) return;
    try {
      setView(await api()['onboarding.get']({ unitId: unit.id, schemeId: chosen }));
      setProblem(null);
    } catch (e) {
      setProblem(toApiFailure(e, M.errors.generic).message);
    }
  }, [unit.id, chosen]);

  useEffect(() => {
    void load();
  }, [load, syncStatus]);

  // What the association reported (a code issued, a handler changed) is on the unit now: the unit list shows it too.
  useEffect(() => {
    if (!view) return;
    const changed = view.account.insuranceCode !== unit.insuranceCode || view.account.handler.phone !== unit.handler.phone || view.account.handler.name !== unit.handler.name;
    if (changed) void attempt(() => api()['units.get']({ unitId: unit.id })).then((fresh) => fresh && rememberUnit(fresh));
  }, [view, unit, rememberUnit]);

  const steps = view?.steps ?? {};
  const hasSteps = Object.keys(steps).length > 0;

  return (
    <section className="panel onboarding" aria-label={M.onboarding.title} data-testid="unit-onboarding">
      <div className="toolbar">
        <h2>{M.onboarding.title}</h2>
        <label className="inline-field">
          <span className="muted small">{M.onboarding.association}</span>
          <select className="input" value={chosen} onChange={(e) => setSchemeId(e.target.value)} data-testid="onboarding-scheme">
            {schemes.map((s) => (
              <option key={s.id} value={s.id}>
                {M.onboarding.schemeOption(s.associationName, s.yearLabel)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {problem && <Callout tone="error">{problem}</Callout>}
      {!view && !problem && <p className="muted">{M.onboarding.loading}</p>}
      {view && view.schemeId === chosen && (
        <div className="onboarding-steps" key={`${unit.id}:${chosen}`}>
          <AccountFacts view={view} />
          {!hasSteps && <p className="muted">{M.onboarding.noSteps}</p>}
          {steps.insuranceCodeApplication && <InsuranceCodeApplication view={view} spec={steps.insuranceCodeApplication} unitName={unit.name} onChanged={setView} />}
          {steps.unitProfileCompletion && <UnitProfileCompletion view={view} spec={steps.unitProfileCompletion} unit={unit} onChanged={setView} />}
          {steps.handlerDetails && <HandlerDetails view={view} spec={steps.handlerDetails} unit={unit} onChanged={setView} />}
          {steps.contactPhoneChange && <ContactPhoneChange view={view} hint={steps.contactPhoneChange.hint} unit={unit} onChanged={setView} />}
        </div>
      )}
    </section>
  );
}
