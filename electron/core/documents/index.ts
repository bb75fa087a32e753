/**
 * Documents (PDF, A4, Simplified Chinese): payment notices, confirmations, commitment
 * letters and the stamped roster, from plain data to PDF bytes. Texts and payment details
 * come from the scheme; the font is embedded as a HarfBuzz subset of the characters used.
 */
import type { DocumentKind } from '../../../shared/api/dto';
import type { Scheme } from '../../../shared/domain/scheme';
import { generate } from './generate';
import { TITLES } from './messages';
import { commitmentText, layoutEarlyInvoiceCommitment, layoutOverAgeCommitment } from './kinds/commitments';
import { layoutConfirmation } from './kinds/confirmation';
import { layoutPaymentNotice } from './kinds/paymentNotice';
import { layoutStampedRoster } from './kinds/stampedRoster';
import type {
  ConfirmationData,
  EarlyInvoiceCommitmentData,
  GenerateOptions,
  GeneratedPdf,
  OverAgeCommitmentData,
  PaymentNoticeData,
  StampedRosterData,
} from './types';

export type {
  ConfirmationData,
  DocumentBatch,
  DocumentPerson,
  DocumentUnit,
  EarlyInvoiceCommitmentData,
  GenerateOptions,
  GeneratedPdf,
  OverAgeCommitmentData,
  PaymentNoticeData,
  PrintStamp,
  StampedRosterData,
} from './types';
export type { FontEmbedding } from './font/embedFont';
export { bundledFontFiles, type FontFiles, type FontWeight } from './font/cjkFont';

type DocumentData = PaymentNoticeData | ConfirmationData | OverAgeCommitmentData | EarlyInvoiceCommitmentData | StampedRosterData;

/** What every kind shares; commitments and rosters are the unit's own papers, the rest the association's. */
function run(
  kind: DocumentKind,
  data: DocumentData,
  title: string,
  by: 'association' | 'unit',
  layout: Parameters<typeof generate>[0]['layout'],
  options: GenerateOptions | undefined,
  identity: string[] = [],
): Promise<GeneratedPdf> {
  return generate(
    {
      kind,
      title,
      unitName: data.unit.name,
      batchNumber: data.batch.number,
      identity,
      schemeId: data.scheme.id,
      author: by === 'association' ? data.scheme.association.name : data.unit.name,
      issuedOn: data.issuedOn,
      print: data.print,
      layout,
    },
    options,
  );
}

export async function generatePaymentNotice(data: PaymentNoticeData, options?: GenerateOptions): Promise<GeneratedPdf> {
  return run('paymentNotice', data, data.scheme.documents.paymentNotice.title, 'association', (fonts) => layoutPaymentNotice(data, fonts), options);
}

export async function generateConfirmation(data: ConfirmationData, options?: GenerateOptions): Promise<GeneratedPdf> {
  return run('confirmation', data, data.scheme.documents.confirmation.title, 'association', (fonts) => layoutConfirmation(data, fonts), options, [data.confirmationNumber]);
}

export async function generateOverAgeCommitment(data: OverAgeCommitmentData, options?: GenerateOptions): Promise<GeneratedPdf> {
  return run('overAgeCommitment', data, commitmentText(data.scheme, 'overAgeCommitment').title, 'unit', (fonts) => layoutOverAgeCommitment(data, fonts), options);
}

export async function generateEarlyInvoiceCommitment(data: EarlyInvoiceCommitmentData, options?: GenerateOptions): Promise<GeneratedPdf> {
  return run('earlyInvoiceCommitment', data, commitmentText(data.scheme, 'earlyInvoiceCommitment').title, 'unit', (fonts) => layoutEarlyInvoiceCommitment(data, fonts), options);
}

export async function generateStampedRoster(data: StampedRosterData, options?: GenerateOptions): Promise<GeneratedPdf> {
  return run('roster', data, data.scheme.roster.template.titleRows[0] ?? TITLES.roster, 'unit', (fonts) => layoutStampedRoster(data, fonts), options);
}

/** One document of any kind, with the data that kind needs. */
export type DocumentRequest =
  | { kind: 'paymentNotice'; data: PaymentNoticeData }
  | { kind: 'confirmation'; data: ConfirmationData }
  | { kind: 'overAgeCommitment'; data: OverAgeCommitmentData }
  | { kind: 'earlyInvoiceCommitment'; data: EarlyInvoiceCommitmentData }
  | { kind: 'roster'; data: StampedRosterData };

export async function generateDocument(request: DocumentRequest, options?: GenerateOptions): Promise<GeneratedPdf> {
  switch (request.kind) {
    case 'paymentNotice':
      return generatePaymentNotice(request.data, options);
    case 'confirmation':
      return generateConfirmation(request.data, options);
    case 'overAgeCommitment':
      return generateOverAgeCommitment(request.data, options);
    case 'earlyInvoiceCommitment':
      return generateEarlyInvoiceCommitment(request.data, options);
    case 'roster':
      return generateStampedRoster(request.data, options);
  }
}

/** Whether the scheme has the texts a kind of document needs (commitment letters are per association). */
export function documentAvailable(scheme: Scheme, kind: DocumentKind): boolean {
  switch (kind) {
    case 'overAgeCommitment':
      return scheme.documents.overAgeCommitment !== undefined;
    case 'earlyInvoiceCommitment':
      return scheme.documents.earlyInvoiceCommitment !== undefined;
    default:
      return true;
  }
}
