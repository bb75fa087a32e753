/**
 * Payment vouchers and signed commitments as uploaded files: jpg, jpeg, png, gif, bmp, pdf,
 * doc and docx, recognised by their first bytes, never by the name a file was given.
 */
export const VOUCHER_TYPES = ['jpeg', 'png', 'gif', 'bmp', 'pdf', 'doc', 'docx'] as const;
export type VoucherType = (typeof VOUCHER_TYPES)[number];

export const VOUCHER_MIME: Readonly<Record<VoucherType, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** 10 MB: a phone photo of a bank slip or a scanned page, with room to spare. */
export const MAX_VOUCHER_BYTES = 10 * 1024 * 1024;

export function startsWithBytes(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** A zip archive's first bytes (docx, xlsx, OFD). */
export const ZIP_SIGNATURE: readonly number[] = [0x50, 0x4b, 0x03, 0x04];

export function containsAscii(bytes: Uint8Array, text: string): boolean {
  const limit = bytes.length - text.length;
  outer: for (let i = 0; i <= limit; i++) {
    for (let j = 0; j < text.length; j++) if (bytes[i + j] !== text.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

/** The file's type by content, or null for anything else (a renamed .exe, a zip, an xlsx …). */
export function sniffVoucherType(bytes: Uint8Array): VoucherType | null {
  if (startsWithBytes(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWithBytes(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWithBytes(bytes, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWithBytes(bytes, [0x42, 0x4d]) && bytes.length > 26) return 'bmp';
  if (startsWithBytes(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  // Word 97-2003 is an OLE2 compound file holding a "WordDocument" stream (UTF-16 name).
  if (startsWithBytes(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return containsAscii(new Uint8Array(bytes.filter((_, i) => i % 2 === 0)), 'WordDocument') ? 'doc' : null;
  }
  // docx is a zip whose parts live under word/ (an xlsx has xl/, a pptx ppt/).
  if (startsWithBytes(bytes, ZIP_SIGNATURE)) return containsAscii(bytes, 'word/document.xml') ? 'docx' : null;
  return null;
}

export type VoucherProblem = { code: 'voucherEmpty' | 'voucherTooLarge' | 'voucherType'; message: string };

export function checkVoucherFile(bytes: Uint8Array, maxBytes = MAX_VOUCHER_BYTES): { ok: true; type: VoucherType } | { ok: false; problem: VoucherProblem } {
  if (bytes.length === 0) return { ok: false, problem: { code: 'voucherEmpty', message: '文件是空的，请重新选择' } };
  if (bytes.length > maxBytes) return { ok: false, problem: { code: 'voucherTooLarge', message: `文件不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB` } };
  const type = sniffVoucherType(bytes);
  if (!type) return { ok: false, problem: { code: 'voucherType', message: '只能上传 JPG、PNG、GIF、BMP 图片或 PDF、Word（doc、docx）文件；该文件的内容不是其中任何一种' } };
  return { ok: true, type };
}
