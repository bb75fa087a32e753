/**
 * Roster files made to exhaust or trick the reader (issue 12), each with the refusal it must
 * get: zip bombs in every part the reader inflates, huge cells, whitespace runs, deep
 * nesting, DTD and entity tricks, truncated and bit-mutated zips, NUL-laden CSV, a million
 * rows. Built for the Shanghai scheme around a small valid roster (`validRoster`), which
 * imports; each file differs from it only in what makes it hostile.
 *
 * A bomb is never held inflated: its repeated piece is deflated once, ending on a full flush
 * (byte-aligned, no references back across it), so the deflated stream is that piece's
 * compressed form repeated, as an attacker writes one.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import type { RosterFileErrorCode } from '../../electron/core/roster/errors';
import { MAX_CELL_CHARS, MAX_SHEETS } from '../../electron/core/roster/rosterLimits';
import { listZipEntries } from '../../electron/core/roster/zipArchive';
import { writeZip, type DeflatedZipFile, type ZipFile } from '../electron/core/roster/zipFixtures';
import { personName, residentId } from './shanghaiRosterFile';

export const HOSTILE_SCHEME = 'shanghai-2020';

export interface HostileFile {
  name: string;
  fileName: string;
  /** The refusal it must get, and words of its reason: refused for what the file was made to do. */
  code: RosterFileErrorCode;
  says: string;
  /** Made when asked: some are tens of megabytes. */
  bytes(): Buffer;
}

const MiB = 1024 * 1024;
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const HEADERS = ['*姓名', '*证件类型 (身份证、护照)', '*证件号码', '*是否有社保'];
const PEOPLE = [0, 1, 2].map((i) => [personName(i), '身份证', residentId(i), '是']);
/** The shared-string table of the valid roster: the headers, then each person's cells. */
const STRINGS = [...HEADERS, ...PEOPLE.flat()];
export const VALID_ROSTER_ROWS = PEOPLE.length;

/** A part's content: text, or a bomb (head, a piece repeated, tail). */
type PartContent = string | Bomb;

interface Bomb {
  head: string;
  piece: string;
  times: number;
  tail: string;
  /** The size the zip's directory declares: the true one unless a lie is asked for. */
  declaredSize?: number;
}

function deflateBomb(bomb: Bomb): Omit<DeflatedZipFile, 'name'> {
  const fullFlush = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };
  const head = Buffer.from(bomb.head);
  const piece = Buffer.from(bomb.piece);
  const tail = Buffer.from(bomb.tail);
  const pieceDeflated = deflateRawSync(piece, fullFlush);
  const deflated = Buffer.concat([deflateRawSync(head, fullFlush), ...Array.from({ length: bomb.times }, () => pieceDeflated), deflateRawSync(tail)]);
  let crc = crc32(head);
  for (let i = 0; i < bomb.times; i++) crc = crc32(piece, crc);
  crc = crc32(tail, crc);
  const size = head.length + piece.length * bomb.times + tail.length;
  return { deflated, size: bomb.declaredSize ?? size, crc };
}

