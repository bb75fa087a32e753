import { describe, expect, it } from 'vitest';
import { decodedChunks, DelimitedRecords, detectDelimiter, parseDelimited, textEncoding } from '../../../../electron/core/roster/delimitedText';
import { MAX_CELL_CHARS } from '../../../../electron/core/roster/rosterLimits';
import { readRosterFile } from '../../../../electron/core/roster/readRosterFile';
import { schemeById } from '../../../../shared/schemes';

const suzhou = schemeById('suzhou-2024')!;
const shanghai = schemeById('shanghai-2020')!;

// GBK, as Excel in China saves “CSV (逗号分隔)”: 姓名,身份证号码,备注 / 张三,11010519491231002X,"王,五"
const GBK = {
  姓名: [0xd0, 0xd5, 0xc3, 0xfb],
  身份证号码: [0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, 0xba, 0xc5, 0xc2, 0xeb],
  备注: [0xb1, 0xb8, 0xd7, 0xa2],
  张三: [0xd5, 0xc5, 0xc8, 0xfd],
  王: [0xcd, 0xf5],
  五: [0xce, 0xe5],
};
const ascii = (text: string) => [...Buffer.from(text, 'latin1')];
const gbkCsv = Buffer.from([
  ...GBK.姓名, ...ascii(','), ...GBK.身份证号码, ...ascii(','), ...GBK.备注, ...ascii('\r\n'),
  ...GBK.张三, ...ascii(',11010519491231002X,"'), ...GBK.王, ...ascii(','), ...GBK.五, ...ascii('"\r\n'),
]);

const utf8Csv = '姓名,身份证号码,备注\r\n张三,11010519491231002X,"王,五"\r\n';
const expectedRows = [{ sourceRow: 2, values: { name: '张三', documentNumber: '11010519491231002X', remark: '王,五' } }];

describe('decoding text rosters', () => {
  it('the GBK fixture is what it claims to be', () => {
    expect(new TextDecoder('gbk').decode(gbkCsv)).toBe(utf8Csv);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbkCsv)).toThrow();
  });

  const encodings: [string, Buffer, string][] = [
    ['UTF-8', Buffer.from(utf8Csv, 'utf8'), 'utf-8'],
    ['UTF-8 with a byte-order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(utf8Csv, 'utf8')]), 'utf-8'],
    ['GBK', gbkCsv, 'gbk'],
    ['UTF-16LE with its mark (Excel “Unicode text”)', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8Csv, 'utf16le')]), 'utf-16le'],
  ];
  it.each(encodings)('%s', async (_name, bytes, encoding) => {
    expect(textEncoding(bytes)).toBe(encoding);
    // Decoded a few bytes at a time: a character split between chunks comes out whole.
    expect([...decodedChunks(bytes, textEncoding(bytes), 3)].join('')).toBe(utf8Csv);
    const result = await readRosterFile({ fileName: '名单.csv', bytes }, suzhou);
    expect(result).toMatchObject({ format: 'text', encoding, sheetName: '名单', headerRow: 1 });
    expect(result.rows).toEqual(expectedRows);
  });
});

