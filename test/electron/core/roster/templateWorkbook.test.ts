import { describe, expect, it } from 'vitest';
import { buildImportTemplate, templateFileName, INSTRUCTIONS_SHEET_NAME } from '../../../../electron/core/roster/templateWorkbook';
import { readRosterFile } from '../../../../electron/core/roster/readRosterFile';
import { RosterFileError } from '../../../../electron/core/roster/errors';
import { loadScheme, type Scheme } from '../../../../shared/domain/scheme';
import { templateHeaderRowIndex } from '../../../../shared/domain/scheme/roster';
import { BUILT_IN_SCHEME_FILES, builtInSchemes, schemeById } from '../../../../shared/schemes';
import { loadWorkbook } from './xlsxFixtures';

const schemes = builtInSchemes().map((s) => [s.id, s] as const);

function variant(id: string, mutate: (file: any) => void): Scheme {
  const file = structuredClone(BUILT_IN_SCHEME_FILES[id]) as any;
  mutate(file);
  return loadScheme(file);
}

describe.each(schemes)('import template of %s', (_id, scheme) => {
  const roster = scheme.roster;
  const inTemplate = roster.columns.filter((c) => c.inTemplate);
  const headerRow = templateHeaderRowIndex(roster) + 1;
  const firstField = roster.template.serialNumberHeader ? 2 : 1;
  const built = buildImportTemplate(scheme).then(loadWorkbook);

  it("has the scheme's sheet name and its template headers in order", async () => {
    const sheet = (await built).worksheets[0]!;
    expect(sheet.name).toBe(roster.template.sheetName);
    const headers = inTemplate.map((_, i) => sheet.getRow(headerRow).getCell(firstField + i).value);
    expect(headers).toEqual(inTemplate.map((c) => c.header));
    expect(sheet.getRow(headerRow).getCell(firstField + inTemplate.length).value).toBeNull();
    if (roster.template.serialNumberHeader) expect(sheet.getRow(headerRow).getCell(1).value).toBe(roster.template.serialNumberHeader);
  });

  it('leaves out the columns accepted only on import', async () => {
    const sheet = (await built).worksheets[0]!;
    const values = (sheet.getRow(headerRow).values as unknown[]).filter((v) => typeof v === 'string');
    for (const column of roster.columns.filter((c) => !c.inTemplate)) expect(values).not.toContain(column.header);
  });

  it('freezes the rows down to the header', async () => {
    const view = (await built).worksheets[0]!.views[0]!;
    expect(view.state).toBe('frozen');
    expect(view).toMatchObject({ ySplit: headerRow });
  });

  it('formats the long-number columns as text, whole column and prepared rows', async () => {
    const sheet = (await built).worksheets[0]!;
    const textColumns = inTemplate.map((c, i) => ({ c, n: firstField + i })).filter(({ c }) => c.text);
    expect(textColumns.length).toBeGreaterThan(0);
    for (const { n } of textColumns) {
      expect(sheet.getColumn(n).numFmt).toBe('@');
      expect(sheet.getCell(headerRow + 1, n).numFmt).toBe('@');
      expect(sheet.getCell(headerRow + 2000, n).numFmt).toBe('@');
    }
    const plain = inTemplate.findIndex((c) => !c.text && !c.enumValues);
    if (plain >= 0) expect(sheet.getCell(headerRow + 1, firstField + plain).numFmt).toBeUndefined();
  });

  it('offers drop-downs for the enumerated columns over the data rows', async () => {
    const sheet = (await built).worksheets[0]!;
    inTemplate.forEach((column, i) => {
      const validation = sheet.getCell(headerRow + 5, firstField + i).dataValidation;
      if (!column.enumValues) {
        expect(validation).toBeUndefined();
        return;
      }
      expect(validation).toMatchObject({ type: 'list', formulae: [`"${column.enumValues.join(',')}"`], showErrorMessage: true });
      expect(sheet.getCell(headerRow + 2000, firstField + i).dataValidation).toMatchObject({ type: 'list' });
      expect(sheet.getCell(headerRow, firstField + i).dataValidation).toBeUndefined();
    });
  });

  it('explains every column: in an instruction row or on a 说明 sheet', async () => {
    const workbook = await built;
    const instructions = workbook.getWorksheet(INSTRUCTIONS_SHEET_NAME);
    if (roster.template.instructionRowLabel) {
      expect(instructions).toBeUndefined();
      return;
    }
    expect(instructions).toBeDefined();
    const listed = new Map<string, unknown[]>();
    instructions!.eachRow((row) => listed.set(String(row.getCell(1).value), row.values as unknown[]));
    for (const column of inTemplate) {
      const line = listed.get(column.header);
      expect(line, column.header).toBeDefined();
      expect(line![2]).toEqual(column.required ? '必填' : expect.stringMatching(/选填|时必填/));
      for (const value of column.enumValues ?? []) expect(String(line![3])).toContain(value);
    }
  });

  it('reads back as an empty roster (nothing but the template)', async () => {
    const error = await readRosterFile({ fileName: 't.xlsx', bytes: await buildImportTemplate(scheme) }, scheme).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RosterFileError);
    expect((error as RosterFileError).code).toBe('empty');
  });
});