/** `unit` repeated to about a mebibyte, and how many of those make `total` bytes. */
function mebibytePiece(unit: string, total: number): { piece: string; times: number } {
  const piece = unit.repeat(Math.max(1, Math.floor(MiB / Buffer.byteLength(unit))));
  return { piece, times: Math.ceil(total / Buffer.byteLength(piece)) };
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function row(r: number, cells: string): string {
  return `<row r="${r}">${cells}</row>`;
}

/** Cells holding shared strings `first`, `first + 1`, … in columns A, B, …. */
function sharedCells(r: number, first: number, count: number): string {
  return Array.from({ length: count }, (_, k) => `<c r="${String.fromCharCode(65 + k)}${r}" t="s"><v>${first + k}</v></c>`).join('');
}

const HEADER_ROW = row(1, sharedCells(1, 0, HEADERS.length));
const PERSON_ROWS = PEOPLE.map((_, i) => row(i + 2, sharedCells(i + 2, HEADERS.length + i * 4, 4))).join('');
const SHEET_HEAD = `${XML_DECLARATION}<worksheet xmlns="${MAIN}"><sheetData>`;
const SHEET_TAIL = '</sheetData></worksheet>';
const SST_HEAD = `${XML_DECLARATION}<sst xmlns="${MAIN}">`;
const sstItems = (strings: readonly string[]) => strings.map((s) => `<si><t>${escapeXml(s)}</t></si>`).join('');

const BASE_PARTS: Record<string, string> = {
  '[Content_Types].xml':
    `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
  '_rels/.rels': `${XML_DECLARATION}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  'xl/workbook.xml': `${XML_DECLARATION}<workbook xmlns="${MAIN}" xmlns:r="${OFFICE_RELS}"><sheets><sheet name="参保人员" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  'xl/_rels/workbook.xml.rels':
    `${XML_DECLARATION}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE_RELS}/worksheet" Target="worksheets/sheet1.xml"/>` +
    `<Relationship Id="rId2" Type="${OFFICE_RELS}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${OFFICE_RELS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  'xl/styles.xml': `${XML_DECLARATION}<styleSheet xmlns="${MAIN}"><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`,
  'xl/sharedStrings.xml': `${SST_HEAD}${sstItems(STRINGS)}</sst>`,
  'xl/worksheets/sheet1.xml': `${SHEET_HEAD}${HEADER_ROW}${PERSON_ROWS}${SHEET_TAIL}`,
};

/** The valid roster with some parts replaced (or added); every part deflated. */
function xlsx(replaced: Record<string, PartContent> = {}): Buffer {
  const parts = { ...BASE_PARTS, ...replaced };
  return writeZip(
    Object.entries(parts).map(([name, content]): ZipFile | DeflatedZipFile =>
      typeof content === 'string' ? { name, data: Buffer.from(content) } : { name, ...deflateBomb(content) },
    ),
    { deflate: true },
  );
}

/** The small valid roster the hostile files are variations of; it imports with VALID_ROSTER_ROWS persons. */
export function validRoster(): Buffer {
  return xlsx();
}

/** A bomb of `total` bytes of `unit` between a part's opening and closing, the directory understating it unless `honest`. */
function bomb(head: string, unit: string, total: number, tail: string, honest = false): Bomb {
  const { piece, times } = mebibytePiece(unit, total);
  return { head, piece, times, tail, ...(honest ? {} : { declaredSize: Buffer.byteLength(head + tail) }) };
}

/** A sheet whose row 2 holds `cell` in column B, after the header and before the persons. */
function sheetWithCell(cellHead: string, unit: string, total: number, cellTail: string): Bomb {
  return bomb(`${SHEET_HEAD}${HEADER_ROW}<row r="2"><c r="A2" t="s"><v>${HEADERS.length}</v></c>${cellHead}`, unit, total, `${cellTail}</row>${SHEET_TAIL}`);
}

/** Flips one bit at `fraction` of the way through the deflated data of `part`. */
function mutated(part: string, fraction: number, bit: number): Buffer {
  const bytes = validRoster();
  const entry = listZipEntries(bytes)!.find((e) => e.name === part)!;
  const dataStart = entry.start + 30 + bytes.readUInt16LE(entry.start + 26) + bytes.readUInt16LE(entry.start + 28);
  bytes[dataStart + Math.floor(entry.compressedSize * fraction)]! ^= 1 << bit;
  return bytes;
}

const NESTED = 100_000;
const BILLION_LAUGHS =
  '<!DOCTYPE lolz [<!ENTITY lol "lol">' +
  Array.from({ length: 9 }, (_, k) => `<!ENTITY lol${k + 1} "${`&lol${k === 0 ? '' : k};`.repeat(10)}">`).join('') +
  ']>';

const CSV_HEADER = `${HEADERS.join(',')}\r\n`;
const CSV_PERSON = `${PEOPLE[0]!.join(',')}\r\n`;
/** Every row Excel's grid has room for below the header. */
const MILLION_ROWS = 1_048_575;

function csv(text: string): Buffer {
  return Buffer.from(text);
}

export function hostileFiles(): HostileFile[] {
  const files: HostileFile[] = [];
  const add = (name: string, fileName: string, code: RosterFileErrorCode, says: string, bytes: () => Buffer) => files.push({ name, fileName, code, says, bytes });

  // Zip bombs, one per part the reader inflates; the directory understates each but one.
  add('shared strings inflating to 450 MiB', 'sst-bomb.xlsx', 'tooLarge', '共享字符串表（xl/sharedStrings.xml）解压后超过', () => xlsx({ 'xl/sharedStrings.xml': bomb(`${SST_HEAD}${sstItems(STRINGS)}`, '<si><t>王小明</t></si>', 450 * MiB, '</sst>') }));
  add('shared strings inflating to 450 MiB, size declared', 'sst-bomb-declared.xlsx', 'tooLarge', '共享字符串表（xl/sharedStrings.xml）解压后超过', () =>
    xlsx({ 'xl/sharedStrings.xml': bomb(`${SST_HEAD}${sstItems(STRINGS)}`, '<si><t>王小明</t></si>', 450 * MiB, '</sst>', true) }),
  );
  add('sheet of 1 GiB of empty elements', 'sheet-bomb.xlsx', 'tooLarge', '工作表（xl/worksheets/sheet1.xml）解压后超过', () => xlsx({ 'xl/worksheets/sheet1.xml': bomb(`${SHEET_HEAD}${HEADER_ROW}`, '<x/>', 1024 * MiB, SHEET_TAIL) }));
  add('sheet of 2 GiB of whitespace', 'sheet-whitespace.xlsx', 'tooLarge', '工作表（xl/worksheets/sheet1.xml）解压后超过', () => xlsx({ 'xl/worksheets/sheet1.xml': bomb(`${SHEET_HEAD}${HEADER_ROW}`, ' \n\t', 2047 * MiB, SHEET_TAIL) }));
  add('workbook.xml inflating to 1 GiB', 'workbook-bomb.xlsx', 'tooLarge', '工作簿信息（xl/workbook.xml）解压后超过', () =>
    xlsx({ 'xl/workbook.xml': bomb(`${XML_DECLARATION}<workbook xmlns="${MAIN}"><sheets>`, '<x/>', 1024 * MiB, '</sheets></workbook>') }),
  );
  add('styles inflating to 1 GiB', 'styles-bomb.xlsx', 'tooLarge', '样式表（xl/styles.xml）解压后超过', () =>
    xlsx({ 'xl/styles.xml': bomb(`${XML_DECLARATION}<styleSheet xmlns="${MAIN}"><cellXfs>`, '<xf numFmtId="0"/>', 1024 * MiB, '</cellXfs></styleSheet>') }),
  );
  add('workbook relationships inflating to 1 GiB', 'rels-bomb.xlsx', 'tooLarge', '工作簿关系表（xl/_rels/workbook.xml.rels）解压后超过', () =>
    xlsx({ 'xl/_rels/workbook.xml.rels': bomb(`${XML_DECLARATION}<Relationships xmlns="${RELS}">`, '<Relationship Id="rId9" Target="x"/>', 1024 * MiB, '</Relationships>') }),
  );
  add('three sheets of 100 MiB of whitespace each (each within its cap, over the budget of the whole file)', 'sheets-budget.xlsx', 'tooLarge', '文件解压后总计超过', () => {
    const whitespace = () => bomb(SHEET_HEAD, ' ', 100 * MiB, SHEET_TAIL, true);
    return xlsx({ 'xl/worksheets/sheet1.xml': whitespace(), 'xl/worksheets/sheet2.xml': whitespace(), 'xl/worksheets/sheet3.xml': whitespace(), 'xl/worksheets/sheet4.xml': BASE_PARTS['xl/worksheets/sheet1.xml']! });
  });

  // Huge cells.
  add('a 50 MiB inline-string cell', 'inline-cell.xlsx', 'cellTooLong', '第 2 行 B 列的内容超过', () => xlsx({ 'xl/worksheets/sheet1.xml': sheetWithCell('<c r="B2" t="inlineStr"><is><t>', '王', 50 * MiB, '</t></is></c>') }));
  add('a 50 MiB number cell', 'number-cell.xlsx', 'cellTooLong', '第 2 行 B 列的内容超过', () => xlsx({ 'xl/worksheets/sheet1.xml': sheetWithCell('<c r="B2"><v>', '1', 50 * MiB, '</v></c>') }));
  add('a 50 MiB shared string used by a cell', 'shared-cell.xlsx', 'cellTooLong', '第 2 行 A 列的内容超过', () =>
    xlsx({
      'xl/sharedStrings.xml': bomb(`${SST_HEAD}${sstItems(STRINGS)}<si><t>`, '王', 50 * MiB, '</t></si></sst>', true),
      'xl/worksheets/sheet1.xml': `${SHEET_HEAD}${HEADER_ROW}${row(2, `<c r="A2" t="s"><v>${STRINGS.length}</v></c>`)}${SHEET_TAIL}`,
    }),
  );
  add(`a cell one character over ${MAX_CELL_CHARS}`, 'long-cell.xlsx', 'cellTooLong', '第 2 行 A 列的内容超过', () =>
    xlsx({ 'xl/worksheets/sheet1.xml': `${SHEET_HEAD}${HEADER_ROW}${row(2, `<c r="A2" t="inlineStr"><is><t>${'王'.repeat(MAX_CELL_CHARS + 1)}</t></is></c>`)}${SHEET_TAIL}` }),
  );

  // Runs the tokenizer once slowed down on, and markup beyond any real sheet.
  add('100 MiB of whitespace inside a tag', 'tag-whitespace.xlsx', 'tooLarge', 'XML 标记超过', () => xlsx({ 'xl/worksheets/sheet1.xml': sheetWithCell('<c r="B2"', ' ', 100 * MiB, '><v>1</v></c>') }));
  add('a 100 MiB comment', 'comment.xlsx', 'tooLarge', 'XML 标记超过', () => xlsx({ 'xl/worksheets/sheet1.xml': bomb(`${SHEET_HEAD}${HEADER_ROW}<!--`, '-', 100 * MiB, `-->${SHEET_TAIL}`) }));
  add(`elements nested ${NESTED} deep in the sheet`, 'nested-sheet.xlsx', 'tooLarge', '嵌套超过', () =>
    xlsx({ 'xl/worksheets/sheet1.xml': `${SHEET_HEAD}${HEADER_ROW}${'<x>'.repeat(NESTED)}${'</x>'.repeat(NESTED)}${PERSON_ROWS}${SHEET_TAIL}` }),
  );
  add(`rich text nested ${NESTED} deep in the shared strings`, 'nested-sst.xlsx', 'tooLarge', '嵌套超过', () =>
    xlsx({ 'xl/sharedStrings.xml': `${SST_HEAD}${sstItems(STRINGS)}<si>${'<r>'.repeat(NESTED)}${'</r>'.repeat(NESTED)}</si></sst>` }),
  );
  add('a cell beyond column XFD', 'wide.xlsx', 'tooLarge', '超出了 Excel 的范围', () => xlsx({ 'xl/worksheets/sheet1.xml': `${SHEET_HEAD}${HEADER_ROW}${row(2, '<c r="ZZZZZZ2" t="s"><v>0</v></c>')}${SHEET_TAIL}` }));
  add('a row beyond row 1048576', 'tall.xlsx', 'tooLarge', '超出了 Excel 的范围', () => xlsx({ 'xl/worksheets/sheet1.xml': `${SHEET_HEAD}${HEADER_ROW}${row(2_000_000, sharedCells(2_000_000, HEADERS.length, 4))}${SHEET_TAIL}` }));
  add(`${MAX_SHEETS + 1} sheets`, 'many-sheets.xlsx', 'tooLarge', '个工作表，超过', () =>
    xlsx(Object.fromEntries(Array.from({ length: MAX_SHEETS + 1 }, (_, k) => [`xl/worksheets/sheet${k + 1}.xml`, BASE_PARTS['xl/worksheets/sheet1.xml']!]))),
  );

  // Entities: declared ones are never expanded; a DTD is refused wherever it is.
  add('billion laughs in the shared strings', 'laughs-sst.xlsx', 'unsafeMarkup', 'DTD 或实体声明', () =>
    xlsx({ 'xl/sharedStrings.xml': `${XML_DECLARATION}${BILLION_LAUGHS}<sst xmlns="${MAIN}">${sstItems(HEADERS)}<si><t>&lol9;</t></si>${sstItems(STRINGS.slice(HEADERS.length + 1))}</sst>` }),
  );
  add('billion laughs in the sheet', 'laughs-sheet.xlsx', 'unsafeMarkup', 'DTD 或实体声明', () =>
    xlsx({ 'xl/worksheets/sheet1.xml': `${XML_DECLARATION}${BILLION_LAUGHS}<worksheet xmlns="${MAIN}"><sheetData>${HEADER_ROW}${row(2, '<c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c>')}${SHEET_TAIL}` }),
  );
  add('an external entity in the workbook', 'external-entity.xlsx', 'unsafeMarkup', 'DTD 或实体声明', () =>
    xlsx({ 'xl/workbook.xml': `${XML_DECLARATION}<!DOCTYPE workbook [<!ENTITY e SYSTEM "file:///etc/passwd">]><workbook xmlns="${MAIN}" xmlns:r="${OFFICE_RELS}"><sheets><sheet name="&e;" sheetId="1" r:id="rId1"/></sheets></workbook>` }),
  );

  // Damaged packages.
  for (const fraction of [0.3, 0.6, 0.95]) add(`truncated at ${fraction * 100}%`, `truncated-${fraction}.xlsx`, 'corrupt', '文件已损坏或不完整', () => { const b = validRoster(); return b.subarray(0, Math.floor(b.length * fraction)); });
  for (const [part, fraction, bit] of [['xl/worksheets/sheet1.xml', 0.2, 0], ['xl/worksheets/sheet1.xml', 0.5, 3], ['xl/worksheets/sheet1.xml', 0.9, 7], ['xl/sharedStrings.xml', 0.3, 1], ['xl/sharedStrings.xml', 0.7, 5]] as const) {
    add(`one bit flipped in ${part} at ${fraction * 100}%`, `mutated-${part.split('/').pop()}-${fraction}.xlsx`, 'corrupt', '文件已损坏或不完整', () => mutated(part, fraction, bit));
  }

  // Text rosters.
  add('NUL characters at the start of a CSV', 'nul-start.csv', 'unsupportedType', '无法识别的文件格式', () => csv(`${CSV_HEADER}${CSV_PERSON.replace(',', '\0,')}`.repeat(2)));
  add('NUL characters after the first 64 KiB of a CSV', 'nul-late.csv', 'corrupt', '第 3002 行含有空字符', () => csv(`${CSV_HEADER}${CSV_PERSON.repeat(3000)}${CSV_PERSON.replace(/,/g, '\0,')}`));
  add('a 45 MiB CSV cell', 'csv-cell.csv', 'cellTooLong', '第 2 行 C 列的内容超过', () => csv(`${CSV_HEADER}${PEOPLE[0]![0]},身份证,${'1'.repeat(45 * MiB)},是\r\n`));
  add('a 45 MiB quoted CSV cell', 'csv-quoted-cell.csv', 'cellTooLong', '第 2 行 A 列的内容超过', () => csv(`${CSV_HEADER}"${'王'.repeat(15 * MiB)}",身份证,${PEOPLE[0]![2]},是\r\n`));
  add('a 40 MiB CSV cell of doubled quotes', 'csv-quotes-cell.csv', 'cellTooLong', '第 2 行 A 列的内容超过', () => csv(`${CSV_HEADER}"${'""'.repeat(20 * MiB)}",身份证,${PEOPLE[0]![2]},是\r\n`));

  // A million rows.
  add(`${MILLION_ROWS} CSV rows`, 'million.csv', 'tooManyRows', '名单超过 200000 行', () => csv(`${CSV_HEADER}${CSV_PERSON.repeat(MILLION_ROWS)}`));
  add(`${MILLION_ROWS} sheet rows`, 'million.xlsx', 'tooManyRows', '名单超过 200000 行', () => {
    // Rows without r attributes number on from the header; one piece is 13,981 rows, 75 of them every row the grid has.
    const person = `<row>${Array.from({ length: 4 }, (_, k) => `<c t="s"><v>${HEADERS.length + k}</v></c>`).join('')}</row>`;
    return xlsx({ 'xl/worksheets/sheet1.xml': { head: `${SHEET_HEAD}${HEADER_ROW}`, piece: person.repeat(13_981), times: 75, tail: SHEET_TAIL } });
  });
  return files;
}

/** Writes every hostile file into `dir`; their paths, in hostileFiles()'s order. */
export function writeHostileFiles(dir: string): (Omit<HostileFile, 'bytes'> & { path: string })[] {
  return hostileFiles().map(({ bytes, ...file }) => {
    const path = join(dir, file.fileName);
    writeFileSync(path, bytes());
    return { ...file, path };
  });
}
