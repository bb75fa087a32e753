import { describe, expect, it } from 'vitest';
import { readRosterFile, type ReadRosterOptions } from '../../../../electron/core/roster/readRosterFile';
import { buildImportTemplate } from '../../../../electron/core/roster/templateWorkbook';
import { RosterFileError, type RosterFileErrorCode } from '../../../../electron/core/roster/errors';
import type { RawRosterRow } from '../../../../shared/domain/roster/fields';
import type { RosterColumn } from '../../../../shared/domain/scheme';
import type { Scheme } from '../../../../shared/domain/scheme';
import { templateHeaderRowIndex } from '../../../../shared/domain/scheme/roster';
import { builtInSchemes, schemeById } from '../../../../shared/schemes';
import { largeRosterBytes, loadWorkbook, sheetBytes, workbookBytes } from './xlsxFixtures';
import { readZip, writeZip } from './zipFixtures';
import { listZipEntries } from '../../../../electron/core/roster/zipArchive';

const suzhou = schemeById('suzhou-2024')!;
const wuxi = schemeById('wuxi-2023')!;
const shanghai = schemeById('shanghai-2020')!;

const read = (bytes: Buffer, scheme: Scheme, options?: ReadRosterOptions, fileName = 'roster.xlsx') => readRosterFile({ fileName, bytes }, scheme, options);

async function refusal(promise: Promise<unknown>): Promise<RosterFileError> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(RosterFileError);
  return outcome as RosterFileError;
}

function sampleValue(column: RosterColumn, i: number): string {
  if (column.enumValues) return column.enumValues[i % column.enumValues.length]!;
  const samples: Partial<Record<RosterColumn['key'], string>> = {
    name: `王小明${i}`,
    documentNumber: `11010519491231${String(i).padStart(3, '0')}X`,
    bankCard: '6222021234567890123',
    bankName: '无锡市农村商业银行',
    phone: `1380013800${i}`,
    birthDate: '1990-01-01',
  };
  return samples[column.key] ?? `${column.key}-${i}`;
}

describe('a filled-in template reads back as typed', () => {
  it.each(builtInSchemes().map((s) => [s.id, s] as const))('%s', async (_id, scheme) => {
    const roster = scheme.roster;
    const columns = roster.columns.filter((c) => c.inTemplate);
    const firstField = roster.template.serialNumberHeader ? 2 : 1;
    const headerRow = templateHeaderRowIndex(roster) + 1;
    const firstRow = headerRow + 1 + roster.template.exampleRows.length;
    const workbook = await loadWorkbook(await buildImportTemplate(scheme));
    const sheet = workbook.worksheets[0]!;
    const expected: { sourceRow: number; values: RawRosterRow }[] = [];
    for (let i = 0; i < 3; i++) {
      const values: RawRosterRow = {};
      columns.forEach((column, c) => {
        values[column.key] = sampleValue(column, i);
        sheet.getCell(firstRow + i, firstField + c).value = values[column.key]!;
      });
      if (firstField > 1) sheet.getCell(firstRow + i, 1).value = firstRow + i - headerRow;
      expected.push({ sourceRow: firstRow + i, values });
    }
    const result = await read(Buffer.from(await workbook.xlsx.writeBuffer()), scheme);
    expect(result.rows).toEqual(expected);
    expect(result).toMatchObject({ format: 'xlsx', sheetName: roster.template.sheetName, headerRow, totalRows: 3 });
    expect(result.skippedExampleRows).toBe(roster.template.exampleRows.length);
    expect(result.mapped.map((m) => m.field)).toEqual(columns.map((c) => c.key));
    expect(result.ignoredHeaders).toEqual([]);
  });
});

