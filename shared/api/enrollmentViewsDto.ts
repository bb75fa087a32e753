/**
 * What the enrollment views return: a policy's supplementary enrollments (补充进度查询,
 * Shenzhen), a person's enrollments across years (个人保单查询, Shenzhen), and the unit's
 * claim records (理赔记录, Wuxi) fetched from the association.
 */
import type { IsoDate, Period } from '../domain/dates';
import type { Fen } from '../domain/money';
import type { EnrollmentType } from '../domain/scheme';
import type { ClaimStatus } from '../wire/claims';
import type { ApiError, BatchRef, BatchSummary } from './dto';

/** 补充进度查询: a policy's supplementary enrollments (保全), newest first, and whether another may be started now. */
export interface SupplementsView {
  policyBatchId: string;
  /** Why no supplement can be started now (not in force, or the scheme offers none); absent when one can. */
  cannotStart?: string;
  /** The policy's cover, which bounds each new hire's effective date. */
  policyCover: Period | null;
  supplements: (BatchSummary & { requestedStart?: IsoDate })[];
}

/** One enrollment of a person (个人保单查询): which unit, batch, plans, period and state. */
export interface PersonEnrollment {
  personId: string;
  unitId: string;
  unitName: string;
  batch: BatchRef;
  schemeId: string;
  enrollmentType: EnrollmentType;
  enrollmentTypeLabel: string;
  coverageYear: Period;
  /** The person's own cover: the batch's, from the person's own effective date on a 保全; null until known. */
  cover: Period | null;
  planText: string;
  premiumFen: Fen | null;
  /** Why the association refused this person (审核不通过), if it did. */
  rejection?: string;
}

export interface PersonHistory {
  /** Null for a person entered without a document number. */
  documentNumber: string | null;
  name: string | null;
  /** Newest coverage year first. */
  enrollments: PersonEnrollment[];
}

export interface PersonHistoryView {
  persons: PersonHistory[];
  /** More persons matched than are listed: the clerk should narrow the search. */
  truncated: boolean;
}

/** A claim record (理赔记录) as the association reported it. */
export interface ClaimRecordView {
  claimId: string;
  claimNumber: string;
  personName: string;
  documentNumber: string;
  planCode?: string;
  planName: string;
  /** 出险 / 确诊日期. */
  eventDate: string;
  /** 申报日期. */
  reportedOn: string;
  claimedFen: Fen;
  paidFen: Fen;
  status: ClaimStatus;
  statusLabel: string;
  paidOn?: string;
  remark?: string;
}

export interface ClaimsView {
  unitId: string;
  /** server: fetched just now; cache: the last list fetched on this machine; none: nothing to show. */
  source: 'server' | 'cache' | 'none';
  /** When the list shown was fetched from the association. */
  fetchedAt: string | null;
  /** Why the association could not be asked now (offline, login required …), when it could not. */
  unavailable?: ApiError;
  total: number;
  offset: number;
  claims: ClaimRecordView[];
  /** The filter's choices, from the whole list. */
  plans: string[];
  years: number[];
}
