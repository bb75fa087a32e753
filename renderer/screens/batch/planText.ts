/** Who may take a plan, in the catalogue's words, from the scheme's eligibility data. */
import { GENDER_LABELS, type Plan, type Scheme } from '../../../shared/domain/scheme';
import { ENROLLMENT_TYPE_LABELS } from '../../../shared/domain/batch';
import { M } from '../../i18n/messages';

export function eligibilityText(plan: Plan): string[] {
  const e = plan.eligibility;
  const out: string[] = [];
  if (e.socialSecurity === 'required') out.push(M.plans.socialSecurityRequired);
  if (e.socialSecurity === 'excluded') out.push(M.plans.socialSecurityExcluded);
  if (e.genders) out.push(M.plans.gendersOnly(e.genders.map((g) => GENDER_LABELS[g]).join(M.common.listSeparator)));
  if (e.ageLimit) {
    const limit = e.ageLimit.limit;
    out.push(limit.kind === 'fixedAges' ? M.plans.ageFixed(limit.male, limit.female) : M.plans.ageStatutory);
    if (e.ageLimit.overAgeException?.requireMedicalInService) out.push(M.plans.overAgeException);
  }
  if (e.newEmploymentForm === 'only') out.push(M.plans.newEmploymentOnly);
  if (e.newEmploymentForm === 'excluded') out.push(M.plans.newEmploymentExcluded);
  if (e.enrollmentTypes) out.push(M.plans.enrollmentTypesOnly(e.enrollmentTypes.map((t) => ENROLLMENT_TYPE_LABELS[t]).join(M.common.listSeparator)));
  return out;
}

/** The rule texts the scheme shows beside the choice of plans. */
export function selectionRuleTexts(scheme: Scheme): string[] {
  return scheme.selectionRules.map((r) => r.description).filter((d): d is string => d !== undefined);
}
