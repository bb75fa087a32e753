/**
 * A large roster as a Shanghai clerk fills the association's template (seed 002): resident
 * IDs from several provinces, about one passport in fifty (with the birth date and gender
 * it needs), mobiles, 是否有社保 mostly 是. One row in fifty is bad the way real ones are: a
 * wrong check digit, a missing required cell, a phone one digit short, a missing name, a
 * passport without its birth date. Names are Chinese and never hold digits (the checks
 * take a digit in a name for a shifted column). Deterministic: row i is always the same.
 */
import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { addDays } from '../../shared/domain/dates';
import { mod11_2CheckCharacter } from '../../shared/domain/identity';
import { schemeById } from '../../shared/schemes';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国文斌浩宇欣怡晨阳思雨佳琪子轩梓涵一诺依诺欣妍可馨雨桐嘉怡俊杰志强海燕春梅晓东';
const ADDRESS_CODES = ['310101', '310104', '310105', '310115', '310112', '320102', '320583', '330106', '340104', '410105', '420106', '510104', '370202', '440305'];
const MOBILE_PREFIXES = ['139', '138', '137', '136', '135', '150', '151', '158', '186', '185', '177', '133', '153', '180', '189', '199'];

/** Rows i with i % 50 === BAD_OFFSET are bad (2%); the kind rotates. */
const BAD_OFFSET = 17;
const PASSPORT_OFFSET = 31;
export const BAD_ROW_KINDS = ['wrongCheckDigit', 'missingSocialSecurity', 'shortPhone', 'missingName', 'passportWithoutBirthDate'] as const;

export function isBadRow(i: number): boolean {
  return i % 50 === BAD_OFFSET;
}

export function badRowKind(i: number): (typeof BAD_ROW_KINDS)[number] | null {
  return isBadRow(i) ? BAD_ROW_KINDS[Math.floor(i / 50) % BAD_ROW_KINDS.length]! : null;
}

export function personName(i: number): string {
  const surname = SURNAMES[i % SURNAMES.length]!;
  const first = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]!;
  // One name in three has a single given character, as many real names do.
  if (i % 3 === 0) return surname + first;
  return surname + first + GIVEN[(Math.floor(i / 7) * 13) % GIVEN.length]!;
}

/**
 * A distinct valid resident ID for each i < 168,000: the address code and the birth day
 * (1966-01-01 plus a bijective walk over 12,000 days, so nobody is over Shanghai's age
 * limits) make it unique; the sequence's parity gives the gender.
 */
export function residentId(i: number): string {
  const address = ADDRESS_CODES[i % ADDRESS_CODES.length]!;
  const day = addDays('1966-01-01', ((Math.floor(i / ADDRESS_CODES.length) * 7) % 12_000));
  const sequence = String((i * 37) % 1000).padStart(3, '0');
  const body = `${address}${day.replace(/-/g, '')}${sequence}`;
  const check = mod11_2CheckCharacter(body)!;
  // Some clerks type the X in lower case: the import normalises it.
  return body + (check === 'X' && i % 2 === 0 ? 'x' : check);
}

function withWrongCheckDigit(id: string): string {
  const last = id.slice(-1).toUpperCase();
  return id.slice(0, -1) + (last === '0' ? '1' : '0');
}

function mobile(i: number): string {
  return MOBILE_PREFIXES[i % MOBILE_PREFIXES.length]! + String((i * 7_654_321) % 100_000_000).padStart(8, '0');
}

/** The template's seven cells for row i (0-based), as the clerk typed them. */
export function rosterRow(i: number): (string | null)[] {
  const kind = badRowKind(i);
  const passport = i % 50 === PASSPORT_OFFSET || kind === 'passportWithoutBirthDate';
  const id = passport ? `E${String(10_000_000 + i).slice(-8)}` : residentId(i);
  return [
    kind === 'missingName' ? null : personName(i),
    passport ? '护照' : '身份证',
    kind === 'wrongCheckDigit' ? withWrongCheckDigit(id) : id,
    passport && kind !== 'passportWithoutBirthDate' ? addDays('1975-01-01', i % 7000) : null,
    passport ? (i % 4 === 0 ? '女' : '男') : null,
    kind === 'shortPhone' ? mobile(i).slice(0, 10) : i % 9 === 4 ? null : mobile(i),
    kind === 'missingSocialSecurity' ? null : i % 10 === 3 ? '否' : '是',
  ];
}

/** Writes rows 0…rows-1 under the Shanghai template's header, streaming, with the template's text columns. */
export async function writeShanghaiRoster(path: string, rows: number): Promise<void> {
  const scheme = schemeById('shanghai-2020')!;
  const columns = scheme.roster.columns.filter((c) => c.inTemplate);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createWriteStream(path), useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet(scheme.roster.template.sheetName ?? '参保人员');
  sheet.columns = columns.map((c) => ({ width: 20, style: c.text ? { numFmt: '@' } : {} }));
  sheet.addRow(columns.map((c) => c.header)).commit();
  for (let i = 0; i < rows; i++) sheet.addRow(rosterRow(i)).commit();
  sheet.commit();
  await workbook.commit();
}