describe('finding and mapping the header', () => {
  it('maps columns in any order, by synonyms and with hints, and lists the others', async () => {
    const bytes = await sheetBytes([
      ['手机号码', '证件号码', '是否有社保', '证件类型（身份证、护照）', '＊姓 名', '工号', '职退情况'],
      ['13800138000', '11010519491231002X', '是', '身份证', '李四', 'A001', '在职'],
    ]);
    const result = await read(bytes, shanghai);
    expect(result.mapped).toEqual([
      { field: 'phone', header: '手机号码', columnIndex: 0 },
      { field: 'documentNumber', header: '证件号码', columnIndex: 1 },
      { field: 'socialSecurity', header: '是否有社保', columnIndex: 2 },
      { field: 'documentType', header: '证件类型（身份证、护照）', columnIndex: 3 },
      { field: 'name', header: '＊姓 名', columnIndex: 4 },
      { field: 'employmentStatus', header: '职退情况', columnIndex: 6 },
    ]);
    expect(result.ignoredHeaders).toEqual(['工号']);
    expect(result.rows).toEqual([
      {
        sourceRow: 2,
        values: { phone: '13800138000', documentNumber: '11010519491231002X', socialSecurity: '是', documentType: '身份证', name: '李四', employmentStatus: '在职' },
      },
    ]);
  });

  it('finds the header below titles, notes and blank rows', async () => {
    const bytes = await sheetBytes([
      ['某某公司 2024 年参保人员名单'],
      [],
      ['制表：工会办公室', null, '日期：2024-09-01'],
      ['序号', '姓名', '身份证号', '手机号', '备注'],
      [1, '赵六', '11010519491231002X', '13800138000', null],
      [],
      [2, '钱七', '110105194912310037', null, '新入职'],
    ]);
    const result = await read(bytes, suzhou);
    expect(result.headerRow).toBe(4);
    expect(result.ignoredHeaders).toEqual(['序号']);
    expect(result.rows).toEqual([
      { sourceRow: 5, values: { name: '赵六', documentNumber: '11010519491231002X', phone: '13800138000' } },
      { sourceRow: 7, values: { name: '钱七', documentNumber: '110105194912310037', remark: '新入职' } },
    ]);
  });

  it("skips Wuxi's instruction row, serial numbers of empty rows and the 张三 example", async () => {
    const bytes = await sheetBytes([
      ['无锡市职工互助互济会“三合一”项目参保花名册'],
      ['说明', '必填，姓名中不要出现空格', '必填，X要大写'],
      ['序号', '姓名', '居民身份证号 (证件号码)', '社保卡银行卡号', '开户行', '手机号', '备注'],
      [1, '张三', '3202*****002X'],
      [2, '李4', '320102199001011234', '6222021234567890123', '中国建设银行滨湖支行', '18800001111', '4'],
      [3],
      [4],
      ['说明', '必填，姓名中不要出现空格'],
    ]);
    const result = await read(bytes, wuxi);
    expect(result.skippedExampleRows).toBe(1);
    expect(result.ignoredHeaders).toEqual([]);
    expect(result.rows).toEqual([
      {
        sourceRow: 5,
        values: { name: '李4', documentNumber: '320102199001011234', bankCard: '6222021234567890123', bankName: '中国建设银行滨湖支行', phone: '18800001111', remark: '4' },
      },
    ]);
  });

  it('keeps a person who happens to share the example name but not its number', async () => {
    const bytes = await sheetBytes([
      ['姓名', '居民身份证号', '社保卡号', '开户银行', '联系电话'],
      ['张三', '320102199001011234', '6222021234567890123', '中国银行', '18800001111'],
    ]);
    const result = await read(bytes, wuxi);
    expect(result.rows).toHaveLength(1);
    expect(result.skippedExampleRows).toBe(0);
  });

  it('reads the first sheet that has a roster header', async () => {
    const bytes = await workbookBytes([
      { name: '填写说明', rows: [['列名', '是否必填'], ['姓名', '必填'], ['身份证号码', '必填']] },
      { name: '名单', rows: [['姓名', '身份证号码'], ['孙八', '11010519491231002X']] },
    ]);
    const result = await read(bytes, suzhou);
    expect(result.sheetName).toBe('名单');
    expect(result.rows).toEqual([{ sourceRow: 2, values: { name: '孙八', documentNumber: '11010519491231002X' } }]);
  });

  const missing: [string, Scheme, string[], string, string[]][] = [
    ['Suzhou without the ID column', suzhou, ['姓名', '手机号码'], '缺少必填列“身份证号码”', ['documentNumber']],
    ['Shanghai, named without its asterisk', shanghai, ['姓名', '证件类型', '是否有社保'], '缺少必填列“证件号码”', ['documentNumber']],
    ['Wuxi without the bank columns', wuxi, ['姓名', '身份证号码', '手机号'], '缺少必填列“社保卡银行卡号”、“开户行”', ['bankCard', 'bankName']],
  ];
  it.each(missing)('names the missing required column: %s', async (_name, scheme, header, message, fields) => {
    const error = await refusal(read(await sheetBytes([header, header.map(() => 'x')]), scheme));
    expect(error.code).toBe('missingColumns');
    expect(error.message).toContain(message);
    expect(error.missingFields).toEqual(fields);
  });
});

