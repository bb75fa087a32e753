/**
 * Migrations 0007/0008 on a file an older workbench wrote in plain text: every roster row,
 * occupied-list contact and outbox payload is sealed, the blind indexes filled, the file
 * rewritten so no old page keeps a copy; the folder and files closed to others; a wrong key
 * refused without touching the file.
 */
import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataKey } from '../../../../electron/core/store/dataKey';
import { defaultMigrationsDir } from '../../../../electron/core/store/migrations';
import { openDatabase } from '../../../../electron/core/store/openDatabase';
import { openStore } from '../../../../electron/core/store/store';
import { StoreError } from '../../../../electron/core/store/errors';
import { SEALING_MIGRATION } from '../../../../electron/core/store/sealPersonalData';
import { residentId } from '../app/yearFixtures';
import { tempDir } from './storeFixtures';

const ROWS = 300;
const idOf = (n: number) => residentId('19850615', n);
const phoneOf = (n: number) => `1391234${String(n).padStart(4, '0')}`;
const cardOf = (n: number) => `6222020${String(n).padStart(12, '0')}`;

let dir: string;
let remove: () => void;
beforeEach(() => ({ dir, remove } = tempDir('huzhu-sealing-')));
afterEach(() => remove());

/** A store of the version before sealing with ROWS persons, an occupied report and a queued action, all in plain text. */
function writePlaintextStore(dataDir: string): void {
  const migrations = join(dir, 'migrations-before-sealing');
  mkdirSync(migrations);
  const before = readdirSync(defaultMigrationsDir()).filter((n) => /^\d{4}_/.test(n) && Number(n.slice(0, 4)) < SEALING_MIGRATION);
  for (const name of before) cpSync(join(defaultMigrationsDir(), name), join(migrations, name));
  mkdirSync(dataDir);
  const db = openDatabase(join(dataDir, 'workbench.sqlite'), { migrationsDir: migrations });
  const at = '2025-03-01T00:00:00.000Z';
  db.prepare("INSERT INTO units (id, name, handler, contacts, created_at, updated_at) VALUES ('u1', '示例单位', ?, ?, ?, ?)").run(
    JSON.stringify({ name: '经办', phone: phoneOf(7777) }),
    JSON.stringify([{ name: '联系', phone: phoneOf(6666) }]),
    at,
    at,
  );
  db.prepare(
    `INSERT INTO batches (id, unit_id, scheme_id, scheme_version, enrollment_type, title, state, coverage_year_start, coverage_year_end, created_at, updated_at)
     VALUES ('b1', 'u1', 'wuxi-2023', 1, 'new', '旧批次', 'draft', '2025-01-01', '2025-12-31', ?, ?)`,
  ).run(at, at);
  db.prepare('UPDATE batches SET contact = ?').run(JSON.stringify({ name: '批次联系人', phone: phoneOf(5555) }));
  db.prepare(
    `INSERT INTO payments (id, unit_id, payer, amount_fen, voucher_name, voucher_type, voucher_bytes, refund, recorded_at)
     VALUES ('pay1', 'u1', '示例单位', 100, 'v.png', 'image/png', 10, ?, ?)`,
  ).run(JSON.stringify({ accountName: '示例单位', accountNumber: cardOf(4444), bank: '工商银行', amountFen: 10 }), at);
  const insert = db.prepare(
    "INSERT INTO persons (id, batch_id, seq, source_row, row_values, doc_number, name, verdict, updated_at) VALUES (?, 'b1', ?, ?, ?, ?, ?, 'ok', ?)",
  );
  db.transaction(() => {
    for (let n = 1; n <= ROWS; n++) {
      const values = { name: `职工${n}`, documentNumber: idOf(n), phone: phoneOf(n), bankCard: cardOf(n), employmentStatus: n % 2 ? '在职' : '退休' };
      insert.run(`p${n}`, n, n + 1, JSON.stringify(values), idOf(n), `职工${n}`, at);
    }
  })();
  db.prepare(
    "INSERT INTO occupied_persons (doc_number, coverage_year_start, coverage_year_end, unit_name, contact, reported_at) VALUES (?, '2025-01-01', '2025-12-31', '另一单位', ?, ?)",
  ).run(idOf(1), JSON.stringify({ name: '王', phone: phoneOf(9999) }), at);
  db.prepare(
    `INSERT INTO outbox (id, kind, lane, unit_id, idempotency_key, payload, created_at, next_attempt_at, status)
     VALUES ('a1', 'changeContactPhone', 'unit:u1', 'u1', 'k1', ?, ?, ?, 'pending')`,
  ).run(JSON.stringify({ body: { phone: phoneOf(8888) } }), at, at);
  db.close();
}

