/**
 * Rosters saved as CSV or tab-separated text. Excel in China saves "CSV" in GBK unless
 * told otherwise, "CSV UTF-8" with a byte-order mark, and "Unicode text" as UTF-16 with
 * tabs; all three arrive here.
 */
import type { SheetRow, SheetSource } from './sheetSource';

export type TextEncodingName = 'utf-8' | 'gbk' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/** UTF-8 when the bytes are valid UTF-8, otherwise GBK (read as GB18030, its superset). */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  try {
    // The decoder drops a UTF-8 byte-order mark itself.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' };
  }
}

/** Tab when the first line has more tabs than commas (Excel's "Unicode text"), else comma. */
export function detectDelimiter(text: string): ',' | '\t' {
  const end = text.search(/\r|\n/);
  const firstLine = end < 0 ? text : text.slice(0, end);
  const tabs = firstLine.split('\t').length;
  const commas = firstLine.split(',').length;
  return tabs > commas ? '\t' : ',';
}

/**
 * RFC 4180 records: fields in double quotes may hold the delimiter, line breaks and
 * doubled quotes; records end at CRLF, LF or a lone CR.
 */
export function* parseDelimited(text: string, delimiter: string): Generator<string[]> {
  const length = text.length;
  let i = 0;
  while (i < length) {
    const fields: string[] = [];
    for (;;) {
      let value: string;
      if (text[i] === '"') {
        value = '';
        i++;
        for (;;) {
          const quote = text.indexOf('"', i);
          if (quote < 0) {
            // An unclosed quote runs to the end of the file, as Excel reads it.
            value += text.slice(i);
            i = length;
            break;
          }
          value += text.slice(i, quote);
          i = quote + 1;
          if (text[i] !== '"') break;
          value += '"';
          i++;
        }
        // Anything between the closing quote and the delimiter is kept, as Excel does.
        const stop = nextStop(text, i, delimiter);
        value += text.slice(i, stop);
        i = stop;
      } else {
        const stop = nextStop(text, i, delimiter);
        value = text.slice(i, stop);
        i = stop;
      }
      fields.push(value);
      if (i >= length || text[i] !== delimiter) break;
      i++;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    yield fields;
  }
}

function nextStop(text: string, from: number, delimiter: string): number {
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === delimiter || c === '\n' || c === '\r') return j;
  }
  return text.length;
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

const BATCH = 512;
// Lets an abort requested from elsewhere (a cancel button) be seen during a long file.
const YIELD_EVERY_BATCHES = 4;

async function* textRows(text: string, delimiter: string): AsyncGenerator<SheetRow[]> {
  let number = 0;
  let batch: SheetRow[] = [];
  let batches = 0;
  for (const fields of parseDelimited(text, delimiter)) {
    // A record is one Excel row even when a quoted field holds line breaks.
    batch.push(new TextRow(++number, fields));
    if (batch.length < BATCH) continue;
    yield batch;
    batch = [];
    if (++batches % YIELD_EVERY_BATCHES === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  if (batch.length > 0) yield batch;
}

/** The text file as a one-sheet source named after the file. */
export function textSheets(decoded: DecodedText, sheetName: string): AsyncIterable<SheetSource> {
  const delimiter = detectDelimiter(decoded.text);
  return (async function* () {
    yield { name: sheetName, rows: textRows(decoded.text, delimiter) };
  })();
}
