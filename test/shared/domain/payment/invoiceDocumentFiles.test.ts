import { describe, expect, it } from 'vitest';
import { checkInvoiceDocument, sniffInvoiceDocumentType, sniffVoucherType } from '../../../../shared/domain/payment';

const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const ZIP = [0x50, 0x4b, 0x03, 0x04];

describe('sniffInvoiceDocumentType', () => {
  it.each([
    ['PDF', bytes('%PDF-1.7\n'), 'pdf'],
    ['OFD (zip holding OFD.xml)', bytes(ZIP, [0, 0, 0, 0], 'OFD.xml'), 'ofd'],
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0]), 'jpeg'],
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'png'],
    ['xlsx (zip without OFD.xml)', bytes(ZIP, 'xl/workbook.xml'), null],
    ['docx (a voucher type, not an invoice)', bytes(ZIP, 'word/document.xml'), null],
    ['GIF (a voucher type, not an invoice)', bytes('GIF89a'), null],
    ['text named .pdf', bytes('hello'), null],
  ])('%s', (_name, input, type) => {
    expect(sniffInvoiceDocumentType(input)).toBe(type);
  });
});

it('refuses a Word file that a payment voucher may be', () => {
  const doc = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], [...'WordDocument'].flatMap((c) => [c.charCodeAt(0), 0]));
  expect(sniffVoucherType(doc)).toBe('doc');
  expect(sniffInvoiceDocumentType(doc)).toBeNull();
});

describe('checkInvoiceDocument', () => {
  it.each([
    ['empty', new Uint8Array(0), 10, 'documentEmpty'],
    ['too large', bytes('%PDF-1.7 padding'), 10, 'documentTooLarge'],
    ['wrong type', bytes('hello'), 10, 'documentType'],
  ])('refuses a file %s', (_name, input, max, code) => {
    const r = checkInvoiceDocument(input, max);
    expect(r.ok ? null : r.code).toBe(code);
  });

  it('accepts a PDF within the limit', () => {
    expect(checkInvoiceDocument(bytes('%PDF-1.4'), 10)).toEqual({ ok: true, type: 'pdf' });
  });
});
