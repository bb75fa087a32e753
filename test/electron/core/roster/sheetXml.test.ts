/**
 * The xlsx parts read without exceljs: sheets, shared strings, styles and the workbook, as
 * Excel, WPS, LibreOffice and hand-rolled writers produce them (namespace prefixes, attributes
 * in any order or quoting, rows and cells without references, entities, CDATA, comments), fed
 * in chunks split anywhere.
 */
import { describe, expect, it } from 'vitest';
import { SheetXmlRows, type SheetCellContext } from '../../../../electron/core/roster/sheetXmlRows';
import { parseCellFormats, parseSharedStrings, parseWorkbook } from '../../../../electron/core/roster/workbookParts';
import { attribute, decodeXml, tokenizeXml, type XmlHandler } from '../../../../electron/core/roster/xmlTokens';
import { FORMULA_ERROR_TEXT } from '../../../../electron/core/roster/cellText';
import { MAX_CELL_CHARS, MAX_MARKUP_CHARS, MAX_XML_DEPTH } from '../../../../electron/core/roster/rosterLimits';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

function sheet(rows: string, root = 'worksheet', prefix = ''): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${prefix}${root} ${NS}><${prefix}sheetData>${rows}</${prefix}sheetData></${prefix}${root}>`;
}

const context: SheetCellContext = { sharedStrings: ['王小明', '身份证', '是'], styleFormats: [undefined, 'yyyy-mm-dd', '000000', '@'], date1904: false };

/** The rows of a sheet fed in chunks of `chunk` characters, as [row number, cells]. */
function rowsOf(xml: string, chunk = xml.length, ctx = context): { rows: [number, string[]][]; complete: boolean } {
  const parser = new SheetXmlRows(ctx);
  const rows: [number, string[]][] = [];
  const collect = () => {
    for (const r of parser.take()) rows.push([r.number, Array.from({ length: r.width }, (_, c) => r.text(c))]);
  };
  for (let at = 0; at < xml.length; at += chunk) {
    parser.feed(xml.slice(at, at + chunk));
    collect();
  }
  collect();
  return { rows, complete: parser.complete() };
}

describe('worksheet rows', () => {
  const cases: [string, string, [number, string[]][]][] = [
    ['shared strings, numbers and an empty styled cell', '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" s="3"/><c r="C2"><v>13800138000</v></c></row>', [[2, ['王小明', '', '13800138000']]]],
    ['cells from column AA on', '<row r="5"><c r="AB5" t="s"><v>1</v></c></row>', [[5, [...Array<string>(27).fill(''), '身份证']]]],
    ['rows and cells without references', '<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row><row><c><v>1</v></c></row>', [[1, ['王小明', '身份证']], [2, ['1']]]],
    ['a date serial under a date style', '<row r="3"><c r="A3" s="1"><v>32874</v></c></row>', [[3, ['1990-01-01']]]],
    ['a code with leading zeros shown by its style', '<row r="3"><c r="A3" s="2"><v>123</v></c></row>', [[3, ['000123']]]],
    ['an 18-digit number (digits lost)', '<row r="3"><c r="A3"><v>3.2010219900101101E+17</v></c></row>', [[3, ['3.20102199001011E+17']]]],
    ['inline rich text without the phonetic guide', '<row r="4"><c r="A4" t="inlineStr"><is><r><t>王</t></r><r><rPr><b/></rPr><t xml:space="preserve">小明</t></r><rPh sb="0" eb="1"><t>WANG</t></rPh></is></c></row>', [[4, ['王小明']]]],
    ['booleans', '<row r="6"><c r="A6" t="b"><v>1</v></c><c r="B6" t="b"><v>0</v></c></row>', [[6, ['是', '否']]]],
    ['an error cell and a formula whose result is an error', '<row r="7"><c r="A7" t="e"><v>#N/A</v></c><c r="B7" t="e"><f>VLOOKUP(A1,B:C,2,0)</f><v>#N/A</v></c></row>', [[7, ['#N/A', FORMULA_ERROR_TEXT]]]],
    ['formula results: text, number, none', '<row r="8"><c r="A8" t="str"><f>A1&amp;B1</f><v>王&amp;小明</v></c><c r="B8"><f>A1-A1</f><v>0</v></c><c r="C8"><f>NOW()</f></c></row>', [[8, ['王&小明', '0', '']]]],
    ['an ISO date cell', '<row r="9"><c r="A9" t="d"><v>2024-10-01T00:00:00</v></c></row>', [[9, ['2024-10-01']]]],
    ['attributes in another order and quoting, spaces around =', "<row spans='1:2' r='10'><c t = 's' s='3' r='B10'><v>2</v></c></row>", [[10, ['', '是']]]],
    ['a self-closed empty row', '<row r="11"/><row r="12"><c r="A12" t="s"><v>0</v></c></row>', [[11, []], [12, ['王小明']]]],
    ['a comment and a > inside a quoted value', '<!-- <row r="99"> --><row r="13" x14ac:note="a>b"><c r="A13" t="s"><v>0</v></c></row>', [[13, ['王小明']]]],
  ];
  it.each(cases)('%s', (_name, rows, expected) => {
    expect(rowsOf(sheet(rows))).toEqual({ rows: expected, complete: true });
  });

  it('reads the same in chunks split anywhere, and under a namespace prefix', () => {
    const rows = cases.map(([, r]) => r).join('').replace(/<row r="(\d+)"/g, '<row r="$1"');
    const whole = rowsOf(sheet(rows));
    for (const chunk of [1, 2, 3, 7, 64]) expect(rowsOf(sheet(rows), chunk)).toEqual(whole);
    const prefixed = sheet(rows.replace(/<(\/?)(row|c|v|f|is|r|t|rPh|rPr|b)([ >/])/g, '<$1x:$2$3'), 'worksheet', 'x:');
    expect(rowsOf(prefixed.replace(`x:worksheet ${NS}`, `x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`), 5)).toEqual(whole);
  });

  it('knows a part that breaks off is incomplete', () => {
    const xml = sheet('<row r="2"><c r="A2" t="s"><v>0</v></c></row><row r="3"><c r="A3" t="s"><v>1</v></c></row>');
    expect(rowsOf(xml.slice(0, xml.indexOf('<row r="3"') + 12))).toEqual({ rows: [[2, ['王小明']]], complete: false });
  });
});

describe('shared strings', () => {
  it('joins rich-text runs, leaves out phonetic guides, decodes entities and Excel escapes', () => {
    const xml = `<sst ${NS} count="5"><si><t>王小明</t></si><si><r><t>王</t></r><r><rPr><b/></rPr><t>小明</t></r><rPh><t>xiao</t></rPh></si><si><t xml:space="preserve"> a &amp; b &#x4E00;&#20108; </t></si><si/><si><t>line_x000D_break</t></si></sst>`;
    expect(parseSharedStrings(xml)).toEqual(['王小明', '王小明', ' a & b 一二 ', '', 'line\rbreak']);
  });

  it('reads a table of plain items (as Excel writes them) the same as any other', () => {
    const items = ['<si><t>王小明</t></si>', '<si><t xml:space="preserve"> a &amp; b &#x4E00; </t></si>', '<si><t>line_x000D_break\n二</t></si>', '<si><t>310101196601010004</t></si>'];
    const plain = `<sst ${NS} count="4">\n${items.join('')}\n</sst>`;
    // One rich-text item at the end takes the whole table through the general reader.
    const general = `<sst ${NS} count="5">${items.join('')}<si><r><t>李</t></r></si></sst>`;
    expect(parseSharedStrings(plain)).toEqual(['王小明', ' a & b 一 ', 'line\rbreak\n二', '310101196601010004']);
    expect(parseSharedStrings(general).slice(0, 4)).toEqual(parseSharedStrings(plain));
    expect(parseSharedStrings(`<sst ${NS}><si><t>王</t></si><si><t/></si><si><t>李</t></si></sst>`)).toEqual(['王', '', '李']);
    expect(parseSharedStrings(`<sst ${NS}/>`)).toEqual([]);
  });

  it('refuses a table that breaks off', () => {
    expect(() => parseSharedStrings(`<sst ${NS}><si><t>王</t></si><si><t>李</t></si>`)).toThrow();
    expect(() => parseSharedStrings(`<sst ${NS}><si><t>王</t></si><si><t>李`)).toThrow();
  });
});

