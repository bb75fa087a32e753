/**
 * The facts eligibility works on. Other modules (roster checks, pricing, the UI) build
 * these from a roster row and the batch.
 */
import type { IsoDate } from '../dates';
import type { EnrollmentType, Gender, Severity } from '../scheme';

/** 是否有社保: yes, no, or unknown (Shanghai's "-" in 职退情况, to be confirmed by the clerk). */
export type SocialSecurityStatus = 'yes' | 'no' | 'unknown';

export interface PersonFacts {
  /** Usually derived from the ID number; absent when unknown. */
  birthDate?: IsoDate;
  gender?: Gender;
  socialSecurity: SocialSecurityStatus;
  /** 医保享受在职待遇 ticked (Shanghai over-age exception). */
  medicalInService?: boolean;
  /** The unit has signed the over-age commitment for this person. */
  overAgeCommitment?: boolean;
  /** 新就业形态 (Qingdao). */
  newEmploymentForm?: boolean;
  /** 职退情况 退休 on the roster. */
  retired?: boolean;
  /** For women, the statutory baseline when the record says it (工人 50 / 干部 55); else the scheme's default. */
  femaleRetirementBaseline?: 'female50' | 'female55';
}

export interface EligibilityContext {
  enrollmentType: EnrollmentType;
  submissionDate: IsoDate;
  /** The first day of cover; null or absent while the association has not set it (then the submission date is used). */
  coverStart?: IsoDate | null;
}

export type RefusalCode =
  | 'planNotOffered'
  | 'genderNotAllowed'
  | 'genderUnknown'
  | 'socialSecurityRequired'
  | 'socialSecurityUnknown'
  | 'socialSecurityExcluded'
  | 'birthDateUnknown'
  | 'overAge'
  | 'overAgeNeedsMedicalInService'
  | 'overAgeNeedsCommitment'
  | 'newEmploymentFormOnly'
  | 'newEmploymentFormExcluded'
  | 'retiredNotAllowed';

/** Why a person may not take a plan: a stable code, a Chinese message and how to fix it. */
export interface Refusal {
  code: RefusalCode;
  message: string;
  hint: string;
}

export interface PlanVerdict {
  planCode: string;
  eligible: boolean;
  refusals: Refusal[];
  /** Eligible only through the over-age exception (医保享受在职待遇 + commitment): print the commitment. */
  keptOverAge: boolean;
}

/** A plan chosen with its number of shares (份数). */
export interface PlanChoice {
  planCode: string;
  shares: number;
}

export type SelectionViolationCode =
  | 'unknownPlan'
  | 'duplicatePlan'
  | 'sharesOutOfRange'
  | 'planNotOffered'
  | 'atLeastOneOf'
  | 'atMostOnePerFamily'
  | 'requires'
  | 'exclusive'
  | 'copyFromCentral';

export interface SelectionViolation {
  code: SelectionViolationCode;
  severity: Severity;
  /** Index into `scheme.selectionRules` when a rule was broken. */
  ruleIndex?: number;
  /** The plans the message names. */
  planCodes: string[];
  message: string;
  hint: string;
}
