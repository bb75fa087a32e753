/**
 * Pricing input and result. Every amount is integer fen; every line says in Chinese how
 * it was computed.
 */
import type { IsoDate, Period } from '../dates';
import type { PersonFacts, PlanChoice, Refusal, SelectionViolation } from '../eligibility';
import type { Fen } from '../money';
import type { EnrollmentType } from '../scheme';

export interface PricedPerson {
  id: string;
  /** The person's own plans (per-person schemes, or an override). Absent: the batch selection. */
  selection?: readonly PlanChoice[];
  /** When given and the selection comes from the batch, only the plans the person is eligible for are priced. */
  facts?: PersonFacts;
  /** The person's own first day of cover (保全生效日期), to the batch's end; absent: the batch's cover. */
  coverStart?: IsoDate;
}

/** 无名单: persons entered as a count only (Qingdao 补缴及新业态无名单人员). */
export interface HeadCountLine {
  planCode: string;
  shares: number;
  headCount: number;
  newEmploymentForm?: boolean;
}

/** A subsidy or gift (补贴 / 赠险) the association granted this batch. */
export interface SubsidyGrant {
  /** A code from `scheme.subsidies.kinds`. */
  kind: string;
  name?: string;
  /** Omitted: the whole batch. */
  planCode?: string;
  /** Per person on the plan (or in the batch); exactly one of perPersonFen and amountFen. */
  perPersonFen?: Fen;
  amountFen?: Fen;
}

/** Part of the payable amount assigned to a fee source (会费来源), e.g. 工会经费 10 元 per person. */
export interface FeeSplit {
  /** A code from `scheme.feeSources`. */
  source: string;
  planCode?: string;
  perPersonFen?: Fen;
  amountFen?: Fen;
}

export interface PricingInput {
  enrollmentType: EnrollmentType;
  /** The day the batch is submitted (or was); pro-rata cover and age limits are counted from it. */
  submissionDate: IsoDate;
  /** The cover when already known (set by the association); otherwise resolved from the scheme. */
  cover?: Period;
  /** The effective date the clerk asked for (Shenzhen 保单生效日期 / 保全生效日期). */
  requestedStart?: IsoDate;
  /** The policy in force a supplementary enrollment joins. */
  policyPeriod?: Period;
  /** The unit's choice for the batch (batch-scope schemes). */
  selection?: readonly PlanChoice[];
  persons: readonly PricedPerson[];
  headCountLines?: readonly HeadCountLine[];
  grants?: readonly SubsidyGrant[];
  feeSplits?: readonly FeeSplit[];
  /** The fee source taking what the splits leave; default `scheme.defaultFeeSource`. */
  remainderFeeSource?: string;
}

/** How the annual price was scaled for the cover. */
export type ProRata =
  | { kind: 'full' }
  | { kind: 'half'; maxMonths: number }
  | { kind: 'monthly'; months: number };

export interface PriceLine {
  /** Stable within a quote, e.g. combo:A0B0C0|1|18000. */
  key: string;
  kind: 'combo' | 'plan';
  /** The combo's code for combos. */
  code: string;
  planCodes: string[];
  /** "A0+B0+C0", "A3", "女工特病2025版(标准版)(会费25元)". */
  label: string;
  shares: number;
  persons: number;
  /** Persons entered as a count only (no names). */
  headCountOnly: boolean;
  /** Per person, for a full year at list prices (a combo: the sum of its plans). */
  listUnitFen: Fen;
  /** Per person, as charged. */
  unitFen: Fen;
  amountFen: Fen;
  proRata: ProRata;
  explanation: string;
  personIds: string[];
}

export interface PlanTotal {
  planCode: string;
  label: string;
  persons: number;
  /** This plan's part of the total (combo amounts apportioned by list price). */
  amountFen: Fen;
  subsidyFen: Fen;
  payableFen: Fen;
}

export interface SubsidyLine {
  origin: 'scheme' | 'grant';
  kind: string;
  kindName: string;
  name: string;
  planCode?: string;
  amountFen: Fen;
  explanation: string;
}

export interface FeeSourcePart {
  planCode?: string;
  amountFen: Fen;
  explanation: string;
}

export interface FeeSourceLine {
  source: string;
  name: string;
  amountFen: Fen;
  parts: FeeSourcePart[];
}

export interface PersonPriceItem {
  kind: 'combo' | 'plan';
  code: string;
  planCodes: string[];
  shares: number;
  amountFen: Fen;
}

export interface PersonPrice {
  personId: string;
  items: PersonPriceItem[];
  totalFen: Fen;
  /** Batch plans this person was not eligible for. */
  dropped: { planCode: string; refusals: Refusal[] }[];
  /** Rules the person's resulting set of plans breaks. */
  violations: SelectionViolation[];
}

export interface PriceQuote {
  schemeId: string;
  enrollmentType: EnrollmentType;
  /** Null while the association has not set the start and the price does not depend on it. */
  cover: Period | null;
  proRata: ProRata;
  lines: PriceLine[];
  planTotals: PlanTotal[];
  /** Before subsidies. */
  totalFen: Fen;
  subsidies: SubsidyLine[];
  subsidyTotalFen: Fen;
  /** What the unit pays: total less subsidies. */
  payableFen: Fen;
  feeSources: FeeSourceLine[];
  /** Payable not yet assigned to a fee source (Qingdao 剩余开票金额). */
  unassignedFen: Fen;
  perPerson: PersonPrice[];
  /** Persons for whom no plan is priced. */
  unpricedPersonIds: string[];
  /** "合计 4780 元" and the pro-rata rule applied, for the notice. */
  summary: string;
}
