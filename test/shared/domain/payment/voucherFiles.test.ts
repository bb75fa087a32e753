import { describe, expect, it } from 'vitest';
import { checkVoucherFile, sniffVoucherType } from '../../../../shared/domain/payment';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));
const utf16 = (s: string) => [...Buffer.from(s, 'utf16le')];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

describe('voucher files recognised by content', () => {
  it.each([
    ['a JPEG photo', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'jpeg'],
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR'), 'png'],
    ['a GIF', bytes('GIF89a....'), 'gif'],
    ['a BMP', bytes('BM', new Array(40).fill(0)), 'bmp'],
    ['a PDF', bytes('%PDF-1.7\n'), 'pdf'],
    ['a Word 97 document', bytes(OLE2, new Array(504).fill(0), utf16('Root Entry'), new Array(108).fill(0), utf16('WordDocument')), 'doc'],
    ['a docx', bytes([0x50, 0x4b, 0x03, 0x04], '....[Content_Types].xml....word/document.xml'), 'docx'],
    ['an xlsx renamed .docx', bytes([0x50, 0x4b, 0x03, 0x04], '....[Content_Types].xml....xl/workbook.xml'), null],
    ['an encrypted Excel file renamed .doc', bytes(OLE2, new Array(504).fill(0), utf16('EncryptionInfo')), null],
    ['a Windows program renamed .jpg', bytes('MZ\x90\x00'), null],
    ['plain text renamed .pdf', bytes('hello'), null],
  ] as const)('%s → %s', (_what, data, type) => {
    expect(sniffVoucherType(data)).toBe(type);
  });

  it.each([
    ['empty', new Uint8Array(0), 'voucherEmpty'],
    ['too large', new Uint8Array(11 * 1024 * 1024).fill(0x25), 'voucherTooLarge'],
    ['of another type', bytes('MZ'), 'voucherType'],
  ] as const)('refuses a file that is %s', (_what, data, code) => {
    const r = checkVoucherFile(data);
    expect(r.ok ? null : r.problem.code).toBe(code);
  });
});
