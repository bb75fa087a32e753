/**
 * What a file really is, judged by its bytes rather than its name: clerks rename files,
 * portals hand out HTML tables called .xls, and a password-protected .xlsx is not a zip
 * at all but an OLE2 compound file like a .xls.
 */
import { RosterFileError, corruptError } from './errors';
import { hasZipSignature, listZipEntries, type ZipEntry } from './zipArchive';

export type SniffedFile =
  | { kind: 'xlsx'; entries: ZipEntry[] }
  /** Delimited text (CSV, tab-separated); decoding is the text reader's job. */
  | { kind: 'text' };

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const utf16 = (text: string) => Buffer.from(text, 'utf16le');

const SAVE_AS_XLSX = '请在 Excel 中打开后“另存为” Excel 工作簿 (.xlsx) 再导入';

function notASpreadsheet(what: string): RosterFileError {
  return new RosterFileError('unsupportedType', `${what}，不是参保名单表格。请选择 .xlsx 或 .csv 格式的名单文件`);
}

const BINARY_KINDS: { magic: readonly number[]; at?: number; what: string }[] = [
  { magic: [0x89, 0x50, 0x4e, 0x47], what: '这是一张图片（PNG）' },
  { magic: [0xff, 0xd8, 0xff], what: '这是一张图片（JPEG）' },
  { magic: ascii('GIF8'), what: '这是一张图片（GIF）' },
  { magic: ascii('WEBP'), at: 8, what: '这是一张图片（WebP）' },
  { magic: [0x49, 0x49, 0x2a, 0x00], what: '这是一张图片（TIFF）' },
  { magic: ascii('%PDF'), what: '这是 PDF 文件' },
  { magic: ascii('Rar!'), what: '这是 RAR 压缩包' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: '这是 7z 压缩包' },
  { magic: [0x1f, 0x8b], what: '这是 gzip 压缩包' },
];

function sniffCompoundFile(bytes: Buffer): RosterFileError {
  if (bytes.includes(utf16('EncryptionInfo')) || bytes.includes(utf16('EncryptedPackage'))) {
    return new RosterFileError('encrypted', '文件已设置密码保护，请在 Excel 中取消密码后再导入');
  }
  if (bytes.includes(utf16('WordDocument'))) return notASpreadsheet('这是 Word 97-2003 文档（.doc）');
  if (bytes.includes(utf16('PowerPoint Document'))) return notASpreadsheet('这是 PowerPoint 97-2003 演示文稿（.ppt）');
  return new RosterFileError('legacyXls', `这是旧版 Excel 97-2003 工作簿（.xls），暂不能直接导入。${SAVE_AS_XLSX}`);
}

function sniffZip(bytes: Buffer): SniffedFile {
  const entries = listZipEntries(bytes);
  if (!entries) throw corruptError();
  const has = (name: string) => entries.some((e) => e.name === name);
  const hasUnder = (folder: string) => entries.some((e) => e.name.startsWith(folder));
  if (has('xl/workbook.xml')) return { kind: 'xlsx', entries };
  if (has('xl/workbook.bin')) throw new RosterFileError('unsupportedType', `这是 Excel 二进制工作簿（.xlsb），暂不能直接导入。${SAVE_AS_XLSX}`);
  if (hasUnder('word/')) throw notASpreadsheet('这是 Word 文档（.docx）');
  if (hasUnder('ppt/')) throw notASpreadsheet('这是 PowerPoint 演示文稿（.pptx）');
  if (has('content.xml') && has('mimetype')) {
    throw new RosterFileError('unsupportedType', `这是 OpenDocument 表格（WPS/LibreOffice 的 .ods），暂不能直接导入。${SAVE_AS_XLSX}`);
  }
  if (entries.length === 0) throw new RosterFileError('empty', '文件是一个空的压缩包，没有任何内容');
  throw notASpreadsheet('这是一个压缩包（zip）');
}

function looksLikeMarkup(bytes: Buffer): 'html' | 'xmlSpreadsheet' | null {
  const head = bytes.subarray(0, 4096).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  if (!head.startsWith('<')) return null;
  if (head.includes('urn:schemas-microsoft-com:office:spreadsheet')) return 'xmlSpreadsheet';
  if (head.includes('<html') || head.includes('<table') || head.startsWith('<!doctype')) return 'html';
  return null;
}

function looksLikeText(bytes: Buffer): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return true; // UTF-16 with its BOM
  return !bytes.subarray(0, 65536).includes(0);
}

/** Identifies the file or throws the RosterFileError that tells the clerk what to do instead. */
export function sniffRosterFile(bytes: Buffer): SniffedFile {
  if (bytes.length === 0) throw new RosterFileError('empty', '文件是空的（0 字节），没有任何内容');
  if (startsWith(bytes, OLE2)) throw sniffCompoundFile(bytes);
  if (hasZipSignature(bytes)) return sniffZip(bytes);
  for (const kind of BINARY_KINDS) {
    if (startsWith(bytes, kind.magic, kind.at)) throw notASpreadsheet(kind.what);
  }
  const markup = looksLikeMarkup(bytes);
  if (markup === 'html') {
    throw new RosterFileError('unsupportedType', `这是网页格式（HTML）的表格，虽然名为 Excel 文件，但不是真正的工作簿。${SAVE_AS_XLSX}`);
  }
  if (markup === 'xmlSpreadsheet') throw new RosterFileError('unsupportedType', `这是 Excel 2003 XML 表格。${SAVE_AS_XLSX}`);
  if (looksLikeText(bytes)) return { kind: 'text' };
  throw notASpreadsheet('无法识别的文件格式');
}
