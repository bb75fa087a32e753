/**
 * Applying the feed's onboarding entries (shared/wire/onboardingChanges.ts): the
 * association's review of an application, and the account's profile after an approval or
 * an account change. Runs inside the page's transaction, like every other change.
 */
import type { ChangeOf } from '../../../../shared/wire';
import type { Store, UnitInput } from '../../store';
import { ASSOCIATION } from '../associationActor';
import type { SessionRecord } from '../session';

/** Local edits still on their way outrank what the association last reported. */
const HANDLER_ACTIONS = ['updateHandler', 'changeContactPhone'] as const;

export function applyOnboardingChange(store: Store, session: SessionRecord, change: ChangeOf<'onboardingReview'> | ChangeOf<'unitProfile'>): { applied: boolean } {
  if (change.kind === 'onboardingReview') {
    const app = store.onboarding.applicationById(change.clientApplicationId);
    if (!app || app.unitId !== session.localUnitId || app.kind !== change.applicationKind) return { applied: false };
    store.onboarding.recordReview(app.id, {
      state: change.state,
      reason: change.reason ?? null,
      insuranceCode: change.insuranceCode ?? null,
      serverApplicationId: change.applicationId,
      at: change.at,
    });
    return { applied: true };
  }
  const unit = store.units.get(session.localUnitId);
  if (!unit) return { applied: false };
  const { profile } = change;
  store.onboarding.saveAccountSnapshot(unit.id, profile);
  const { registration: _r, registrationError: _e, updatedAt: _u, ...input } = unit;
  const next: UnitInput = { ...input };
  if (profile.insuranceCode !== undefined) next.insuranceCode = profile.insuranceCode;
  if (profile.medicalInsuranceCode !== undefined) next.medicalInsuranceCode = profile.medicalInsuranceCode;
  if (!store.onboarding.hasUnsentAction(unit.id, HANDLER_ACTIONS)) {
    const h = profile.handler;
    next.handler = { name: h.name, phone: h.phone, ...(h.idNumber !== undefined ? { idNumber: h.idNumber } : {}), ...(h.email !== undefined ? { email: h.email } : {}) };
  }
  if (JSON.stringify(next) !== JSON.stringify(input)) store.units.save(next, ASSOCIATION);
  return { applied: true };
}
