/** 保全's import template carries each new hire's 生效日期; the scheme's other templates do not. */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../coreFixtures';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore('2025-06-20T02:00:00Z');
});
afterEach(async () => t.close());

async function headers(enrollmentType: 'new' | 'supplementary' | undefined): Promise<string[]> {
  const file = await t.call('templates.generate', { schemeId: 'shenzhen', ...(enrollmentType ? { enrollmentType } : {}) });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('参保名单')!;
  return (sheet.getRow(1).values as unknown[]).slice(1).map((v) => String(v ?? ''));
}

describe('templates.generate for 保全', () => {
  it.each<[string, 'new' | 'supplementary' | undefined, boolean]>([
    ['保全', 'supplementary', true],
    ['参保申请', 'new', false],
    ['no type', undefined, false],
  ])('%s', async (_name, type, has) => {
    const cols = await headers(type);
    expect(cols.slice(0, 3).map((h) => h.replace(/^\*/, ''))).toEqual(['姓名', '证件类型', '证件号码']);
    expect(cols.some((h) => h.includes('生效日期'))).toBe(has);
  });
});
