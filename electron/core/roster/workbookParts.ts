/**
 * The small parts of an xlsx a roster's cells depend on: the shared-string table, the
 * number format of each cell style (a date cell is a number with a date format), the
 * 1904 date system flag, and the sheets' names.
 */
import { attribute, attributeIn, decodeEscapedCharacters, decodeXml, isXmlSpace, tokenizeXml, type XmlHandler } from './xmlTokens';

interface NamedHandler {
  capturing: boolean;
  open(name: string, source: string, start: number, end: number, selfClosing: boolean): void;
  close(name: string): void;
  text(raw: string): void;
}

/** A handler that sees these elements by name (the small parts need no faster dispatch). */
function byName(names: readonly string[], handler: NamedHandler): XmlHandler {
  return {
    names,
    get capturing() {
      return handler.capturing;
    },
    open: (name, source, start, end, selfClosing) => handler.open(names[name]!, source, start, end, selfClosing),
    close: (name) => handler.close(names[name]!),
    text: (raw) => handler.text(raw),
  };
}

/**
 * Excel's built-in number formats by id (a style names them by id, without a format code),
 * with the zh-CN ones for 27–36 and 50–58: Chinese Excel's long dates (2024年10月1日) use them.
 */
const BUILT_IN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午 h"时"mm"分"',
  35: '上午/下午 h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午 h"时"mm"分"',
  56: '上午/下午 h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

const PLAIN_TEXT_OPENINGS = ['<t>', '<t xml:space="preserve">'];

/**
 * The table as Excel and exceljs write it for plain cells, every item `<si><t>text</t></si>`,
 * read with a few string searches per item; null as soon as one item is anything else (rich
 * text, phonetic guides, prefixes, spacing), for parseSharedStrings to read it in full. A
 * 100,000-row roster's table has a quarter of a million items, read before its first row.
 */
function plainSharedStrings(xml: string): string[] | null {
  const root = xml.indexOf('<sst');
  const rootEnd = root === -1 ? -1 : xml.indexOf('>', root);
  if (rootEnd === -1 || xml.charCodeAt(rootEnd - 1) === 0x2f /* / */) return null;
  // A comment or a DTD before the table: the tokenizer reads (or refuses) it.
  if (xml.lastIndexOf('<!', root) !== -1) return null;
  const strings: string[] = [];
  let pos = rootEnd + 1;
  for (;;) {
    while (isXmlSpace(xml.charCodeAt(pos))) pos++;
    if (xml.startsWith('</sst>', pos)) return xml.slice(pos + 6).trim() === '' ? strings : null;
    if (!xml.startsWith('<si>', pos)) return null;
    pos += 4;
    const opening = PLAIN_TEXT_OPENINGS.find((o) => xml.startsWith(o, pos));
    if (!opening) return null;
    pos += opening.length;
    const end = xml.indexOf('</t></si>', pos);
    if (end === -1) return null;
    const raw = xml.slice(pos, end);
    if (raw.indexOf('<') !== -1) return null;
    strings.push(decodeEscapedCharacters(decodeXml(raw)));
    pos = end + 9;
  }
}

/** The shared-string table: each item's text as shown (rich-text runs joined, phonetic guides left out). */
export function parseSharedStrings(xml: string): string[] {
  const plain = plainSharedStrings(xml);
  if (plain) return plain;
  const strings: string[] = [];
  let inItem = false;
  let phonetic = 0;
  let capturing = false;
  let parts: string[] = [];
  let text = '';
  const ok = tokenizeXml(xml, byName(['si', 'rPh', 't'], {
    get capturing() {
      return capturing;
    },
    open(name, _source, _start, _end, selfClosing) {
      if (name === 'si') {
        if (selfClosing) {
          strings.push('');
        } else {
          inItem = true;
          parts = [];
        }
      } else if (name === 'rPh') {
        if (!selfClosing) phonetic++;
      } else if (name === 't' && inItem && phonetic === 0 && !selfClosing) {
        capturing = true;
        text = '';
      }
    },
    close(name) {
      if (name === 't' && capturing) {
        capturing = false;
        parts.push(text);
      } else if (name === 'rPh') {
        phonetic--;
      } else if (name === 'si' && inItem) {
        inItem = false;
        const raw = parts.length === 1 ? parts[0]! : parts.join('');
        strings.push(decodeEscapedCharacters(decodeXml(raw)));
      }
    },
    text(raw) {
      text += raw;
    },
  }));
  if (!ok) throw new Error('shared strings part ends early');
  return strings;
}

/** The number format code of each cell style (cellXfs), by style index; undefined where none applies. */
export function parseCellFormats(xml: string): (string | undefined)[] {
  const custom = new Map<number, string>();
  const styleFormatIds: number[] = [];
  let inCellXfs = false;
  tokenizeXml(xml, byName(['numFmt', 'cellXfs', 'xf'], {
    capturing: false,
    open(name, source, start, end, selfClosing) {
      if (name === 'numFmt') {
        const id = Number(attributeIn(source, start, end, 'numFmtId'));
        const code = attributeIn(source, start, end, 'formatCode');
        if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
      } else if (name === 'cellXfs') {
        inCellXfs = !selfClosing;
      } else if (name === 'xf' && inCellXfs) {
        styleFormatIds.push(Number(attributeIn(source, start, end, 'numFmtId') ?? 0));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  }));
  return styleFormatIds.map((id) => custom.get(id) ?? BUILT_IN_FORMATS[id]);
}

export interface WorkbookFacts {
  date1904: boolean;
  /** Sheet names by the part they live in (`xl/worksheets/sheet1.xml`, lower case). */
  sheetNames: Map<string, string>;
}

/** Reads the 1904 flag and the sheets' names from the workbook part and its relationships. */
export function parseWorkbook(workbookXml: string | null, relsXml: string | null): WorkbookFacts {
  let date1904 = false;
  const sheetsByRel = new Map<string, string>();
  if (workbookXml !== null) {
    tokenizeXml(workbookXml, byName(['workbookPr', 'sheet'], {
      capturing: false,
      open(name, source, start, end) {
        const tag = source.slice(start, end);
        if (name === 'workbookPr') {
          const flag = attribute(tag, 'date1904');
          date1904 = flag === '1' || flag === 'true';
        } else if (name === 'sheet') {
          const rel = attribute(tag, 'r:id') ?? relationshipAttribute(tag);
          const sheetName = attribute(tag, 'name');
          if (rel !== undefined && sheetName !== undefined) sheetsByRel.set(rel, sheetName);
        }
      },
      close() {},
      text() {},
    }));
  }
  const sheetNames = new Map<string, string>();
  if (relsXml !== null) {
    tokenizeXml(relsXml, byName(['Relationship'], {
      capturing: false,
      open(name, source, start, end) {
        if (name !== 'Relationship') return;
        const tag = source.slice(start, end);
        const id = attribute(tag, 'Id');
        const target = attribute(tag, 'Target');
        const sheetName = id === undefined ? undefined : sheetsByRel.get(id);
        if (target !== undefined && sheetName !== undefined) sheetNames.set(partPath(target), sheetName);
      },
      close() {},
      text() {},
    }));
  }
  return { date1904, sheetNames };
}

/** A relationship id under whatever prefix the file gave the relationships namespace. */
function relationshipAttribute(tag: string): string | undefined {
  const match = /\s[A-Za-z0-9_]+:id\s*=\s*["']([^"']*)["']/.exec(tag);
  return match ? decodeXml(match[1]!) : undefined;
}

/** A workbook relationship's target as a part path: relative to xl/, or absolute from the package root. */
function partPath(target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  return path.toLowerCase();
}