describe('cell styles', () => {
  it('gives each style its custom or built-in format, Chinese Excel long dates included', () => {
    const xml = `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>
      <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
      <cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="176" applyNumberFormat="1"/><xf numFmtId="14"/><xf numFmtId="31"/><xf numFmtId="49"/></cellXfs></styleSheet>`;
    expect(parseCellFormats(xml)).toEqual(['General', 'yyyy"年"m"月"d"日"', 'mm-dd-yy', 'yyyy"年"m"月"d"日"', '@']);
  });
});

describe('the workbook', () => {
  const rels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId1" Type="worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>`;
  it.each([
    ['Excel', `<workbook ${NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="说明" sheetId="1" r:id="rId1"/><sheet name="名单 &amp; 备注" sheetId="2" r:id="rId3"/></sheets></workbook>`, true],
    ['another prefix for relationships, no 1904 flag', `<x:workbook xmlns:x="${NS.slice(7, -1)}" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="说明" sheetId="1" rel:id="rId1"/><x:sheet name="名单 &amp; 备注" sheetId="2" rel:id="rId3"/></x:sheets></x:workbook>`, false],
  ])('names the sheets by their parts (%s)', (_name, workbook, date1904) => {
    const facts = parseWorkbook(workbook, rels);
    expect(facts.date1904).toBe(date1904);
    expect([...facts.sheetNames]).toEqual([
      ['xl/worksheets/sheet2.xml', '名单 & 备注'],
      ['xl/worksheets/sheet1.xml', '说明'],
    ]);
  });
});

describe('the tag scanner', () => {
  it('decodes entities and reads attributes in either quoting', () => {
    expect(decodeXml('a &lt;b&gt; &quot;c&quot; &apos;d&apos; &#65;&#x42; &unknown;')).toEqual(`a <b> "c" 'd' AB &unknown;`);
    expect(attribute(`c r="A1" t='s' data-r="x"`, 'r')).toBe('A1');
    expect(attribute(`c r="A1" t='s'`, 't')).toBe('s');
    expect(attribute(`c r="A1"`, 's')).toBeUndefined();
  });

  it('takes CDATA as literal text', () => {
    const texts: string[] = [];
    const handler: XmlHandler = { names: ['t'], capturing: true, open() {}, close() {}, text: (raw) => texts.push(decodeXml(raw)) };
    expect(tokenizeXml('<t><![CDATA[a < b & c]]></t>', handler)).toBe(true);
    expect(texts.join('')).toBe('a < b & c');
  });
});

describe('markup no roster holds', () => {
  const person = '<row r="2"><c r="A2" t="s"><v>0</v></c></row>';

  it('carries no text from one chunk to the next: a whitespace run longer than any tag reads in small chunks', () => {
    const run = ' \n'.repeat(MAX_MARKUP_CHARS);
    expect(rowsOf(sheet(`${run}${person}${run}`), 1000)).toEqual({ rows: [[2, ['王小明']]], complete: true });
  });

  it('is incomplete with text after the root element, whatever chunk it arrives in', () => {
    for (const chunk of [1, 5, 1000]) expect(rowsOf(`${sheet(person)}  garbage `, chunk).complete).toBe(false);
  });

  it.each([
    ['a DTD', `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e "x">]>${sheet(person)}`, 'unsafeMarkup'],
    ['a tag longer than any SpreadsheetML writes', sheet(`<row r="2"${' '.repeat(MAX_MARKUP_CHARS)}>`), 'tooLarge'],
    ['a comment that never ends', sheet(`<!--${'-'.repeat(MAX_MARKUP_CHARS)}`), 'tooLarge'],
    ['elements nested deeper than SpreadsheetML nests', sheet(`${'<x>'.repeat(MAX_XML_DEPTH)}${'</x>'.repeat(MAX_XML_DEPTH)}`), 'tooLarge'],
    ['a cell beyond column XFD', sheet('<row r="2"><c r="XFE2"><v>1</v></c></row>'), 'tooLarge'],
    ['a row beyond row 1048576', sheet('<row r="1048577"><c r="A1048577"><v>1</v></c></row>'), 'tooLarge'],
  ])('refuses %s, fed whole or in chunks', (_name, xml, code) => {
    for (const chunk of [xml.length, 4096]) expect(() => rowsOf(xml, chunk)).toThrow(expect.objectContaining({ code }));
  });

  it(`takes a cell of ${MAX_CELL_CHARS} characters and refuses one longer, naming its row and column`, () => {
    const cell = (text: string) => sheet(`<row r="7"><c r="C7" t="inlineStr"><is><t>${text}</t></is></c></row>`);
    expect(rowsOf(cell('&amp;'.repeat(MAX_CELL_CHARS)), 1000).rows).toEqual([[7, ['', '', '&'.repeat(MAX_CELL_CHARS)]]]);
    expect(() => rowsOf(cell('王'.repeat(MAX_CELL_CHARS + 1)), 1000)).toThrow(expect.objectContaining({ code: 'cellTooLong', message: expect.stringContaining('第 7 行 C 列') }));
    const shared = { ...context, sharedStrings: ['王'.repeat(MAX_CELL_CHARS + 1)] };
    expect(() => rowsOf(sheet('<row r="3"><c r="AB3" t="s"><v>0</v></c></row>'), 1000, shared)).toThrow(expect.objectContaining({ message: expect.stringContaining('第 3 行 AB 列') }));
  });

  it('skips the columns before a far cell without filling them', () => {
    const { rows } = rowsOf(sheet('<row r="2"><c r="XFD2" t="s"><v>0</v></c></row>'));
    expect(rows[0]![1]).toHaveLength(16_384);
    expect(rows[0]![1][16_383]).toBe('王小明');
  });
});
