/**
 * The scheme's roster import template (参保名单导入模板), laid out as the association's
 * own: title rows, Wuxi's instruction row, the header, the example rows. Long-number
 * columns are formatted as text so Excel keeps every digit of an ID; enumerated columns
 * get drop-down lists. Schemes without an instruction row get a 说明 sheet instead.
 */
import ExcelJS from 'exceljs';
import type { RosterField } from '../../../shared/domain/roster/fields';
import type { Scheme } from '../../../shared/domain/scheme';
import type { RosterColumn, RosterSpec } from '../../../shared/domain/scheme/rosterSchema';
import { templateHeaderRowIndex } from '../../../shared/domain/scheme/roster';
import {
  CELL_BORDER,
  TEXT_FORMAT,
  columnWidth,
  requirementText,
  safeSheetName,
  shortHeader,
  styleHeaderCell,
  templateColumns,
  widthForText,
} from './sheetLayout';

export interface TemplateOptions {
  /** Rows below the header that get the text format and drop-downs; 2000 unless given. */
  dataRows?: number;
}

export const DEFAULT_TEMPLATE_DATA_ROWS = 2000;
export const INSTRUCTIONS_SHEET_NAME = '说明';
const CHOICES_SHEET_NAME = '选项';
// Excel's limit on an inline list ("a,b,c") in a validation.
const INLINE_LIST_LIMIT = 255;