describe('cells come back as the text the clerk saw', () => {
  const cases: [string, unknown, string | undefined, string][] = [
    ['a phone number typed as a number', 13800138000, undefined, '13800138000'],
    ['an 18-digit ID typed as a number (digits lost)', 320102199001011234, undefined, '3.20102199001011E+17'],
    ['a 16-digit card as Excel keeps it (last digit zeroed)', 6222021234567890, undefined, '6.22202123456789E+15'],
    ['a code with leading zeros shown by its format', 123, '000000', '000123'],
    ['a date serial with a date format', 32874, 'yyyy-mm-dd', '1990-01-01'],
    ['a date in the Chinese format', 45566, 'yyyy"年"m"月"d"日"', '2024-10-01'],
    ['a date and time', 45566.75, 'yyyy-mm-dd hh:mm', '2024-10-01'],
    ['TRUE in a yes/no column', true, undefined, '是'],
    ['FALSE in a yes/no column', false, undefined, '否'],
    ['rich text', { richText: [{ text: '王' }, { text: '小明', font: { bold: true } }] }, undefined, '王小明'],
    ['a formula with a text result', { formula: 'A1&B1', result: '王小明' }, undefined, '王小明'],
    ['a formula with a date result', { formula: 'DATE(1990,1,1)', result: 32874 }, 'yyyy-mm-dd', '1990-01-01'],
    ['a formula whose lookup failed', { formula: 'VLOOKUP(A1,B:C,2,0)', result: { error: '#N/A' } }, undefined, '#公式错误'],
    ['a formula whose result is 0', { formula: 'A1-A1', result: 0 }, undefined, '0'],
    ['an error cell', { error: '#N/A' }, undefined, '#N/A'],
    ['a hyperlink', { text: '王小明', hyperlink: 'mailto:wang@example.com' }, undefined, '王小明'],
  ];
  it.each(cases)('%s', async (_name, value, numFmt, text) => {
    const bytes = await sheetBytes(
      [
        ['姓名', '身份证号码', '备注'],
        ['周九', '11010519491231002X', value as never],
      ],
      numFmt ? { numFmts: { 3: numFmt } } : {},
    );
    expect((await read(bytes, suzhou)).rows[0]!.values.remark).toBe(text);
  });

  const zones: [string, number][] = [
    ['America/Los_Angeles', 480],
    ['Asia/Shanghai', -480],
    ['Pacific/Kiritimati', -840],
    ['UTC', 0],
  ];
  it.each(zones)('dates do not move with the time zone (TZ=%s)', async (zone, offset) => {
    const bytes = await sheetBytes(
      [
        ['姓名', '身份证号码', '出生日期'],
        ['吴十', 'E12345678', 32874],
        ['郑一', 'E12345679', 36892],
      ],
      { numFmts: { 3: 'yyyy/m/d' } },
    );
    const saved = process.env.TZ;
    process.env.TZ = zone;
    try {
      expect(new Date(2020, 0, 15).getTimezoneOffset()).toBe(offset);
      const rows = (await read(bytes, suzhou)).rows;
      expect(rows.map((r) => r.values.birthDate)).toEqual(['1990-01-01', '2001-01-01']);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('removes the apostrophe our exports put before formula-like text', async () => {
    const bytes = await sheetBytes([
      ['姓名', '身份证号码', '备注'],
      ["'=HYPERLINK(1)", '11010519491231002X', "'it's"],
    ]);
    expect((await read(bytes, suzhou)).rows[0]!.values).toEqual({ name: '=HYPERLINK(1)', documentNumber: '11010519491231002X', remark: "'it's" });
  });
});

describe('xlsx packages as other programs write them', () => {
  async function repackaged(transform: (files: ReturnType<typeof readZip>) => ReturnType<typeof readZip>, options: Parameters<typeof writeZip>[1]) {
    const original = await sheetBytes(
      [
        ['姓名', '身份证号码', '出生日期'],
        ['冯二', '11010519491231002X', 32874],
      ],
      { numFmts: { 3: 'yyyy-mm-dd' } },
    );
    return writeZip(transform(readZip(original)), options);
  }
  const expected = [{ sourceRow: 2, values: { name: '冯二', documentNumber: '11010519491231002X', birthDate: '1990-01-01' } }];
  const sheetsLast = (files: ReturnType<typeof readZip>) => [...files].sort((a, b) => Number(a.name.includes('worksheets')) - Number(b.name.includes('worksheets')));
  const stylesLast = (files: ReturnType<typeof readZip>) => [...files].sort((a, b) => Number(a.name.includes('styles')) - Number(b.name.includes('styles')));
  const variants: [string, (files: ReturnType<typeof readZip>) => ReturnType<typeof readZip>, Parameters<typeof writeZip>[1]][] = [
    ['stored, not deflated', (f) => f, {}],
    ['deflated with data descriptors', (f) => f, { deflate: true, dataDescriptor: true }],
    ['sheets after everything else', sheetsLast, { deflate: true }],
    ['styles after the sheets', stylesLast, { deflate: true }],
    ['part names in other case', (f) => f.map((file) => ({ ...file, name: file.name.replace('sharedStrings', 'SharedStrings').replace('sheet1', 'Sheet1') })), { deflate: true }],
    ['inline strings, no shared-string part', (f) => f.map(inlineStrings).filter((file) => !file.name.endsWith('sharedStrings.xml')), { deflate: true }],
  ];
  it.each(variants)('%s', async (_name, transform, options) => {
    expect((await read(await repackaged(transform, options), suzhou)).rows).toEqual(expected);
  });

  function inlineStrings(file: { name: string; data: Buffer }, _i: number, files: { name: string; data: Buffer }[]) {
    if (!file.name.startsWith('xl/worksheets/sheet')) return file;
    const table = files.find((f) => f.name === 'xl/sharedStrings.xml');
    return table ? { ...file, data: Buffer.from(toInline(file.data.toString('utf8'), table.data.toString('utf8'))) } : file;
  }
  function toInline(sheet: string, sharedStrings: string): string {
    const strings = [...sharedStrings.matchAll(/<si><t[^>]*>([^<]*)<\/t><\/si>/g)].map((m) => m[1]!);
    return sheet.replace(/<c r="([A-Z]+\d+)"( s="\d+")? t="s"><v>(\d+)<\/v><\/c>/g, (_m, ref: string, style = '', index: string) => `<c r="${ref}"${style} t="inlineStr"><is><t>${strings[Number(index)]}</t></is></c>`);
  }
});

describe('files that are not a readable roster', () => {
  const ole2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const compoundFile = (...streams: string[]) => Buffer.concat([ole2, Buffer.alloc(504), ...streams.map((s) => Buffer.from(s, 'utf16le')), Buffer.alloc(512)]);
  const pngBytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
  const minimalRoster = () => sheetBytes([['姓名', '身份证号码'], ['陈三', '11010519491231002X']]);

  const cases: [string, () => Promise<Buffer> | Buffer, string, RosterFileErrorCode, RegExp][] = [
    ['an Excel 97-2003 .xls', () => compoundFile('Workbook'), 'roster.xls', 'legacyXls', /97-2003.*另存为/],
    ['a password-protected .xlsx', () => compoundFile('EncryptionInfo', 'EncryptedPackage'), 'roster.xlsx', 'encrypted', /^文件已设置密码保护，请在 Excel 中取消密码后再导入$/],
    ['a Word 97-2003 file renamed .xls', () => compoundFile('WordDocument'), 'roster.xls', 'unsupportedType', /Word/],
    ['a truncated xlsx', async () => (await minimalRoster()).subarray(0, 2000), 'roster.xlsx', 'corrupt', /损坏或不完整/],
    ['an xlsx with damaged data inside', async () => damaged(await largeRosterBytes(300, ['姓名', '身份证号码'], (i) => [`人${i}`, `11010519${i}`])), 'roster.xlsx', 'corrupt', /损坏或不完整/],
    ['a PNG renamed .xlsx', () => pngBytes, 'roster.xlsx', 'unsupportedType', /图片（PNG）/],
    ['a PDF renamed .xlsx', () => Buffer.from('%PDF-1.7\n%\xe2\xe3\n1 0 obj', 'latin1'), 'roster.xlsx', 'unsupportedType', /PDF/],
    ['a .docx renamed .xlsx', () => writeZip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }, { name: 'word/document.xml', data: Buffer.from('<w:document/>') }]), 'roster.xlsx', 'unsupportedType', /Word 文档/],
    ['an .xlsb', () => writeZip([{ name: 'xl/workbook.bin', data: Buffer.alloc(10) }]), 'roster.xlsb', 'unsupportedType', /xlsb/],
    ['an HTML table saved as .xls', () => Buffer.from('<html><body><table><tr><td>姓名</td></tr></table></body></html>'), 'roster.xls', 'unsupportedType', /HTML/],
    ['a zero-byte file', () => Buffer.alloc(0), 'roster.xlsx', 'empty', /空的/],
    ['a workbook with an empty sheet', () => sheetBytes([]), 'roster.xlsx', 'empty', /^文件中没有任何内容/],
    ['a header without rows', () => sheetBytes([['姓名', '身份证号码']]), 'roster.xlsx', 'empty', /名单中没有人员/],
    ['a sheet that is not a roster', () => sheetBytes([['商品', '单价', '数量'], ['笔记本', 12, 3]]), 'roster.xlsx', 'notRoster', /^这不是参保名单文件：未找到表头（应包含 姓名、证件号码 等列）$/],
  ];
  it.each(cases)('%s', async (_name, make, fileName, code, message) => {
    const error = await refusal(read(await make(), suzhou, {}, fileName));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('refuses more rows than the caller allows', async () => {
    const bytes = await sheetBytes([['姓名', '身份证号码'], ...Array.from({ length: 6 }, (_, i) => [`人${i}`, `1101051949123100${i}X`])]);
    const error = await refusal(read(bytes, suzhou, { maxRows: 5 }));
    expect(error.code).toBe('tooManyRows');
    expect(error.message).toContain('5');
    expect((await read(bytes, suzhou, { maxRows: 6 })).totalRows).toBe(6);
  });

  // Overwrites a run of bytes in the middle of the worksheet's compressed data.
  function damaged(bytes: Buffer): Buffer {
    const copy = Buffer.from(bytes);
    const sheet = listZipEntries(copy)!.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    const dataStart = sheet.start + 30 + copy.readUInt16LE(sheet.start + 26) + copy.readUInt16LE(sheet.start + 28);
    const middle = dataStart + Math.floor(sheet.compressedSize / 2);
    expect(sheet.compressedSize).toBeGreaterThan(400);
    copy.fill(0xff, middle - 100, middle + 100);
    return copy;
  }
});

describe('progress and cancellation', () => {
  const header = ['姓名', '身份证号码', '手机号码'];
  const person = (i: number) => [`职工${i}`, `11010519${String(i).padStart(9, '0')}X`, `138${String(i).padStart(8, '0')}`];

  it('reports rows read every progressEvery rows and at the end, in increasing counts', async () => {
    const bytes = await largeRosterBytes(1234, header, person);
    const seen: number[] = [];
    const result = await read(bytes, suzhou, { progressEvery: 500, onProgress: (n) => seen.push(n) });
    expect(seen).toEqual([500, 1000, 1234]);
    expect(result.totalRows).toBe(1234);
    expect(result.rows[1233]).toEqual({ sourceRow: 1235, values: { name: '职工1234', documentNumber: person(1234)[1], phone: '13800001234' } });
  });

  it('stops a 20,000-row read when the signal aborts after the first progress report', async () => {
    const bytes = await largeRosterBytes(20_000, header, person);
    const controller = new AbortController();
    const seen: number[] = [];
    const error = await refusal(
      read(bytes, suzhou, {
        signal: controller.signal,
        onProgress: (n) => {
          seen.push(n);
          controller.abort();
        },
      }),
    );
    expect(error.code).toBe('cancelled');
    expect(seen).toEqual([500]);
  });

  it('stops while the reader is still busy before the first row', async () => {
    const bytes = await largeRosterBytes(20_000, header, person);
    const controller = new AbortController();
    const reading = read(bytes, suzhou, { signal: controller.signal, onProgress: () => expect.unreachable('no row may be read') });
    controller.abort();
    expect((await refusal(reading)).code).toBe('cancelled');
  });

  it('does not start when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await refusal(read(await largeRosterBytes(10, header, person), suzhou, { signal: controller.signal }))).code).toBe('cancelled');
  });
});