describe('the Wuxi template (无锡 参保花名册)', () => {
  const wuxi = schemeById('wuxi-2023')!;

  it('has the title merged across the header, the 说明 row, the header, then 张三', async () => {
    const sheet = (await loadWorkbook(await buildImportTemplate(wuxi))).worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('无锡市职工互助互济会“三合一”项目参保花名册');
    expect(sheet.getCell('G1').isMerged).toBe(true);
    expect(sheet.getCell('G1').master.address).toBe('A1');
    expect(sheet.getCell('H1').isMerged).toBe(false);
    expect(sheet.getRow(2).values).toEqual([, '说明', '必填，姓名中不要出现空格', '必填，X要大写', '必填，填社保卡上银行卡号', '必填，例如无锡市农村商业银行', '必填']);
    expect(sheet.getRow(3).values).toEqual([, '序号', '姓名', '居民身份证号(证件号码)', '社保卡银行卡号', '开户行', '手机号', '备注']);
    expect(sheet.getRow(4).values).toEqual([, 1, '张三', '3202*****002X']);
  });

  it('is named after the scheme', () => {
    expect(templateFileName(wuxi)).toBe('无锡市职工互助保障“三合一”项目参保名单导入模板.xlsx');
  });
});

describe('template options and long lists', () => {
  it('prepares as many data rows as asked', async () => {
    const shanghai = schemeById('shanghai-2020')!;
    const sheet = (await loadWorkbook(await buildImportTemplate(shanghai, { dataRows: 10 }))).worksheets[0]!;
    expect(sheet.getCell('C11').numFmt).toBe('@');
    expect(sheet.getCell('B11').dataValidation).toMatchObject({ type: 'list' });
    expect(sheet.getCell('B12').dataValidation).toBeUndefined();
  });

  it('puts a list longer than Excel allows inline on a hidden sheet', async () => {
    const many = Array.from({ length: 40 }, (_, i) => `外国人永久居留身份证第${i}类`);
    const scheme = variant('qingdao-2025', (file) => {
      file.roster.columns[1].enumValues = many;
      file.roster.documentTypes = many;
    });
    const workbook = await loadWorkbook(await buildImportTemplate(scheme));
    const choices = workbook.getWorksheet('选项')!;
    expect(choices.state).toBe('veryHidden');
    expect(choices.getCell('A40').value).toBe(many[39]);
    expect(workbook.worksheets[0]!.getCell('B2').dataValidation).toMatchObject({ type: 'list', formulae: ["'选项'!$A$1:$A$40"] });
  });

  it('makes a file name Windows accepts', () => {
    const scheme = variant('suzhou-2024', (file) => {
      file.title = '苏州/互助:保障*2024?';
    });
    expect(templateFileName(scheme)).toBe('苏州 互助 保障 2024参保名单导入模板.xlsx');
  });
});