/** The download name: 无锡市职工互助保障“三合一”项目参保名单导入模板.xlsx. */
export function templateFileName(scheme: Scheme): string {
  const title = scheme.title.replace(/[\\/:*?"<>|\r\n\t]/g, ' ').replace(/\s+/g, ' ').trim();
  return `${title}参保名单导入模板.xlsx`;
}

interface Layout {
  roster: RosterSpec;
  columns: RosterColumn[];
  /** 1-based sheet column of each template column. */
  firstFieldColumn: number;
  width: number;
  headerRow: number;
  firstDataRow: number;
  lastDataRow: number;
}

function layoutOf(scheme: Scheme, dataRows: number): Layout {
  const roster = scheme.roster;
  const columns = templateColumns(roster);
  const firstFieldColumn = roster.template.serialNumberHeader ? 2 : 1;
  const headerRow = templateHeaderRowIndex(roster) + 1;
  return {
    roster,
    columns,
    firstFieldColumn,
    width: firstFieldColumn - 1 + columns.length,
    headerRow,
    firstDataRow: headerRow + 1,
    lastDataRow: headerRow + Math.max(1, dataRows),
  };
}

function writeTitleRows(sheet: ExcelJS.Worksheet, layout: Layout): void {
  layout.roster.template.titleRows.forEach((title, i) => {
    const rowNumber = i + 1;
    const cell = sheet.getCell(rowNumber, 1);
    cell.value = title;
    cell.font = { bold: true, size: 16 };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
    if (layout.width > 1) sheet.mergeCells(rowNumber, 1, rowNumber, layout.width);
    sheet.getRow(rowNumber).height = 30;
  });
}

function writeInstructionRow(sheet: ExcelJS.Worksheet, layout: Layout, label: string): void {
  const rowNumber = layout.headerRow - 1;
  const row = sheet.getRow(rowNumber);
  // The label sits in the serial-number column; without one, it leads the first instruction.
  const hasSerial = layout.firstFieldColumn > 1;
  if (hasSerial) row.getCell(1).value = label;
  layout.columns.forEach((column, i) => {
    const text = column.instruction ?? '';
    const value = !hasSerial && i === 0 ? `${label}：${text}` : text;
    if (value !== '') row.getCell(layout.firstFieldColumn + i).value = value;
  });
  for (let c = 1; c <= layout.width; c++) {
    const cell = row.getCell(c);
    cell.font = { color: { argb: 'FFC00000' } };
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.border = CELL_BORDER;
  }
  row.height = 36;
}

function writeHeaderRow(sheet: ExcelJS.Worksheet, layout: Layout): void {
  const row = sheet.getRow(layout.headerRow);
  const serial = layout.roster.template.serialNumberHeader;
  if (serial) {
    row.getCell(1).value = serial;
    styleHeaderCell(row.getCell(1), false);
  }
  layout.columns.forEach((column, i) => {
    const cell = row.getCell(layout.firstFieldColumn + i);
    cell.value = column.header;
    styleHeaderCell(cell, column.required);
  });
  row.height = 32;
}

function writeExampleRows(sheet: ExcelJS.Worksheet, layout: Layout): void {
  layout.roster.template.exampleRows.forEach((example, i) => {
    const row = sheet.getRow(layout.firstDataRow + i);
    if (layout.firstFieldColumn > 1) row.getCell(1).value = i + 1;
    layout.columns.forEach((column, c) => {
      const value = example[column.key];
      if (value !== undefined) row.getCell(layout.firstFieldColumn + c).value = value;
    });
  });
}

/** The list a drop-down offers: inline when short enough, else a range on a hidden sheet. */
function listFormula(workbook: ExcelJS.Workbook, values: readonly string[]): string {
  const inline = values.join(',');
  if (inline.length + 2 <= INLINE_LIST_LIMIT && !values.some((v) => v.includes(',') || v.includes('"'))) return `"${inline}"`;
  const sheet = workbook.getWorksheet(CHOICES_SHEET_NAME) ?? workbook.addWorksheet(CHOICES_SHEET_NAME, { state: 'veryHidden' });
  const column = sheet.actualColumnCount + 1;
  values.forEach((value, i) => {
    sheet.getCell(i + 1, column).value = value;
  });
  const letter = sheet.getColumn(column).letter;
  return `'${CHOICES_SHEET_NAME}'!$${letter}$1:$${letter}$${values.length}`;
}

function formatDataArea(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, layout: Layout): void {
  layout.columns.forEach((column, i) => {
    const columnNumber = layout.firstFieldColumn + i;
    const sheetColumn = sheet.getColumn(columnNumber);
    const samples = layout.roster.template.exampleRows.map((e) => e[column.key] ?? '');
    // The instruction row wraps onto two lines.
    const instruction = column.instruction ? column.instruction.slice(0, Math.ceil(column.instruction.length / 2)) : '';
    sheetColumn.width = columnWidth(column, [...samples, instruction]);
    const values = column.enumValues;
    const validation: ExcelJS.DataValidation | undefined = values && {
      type: 'list',
      allowBlank: true,
      formulae: [listFormula(workbook, values)],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: `${shortHeader(column)}填写有误`,
      error: `请从下拉列表中选择：${values.join('、')}`,
    };
    if (!column.text && !validation) return;
    // The whole column, so rows typed or pasted past the prepared area are text too.
    if (column.text) sheetColumn.numFmt = TEXT_FORMAT;
    for (let r = layout.firstDataRow; r <= layout.lastDataRow; r++) {
      const cell = sheet.getCell(r, columnNumber);
      if (column.text) cell.numFmt = TEXT_FORMAT;
      if (validation) cell.dataValidation = validation;
    }
  });
  if (layout.firstFieldColumn > 1) sheet.getColumn(1).width = 6;
}

const TEXT_COLUMN_NOTE = '本列已设为文本格式，请完整填写号码，不要改成数字格式（否则长号码会变成 3.2E+17 这样的科学计数法）';
const DATE_NOTE = '本列已设为文本格式，日期请写成 1990-01-01 的形式';
const TEXT_COLUMN_NOTES: Partial<Record<RosterField, string>> = { birthDate: DATE_NOTE, effectiveDate: DATE_NOTE };

function writeInstructionsSheet(workbook: ExcelJS.Workbook, layout: Layout): void {
  const sheet = workbook.addWorksheet(INSTRUCTIONS_SHEET_NAME);
  const { roster } = layout;
  const header = sheet.addRow(['列名', '是否必填', '填写要求']);
  header.eachCell((cell) => styleHeaderCell(cell, false));
  const lines = layout.columns.map((column) => {
    const notes: string[] = [];
    if (column.instruction) notes.push(column.instruction);
    if (column.enumValues) notes.push(`可填：${column.enumValues.join('、')}（可从下拉列表选择）`);
    if (column.text) notes.push(TEXT_COLUMN_NOTES[column.key] ?? TEXT_COLUMN_NOTE);
    return [column.header, requirementText(roster, column), notes.join('；')];
  });
  for (const line of lines) {
    const row = sheet.addRow(line);
    row.eachCell((cell) => {
      cell.border = CELL_BORDER;
      cell.alignment = { vertical: 'middle', wrapText: true };
    });
  }
  const general = [
    `请在“${safeSheetName(roster.template.sheetName, '参保名单')}”工作表第 ${layout.firstDataRow} 行起填写，每行一人，不要修改表头。`,
    roster.template.exampleRows.length > 0 ? '模板中的示例行请删除或改为实际人员；原样保留的示例行导入时会被忽略。' : '',
    roster.rowLimitPerFile ? `每个文件最多 ${roster.rowLimitPerFile} 人，超出请分成多个文件逐个导入。` : '',
    roster.manualEntryDocumentTypes.length > 0 ? `证件类型为${roster.manualEntryDocumentTypes.join('、')}的人员请在软件中逐个录入，不要放在本表中。` : '',
  ].filter((text) => text !== '');
  sheet.addRow([]);
  for (const text of general) sheet.addRow([text]);
  sheet.getColumn(1).width = Math.min(30, Math.max(16, ...lines.map(([h]) => widthForText(h ?? ''))));
  sheet.getColumn(2).width = Math.min(30, Math.max(12, ...lines.map(([, r]) => widthForText(r ?? ''))));
  sheet.getColumn(3).width = 60;
}

export async function buildImportTemplate(scheme: Scheme, options: TemplateOptions = {}): Promise<Buffer> {
  const layout = layoutOf(scheme, options.dataRows ?? DEFAULT_TEMPLATE_DATA_ROWS);
  const { template } = layout.roster;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '互助保障工作台';
  const sheet = workbook.addWorksheet(safeSheetName(template.sheetName, '参保名单'), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: layout.headerRow, topLeftCell: `A${layout.firstDataRow}`, activeCell: `A${layout.firstDataRow}` }],
  });
  // Column formats first: cells created afterwards in a column take its format.
  formatDataArea(workbook, sheet, layout);
  writeTitleRows(sheet, layout);
  if (template.instructionRowLabel) writeInstructionRow(sheet, layout, template.instructionRowLabel);
  writeHeaderRow(sheet, layout);
  writeExampleRows(sheet, layout);
  if (!template.instructionRowLabel) writeInstructionsSheet(workbook, layout);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
