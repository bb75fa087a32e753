import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdminCli } from '../../server/adminCommands';
import { batchViewSchema, parseChange, ROUTES, routePath } from '../../shared/wire';
import { ADMIN_TOKEN, adminCall, call, changesOf, PNG_BYTES, registerUnit, residentId, shanghaiCentral, shanghaiRow, startTestServer, type TestServer } from './serverFixtures';

let t: TestServer;
let unit: Awaited<ReturnType<typeof registerUnit>>;
let other: Awaited<ReturnType<typeof registerUnit>>;
let serverId: string;
let invoiceIds: string[];

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
/** The first bytes of an OFD: a zip whose first entry is OFD.xml. */
const OFD = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0]), Buffer.from('\0'.repeat(16)), Buffer.from('OFD.xml<ofd:OFD/>')]);
const XLSX_LIKE = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('xl/workbook.xml')]);

async function download(token: string, batchId: string, invoiceId: string): Promise<{ status: number; type: string | null; disposition: string | null; bytes: Buffer }> {
  const res = await fetch(`${t.url}${routePath(ROUTES.invoiceDocument, { batchId, invoiceId })}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes: Buffer.from(await res.arrayBuffer()) };
}

/** A batch of `unit`, paid and confirmed, with `count` invoices requested; its server id and invoice ids. */
async function requestedBatch(clientId: string, seq: string, count: number): Promise<{ serverId: string; invoiceIds: string[] }> {
  const submitted = await call(t.url, ROUTES.submitBatch, { token: unit.token, key: true, body: shanghaiCentral(clientId, [shanghaiRow(residentId('19850615', seq), '王小明')]) });
  const id = submitted.body.serverBatchId as string;
  await adminCall(t.url, ROUTES.adminApprove, { batchId: id });
  const proof = { name: '底单.png', base64: PNG_BYTES.toString('base64') };
  const payable = submitted.body.payableFen as number;
  const paid = await call(t.url, ROUTES.uploadPaymentProof, { token: unit.token, key: true, params: { batchId: clientId }, body: { payer: '发票文件单位', amountFen: payable, proof } });
  expect(paid.status).toBe(200);
  await adminCall(t.url, ROUTES.adminConfirmPayment, { batchId: id });
  const share = Math.floor(payable / count);
  const lines = Array.from({ length: count }, (_, i) => ({ title: `抬头${i + 1}`, amountFen: i === count - 1 ? payable - share * (count - 1) : share }));
  const requested = await call(t.url, ROUTES.requestInvoices, { token: unit.token, key: true, params: { batchId: clientId }, body: { invoices: lines } });
  expect(requested.status).toBe(201);
  return { serverId: id, invoiceIds: batchViewSchema.parse(requested.body).invoices.map((i) => i.invoiceId) };
}

beforeAll(async () => {
  t = await startTestServer();
  unit = await registerUnit(t.url, '发票文件单位', '钱经办');
  other = await registerUnit(t.url, '别的单位', '孙经办');
  ({ serverId, invoiceIds } = await requestedBatch('doc-1', '123', 3));
});
afterAll(() => t.close());

describe('e-invoice documents (电子发票文件)', () => {
  it.each([
    ['a text file', Buffer.from('hello world, not an invoice'), 'proofFileType'],
    ['a zip that is not an OFD', XLSX_LIKE, 'proofFileType'],
    // A payment voucher may be a .doc; an e-invoice may not.
    ['a Word 97 file', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.from('WordDocument', 'utf16le')]), 'proofFileType'],
  ])('refuses %s and issues nothing', async (_name, bytes, code) => {
    const res = await adminCall(t.url, ROUTES.adminIssueInvoices, { batchId: serverId }, { invoices: [{ invoiceId: invoiceIds[0], invoiceNumber: 'FPX-BAD', document: { name: 'x.pdf', base64: bytes.toString('base64') } }] });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe(code);
    expect(res.body.message).toContain('发票 FPX-BAD');
    const view = await call(t.url, ROUTES.batch, { token: unit.token, params: { batchId: 'doc-1' } });
    expect(view.body.invoices.map((i: { status: string }) => i.status)).toEqual(['requested', 'requested', 'requested']);
  });

  it('refuses a document above the size limit in the request itself', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 10, 0x25).toString('base64');
    const res = await adminCall(t.url, ROUTES.adminIssueInvoices, { batchId: serverId }, { invoices: [{ invoiceId: invoiceIds[0], invoiceNumber: 'FPX-BIG', document: { name: 'big.pdf', base64: big } }] });
    expect(res.status).toBe(422);
    expect(res.text).toContain('5 MB');
  });

  it('keeps a PDF and an OFD, tells the view and the change feed, and leaves the third without one', async () => {
    const res = await adminCall(t.url, ROUTES.adminIssueInvoices, { batchId: serverId }, {
      invoices: [
        { invoiceId: invoiceIds[0], invoiceNumber: 'FP-DOC-1', document: { name: '电子发票1.pdf', base64: PDF.toString('base64') } },
        { invoiceId: invoiceIds[1], invoiceNumber: 'FP-DOC-2', document: { name: '电子发票2.ofd', base64: OFD.toString('base64') } },
        { invoiceId: invoiceIds[2], invoiceNumber: 'FP-DOC-3' },
      ],
    });
    expect(res.status).toBe(200);
    const view = await call(t.url, ROUTES.batch, { token: unit.token, params: { batchId: 'doc-1' } });
    const invoices = batchViewSchema.parse(view.body).invoices;
    expect(invoices.map((i) => i.document ?? null)).toEqual([
      { name: '电子发票1.pdf', bytes: PDF.length, type: 'application/pdf' },
      { name: '电子发票2.ofd', bytes: OFD.length, type: 'application/ofd' },
      null,
    ]);
    const feed = (await changesOf(t.url, unit.token)).changes.map((c) => parseChange(c));
    const issued = feed.flatMap((p) => (p.ok && p.change.kind === 'invoicesIssued' ? [p.change] : []));
    expect(feed.every((p) => p.ok)).toBe(true);
    expect(issued).toHaveLength(1);
    expect(issued[0]!.invoices.map((i) => [i.invoiceNumber, i.document?.name ?? null])).toEqual([
      ['FP-DOC-1', '电子发票1.pdf'],
      ['FP-DOC-2', '电子发票2.ofd'],
      ['FP-DOC-3', null],
    ]);
  });

  it('gives the unit its document byte for byte', async () => {
    const pdf = await download(unit.token, 'doc-1', invoiceIds[0]!);
    expect(pdf).toMatchObject({ status: 200, type: 'application/pdf' });
    expect(pdf.bytes.equals(PDF)).toBe(true);
    expect(pdf.disposition).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('电子发票1.pdf')}`);
    const ofd = await download(unit.token, 'doc-1', invoiceIds[1]!);
    expect(ofd.bytes.equals(OFD)).toBe(true);
  });

  it.each([
    ['another unit', () => other.token, 'doc-1', 0],
    ['an invoice without a document', () => unit.token, 'doc-1', 2],
    ['a batch that does not exist', () => unit.token, 'no-such-batch', 0],
  ])('answers 404 for %s', async (_name, token, batchId, index) => {
    const res = await download(token(), batchId, invoiceIds[index]!);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.bytes.toString('utf8')).code).toBe('notFound');
  });

  it('answers 404 for an invoice id unknown to the batch and 401 without a session', async () => {
    expect((await download(unit.token, 'doc-1', 'no-such-invoice')).status).toBe(404);
    const res = await fetch(`${t.url}${routePath(ROUTES.invoiceDocument, { batchId: 'doc-1', invoiceId: invoiceIds[0]! })}`);
    expect(res.status).toBe(401);
  });

  it('attaches a file from the command line with --document, and names a wrong file before sending', async () => {
    const batch = await requestedBatch('doc-cli', '131', 1);
    const dir = mkdtempSync(join(tmpdir(), 'huzhu-cli-doc-'));
    const good = join(dir, '电子发票-命令行.pdf');
    const bad = join(dir, '不是发票.pdf');
    writeFileSync(good, PDF);
    writeFileSync(bad, 'plain text');
    const out: string[] = [];
    const err: string[] = [];
    const io = { env: { HUZHU_SERVER_URL: t.url, HUZHU_ADMIN_TOKEN: ADMIN_TOKEN }, out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    try {
      expect(await runAdminCli(['issue-invoices', batch.serverId, `${batch.invoiceIds[0]}=FP-CLI-1`, '--document', bad], io)).toBe(1);
      expect(err.at(-1)).toContain('发票文件只能是 PDF、OFD 或 JPG、PNG 图片');
      expect(await runAdminCli(['issue-invoices', batch.serverId, '--document', good], io)).toBe(1);
      expect(err.at(-1)).toContain('须指定恰好 1 张发票');
      expect(await runAdminCli(['issue-invoices', batch.serverId, `${batch.invoiceIds[0]}=FP-CLI-1`, '--document', good], io)).toBe(0);
      const res = await download(unit.token, 'doc-cli', batch.invoiceIds[0]!);
      expect(res.status).toBe(200);
      expect(res.bytes.equals(PDF)).toBe(true);
      expect(res.disposition).toContain(encodeURIComponent('电子发票-命令行.pdf'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
