/**
 * What each document is made from: plain data the caller (the store, the print log) has
 * already gathered. Nothing here reads a clock, a database or a file, so the same data
 * always gives the same PDF.
 */
import type { UnitProfile } from '../../../shared/api/dto';
import type { IsoTimestamp } from '../../../shared/domain/batch/timestamp';
import type { IsoDate, Period } from '../../../shared/domain/dates';
import type { PriceQuote } from '../../../shared/domain/pricing';
import type { RawRosterRow } from '../../../shared/domain/roster/fields';
import type { EnrollmentType, Gender, Scheme } from '../../../shared/domain/scheme';
import type { FontFiles } from './font/cjkFont';
import type { FontEmbedding } from './font/embedFont';
import type { FallbackFont } from './font/fontChain';

/**
 * The unit as printed: a `UnitProfile` fits. `insuranceCode` (Shanghai 参保编码) fills the
 * `{unitCode}` of the scheme's transfer remark.
 */
export type DocumentUnit = Pick<UnitProfile, 'name'> & Partial<Pick<UnitProfile, 'uscc' | 'insuranceCode'>>;

export interface DocumentBatch {
  /** The association's batch number (参保批次号 / 申请书号); the local title until it has one. */
  number: string;
  enrollmentType: EnrollmentType;
  /** The cover once known; null while the association has not set it (Qingdao). */
  cover: Period | null;
  /** The day the premium was confirmed (提交确认保费): payment deadlines count from it. */
  premiumConfirmedOn?: IsoDate;
}

/** A print: the how-manyth print of this document and when. Null for a preview. */
export interface PrintStamp {
  /** 1 for the first print. */
  count: number;
  /** With its offset; printed in China time. */
  at: IsoTimestamp;
}

/** A person on a roster, confirmation or commitment. */
export interface DocumentPerson {
  /** Matches `PriceQuote.perPerson[].personId`, for the person's plans. */
  id: string;
  name: string;
  /** The normalised document number; masked on the printout where `scheme.masking` says so. */
  documentNumber: string;
  /** 证件类型 as the roster writes it (身份证, 护照 …). */
  documentType?: string;
  gender?: Gender;
  birthDate?: IsoDate;
  /** The roster row as imported (canonical fields), for the stamped roster's columns. */
  values?: RawRosterRow;
}

/** A document's own number and the label the manual gives it (保单号, 确认书号, 申请书号 …). */
export interface DocumentNumber {
  label: string;
  value: string;
}

interface DocumentBase {
  scheme: Scheme;
  unit: DocumentUnit;
  batch: DocumentBatch;
  /** The document's own number; by default the batch number under 参保批次号. */
  number?: DocumentNumber;
  /** The date the document bears (开具 / 确认 date), fixed at its first print; also the PDF's creation date. */
  issuedOn: IsoDate;
  print: PrintStamp | null;
}

/** 缴费通知单. */
export interface PaymentNoticeData extends DocumentBase {
  quote: PriceQuote;
}

/** 参保确认书 / 电子保单 / 保单: `number` is its 保单号 or 确认书号. */
export interface ConfirmationData extends DocumentBase {
  quote: PriceQuote;
  /** Every named person, in roster order. */
  persons: readonly DocumentPerson[];
}

/** 承诺书 for over-age persons kept on the roster (Shanghai: 医保享受在职待遇). */
export interface OverAgeCommitmentData extends DocumentBase {
  /** The over-age persons the unit keeps. */
  persons: readonly DocumentPerson[];
}

/** 提前开票承诺书 (Shenzhen). */
export interface EarlyInvoiceCommitmentData extends DocumentBase {
  /** Its payable amount is the amount the unit commits to pay. */
  quote: PriceQuote;
  invoice?: {
    /** 发票抬头 (defaults to the unit's name). */
    title?: string;
    taxNumber?: string;
    email?: string;
  };
}

/** 参保花名册 for the unit to print, stamp and upload (Wuxi). */
export interface StampedRosterData extends DocumentBase {
  persons: readonly DocumentPerson[];
}

export interface GenerateOptions {
  /** Font files; default the ones shipped in `@embedpdf/fonts-sc`. */
  fontFiles?: FontFiles;
  /** Fonts for characters the bundled ones lack, tried in order (both weights); default the operating system's. */
  fallbackFonts?: readonly FallbackFont[];
  /** Default `subset`. `full` embeds the whole font (megabytes; for comparison only). */
  embedding?: FontEmbedding;
  /**
   * What to do when a character is in none of the fonts: `report` (default) prints a marked
   * box in its place and lists it in `missingCharacters`; `refuse` throws a CoreError naming them.
   */
  onMissingCharacters?: 'report' | 'refuse';
}

export interface GeneratedPdf {
  bytes: Uint8Array;
  pages: number;
  /** Characters the font lacks, each printed as a box: show them to the clerk. */
  missingCharacters: string[];
  /** A file name for saving, e.g. 缴费通知单-某单位-PRT2612.pdf. */
  fileName: string;
}
