/**
 * The worksheets of an xlsx held in memory, read straight from the package: the small parts
 * a roster's cells depend on (workbook, relationships, shared strings, styles) are inflated
 * whole; each sheet is inflated in chunks on zlib's thread while its rows are parsed here,
 * a chunk of rows per step.
 *
 * exceljs's streaming reader did this job before. Reading a 100,000-row roster it built a
 * Row and Cell objects for every cell and ran a general XML parser over 30 MB of markup,
 * which took as long as the import's checks and storing together. The sheet scanner
 * (sheetXmlRows.ts) turns cells straight into the text cellText.ts describes.
 *
 * A part that cannot be located, inflated or parsed makes the read fail as 'corrupt'.
 */
import { inflateRawSync, createInflateRaw } from 'node:zlib';
import { corruptError, isRosterFileError, type RosterFileError } from './errors';
import type { SheetRow, SheetSource } from './sheetSource';
import { SheetXmlRows, type SheetCellContext } from './sheetXmlRows';
import { parseCellFormats, parseSharedStrings, parseWorkbook } from './workbookParts';
import { entryData, type ZipEntry } from './zipArchive';

const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const WORKBOOK = 'xl/workbook.xml';
const SHARED_STRINGS = 'xl/sharedStrings.xml';
const STYLES = 'xl/styles.xml';
const WORKSHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

const CHUNK = 64 * 1024;
const STORED = 0;
const DEFLATED = 8;

interface Part {
  /** The part's name in lower case (part names are case-insensitive). */
  name: string;
  method: number;
  data: Buffer;
}

function partNamed(entries: readonly ZipEntry[], name: string): ZipEntry | undefined {
  return entries.find((e) => e.name === name) ?? entries.find((e) => e.name.toLowerCase() === name.toLowerCase());
}

function part(bytes: Buffer, entry: ZipEntry, name: string): Part {
  const found = entryData(bytes, entry);
  if (!found || (found.method !== STORED && found.method !== DEFLATED)) throw corruptError();
  return { name, ...found };
}

function optionalPart(bytes: Buffer, entries: readonly ZipEntry[], name: string): Part | null {
  const entry = partNamed(entries, name);
  return entry ? part(bytes, entry, name) : null;
}

/** The worksheet parts in the order of their part numbers (the order Excel creates them). */
function sheetParts(bytes: Buffer, entries: readonly ZipEntry[]): Part[] {
  return entries
    .map((entry) => ({ entry, number: Number(WORKSHEET.exec(entry.name.toLowerCase())?.[1] ?? NaN) }))
    .filter((s) => Number.isInteger(s.number))
    .sort((a, b) => a.number - b.number)
    .map(({ entry, number }) => part(bytes, entry, `xl/worksheets/sheet${number}.xml`));
}

function wholeText(p: Part | null): string | null {
  if (!p) return null;
  try {
    return (p.method === STORED ? p.data : inflateRawSync(p.data)).toString('utf8');
  } catch (error) {
    throw corruptError(error);
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A part's bytes a chunk at a time; a deflated part is inflated off the main thread as it is read. */
async function* partChunks(p: Part): AsyncGenerator<Buffer> {
  if (p.method === STORED) {
    for (let at = 0; at < p.data.length; at += CHUNK) {
      // Each chunk a step of the event loop, as when inflating, so a cancel is seen between chunks.
      await yieldToEventLoop();
      yield p.data.subarray(at, at + CHUNK);
    }
    return;
  }
  const inflater = createInflateRaw({ chunkSize: CHUNK });
  inflater.end(p.data);
  try {
    for await (const chunk of inflater) yield chunk as Buffer;
  } finally {
    inflater.destroy();
  }
}

function asRosterFileError(error: unknown): RosterFileError {
  return isRosterFileError(error) ? error : corruptError(error);
}

async function* sheetRows(p: Part, context: SheetCellContext): AsyncGenerator<SheetRow[]> {
  const parser = new SheetXmlRows(context);
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of partChunks(p)) {
      parser.feed(decoder.decode(chunk, { stream: true }));
      yield parser.take();
    }
    parser.feed(decoder.decode());
  } catch (error) {
    throw asRosterFileError(error);
  }
  const last = parser.take();
  // A sheet whose markup breaks off is damaged, never a shorter roster.
  if (!parser.complete()) throw corruptError();
  if (last.length > 0) yield last;
}

/**
 * The workbook's sheets, in the order of their part numbers. Whatever goes wrong reading
 * them comes out as RosterFileError 'corrupt'.
 */
export async function* xlsxSheets(bytes: Buffer, entries: readonly ZipEntry[]): AsyncGenerator<SheetSource> {
  let context: SheetCellContext;
  let sheets: Part[];
  let names: Map<string, string>;
  try {
    sheets = sheetParts(bytes, entries);
    const workbook = parseWorkbook(wholeText(optionalPart(bytes, entries, WORKBOOK)), wholeText(optionalPart(bytes, entries, WORKBOOK_RELS)));
    const strings = wholeText(optionalPart(bytes, entries, SHARED_STRINGS));
    const styles = wholeText(optionalPart(bytes, entries, STYLES));
    context = {
      sharedStrings: strings === null ? [] : parseSharedStrings(strings),
      styleFormats: styles === null ? [] : parseCellFormats(styles),
      date1904: workbook.date1904,
    };
    names = workbook.sheetNames;
  } catch (error) {
    throw asRosterFileError(error);
  }
  for (const sheet of sheets) {
    const number = WORKSHEET.exec(sheet.name)?.[1] ?? '';
    yield { name: names.get(sheet.name) ?? `Sheet${number}`, rows: sheetRows(sheet, context) };
  }
}
