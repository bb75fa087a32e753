/** From a document's data to its PDF: lay it out, check the print input, write it. */
import { CoreError } from '../coreError';
import { isIsoTimestamp } from '../../../shared/domain/batch/timestamp';
import { isIsoDate, type IsoDate } from '../../../shared/domain/dates';
import type { DocumentKind } from '../../../shared/api/dto';
import type { DocumentFonts } from './font/fontChain';
import { safeFileName } from './format';
import { loadFonts } from './kinds/frame';
import { ERRORS, STAMP_CHARACTERS, TITLES } from './messages';
import { writePdf, type DocumentLayout } from './render/writePdf';
import type { GenerateOptions, GeneratedPdf, PrintStamp } from './types';

export interface DocumentJob {
  kind: DocumentKind;
  /** The document's own title (from the scheme), for the metadata and file name. */
  title: string;
  unitName: string;
  batchNumber: string;
  /** Further parts of the document's identity (confirmation number …). */
  identity: readonly string[];
  schemeId: string;
  author: string;
  issuedOn: IsoDate;
  print: PrintStamp | null;
  layout: (fonts: DocumentFonts) => DocumentLayout;
}

function checkInput(job: DocumentJob): void {
  if (!isIsoDate(job.issuedOn)) throw new CoreError('DOCUMENT_BAD_DATE', ERRORS.badDate(job.issuedOn));
  const print = job.print;
  if (print === null) return;
  if (!Number.isSafeInteger(print.count) || print.count < 1 || !isIsoTimestamp(print.at)) throw new CoreError('DOCUMENT_BAD_PRINT', ERRORS.badPrint);
}

export async function generate(job: DocumentJob, options: GenerateOptions = {}): Promise<GeneratedPdf> {
  checkInput(job);
  const fonts = loadFonts(options);
  const layout = job.layout(fonts);
  const written = await writePdf(
    layout,
    {
      title: `${job.title} ${job.unitName} ${job.batchNumber}`,
      subject: TITLES[job.kind],
      author: job.author,
      date: job.issuedOn,
      identity: [job.kind, job.schemeId, job.unitName, job.batchNumber, ...job.identity].join('\u0000'),
    },
    { fonts, embedding: options.embedding ?? 'subset', alwaysEmbedded: STAMP_CHARACTERS },
  );
  if (written.missingCharacters.length > 0 && options.onMissingCharacters === 'refuse') {
    throw new CoreError('DOCUMENT_MISSING_GLYPHS', ERRORS.missingGlyphs(written.missingCharacters));
  }
  return { ...written, fileName: safeFileName([TITLES[job.kind], job.unitName, job.batchNumber]) };
}
