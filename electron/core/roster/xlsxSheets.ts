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
 * A part that cannot be located, inflated or parsed, or whose data is not what the zip's
 * directory declares (size, CRC-32), makes the read fail as 'corrupt'; one that inflates
 * past its cap (rosterLimits.ts) as 'tooLarge', found while inflating, whatever the
 * directory claims.
 */
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import { corruptError, isRosterFileError, tooLargeError, type RosterFileError } from './errors';
import { MAX_INFLATED_BYTES, MAX_SHARED_STRINGS_BYTES, MAX_SHEET_BYTES, MAX_SHEETS, MAX_SMALL_PART_BYTES, mebibytes } from './rosterLimits';
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
  /** What the clerk is told the part is, when it is refused. */
  label: string;
  /** Its inflated bytes may not exceed this (rosterLimits.ts). */
  cap: number;
  method: number;
  data: Buffer;
  /** Inflated size and CRC-32 as the zip's directory declares them. */
  size: number;
  crc: number;
}

/** The inflated bytes of one file's parts together, against MAX_INFLATED_BYTES. */
class InflateBudget {
  private used = 0;

  take(bytes: number): void {
    this.used += bytes;
    if (this.used > MAX_INFLATED_BYTES) throw tooLargeError(`文件解压后总计超过 ${mebibytes(MAX_INFLATED_BYTES)} MB`);
  }
}

function partTooLarge(p: Part): RosterFileError {
  return tooLargeError(`${p.label}解压后超过 ${mebibytes(p.cap)} MB`);
}

function partNamed(entries: readonly ZipEntry[], name: string): ZipEntry | undefined {
  return entries.find((e) => e.name === name) ?? entries.find((e) => e.name.toLowerCase() === name.toLowerCase());
}

function part(bytes: Buffer, entry: ZipEntry, name: string, label: string, cap: number): Part {
  const found = entryData(bytes, entry);
  if (!found || (found.method !== STORED && found.method !== DEFLATED)) throw corruptError();
  const p = { name, label, cap, ...found, size: entry.size, crc: entry.crc };
  // A directory that owns up to a size beyond the cap is refused before inflating anything.
  if (entry.size < 0 || entry.size > cap) throw partTooLarge(p);
  return p;
}

function optionalPart(bytes: Buffer, entries: readonly ZipEntry[], name: string, label: string, cap: number): Part | null {
  const entry = partNamed(entries, name);
  return entry ? part(bytes, entry, name, `${label}（${name}）`, cap) : null;
}

/** The worksheet parts in the order of their part numbers (the order Excel creates them). */
function sheetParts(bytes: Buffer, entries: readonly ZipEntry[]): Part[] {
  const sheets = entries
    .map((entry) => ({ entry, number: Number(WORKSHEET.exec(entry.name.toLowerCase())?.[1] ?? NaN) }))
    .filter((s) => Number.isInteger(s.number));
  if (sheets.length > MAX_SHEETS) throw tooLargeError(`工作簿有 ${sheets.length} 个工作表，超过 ${MAX_SHEETS} 个`);
  return sheets
    .sort((a, b) => a.number - b.number)
    .map(({ entry, number }) => {
      const name = `xl/worksheets/sheet${number}.xml`;
      return part(bytes, entry, name, `工作表（${name}）`, MAX_SHEET_BYTES);
    });
}

/** The data does not match what the directory declares: damaged, or not what it says it is. */
function checkDeclared(p: Part, size: number, crc: number): void {
  if (size !== p.size || crc !== p.crc) throw corruptError();
}

/** A small part inflated whole, never past its cap (zlib stops there). */
function wholeText(p: Part | null, budget: InflateBudget): string | null {
  if (!p) return null;
  let data: Buffer;
  try {
    data = p.method === STORED ? p.data : inflateRawSync(p.data, { maxOutputLength: p.cap });
  } catch (error) {
    throw (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? partTooLarge(p) : corruptError(error);
  }
  if (data.length > p.cap) throw partTooLarge(p);
  budget.take(data.length);
  checkDeclared(p, data.length, crc32(data));
  return data.toString('utf8');
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The part's stored bytes, or its bytes inflated off the main thread as they are read. */
async function* rawChunks(p: Part): AsyncGenerator<Buffer> {
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

/**
 * A part's bytes a chunk at a time, refused as soon as they pass its cap or the file's
 * budget (the inflater stops there); checked against the directory's size and CRC at the end.
 */
async function* partChunks(p: Part, budget: InflateBudget): AsyncGenerator<Buffer> {
  let size = 0;
  let crc = 0;
  for await (const chunk of rawChunks(p)) {
    size += chunk.length;
    if (size > p.cap) throw partTooLarge(p);
    budget.take(chunk.length);
    crc = crc32(chunk, crc);
    yield chunk;
  }
  checkDeclared(p, size, crc);
}

function asRosterFileError(error: unknown): RosterFileError {
  return isRosterFileError(error) ? error : corruptError(error);
}

async function* sheetRows(p: Part, context: SheetCellContext, budget: InflateBudget): AsyncGenerator<SheetRow[]> {
  const parser = new SheetXmlRows(context);
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of partChunks(p, budget)) {
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
 * them comes out as a RosterFileError: 'corrupt', or the limit the file went past.
 */
export async function* xlsxSheets(bytes: Buffer, entries: readonly ZipEntry[]): AsyncGenerator<SheetSource> {
  const budget = new InflateBudget();
  let context: SheetCellContext;
  let sheets: Part[];
  let names: Map<string, string>;
  try {
    sheets = sheetParts(bytes, entries);
    const workbookPart = (name: string, label: string, cap = MAX_SMALL_PART_BYTES) => wholeText(optionalPart(bytes, entries, name, label, cap), budget);
    const workbook = parseWorkbook(workbookPart(WORKBOOK, '工作簿信息'), workbookPart(WORKBOOK_RELS, '工作簿关系表'));
    const strings = workbookPart(SHARED_STRINGS, '共享字符串表', MAX_SHARED_STRINGS_BYTES);
    const styles = workbookPart(STYLES, '样式表');
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
    yield { name: names.get(sheet.name) ?? `Sheet${number}`, rows: sheetRows(sheet, context, budget) };
  }
}
