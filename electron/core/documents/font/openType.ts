/**
 * Just enough of the OpenType and CFF formats to embed a CID-keyed CFF font correctly:
 * the table directory, and the CFF program's charset (glyph index → CID) and ROS.
 *
 * Why the charset matters: in a PDF, text shown with a CIDFontType0 font is a sequence of
 * CIDs, and a viewer finds each CID's glyph through the CFF charset (ISO 32000-1, 9.7.4.2).
 * In Noto Sans CJK / Source Han Sans the CIDs are not the glyph indices, and a subset keeps
 * the original CIDs while renumbering the glyphs. Writing glyph indices as CIDs (as pdf-lib's
 * own embedder does) shows wrong glyphs in FreeType-based viewers (PDFium, MuPDF) and pdf.js.
 */

export interface TableRecord {
  offset: number;
  length: number;
}

function u16(b: Uint8Array, at: number): number {
  if (at + 2 > b.length) throw new RangeError('font data ends early');
  return (b[at]! << 8) | b[at + 1]!;
}

function u32(b: Uint8Array, at: number): number {
  if (at + 4 > b.length) throw new RangeError('font data ends early');
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

const isCollection = (font: Uint8Array) => font[0] === 0x74 && font[1] === 0x74 && font[2] === 0x63 && font[3] === 0x66; // 'ttcf'

/**
 * The tables of an OpenType font, by tag; of face `faceIndex` in a collection (.ttc / .otc),
 * whose table offsets count from the start of the file too.
 */
export function tableDirectory(font: Uint8Array, faceIndex = 0): Map<string, TableRecord> {
  const start = isCollection(font) ? u32(font, 12 + 4 * faceIndex) : 0;
  const numTables = u16(font, start + 4);
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < numTables; i++) {
    const at = start + 12 + i * 16;
    const name = String.fromCharCode(font[at]!, font[at + 1]!, font[at + 2]!, font[at + 3]!);
    tables.set(name, { offset: u32(font, at + 8), length: u32(font, at + 12) });
  }
  return tables;
}

export function hasTable(font: Uint8Array, name: string, faceIndex = 0): boolean {
  return tableDirectory(font, faceIndex).has(name);
}

export function tableBytes(font: Uint8Array, name: string, faceIndex = 0): Uint8Array {
  const record = tableDirectory(font, faceIndex).get(name);
  if (!record) throw new Error(`font has no '${name}' table`);
  if (record.offset + record.length > font.length) throw new RangeError(`font's '${name}' table runs past its end`);
  return font.subarray(record.offset, record.offset + record.length);
}

interface CffIndex {
  count: number;
  /** Absolute start and end of each item. */
  items: { start: number; end: number }[];
  end: number;
}

function readOffset(b: Uint8Array, at: number, size: number): number {
  let v = 0;
  for (let i = 0; i < size; i++) v = v * 256 + b[at + i]!;
  return v;
}

function readIndex(b: Uint8Array, at: number): CffIndex {
  const count = u16(b, at);
  if (count === 0) return { count, items: [], end: at + 2 };
  const offSize = b[at + 2]!;
  const offsetsAt = at + 3;
  const dataBase = offsetsAt + (count + 1) * offSize - 1;
  const items: CffIndex['items'] = [];
  for (let i = 0; i < count; i++) {
    items.push({ start: dataBase + readOffset(b, offsetsAt + i * offSize, offSize), end: dataBase + readOffset(b, offsetsAt + (i + 1) * offSize, offSize) });
  }
  return { count, items, end: dataBase + readOffset(b, offsetsAt + count * offSize, offSize) };
}

