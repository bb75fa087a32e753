import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildRejectedRowsWorkbook, buildRosterExportWorkbook, type RejectedRow } from '../../../../electron/core/roster/exportRows';
import { readRosterFile } from '../../../../electron/core/roster/readRosterFile';
import type { RawRosterRow } from '../../../../shared/domain/roster/fields';
import { builtInSchemes, schemeById } from '../../../../shared/schemes';
import { loadWorkbook } from './xlsxFixtures';
import { readZip } from './zipFixtures';

const wuxi = schemeById('wuxi-2023')!;
const shanghai = schemeById('shanghai-2020')!;

function headerOf(sheet: ExcelJS.Worksheet): unknown[] {
  return (sheet.getRow(1).values as unknown[]).slice(1);
}

describe('the rejected-rows list (不可参保人员)', () => {
  it.each(builtInSchemes().map((s) => [s.id, s] as const))('%s: template columns plus the reason, and it imports again', async (_id, scheme) => {
    const columns = scheme.roster.columns.filter((c) => c.inTemplate);
    const values = (i: number): RawRosterRow => Object.fromEntries(columns.map((c) => [c.key, c.enumValues?.[0] ?? `${c.key}${i}`]));
    const rows: RejectedRow[] = [
      { sourceRow: 7, values: values(1), reasons: '请填写正确居民身份证号码' },
      { sourceRow: null, values: values(2), reasons: '手机号码应为 11 位；社保卡银行卡号校验位错误' },
    ];
    const bytes = await buildRejectedRowsWorkbook(scheme, rows);
    const sheet = (await loadWorkbook(bytes)).worksheets[0]!;
    expect(headerOf(sheet)).toEqual([...columns.map((c) => c.header), '不可参保原因']);
    expect(sheet.getCell(3, columns.length + 1).value).toBe('手机号码应为 11 位；社保卡银行卡号校验位错误');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    columns.forEach((column, i) => {
      if (column.text) expect(sheet.getCell(2, i + 1).numFmt, column.header).toBe('@');
    });

    const again = await readRosterFile({ fileName: '不可参保人员.xlsx', bytes }, scheme);
    expect(again.mapped.map((m) => m.field)).toEqual(columns.map((c) => c.key));
    expect(again.ignoredHeaders).toEqual(['不可参保原因']);
    expect(again.rows.map((r) => r.values)).toEqual([values(1), values(2)]);
  });

  it('names the reason column as asked and can add the original row number', async () => {
    const bytes = await buildRejectedRowsWorkbook(
      wuxi,
      [
        { sourceRow: 12, values: { name: '李4' }, reasons: '请填写正确居民身份证号码' },
        { sourceRow: null, values: { name: '李3' }, reasons: '请填写正确居民身份证号码' },
      ],
      { reasonHeader: '失败原因', includeSourceRow: true, sheetName: '导入失败人员' },
    );
    const sheet = (await loadWorkbook(bytes)).worksheets[0]!;
    expect(sheet.name).toBe('导入失败人员');
    expect(headerOf(sheet).slice(-2)).toEqual(['失败原因', '原文件行号']);
    expect(sheet.getCell('H2').value).toBe(12);
    expect(sheet.getCell('H3').value).toBeNull();
  });
});

describe('exports are safe from formula injection', () => {
  const hostile: RawRosterRow = {
    name: '=HYPERLINK("http://evil.example","点我")',
    documentType: '+cmd|\' /C calc\'!A0',
    documentNumber: '-2+3+cmd|\' /C calc\'!A0',
    phone: '@SUM(1+1)*cmd|\' /C calc\'!A0',
    socialSecurity: '-',
  };

  it('writes every such text as an inert string, never a formula', async () => {
    const bytes = await buildRejectedRowsWorkbook(shanghai, [{ sourceRow: 2, values: hostile, reasons: '=1+1' }]);
    const sheet = (await loadWorkbook(bytes)).worksheets[0]!;
    const cells = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(cells).toEqual([
      `'${hostile.name}`,
      `'${hostile.documentType}`,
      `'${hostile.documentNumber}`,
      undefined,
      undefined,
      `'${hostile.phone}`,
      '-',
      "'=1+1",
    ]);
    sheet.getRow(2).eachCell((cell) => expect(cell.type).toBe(ExcelJS.ValueType.String));
    const xml = readZip(bytes).find((f) => f.name === 'xl/worksheets/sheet1.xml')!.data.toString('utf8');
    expect(xml).not.toMatch(/<f[ >]/);
  });

  it('reads its own neutralised text back as the clerk typed it', async () => {
    const bytes = await buildRejectedRowsWorkbook(shanghai, [{ sourceRow: 2, values: hostile, reasons: 'x' }]);
    expect((await readRosterFile({ fileName: 'x.xlsx', bytes }, shanghai)).rows[0]!.values).toEqual(hostile);
  });
});

describe('the records export (参保记录导出) uses the same writer', () => {
  it('adds the columns accepted on import and trailing columns of any kind', async () => {
    async function* records() {
      yield { values: { name: '王五', documentNumber: '11010519491231002X', socialSecurityCode: '00012345' }, extra: ['A0、B0', 180, '2020-04-01'] };
      yield { values: { name: '赵六', documentNumber: '110105194912310037' }, extra: ['C0', null, undefined] };
    }
    const bytes = await buildRosterExportWorkbook(shanghai, records(), {
      fields: 'all',
      sheetName: '参保记录',
      extraColumns: [{ header: '保障项目' }, { header: '会费（元）' }, { header: '生效日期', text: true }],
    });
    const sheet = (await loadWorkbook(bytes)).worksheets[0]!;
    const header = headerOf(sheet);
    expect(header).toEqual([...shanghai.roster.columns.filter((c) => c.inTemplate).map((c) => c.header), '单位社保号', '职退情况', '医保享受在职待遇', '保障项目', '会费（元）', '生效日期']);
    expect(sheet.getCell(2, header.indexOf('单位社保号') + 1).value).toBe('00012345');
    expect(sheet.getCell(2, header.indexOf('会费（元）') + 1).value).toBe(180);
    expect(sheet.getCell(2, header.indexOf('生效日期') + 1).numFmt).toBe('@');
    expect(sheet.getCell(3, header.indexOf('保障项目') + 1).value).toBe('C0');
    expect(sheet.rowCount).toBe(3);
  });

  it('writes 20,000 rows that read back whole', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ values: { name: `职工${i}`, documentNumber: `11010519${String(i).padStart(9, '0')}X` } }));
    const bytes = await buildRosterExportWorkbook(schemeById('suzhou-2024')!, rows);
    const again = await readRosterFile({ fileName: 'x.xlsx', bytes }, schemeById('suzhou-2024')!);
    expect(again.totalRows).toBe(20_000);
    expect(again.rows[19_999]).toEqual({ sourceRow: 20_001, values: rows[19_999]!.values });
  });
});
