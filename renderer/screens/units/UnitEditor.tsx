/** A unit's profile, added or edited locally; registration with the association goes through sync. */
import { useEffect, useRef, useState } from 'react';
import type { UnitProfile } from '../../../shared/api/dto';
import { toApiFailure } from '../../api/apiFailure';
import { api } from '../../api/session';
import { Callout } from '../../components/Callout';
import { M } from '../../i18n/messages';
import { attempt, useApp } from '../../state/appStore';
import { EMPTY_UNIT_FORM, formFromUnit, UNIT_FIELD_PATHS, unitInputFromForm, type UnitFormValues } from './unitForm';

const FIELDS: readonly { key: keyof UnitFormValues; required?: boolean; mono?: boolean }[] = [
  { key: 'name', required: true },
  { key: 'uscc', mono: true },
  { key: 'insuranceCode', mono: true },
  { key: 'socialSecurityCodes', mono: true },
  { key: 'medicalInsuranceCode', mono: true },
  { key: 'handlerName', required: true },
  { key: 'handlerPhone', required: true, mono: true },
  { key: 'handlerIdNumber', mono: true },
  { key: 'handlerEmail' },
  { key: 'inService', mono: true },
  { key: 'femaleInService', mono: true },
  { key: 'address' },
];

export function UnitEditor({ unit, onClose, onSaved }: { unit: UnitProfile | null; onClose(): void; onSaved(unit: UnitProfile): void }) {
  const [values, setValues] = useState<UnitFormValues>(unit ? formFromUnit(unit) : EMPTY_UNIT_FORM);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const rememberUnit = useApp((s) => s.rememberUnit);
  const notify = useApp((s) => s.notify);
  // The unit may change under the open form (the association issued a code, a handler change came back):
  // an untouched form follows it, so saving it later cannot write the old values back.
  const shown = useRef(values);
  useEffect(() => {
    if (!unit) return;
    const fresh = formFromUnit(unit);
    setValues((current) => (JSON.stringify(current) === JSON.stringify(shown.current) ? fresh : current));
    shown.current = fresh;
  }, [unit?.updatedAt]); // eslint-disable-line react-hooks/exhaustive-deps

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const saved = await api()['units.save']({ unit: unitInputFromForm(values, unit) });
      rememberUnit(saved);
      notify('success', M.units.saved(saved.name));
      onSaved(saved);
    } catch (e) {
      const f = toApiFailure(e, M.errors.generic);
      setError({ message: f.message, ...(f.field ? { field: f.field } : {}) });
    } finally {
      setBusy(false);
    }
  };

  const register = async () => {
    if (!unit) return;
    const receipt = await attempt(() => api()['units.register']({ unitId: unit.id }));
    if (receipt) {
      notify('success', M.units.registrationQueued);
      const fresh = await attempt(() => api()['units.get']({ unitId: unit.id }));
      if (fresh) rememberUnit(fresh);
    }
  };

  return (
    <section className="panel side" aria-label={unit ? M.units.editTitle : M.units.addTitle}>
      <div className="toolbar">
        <h2>{unit ? M.units.editTitle : M.units.addTitle}</h2>
        <span className="spacer" />
        <button type="button" className="button small" onClick={onClose}>
          {M.common.close}
        </button>
      </div>
      <form
        className="form"
        data-testid="unit-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {FIELDS.map(({ key, required, mono }) => {
          const invalid = error?.field !== undefined && error.field.startsWith(UNIT_FIELD_PATHS[key]);
          return (
            <label key={key} className={invalid ? 'field invalid' : 'field'}>
              <span>
                {M.units.fields[key]}
                {required && <em className="required">*</em>}
              </span>
              <input
                className={mono ? 'input mono' : 'input'}
                name={key}
                value={values[key]}
                placeholder={M.units.placeholders[key]}
                onChange={(e) => setValues({ ...values, [key]: e.target.value })}
              />
            </label>
          );
        })}
        {error && <Callout tone="error">{error.message}</Callout>}
        {unit?.registrationError && <Callout tone="error">{M.units.registrationRefused(unit.registrationError.message)}</Callout>}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {M.common.save}
          </button>
          {unit && unit.registration !== 'registered' && unit.registration !== 'pending' && (
            <button type="button" className="button" onClick={() => void register()}>
              {M.units.register}
            </button>
          )}
          {unit && <span className="muted small">{M.units.registration[unit.registration]}</span>}
        </div>
      </form>
    </section>
  );
}
