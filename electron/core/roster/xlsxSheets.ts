/**
 * The worksheets of an xlsx held in memory, through exceljs's streaming reader.
 *
 * The reader is fed a repackaged stream of the parts a roster needs, in the order it needs
 * them (workbook, shared strings, styles, then the sheets), each inflated here and passed
 * on uncompressed:
 * - Excel and exceljs both write the sheets first, which makes the streaming reader copy
 *   every sheet to a temporary file and read it back; and a sheet met before the styles
 *   loses its date formats, so birth dates would arrive as serial numbers.
 * - The zip reader inside exceljs waits forever on an entry whose compressed data is
 *   damaged. Inflating here, a damaged part ends its entry early, the feed stops at an
 *   entry boundary, and the read fails as 'corrupt' instead of hanging.
 * Drawings, printer settings and the like are never inflated.
 */
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { cellText, formulaResultText, type CellTextContext } from './cellText';
import { corruptError, isRosterFileError, type RosterFileError } from './errors';
import type { SheetRow, SheetSource } from './sheetSource';
import { dataDescriptor, entryData, streamedEntryHeader, type ZipEntry } from './zipArchive';

const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const WORKBOOK = 'xl/workbook.xml';
const SHARED_STRINGS = 'xl/sharedStrings.xml';
const STYLES = 'xl/styles.xml';
const WORKSHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

// Without a shared-string part the reader would park every sheet in a temporary file.
const EMPTY_SHARED_STRINGS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);

const CHUNK = 64 * 1024;
const STORED = 0;
const DEFLATED = 8;

interface Part {
  /** The name exceljs looks for (part names are case-insensitive; exceljs's matching is not). */
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

/** The parts in reading order; throws 'corrupt' if one of them cannot be located or decoded. */
export function orderedParts(bytes: Buffer, entries: readonly ZipEntry[]): Part[] {
  const parts: Part[] = [];
  for (const name of [WORKBOOK_RELS, WORKBOOK]) {
    const entry = partNamed(entries, name);
    if (entry) parts.push(part(bytes, entry, name));
  }
  const strings = partNamed(entries, SHARED_STRINGS);
  parts.push(strings ? part(bytes, strings, SHARED_STRINGS) : { name: SHARED_STRINGS, method: STORED, data: EMPTY_SHARED_STRINGS });
  const styles = partNamed(entries, STYLES);
  if (styles) parts.push(part(bytes, styles, STYLES));
  const sheets = entries
    .map((entry) => ({ entry, number: Number(WORKSHEET.exec(entry.name.toLowerCase())?.[1] ?? NaN) }))
    .filter((s) => Number.isInteger(s.number))
    .sort((a, b) => a.number - b.number);
  for (const { entry, number } of sheets) parts.push(part(bytes, entry, `xl/worksheets/sheet${number}.xml`));
  return parts;
}

async function* partContent(p: Part): AsyncGenerator<Buffer> {
  if (p.method === STORED) {
    for (let at = 0; at < p.data.length; at += CHUNK) yield p.data.subarray(at, at + CHUNK);
    return;
  }
  const inflater = createInflateRaw({ chunkSize: CHUNK });
  inflater.end(p.data);
  for await (const chunk of inflater) yield chunk as Buffer;
}

/** The zip stream exceljs reads, and what went wrong making it. */
class PartFeed {
  failure: unknown = null;

  constructor(private readonly parts: readonly Part[]) {}

  async *chunks(): AsyncGenerator<Buffer> {
    for (const p of this.parts) {
      yield streamedEntryHeader(p.name);
      let size = 0;
      try {
        for await (const chunk of partContent(p)) {
          size += chunk.length;
          yield chunk;
        }
      } catch (error) {
        this.failure = error;
      }
      // Closing the entry even when its data broke off keeps the zip reader in step.
      yield dataDescriptor(size);
      if (this.failure !== null) return;
    }
  }

  throwIfFailed(): void {
    if (this.failure !== null) throw corruptError(this.failure);
  }
}

// The workbook's 1904 date system flag, which exceljs keeps on an untyped parsed model.
function usesDate1904(reader: object): boolean {
  const properties: unknown = Reflect.get(reader, 'properties');
  if (typeof properties !== 'object' || properties === null) return false;
  const model: unknown = Reflect.get(properties, 'model');
  return typeof model === 'object' && model !== null && Reflect.get(model, 'date1904') === true;
}

class XlsxRow implements SheetRow {
  constructor(
    private readonly row: ExcelJS.Row,
    private readonly date1904: boolean,
  ) {}

  get number(): number {
    return this.row.number;
  }

  get width(): number {
    return this.row.cellCount;
  }

  text(columnIndex: number): string {
    const cell = this.row.findCell(columnIndex + 1);
    if (!cell) return '';
    const value = cell.value;
    if (typeof value === 'string') return value;
    const context: CellTextContext = { numFmt: cell.numFmt, date1904: this.date1904 };
    if (value !== null && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
      return formulaResultText(cell.result, context);
    }
    return cellText(value, context);
  }
}

function isRowEvent(event: unknown): event is { eventType: 'row'; value: ExcelJS.Row } {
  return typeof event === 'object' && event !== null && Reflect.get(event, 'eventType') === 'row';
}

/**
 * The sheet's rows a parsed chunk at a time: the reader's parse() hands out its events in
 * batches, where iterating the sheet itself would take an asynchronous step per row.
 */
async function* sheetRows(worksheet: ExcelJS.stream.xlsx.WorksheetReader, reader: object): AsyncGenerator<SheetRow[]> {
  const date1904 = usesDate1904(reader);
  const events = worksheet.parse();
  try {
    for (;;) {
      const step = await events.next();
      if (step.done) return;
      const batch: unknown[] = Array.isArray(step.value) ? step.value : [];
      const rows: SheetRow[] = [];
      for (const event of batch) if (isRowEvent(event)) rows.push(new XlsxRow(event.value, date1904));
      yield rows;
    }
  } finally {
    await events.return?.();
  }
}

function asRosterFileError(error: unknown): RosterFileError {
  return isRosterFileError(error) ? error : corruptError(error);
}

/** Rows that end early because the feed broke off end in 'corrupt', never as a short roster. */
async function* checkedRows(rows: AsyncIterable<SheetRow[]>, feed: PartFeed): AsyncGenerator<SheetRow[]> {
  try {
    yield* rows;
  } catch (error) {
    throw asRosterFileError(error);
  }
  feed.throwIfFailed();
}

/**
 * The workbook's sheets, in the order of their part numbers (the order Excel creates
 * them). Whatever the reader throws comes out as RosterFileError 'corrupt'.
 */
export async function* xlsxSheets(bytes: Buffer, entries: readonly ZipEntry[]): AsyncGenerator<SheetSource> {
  const feed = new PartFeed(orderedParts(bytes, entries));
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(feed.chunks()), {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      // Styles carry the number formats that tell a date cell from a number.
      styles: 'cache',
      worksheets: 'emit',
      entries: 'ignore',
    });
    for await (const worksheet of reader) {
      feed.throwIfFailed();
      const name: unknown = Reflect.get(worksheet, 'name');
      yield { name: typeof name === 'string' ? name : '', rows: checkedRows(sheetRows(worksheet, reader), feed) };
    }
  } catch (error) {
    throw asRosterFileError(error);
  }
  feed.throwIfFailed();
}
