/** Roster files and rows for the end-to-end tests, made the way a clerk's Excel would hold them. */
import ExcelJS from 'exceljs';
import { mod11_2CheckCharacter } from '../../../shared/domain/identity';

export const SHANGHAI_HEADERS = ['姓名', '证件类型', '证件号码', '出生日期', '性别', '手机号码', '是否有社保'];

export async function rosterXlsx(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow([...headers]);
  for (const r of rows) ws.addRow([...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A valid resident ID for a Shanghai address code, birth date and sequence (odd: male). */
export function residentId(birth: string, sequence: number): string {
  const body = `310101${birth.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return body + mod11_2CheckCharacter(body)!;
}

/** The same number with a wrong check character. */
export function withWrongCheckDigit(id: string): string {
  const last = id.slice(-1);
  return id.slice(0, -1) + (last === '0' ? '1' : '0');
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅鹏飞斌宇浩凯秀云建国志明海燕晓东春梅雪丹文博';

/** A name without digits for row `i` (the checks refuse digits in names). */
export function personName(i: number): string {
  const s = SURNAMES[i % SURNAMES.length]!;
  const a = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]!;
  const b = GIVEN[Math.floor(i / (SURNAMES.length * GIVEN.length)) % GIVEN.length]!;
  return s + a + b;
}
