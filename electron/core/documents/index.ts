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

export async function generatePaymentNotice(data: PaymentNoticeData, options?: GenerateOptions): Promise<GeneratedPdf> {
  return generate(
    {
      kind: 'paymentNotice',
      title: data.scheme.documents.paymentNotice.title,
      unitName: data.unit.name,
      batchNumber: data.batch.number,
      identity: [],
      schemeId: data.scheme.id,
      author: data.scheme.association.name,
      issuedOn: data.issuedOn,
      print: data.print,
      layout: (fonts) => layoutPaymentNotice(data, fonts),
    },
    options,
  );
}

export async function generateConfirmation(data: ConfirmationData, options?: GenerateOptions): Promise<GeneratedPdf> {
  return generate(
    {
      kind: 'confirmation',
      title: data.scheme.documents.confirmation.title,
      unitName: data.unit.name,
      batchNumber: data.batch.number,
      identity: [data.confirmationNumber],
      schemeId: data.scheme.id,
      author: data.scheme.association.name,
      issuedOn: data.issuedOn,
      print: data.print,
      layout: (fonts) => layoutConfirmation(data, fonts),
    },
    options,
  );
}

export async function generateOverAgeCommitment(data: OverAgeCommitmentData, options?: GenerateOptions): Promise<GeneratedPdf> {
  return generate(
    {
      kind: 'overAgeCommitment',
      title: commitmentText(data.scheme, 'overAgeCommitment').title,
      unitName: data.unit.name,
      batchNumber: data.batch.number,
      identity: [],
      schemeId: data.scheme.id,
      author: data.unit.name,
      issuedOn: data.issuedOn,
      print: data.print,
      layout: (fonts) => layoutOverAgeCommitment(data, fonts),
    },
    options,
  );
}

export async function generateEarlyInvoiceCommitment(data: EarlyInvoiceCommitmentData, options?: GenerateOptions): Promise<GeneratedPdf> {
  return generate(
    {
      kind: 'earlyInvoiceCommitment',
      title: commitmentText(data.scheme, 'earlyInvoiceCommitment').title,
      unitName: data.unit.name,
      batchNumber: data.batch.number,
      identity: [],
      schemeId: data.scheme.id,
      author: data.unit.name,
      issuedOn: data.issuedOn,
      print: data.print,
      layout: (fonts) => layoutEarlyInvoiceCommitment(data, fonts),
    },
    options,
  );
}

export async function generateStampedRoster(data: StampedRosterData, options?: GenerateOptions): Promise<GeneratedPdf> {
  return generate(
    {
      kind: 'roster',
      title: data.scheme.roster.template.titleRows[0] ?? TITLES.roster,
      unitName: data.unit.name,
      batchNumber: data.batch.number,
      identity: [],
      schemeId: data.scheme.id,
      author: data.unit.name,
      issuedOn: data.issuedOn,
      print: data.print,
      layout: (fonts) => layoutStampedRoster(data, fonts),
    },
    options,
  );
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
