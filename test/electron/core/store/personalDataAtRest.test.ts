/**
 * Personal data at rest, through the core's API as the clerk works: known persons imported
 * (staged and stored in one transaction, on the background thread as in the app), typed in,
 * edited, re-imported (the merge by document number), their batch submitted and queued, an
 * occupied-list report kept; then every file in the data folder (the database, its WAL and
 * SHM, the tokens, anything else there) is searched for the persons' ID numbers, phones and
 * bank cards, while the store is open and after it closed: none may be found. The folder is
 * 0700 and its files 0600.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '../../../../shared/domain/identity';
import { rosterXlsx, startTestCore, type TestCore } from '../app/coreFixtures';
import { confirmAndSubmit, importedBatch, residentId } from '../app/yearFixtures';

const WUXI_HEADERS = ['姓名', '居民身份证号(证件号码)', '社保卡银行卡号', '开户行', '手机号'];
const WUXI_UNIT = {
  name: '无锡示例机械有限公司',
  uscc: '91320200MA1XXXXX0X',
  handler: { name: '周经办', phone: '13900000001' },
  contacts: [{ name: '钱联系', phone: '13900000002' }],
};

function bankCard(n: number): string {
  const body = `62220${String(n).padStart(10, '0')}`;
  return body + String(luhnCheckDigit(body));
}

interface Person {
  name: string;
  id: string;
  card: string;
  phone: string;
}

function person(n: number): Person {
  return { name: `职工${'甲乙丙丁戊己庚辛壬癸'[n]}`, id: residentId('19800101', 2 * n + 1), card: bankCard(700_000 + n), phone: `1380013${String(7000 + n)}` };
}

const row = (p: Person) => [p.name, p.id, p.card, '中国建设银行滨湖支行', p.phone];

/** Every file under `dir`, with its bytes. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .map((path) => ({ path, bytes: readFileSync(path) }));
}

/** Which of `secrets` occur in which file, as UTF-8 (SQLite's text encoding here) and as UTF-16LE. */
function hits(dir: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const { path, bytes } of filesUnder(dir)) {
    for (const secret of secrets) {
      if (bytes.includes(Buffer.from(secret, 'utf8')) || bytes.includes(Buffer.from(secret, 'utf16le'))) found.push(`${path}: ${secret}`);
    }
  }
  return found;
}

let t: TestCore;
afterEach(async () => t?.close());

describe('personal data at rest', () => {
  it('leaves no ID number, phone or bank card of a person in any file of the data folder, open or closed', async () => {
    t = await startTestCore('2023-03-10T02:00:00Z', { backgroundThread: true });
    await t.core.ready;
    const people = [0, 1, 2, 3, 4, 5].map(person);
    const [imported1, imported2, imported3, typed, edited, reimported] = people as [Person, Person, Person, Person, Person, Person];
    const newPhone = '13800139999';
    const newCard = bankCard(799_999);

    const unitId = (await t.call('units.save', { unit: WUXI_UNIT })).id;
    const batchId = await importedBatch(t, { unitId, schemeId: 'wuxi-2023', enrollmentType: 'new', selection: ['SHY'] }, WUXI_HEADERS, [
      row(imported1),
      row(imported2),
      row(imported3),
      row(edited),
    ]);
    await t.call('roster.addRow', {
      batchId,
      row: { name: typed.name, documentNumber: typed.id, bankCard: typed.card, bankName: '中国银行', phone: typed.phone },
    });
    const editedRow = (await t.call('roster.rows', { batchId, search: edited.id })).rows[0]!;
    await t.call('roster.editRow', { batchId, rowId: editedRow.id, changes: { phone: newPhone, bankCard: newCard } });
    // A second file with a row already stored (merged by its number) and a new one.
    const { jobId } = await t.call('roster.import', {
      batchId,
      file: { name: '补充.xlsx', base64: await rosterXlsx(WUXI_HEADERS, [row(imported2), row(reimported)]) },
    });
    expect((await t.core.imports.settled(jobId)).phase).toBe('done');
    t.core.store.occupied.upsertMany([
      { docNumber: imported3.id, coverageYear: { start: '2023-01-01', end: '2023-12-31' }, unitName: '另一家单位', contact: { name: '王经办', phone: '13700001111' }, reportedAt: '2023-03-10T02:00:00.000Z' },
    ]);
    await t.call('batches.update', { batchId, contact: { name: '孙联系', phone: '13900000003' } });
    await confirmAndSubmit(t, batchId);

    // What the clerk sees is the persons as given: sealing is invisible through the API.
    const rows = (await t.call('roster.rows', { batchId, limit: 50 })).rows;
    expect(rows.map((r) => r.values.documentNumber).sort()).toEqual(people.map((p) => p.id).sort());
    expect(rows.find((r) => r.values.documentNumber === edited.id)?.values).toMatchObject({ phone: newPhone, bankCard: newCard });
    expect(t.core.store.outbox.listForBatch(batchId).map((a) => a.kind)).toEqual(['submitBatch']);
    expect(t.core.store.occupied.find([imported3.id], { start: '2023-03-01', end: '2024-02-29' }).map((o) => o.contact?.phone)).toEqual(['13700001111']);

    expect((await t.call('units.get', { unitId })).handler.phone).toBe('13900000001');
    expect((await t.call('batches.get', { batchId })).contact?.phone).toBe('13900000003');

    const unitPhones = ['13900000001', '13900000002', '13900000003'];
    const secrets = [...people.flatMap((p) => [p.id, p.card, p.phone]), newPhone, newCard, '13700001111', ...unitPhones];
    const open = filesUnder(t.dir).map((f) => f.path);
    expect(open.some((p) => p.endsWith('-wal'))).toBe(true);
    expect(hits(t.dir, secrets)).toEqual([]);
    // The search does find what is stored readable: names stay plain text, for the search by name.
    expect(hits(t.dir, [imported1.name]).length).toBeGreaterThan(0);

    expect(statSync(t.dir).mode & 0o777).toBe(0o700);
    for (const path of open) expect({ path, mode: statSync(path).mode & 0o777 }).toEqual({ path, mode: 0o600 });

    await t.core.close();
    expect(hits(t.dir, secrets)).toEqual([]);
  });
});