describe('RFC 4180 records', () => {
  const cases: [string, string, string[][]][] = [
    ['plain fields, CRLF', 'a,b\r\nc,d\r\n', [['a', 'b'], ['c', 'd']]],
    ['LF and a missing final line break', 'a,b\nc,d', [['a', 'b'], ['c', 'd']]],
    ['lone CR (old Mac Excel)', 'a,b\rc,d\r', [['a', 'b'], ['c', 'd']]],
    ['quoted delimiter and doubled quotes', '"a,1","say ""hi"""\r\n', [['a,1', 'say "hi"']]],
    ['a line break inside quotes stays in the field', '"line1\r\nline2",x\r\ny,z', [['line1\r\nline2', 'x'], ['y', 'z']]],
    ['empty fields and an empty line', ',,\r\n\r\nx', [['', '', ''], [''], ['x']]],
    ['text after a closing quote is kept', '"a"b,c', [['ab', 'c']]],
    ['an unclosed quote runs to the end', '"a,b\r\nc', [['a,b\r\nc']]],
  ];
  it.each(cases)('%s', (_name, text, records) => {
    expect(parseDelimited(text, ',')).toEqual(records);
  });

  it.each(cases)('%s, split between two chunks anywhere', (_name, text, records) => {
    for (let at = 0; at <= text.length; at++) {
      const parser = new DelimitedRecords(0x2c);
      expect([...parser.feed(text.slice(0, at)), ...parser.feed(text.slice(at)), ...parser.end()], `split at ${at}`).toEqual(records);
    }
  });

  it.each([
    ['an unquoted cell', 'a,b\r\nc,', '\r\n', 'y'],
    ['a quoted cell', 'a,b\r\nc,"', '"\r\n', 'y'],
    ['a quoted cell of doubled quotes', 'a,b\r\nc,"', '"\r\n', '""'],
  ])('refuses %s over the limit, naming its row and column, before reading the rest of it', (_kind, before, after, unit) => {
    expect(parseDelimited(`${before}${unit.repeat(MAX_CELL_CHARS)}${after}`, ',')[1]![1]).toHaveLength(MAX_CELL_CHARS);
    const parser = new DelimitedRecords(0x2c);
    parser.feed(before);
    expect(() => parser.feed(unit.repeat(MAX_CELL_CHARS + 1))).toThrow(expect.objectContaining({ code: 'cellTooLong', message: expect.stringContaining('第 2 行 B 列') }));
  });

  it('refuses a NUL character, naming its row', () => {
    expect(() => parseDelimited('a,b\nc,d\0e\n', ',')).toThrow(/第 2 行含有空字符/);
  });

  it('picks tab when the header line has more tabs than commas', () => {
    expect(detectDelimiter('姓名\t身份证号码\t备注\n张三\t1,2\t')).toBe('\t');
    expect(detectDelimiter('姓名,身份证号码\t备注')).toBe(',');
  });
});

describe('text rosters read like sheets', () => {
  it('counts a quoted line break as one Excel row and keeps number-looking text as written', async () => {
    const csv = '说明：请勿修改表头\n*姓名,*证件号码,*证件类型,*是否有社保,手机号\n"李\n四",3.20102E+17,身份证,是,00138\n王五,11010519491231002X,身份证,否,\n';
    const result = await readRosterFile({ fileName: 'roster.csv', bytes: Buffer.from(csv) }, shanghai);
    expect(result.headerRow).toBe(2);
    expect(result.rows).toEqual([
      { sourceRow: 3, values: { name: '李\n四', documentNumber: '3.20102E+17', documentType: '身份证', socialSecurity: '是', phone: '00138' } },
      { sourceRow: 4, values: { name: '王五', documentNumber: '11010519491231002X', documentType: '身份证', socialSecurity: '否' } },
    ]);
  });

  it('reads tab-separated text', async () => {
    const text = '姓名\t身份证号码\n赵六\t11010519491231002X\n';
    expect((await readRosterFile({ fileName: 'roster.txt', bytes: Buffer.from(text) }, suzhou)).rows).toEqual([
      { sourceRow: 2, values: { name: '赵六', documentNumber: '11010519491231002X' } },
    ]);
  });

  it('reads a CSV that was given an .xlsx name', async () => {
    const result = await readRosterFile({ fileName: 'roster.xlsx', bytes: Buffer.from(utf8Csv) }, suzhou);
    expect(result.rows).toEqual(expectedRows);
  });

  it('refuses a text file without a roster header', async () => {
    await expect(readRosterFile({ fileName: 'notes.txt', bytes: Buffer.from('会议纪要\n今天讨论了参保事宜\n') }, suzhou)).rejects.toMatchObject({ code: 'notRoster' });
  });

  it('yields to the event loop in a long file, so an abort from a timer is seen', async () => {
    const lines = ['姓名,身份证号码', ...Array.from({ length: 50_000 }, (_, i) => `人${i},11010519${String(i).padStart(9, '0')}X`)];
    const controller = new AbortController();
    const reading = readRosterFile({ fileName: 'big.csv', bytes: Buffer.from(lines.join('\n')) }, suzhou, { signal: controller.signal });
    setImmediate(() => controller.abort());
    await expect(reading).rejects.toMatchObject({ code: 'cancelled' });
  });
});
