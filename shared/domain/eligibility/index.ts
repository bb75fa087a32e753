/**
 * Eligibility: which plans a person may take (and why not), whether a choice of plans
 * obeys the scheme's selection rules, and the unit-level rules.
 */
export type {
  PersonFacts,
  SocialSecurityStatus,
  EligibilityContext,
  Refusal,
  RefusalCode,
  PlanVerdict,
  PlanChoice,
  SelectionViolation,
  SelectionViolationCode,
} from './types';
export { assessPlan, birthDateKey, eligiblePlans, type EligibilityResult } from './planEligibility';
export {
  checkSelection,
  selectionIsValid,
  selectionForPerson,
  describeSelector,
  type SelectionContext,
  type PersonSelection,
} from './selection';
export {
  checkUnitRules,
  hasUnitRule,
  socialSecurityGroups,
  type UnitFacts,
  type UnitFinding,
  type SocialSecurityGroup,
} from './unitRules';
