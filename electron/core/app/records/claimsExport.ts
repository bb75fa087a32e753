/**
 * 理赔记录导出 (Wuxi): the claims the filter finds, as xlsx. Every text cell goes through
 * the roster exports' formula neutraliser: claim remarks and names come from elsewhere and
 * must never run as a formula when the file is re-saved as CSV and opened.
 */
import ExcelJS from 'exceljs';
import type { FileDownload, ValidIn } from '../../../../shared/api';
import { neutraliseFormula, XLSX_MIME_TYPE } from '../../roster';
import { claimsToExport } from './claims';
import { today, type CoreContext } from '../coreContext';
import { CoreError } from '../../coreError';

const COLUMNS: { header: string; width: number; text?: boolean }[] = [
  { header: '理赔编号', width: 18, text: true },
  { header: '理赔人', width: 12 },
  { header: '证件号码', width: 22, text: true },
  { header: '参保项目', width: 20 },
  { header: '出险（确诊）日期', width: 14 },
  { header: '申报日期', width: 12 },
  { header: '申请金额（元）', width: 14 },
  { header: '给付金额（元）', width: 14 },
  { header: '状态', width: 10 },
  { header: '给付日期', width: 12 },
  { header: '备注', width: 30 },
];

const safe = (text: string | undefined) => (text === undefined ? '' : neutraliseFormula(text));

export async function exportClaims(ctx: CoreContext, input: ValidIn<'claims.export'>): Promise<FileDownload> {
  const { unitName, claims, fetchedAt } = claimsToExport(ctx, input);
  if (fetchedAt === null) throw new CoreError('NOTHING_TO_EXPORT', '本机还没有该单位的理赔记录，请联网登录后先查询', 422);
  if (claims.length === 0) throw new CoreError('NOTHING_TO_EXPORT', '没有符合条件的理赔记录', 422);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '互助保障工作台';
  const sheet = workbook.addWorksheet('理赔记录', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ width: c.width, style: c.text ? { numFmt: '@' } : {} }));
  const header = sheet.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  for (const c of claims) {
    sheet.addRow([
      safe(c.claimNumber),
      safe(c.personName),
      safe(c.documentNumber),
      safe(c.planName),
      safe(c.eventDate),
      safe(c.reportedOn),
      c.claimedFen / 100,
      c.paidFen / 100,
      c.statusLabel,
      safe(c.paidOn),
      safe(c.remark),
    ]);
  }
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `${unitName}-理赔记录-${today(ctx)}.xlsx`, mimeType: XLSX_MIME_TYPE, base64: bytes.toString('base64') };
}
