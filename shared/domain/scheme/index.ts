/**
 * Schemes: an association's rules for one coverage year, as data.
 *
 * Main types: `Scheme` (a loaded scheme), `Plan`, `PlanFamily`, `SelectionRule`,
 * `UnitRule`, `EnrollmentTypeRule`, `RosterSpec`/`RosterColumn`, `PaymentDetails`.
 * Load with `loadScheme(json)`, which throws `SchemeError` naming each failing field.
 */
export type { Scheme, SchemeInput, Association, Contact } from './schemeSchema';
export { schemeSchema, SCHEME_FORMAT_VERSION } from './schemeSchema';
export type {
  Plan,
  PlanFamily,
  PlanEligibility,
  AgeLimit,
  AgeLimitKind,
  AgeReferenceDate,
  OverAgeException,
  WaitingPeriod,
} from './planSchema';
export type { SelectionRule, SelectionRuleKind, ComboRule, PlanSelector, UnitRule, UnitRuleKind, HeadCountKey } from './ruleSchema';
export { HEAD_COUNT_KEYS, HEAD_COUNT_LABELS } from './ruleSchema';
export type { EnrollmentTypeRule, PricingMode, CoverStartKind, CoverEndKind, RenewalReminder } from './coverageSchema';
export { COVER_START_KINDS, COVER_END_KINDS } from './coverageSchema';
export type { RosterSpec, RosterColumn, RequiredWhen, TemplateLayout, ColumnRule } from './rosterSchema';
export type { PaymentDetails, PaymentDeadline, MonthlyPaymentWindow, FeeSource, SubsidyKind, SubsidyRule, Subsidies } from './paymentSchema';
export type { DocumentTexts, DocumentText, MaskingPolicy, MaskRule, PrintRule } from './documentSchema';
export * from './onboardingSchema';
export {
  ENROLLMENT_TYPES,
  ENROLLMENT_TYPE_LABELS,
  GENDERS,
  GENDER_LABELS,
  PLAN_LAYERS,
  PLAN_LAYER_LABELS,
  type EnrollmentType,
  type Gender,
  type PlanLayer,
  type Severity,
} from './primitives';
export { loadScheme, validateScheme, type SchemeValidation } from './loadScheme';
export { SchemeError, formatIssue, formatPath, type SchemeIssue } from './errors';
export {
  findPlan,
  getPlan,
  findFamily,
  findEnrollmentType,
  combosOf,
  matchesSelector,
  plansMatching,
  planLabel,
  planLabels,
  listCodes,
} from './lookup';
export {
  resolveCover,
  checkSubmissionDate,
  windowFinding,
  type WindowFinding,
  earliestSubmissionDate,
  enrollmentTypeRule,
  coverWithinMonths,
  waitingPeriodFor,
  waitingPeriodSpan,
  type CoverRequest,
  type CoverResolution,
  type CoverageProblem,
  type CoverageProblemCode,
  type WaitingPeriodSpan,
} from './coverage';
export { monthlyWindowEnd, paymentDueDate, paymentDueOn, paymentRemark, type RemarkValues } from './payment';
export { maskValue, maskDocumentNumber, maskBankCard } from './masking';
export { templateHeaderRowIndex, columnForHeader, columnNames, closestHeader, headerSimilarity, normaliseHeader, withColumnMapping, COMMON_HEADER_SYNONYMS, type ColumnMapping } from './roster';
