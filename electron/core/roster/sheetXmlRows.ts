/**
 * A worksheet part's rows, parsed as its XML arrives: each `<row>` becomes a SheetRow whose
 * cells are already the text the clerk saw (cellText.ts's contract), so nothing of the
 * row's XML is kept once the row is read.
 */
import { cellText, FALSE_TEXT, FORMULA_ERROR_TEXT, TRUE_TEXT } from './cellText';
import { cellTooLongError, tooLargeError } from './errors';
import { MAX_CELL_CHARS, MAX_CELL_MARKUP_CHARS, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS } from './rosterLimits';
import type { SheetRow } from './sheetSource';
import { attributeIn, decodeXml, indexWithin, isXmlSpace, XmlTokenizer, type XmlHandler } from './xmlTokens';

export interface SheetCellContext {
  sharedStrings: readonly string[];
  /** Number format code by style index. */
  styleFormats: readonly (string | undefined)[];
  date1904: boolean;
}

class ParsedRow implements SheetRow {
  constructor(
    readonly number: number,
    private readonly cells: string[],
  ) {}

  get width(): number {
    return this.cells.length;
  }

  text(columnIndex: number): string {
    return this.cells[columnIndex] ?? '';
  }
}

const CELL_TYPES = ['s', 'str', 'inlineStr', 'b', 'e', 'n', 'd'];

/** A cell's t attribute, as one of the few values it takes (no new string per cell). */
function cellType(source: string, start: number, end: number): string {
  const length = end - start;
  for (const type of CELL_TYPES) if (type.length === length && source.startsWith(type, start)) return type;
  return decodeXml(source.slice(start, end));
}

