/**
 * Rosters saved as CSV or tab-separated text. Excel in China saves "CSV" in GBK unless
 * told otherwise, "CSV UTF-8" with a byte-order mark, and "Unicode text" as UTF-16 with
 * tabs; all three arrive here.
 *
 * The file is decoded and parsed a chunk at a time, one step of the event loop per chunk,
 * and a cell is refused as soon as it passes MAX_CELL_CHARS: a 45 MB cell costs no more
 * than the first few thousand characters of it.
 */
import { isUtf8 } from 'node:buffer';
import { cellTooLongError, RosterFileError, tooLargeError } from './errors';
import { MAX_CELL_CHARS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS } from './rosterLimits';
import type { SheetRow, SheetSource } from './sheetSource';

export type TextEncodingName = 'utf-8' | 'gbk' | 'utf-16le' | 'utf-16be';

/** The byte-order mark's encoding; else UTF-8 when the bytes are valid UTF-8, otherwise GBK (read as GB18030, its superset). */
export function textEncoding(bytes: Uint8Array): TextEncodingName {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return isUtf8(bytes) ? 'utf-8' : 'gbk';
}

const TEXT_CHUNK_BYTES = 64 * 1024;

/** The bytes as text a chunk at a time; a character split between chunks comes out whole, a byte-order mark not at all. */
export function* decodedChunks(bytes: Uint8Array, encoding: TextEncodingName, chunkBytes = TEXT_CHUNK_BYTES): Generator<string> {
  const decoder = new TextDecoder(encoding);
  for (let at = 0; at < bytes.length; at += chunkBytes) yield decoder.decode(bytes.subarray(at, at + chunkBytes), { stream: true });
  const last = decoder.decode();
  if (last !== '') yield last;
}

/** Tab when the first line has more tabs than commas (Excel's "Unicode text"), else comma. */
export function detectDelimiter(text: string): ',' | '\t' {
  const end = text.search(/\r|\n/);
  const firstLine = end < 0 ? text : text.slice(0, end);
  const tabs = firstLine.split('\t').length;
  const commas = firstLine.split(',').length;
  return tabs > commas ? '\t' : ',';
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;

// Where a field stands between two characters (and between two chunks).
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** A quote inside a quoted field: doubled it is one quote, else the field's quoted part ended. */
const QUOTE_IN_QUOTED = 3;

function nulError(rowNumber: number): RosterFileError {
  return new RosterFileError(
    'corrupt',
    `第 ${rowNumber} 行含有空字符（NUL），这不是正常的文本名单，文件可能已损坏，已拒绝导入，没有保存任何内容。请在 Excel 中打开后另存为 .xlsx 再导入`,
  );
}

/**
 * RFC 4180 records, read from text fed in chunks: fields in double quotes may hold the
 * delimiter, line breaks and doubled quotes; records end at CRLF, LF or a lone CR. Text after
 * a closing quote is kept and an unclosed quote runs to the end, as Excel reads them.
 */
export class DelimitedRecords {
  private state = FIELD_START;
  /** The field's text from earlier chunks. */
  private field = '';
  private fields: string[] = [];
  private inRecord = false;
  /** The last chunk ended on a CR: an LF starting this one belongs to that line break. */
  private afterCR = false;
  /** The record being read, 1-based (a quoted line break does not start a new one). */
  private row = 1;

  constructor(private readonly delimiter: number) {}

  /** The records this chunk completes. */
  feed(chunk: string): string[][] {
    const records: string[][] = [];
    const delimiter = this.delimiter;
    const n = chunk.length;
    let i = 0;
    if (this.afterCR && n > 0) {
      this.afterCR = false;
      if (chunk.charCodeAt(0) === LF) i = 1;
    }
    // Where this chunk's part of the current field starts.
    let segment = i;
    while (i < n) {
      const c = chunk.charCodeAt(i);
      if (c === NUL) throw nulError(this.row);
      const state = this.state;
      if (state === QUOTED) {
        if (c === QUOTE) {
          this.take(chunk.slice(segment, i));
          this.state = QUOTE_IN_QUOTED;
        }
        i++;
      } else if (state !== UNQUOTED) {
        // A field's first quote opens its quoted part, a doubled one inside it is one quote; anything else reads on unquoted.
        if (state === QUOTE_IN_QUOTED && c === QUOTE) this.take('"');
        this.inRecord = true;
        if (c === QUOTE) {
          this.state = QUOTED;
          segment = ++i;
        } else {
          this.state = UNQUOTED;
          segment = i;
        }
      } else if (c !== delimiter && c !== LF && c !== CR) {
        i++;
      } else {
        this.take(chunk.slice(segment, i));
        this.endField();
        i++;
        if (c !== delimiter) {
          records.push(this.endRecord());
          if (c === CR) {
            if (i === n) this.afterCR = true;
            else if (chunk.charCodeAt(i) === LF) i++;
          }
        }
        segment = i;
      }
    }
    if (this.state === UNQUOTED || this.state === QUOTED) this.take(chunk.slice(segment, n));
    return records;
  }

  /** The last record, when the text does not end with a line break. */
  end(): string[][] {
    if (!this.inRecord) return [];
    this.endField();
    return [this.endRecord()];
  }

  private take(text: string): void {
    if (this.field.length + text.length > MAX_CELL_CHARS) throw cellTooLongError(this.row, this.fields.length);
    this.field += text;
  }

  private endField(): void {
    if (this.fields.length >= MAX_SHEET_COLUMNS) throw beyondGrid();
    this.fields.push(this.field);
    this.field = '';
    this.state = FIELD_START;
  }

  private endRecord(): string[] {
    const record = this.fields;
    this.fields = [];
    this.inRecord = false;
    if (++this.row > MAX_SHEET_ROWS + 1) throw beyondGrid();
    return record;
  }
}

function beyondGrid(): RosterFileError {
  return tooLargeError(`文本名单超出了 Excel 的范围（${MAX_SHEET_ROWS} 行、${MAX_SHEET_COLUMNS} 列）`);
}

/** The records of a whole text. */
export function parseDelimited(text: string, delimiter: string): string[][] {
  const parser = new DelimitedRecords(delimiter.charCodeAt(0));
  return [...parser.feed(text), ...parser.end()];
}

class TextRow implements SheetRow {
  constructor(
    readonly number: number,
    private readonly fields: readonly string[],
  ) {}

  get width(): number {
    return this.fields.length;
  }

  text(columnIndex: number): string {
    return this.fields[columnIndex] ?? '';
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A batch of rows per chunk of the file, each a step of the event loop (a cancel is seen between them). */
async function* textRows(chunks: Iterator<string>, first: string): AsyncGenerator<SheetRow[]> {
  const parser = new DelimitedRecords(detectDelimiter(first).charCodeAt(0));
  let number = 0;
  // A record is one Excel row even when a quoted field holds line breaks.
  const rows = (records: string[][]) => records.map((fields) => new TextRow(++number, fields));
  for (let chunk: string | undefined = first; chunk !== undefined; ) {
    yield rows(parser.feed(chunk));
    await yieldToEventLoop();
    const next = chunks.next();
    chunk = next.done ? undefined : next.value;
  }
  yield rows(parser.end());
}

/** The text file as a one-sheet source named after the file. */
export function textSheets(bytes: Uint8Array, encoding: TextEncodingName, sheetName: string): AsyncIterable<SheetSource> {
  return (async function* () {
    const chunks = decodedChunks(bytes, encoding);
    const first = chunks.next();
    yield { name: sheetName, rows: textRows(chunks, first.done ? '' : first.value) };
  })();
}