/** A Top DICT's operators and operands; two-byte operators are keyed 1200 + second byte. */
function readDict(b: Uint8Array, start: number, end: number): Map<number, number[]> {
  const dict = new Map<number, number[]>();
  let operands: number[] = [];
  let i = start;
  while (i < end) {
    const b0 = b[i]!;
    if (b0 <= 21) {
      const op = b0 === 12 ? 1200 + b[i + 1]! : b0;
      i += b0 === 12 ? 2 : 1;
      dict.set(op, operands);
      operands = [];
    } else if (b0 === 28) {
      operands.push(((u16(b, i + 1) << 16) >> 16));
      i += 3;
    } else if (b0 === 29) {
      operands.push(u32(b, i + 1) | 0);
      i += 5;
    } else if (b0 === 30) {
      // A real number: nibbles up to 0xf. Only integers matter here, so its value is not needed.
      i += 1;
      while (i < end) {
        const byte = b[i++]!;
        if ((byte & 0x0f) === 0x0f || (byte & 0xf0) === 0xf0) break;
      }
      operands.push(0);
    } else if (b0 >= 32 && b0 <= 246) {
      operands.push(b0 - 139);
      i += 1;
    } else if (b0 >= 247 && b0 <= 250) {
      operands.push((b0 - 247) * 256 + b[i + 1]! + 108);
      i += 2;
    } else if (b0 >= 251 && b0 <= 254) {
      operands.push(-(b0 - 251) * 256 - b[i + 1]! - 108);
      i += 2;
    } else {
      throw new Error(`CFF: bad DICT byte ${b0}`);
    }
  }
  return dict;
}

const OP_CHARSET = 15;
const OP_CHARSTRINGS = 17;
const OP_ROS = 1230;
const STANDARD_STRINGS = 391;

export interface CffInfo {
  numGlyphs: number;
  /** True when the Top DICT has ROS: glyphs are selected by CID through the charset. */
  cidKeyed: boolean;
  registry: string;
  ordering: string;
  supplement: number;
  /** The CID of each glyph index (the index itself for a name-keyed font). */
  gidToCid: Uint32Array;
}

export function readCff(cff: Uint8Array): CffInfo {
  const headerSize = cff[2]!;
  const names = readIndex(cff, headerSize);
  const topDicts = readIndex(cff, names.end);
  const strings = readIndex(cff, topDicts.end);
  const top = topDicts.items[0];
  if (!top) throw new Error('CFF: no Top DICT');
  const dict = readDict(cff, top.start, top.end);

  const charStringsAt = dict.get(OP_CHARSTRINGS)?.[0];
  if (charStringsAt === undefined) throw new Error('CFF: no CharStrings');
  const numGlyphs = u16(cff, charStringsAt);

  const stringAt = (sid: number): string => {
    const item = strings.items[sid - STANDARD_STRINGS];
    if (!item) return '';
    return String.fromCharCode(...cff.subarray(item.start, item.end));
  };
  const ros = dict.get(OP_ROS);

  const gidToCid = new Uint32Array(numGlyphs);
  const charsetAt = dict.get(OP_CHARSET)?.[0] ?? 0;
  if (ros !== undefined && charsetAt > 2) {
    const format = cff[charsetAt]!;
    let gid = 1;
    let at = charsetAt + 1;
    if (format === 0) {
      for (; gid < numGlyphs; gid++, at += 2) gidToCid[gid] = u16(cff, at);
    } else if (format === 1 || format === 2) {
      while (gid < numGlyphs) {
        const first = u16(cff, at);
        const left = format === 1 ? cff[at + 2]! : u16(cff, at + 2);
        at += format === 1 ? 3 : 4;
        for (let k = 0; k <= left && gid < numGlyphs; k++) gidToCid[gid++] = first + k;
      }
    } else {
      throw new Error(`CFF: unknown charset format ${format}`);
    }
  } else {
    // A name-keyed font's charset holds glyph names; a PDF then uses the CID as the glyph index.
    for (let gid = 0; gid < numGlyphs; gid++) gidToCid[gid] = gid;
  }

  return {
    numGlyphs,
    cidKeyed: ros !== undefined,
    registry: ros ? stringAt(ros[0]!) : 'Adobe',
    ordering: ros ? stringAt(ros[1]!) : 'Identity',
    supplement: ros ? ros[2]! : 0,
    gidToCid,
  };
}