function beyondGrid(): Error {
  return tooLargeError(`工作表超出了 Excel 的范围（${MAX_SHEET_ROWS} 行、${MAX_SHEET_COLUMNS} 列）`);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

// The elements a sheet's cells are read from, by their index in NAMES.
const NAMES = ['row', 'c', 'v', 'f', 'is', 't', 'rPh'] as const;
const ROW = 0;
const CELL = 1;
const VALUE = 2;
const FORMULA = 3;
const INLINE = 4;
const TEXT = 5;
const PHONETIC = 6;

class SheetHandler implements XmlHandler {
  readonly names = NAMES;
  capturing = false;
  /** Rows completed since the last take(). */
  done: SheetRow[] = [];
  private rowNumber = 0;
  private rowsRead = 0;
  private cells: string[] | null = null;
  private column = -1;
  // The cell being read.
  private type: string | undefined;
  private style = 0;
  private hasFormula = false;
  private value: string | undefined;
  private inline: string | undefined;
  private inInline = false;
  private phonetic = 0;
  private captured = '';

  constructor(private readonly context: SheetCellContext) {}

  open(name: number, source: string, start: number, end: number, selfClosing: boolean): number | void {
    switch (name) {
      case ROW: {
        const r = attributeIn(source, start, end, 'r');
        const number = r === undefined ? NaN : parseInt(r, 10);
        this.rowNumber = Number.isInteger(number) && number > 0 ? number : this.rowNumber + 1;
        if (this.rowNumber > MAX_SHEET_ROWS || ++this.rowsRead > MAX_SHEET_ROWS) throw beyondGrid();
        this.cells = [];
        this.column = -1;
        if (selfClosing) this.endRow();
        return;
      }
      case CELL: {
        if (!this.cells) return;
        this.readCellTag(source, start, end);
        this.hasFormula = false;
        this.value = undefined;
        this.inline = undefined;
        this.inInline = false;
        this.phonetic = 0;
        if (selfClosing) this.endCell();
        else return this.plainValueCell(source, end + 1);
        return;
      }
      case VALUE:
        if (this.cells && !selfClosing) this.capture();
        else if (this.cells) this.value = '';
        return;
      case FORMULA:
        this.hasFormula = true;
        return;
      case INLINE:
        if (!selfClosing) this.inInline = true;
        return;
      case PHONETIC:
        if (!selfClosing) this.phonetic++;
        return;
      case TEXT:
        if (this.inInline && this.phonetic === 0 && !selfClosing) this.capture();
        return;
      default:
        return;
    }
  }

  /**
   * The cell tag's r, s and t in one pass over its attributes (a sheet has a million cells):
   * the column from r's letters, the style index from s, the type from t.
   */
  private readCellTag(source: string, start: number, end: number): void {
    let column = -1;
    let style = 0;
    let type: string | undefined;
    let i = start + 1;
    while (i < end && !isXmlSpace(source.charCodeAt(i))) i++; // the element name
    while (i < end) {
      while (i < end && isXmlSpace(source.charCodeAt(i))) i++;
      const nameStart = i;
      while (i < end && source.charCodeAt(i) !== 0x3d /* = */ && !isXmlSpace(source.charCodeAt(i))) i++;
      const nameLength = i - nameStart;
      while (i < end && (isXmlSpace(source.charCodeAt(i)) || source.charCodeAt(i) === 0x3d)) i++;
      const quote = source.charCodeAt(i);
      if (quote !== 0x22 && quote !== 0x27) break;
      const valueStart = i + 1;
      const valueEnd = indexWithin(source, quote, valueStart, end);
      if (valueEnd === -1) break;
      i = valueEnd + 1;
      if (nameLength !== 1) continue;
      const attribute = source.charCodeAt(nameStart);
      if (attribute === 0x72 /* r */) {
        let letters = 0;
        for (let k = valueStart; k < valueEnd; k++) {
          const c = source.charCodeAt(k);
          if (c >= 65 && c <= 90) letters = letters * 26 + (c - 64);
          else if (c >= 97 && c <= 122) letters = letters * 26 + (c - 96);
          else break;
        }
        column = letters - 1;
      } else if (attribute === 0x73 /* s */) {
        style = parseInt(source.slice(valueStart, valueEnd), 10) || 0;
      } else if (attribute === 0x74 /* t */) {
        type = cellType(source, valueStart, valueEnd);
      }
    }
    this.column = column >= 0 ? column : this.column + 1;
    if (this.column >= MAX_SHEET_COLUMNS) throw beyondGrid();
    this.style = style;
    this.type = type;
  }

  /**
   * `<v>value</v></c>` right after the cell's start tag, as nearly every cell of a roster is
   * written: read with two string searches instead of three more tags. Undefined when the cell
   * holds anything else, or its end is not in this chunk yet (the tags are then read one by one).
   */
  private plainValueCell(source: string, at: number): number | undefined {
    if (!source.startsWith('<v>', at)) return undefined;
    // Only as far as the value's end: a search for `</v></c>` could run to the chunk's end from every cell.
    const close = source.indexOf('<', at + 3);
    if (close === -1 || !source.startsWith('</v></c>', close)) return undefined;
    this.value = source.slice(at + 3, close);
    this.endCell();
    return close + 8;
  }

  close(name: number): void {
    switch (name) {
      case VALUE:
        if (this.capturing) {
          this.capturing = false;
          this.value = this.captured;
        }
        return;
      case TEXT:
        if (this.capturing) {
          this.capturing = false;
          this.inline = (this.inline ?? '') + this.captured;
        }
        return;
      case PHONETIC:
        this.phonetic--;
        return;
      case INLINE:
        this.inInline = false;
        return;
      case CELL:
        if (this.cells) this.endCell();
        return;
      case ROW:
        if (this.cells) this.endRow();
        return;
      default:
        return;
    }
  }

  text(raw: string): void {
    this.captured += raw;
    if (this.captured.length > MAX_CELL_MARKUP_CHARS) throw cellTooLongError(this.rowNumber, this.column);
  }

  private capture(): void {
    this.capturing = true;
    this.captured = '';
  }

  private endCell(): void {
    const text = this.cellText();
    if (text.length > MAX_CELL_CHARS) throw cellTooLongError(this.rowNumber, this.column);
    // Columns skipped stay holes (read as ''): a cell at XFD makes no 16,000 empty strings.
    this.cells![this.column] = text;
    this.capturing = false;
  }

  private endRow(): void {
    this.done.push(new ParsedRow(this.rowNumber, this.cells!));
    this.cells = null;
  }

  private cellText(): string {
    const { type, value } = this;
    if (type === 'inlineStr') return decodeXml(this.inline ?? value ?? '');
    if (value === undefined) return '';
    switch (type) {
      case 's':
        return this.context.sharedStrings[parseInt(value, 10)] ?? '';
      case 'str':
        return decodeXml(value);
      case 'b':
        return parseInt(value, 10) !== 0 ? TRUE_TEXT : FALSE_TEXT;
      case 'e':
        // A formula's error result: which error it was is of no use to the clerk (cellText.ts).
        return this.hasFormula ? FORMULA_ERROR_TEXT : decodeXml(value);
      case 'd':
        return ISO_DATE.exec(value)?.[0] ?? '';
      default: {
        if (value === '') return '';
        const numFmt = this.context.styleFormats[this.style];
        return cellText(parseFloat(value), numFmt === undefined ? { date1904: this.context.date1904 } : { numFmt, date1904: this.context.date1904 });
      }
    }
  }
}

/** Parses a worksheet part fed in chunks of text; `take()` hands out the rows completed so far. */
export class SheetXmlRows {
  private readonly handler: SheetHandler;
  private readonly tokenizer: XmlTokenizer;

  constructor(context: SheetCellContext) {
    this.handler = new SheetHandler(context);
    this.tokenizer = new XmlTokenizer(this.handler);
  }

  feed(chunk: string): void {
    this.tokenizer.feed(chunk);
  }

  take(): SheetRow[] {
    const rows = this.handler.done;
    this.handler.done = [];
    return rows;
  }

  /** The part ended where a worksheet can end (its root element closed). */
  complete(): boolean {
    return this.tokenizer.complete();
  }
}