function filesIn(dataDir: string): string[] {
  return readdirSync(dataDir).map((n) => join(dataDir, n));
}

function plaintextHits(dataDir: string, secrets: readonly string[]): string[] {
  return filesIn(dataDir).flatMap((file) => {
    const bytes = readFileSync(file);
    return secrets.filter((s) => bytes.includes(Buffer.from(s))).map((s) => `${file}: ${s}`);
  });
}

const SECRETS = [
  ...Array.from({ length: ROWS }, (_, i) => [idOf(i + 1), phoneOf(i + 1), cardOf(i + 1)]).flat(),
  ...[9999, 8888, 7777, 6666, 5555].map(phoneOf),
  cardOf(4444),
];

describe('sealing an older plaintext store', () => {
  it('seals every value, keeps every look-up working, and leaves no plaintext copy in any file', () => {
    const dataDir = join(dir, 'data');
    writePlaintextStore(dataDir);
    expect(plaintextHits(dataDir, SECRETS).length).toBeGreaterThanOrEqual(SECRETS.length);
    // An older version left the folder and file readable to others: closed on open.
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'workbench.sqlite'), 0o644);

    const key = DataKey.generate();
    const store = openStore({ dataDir, dataKey: key, seedSchemes: [] });
    try {
      expect(plaintextHits(dataDir, SECRETS)).toEqual([]);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      for (const file of filesIn(dataDir)) expect({ file, mode: statSync(file).mode & 0o777 }).toEqual({ file, mode: 0o600 });

      const p7 = store.persons.get('p7')!;
      expect(p7.docNumber).toBe(idOf(7));
      expect(p7.values).toMatchObject({ phone: phoneOf(7), bankCard: cardOf(7) });
      expect(store.persons.page({ batchId: 'b1', search: idOf(42) }).rows.map((r) => r.id)).toEqual(['p42']);
      expect(store.persons.page({ batchId: 'b1', employmentStatus: '退休', limit: 1 }).total).toBe(ROWS / 2);
      expect(store.occupied.find([idOf(1)], { start: '2025-06-01', end: '2026-05-31' }).map((o) => [o.docNumber, o.contact?.phone])).toEqual([[idOf(1), phoneOf(9999)]]);
      expect(store.outbox.get('a1')?.payload).toEqual({ body: { phone: phoneOf(8888) } });
      expect(store.units.get('u1')).toMatchObject({ handler: { phone: phoneOf(7777) }, contacts: [{ phone: phoneOf(6666) }] });
      expect(store.batches.get('b1')?.contact?.phone).toBe(phoneOf(5555));
      // A duplicate added now is found through the index among the migrated rows.
      store.db.prepare("UPDATE batches SET state = 'draft'").run();
      store.persons.insertMany('b1', [{ sourceRow: null, values: { documentNumber: idOf(3) }, docNumber: idOf(3), name: '重复', findings: [] }], {
        actor: { kind: 'clerk', name: '测试' },
      });
      expect(store.persons.duplicatesWithinBatch('b1')).toEqual([{ docNumber: idOf(3), personIds: ['p3', expect.any(String)] }]);
    } finally {
      store.close();
    }
    expect(plaintextHits(dataDir, SECRETS)).toEqual([]);
  });

  it('refuses another key before writing anything, naming the reason', () => {
    const dataDir = join(dir, 'data');
    writePlaintextStore(dataDir);
    openStore({ dataDir, dataKey: DataKey.generate(), seedSchemes: [] }).close();
    const before = readFileSync(join(dataDir, 'workbench.sqlite'));
    let error: unknown;
    try {
      openStore({ dataDir, dataKey: DataKey.generate(), seedSchemes: [] }).close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('wrongKey');
    expect((error as StoreError).message).toMatch(/数据密钥与数据文件不符/);
    expect(readFileSync(join(dataDir, 'workbench.sqlite')).equals(before)).toBe(true);
  });
});
