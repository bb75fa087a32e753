/**
 * Documents (PDF, A4, Simplified Chinese): payment notices, confirmations, commitment
 * letters and the stamped roster, from plain data to PDF bytes. Texts and payment details
 * come from the scheme; the font is embedded as a HarfBuzz subset of the characters used.
 */
import type { DocumentKind } from '../../../shared/api/dto';
import { documentTitle } from '../../../shared/domain/documents';
import { generate } from './generate';
import { layoutEarlyInvoiceCommitment, layoutOverAgeCommitment } from './kinds/commitments';
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
  DocumentNumber,
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
): Promise<GeneratedPdf> {
  return generate(
    {
      kind,
      title,
      unitName: data.unit.name,
      batchNumber: data.number?.value ?? data.batch.number,
      identity: data.number ? [data.number.label, data.batch.number] : [],
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
  return run('paymentNotice', data, documentTitle(data.scheme, 'paymentNotice'), 'association', (fonts) => layoutPaymentNotice(data, fonts), options);
}

export async function generateConfirmation(data: ConfirmationData, options?: GenerateOptions): Promise<GeneratedPdf> {
  return run('confirmation', data, documentTitle(data.scheme, 'confirmation'), 'association', (fonts) => layoutConfirmation(data, fonts), options);
}

export async function generateOverAgeCommitment(data: OverAgeCommitmentData, options?: GenerateOptions): Promise<GeneratedPdf> {
  return run('overAgeCommitment', data, documentTitle(data.scheme, 'overAgeCommitment'), 'unit', (fonts) => layoutOverAgeCommitment(data, fonts), options);
}

export async function generateEarlyInvoiceCommitment(data: EarlyInvoiceCommitmentData, options?: GenerateOptions): Promise<GeneratedPdf> {
  return run('earlyInvoiceCommitment', data, documentTitle(data.scheme, 'earlyInvoiceCommitment'), 'unit', (fonts) => layoutEarlyInvoiceCommitment(data, fonts), options);
}

export async function generateStampedRoster(data: StampedRosterData, options?: GenerateOptions): Promise<GeneratedPdf> {
  return run('roster', data, documentTitle(data.scheme, 'roster'), 'unit', (fonts) => layoutStampedRoster(data, fonts), options);
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
