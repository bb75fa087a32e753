/**
 * A reprint is the same document: identical bytes for the same input, and with another
 * print count or time the bytes differ only inside the print stamp's stream.
 */
import { describe, expect, it } from 'vitest';
import { generateConfirmation, generatePaymentNotice, type ConfirmationData, type PrintStamp } from '../../../../electron/core/documents';
import { STAMP_MARKER, STAMP_STREAM_LENGTH } from '../../../../electron/core/documents/render/writePdf';
import { makePersons, shanghaiExample, shanghai, SHANGHAI_UNIT } from './fixtures';
import { pdfPageTexts } from './pdfTools';

function confirmation(print: PrintStamp | null): ConfirmationData {
  const persons = makePersons(120, 4);
  const { quote, batch } = shanghaiExample(persons);
  return { scheme: shanghai, unit: SHANGHAI_UNIT, batch, quote, persons, number: { label: '确认书号', value: 'QR2020-000123' }, issuedOn: '2020-05-21', print };
}

/** Offsets where two equally long byte arrays differ. */
function differingOffsets(a: Uint8Array, b: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) out.push(i);
  return out;
}

function stampRange(bytes: Uint8Array): [number, number] {
  const text = Buffer.from(bytes).toString('latin1');
  const start = text.indexOf(STAMP_MARKER);
  expect(start).toBeGreaterThan(0);
  expect(text.indexOf(STAMP_MARKER, start + 1)).toBe(-1);
  return [start, start + STAMP_STREAM_LENGTH];
}

describe('reprints', () => {
  it('the same input gives the same bytes, whenever and however often it is generated', async () => {
    const first = await generateConfirmation(confirmation({ count: 1, at: '2020-05-21T10:00:00+08:00' }));
    const second = await generateConfirmation(confirmation({ count: 1, at: '2020-05-21T10:00:00+08:00' }));
    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    // Metadata dates come from the input, not the clock.
    const text = Buffer.from(first.bytes).toString('latin1');
    expect(text).toContain('/CreationDate (D:20200520160000Z)');
    expect(text).toContain('/ModDate (D:20200520160000Z)');
    expect(text).toMatch(/\/ID \[ <[0-9A-F]{32}> <[0-9A-F]{32}> \]/);
  });

  it.each([
    ['a second print, an hour later', { count: 2, at: '2020-05-21T11:00:00+08:00' }],
    ['the 100th print, a year later', { count: 100, at: '2021-05-21T09:15:42+08:00' }],
    ['a preview', null],
  ] as const)('%s differs from the first print only inside the print stamp', async (_, print) => {
    const first = await generateConfirmation(confirmation({ count: 1, at: '2020-05-21T10:00:00+08:00' }));
    const other = await generateConfirmation(confirmation(print));
    expect(other.bytes.length).toBe(first.bytes.length);
    const diff = differingOffsets(first.bytes, other.bytes);
    expect(diff.length).toBeGreaterThan(0);
    const [start, end] = stampRange(first.bytes);
    expect(stampRange(other.bytes)).toEqual([start, end]);
    for (const offset of diff) {
      expect(offset).toBeGreaterThanOrEqual(start);
      expect(offset).toBeLessThan(end);
    }
    // And the pages say which print it is.
    const pages = pdfPageTexts(other.bytes);
    for (const page of pages) expect(page).toContain(print ? `第 ${print.count} 次打印` : '预览（非正式打印件）');
  });

  it('prints the print time in China time whatever offset it is given in', async () => {
    const data = confirmation({ count: 3, at: '2020-05-21T01:02:03Z' });
    const notice = await generatePaymentNotice({ ...data, print: data.print });
    expect(pdfPageTexts(notice.bytes)[0]).toContain('打印时间：2020-05-21 09:02:03');
  });

  it.each([
    ['a zero count', { count: 0, at: '2020-05-21T10:00:00+08:00' }],
    ['a time without an offset', { count: 1, at: '2020-05-21T10:00:00' }],
  ])('refuses %s', async (_, print) => {
    await expect(generateConfirmation(confirmation(print))).rejects.toMatchObject({ code: 'DOCUMENT_BAD_PRINT' });
  });

  it('refuses a document date that is not YYYY-MM-DD', async () => {
    await expect(generateConfirmation({ ...confirmation(null), issuedOn: '2020/05/21' })).rejects.toMatchObject({ code: 'DOCUMENT_BAD_DATE' });
  });
});
