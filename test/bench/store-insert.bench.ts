/**
 * Inserting a 100,000-row roster through PersonsRepo (prepared statements, one transaction,
 * the code index table, the batch and audit rows), against the floor: a bare better-sqlite3
 * prepared INSERT of the same rows into a one-table database in one transaction.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Finding } from '../../shared/api/dto';
import { openStore } from '../../electron/core/store/store';
import type { NewPerson } from '../../electron/core/store/personRecord';

const ROWS = 100_000;

const AGE: Finding = { code: 'ageOverLimit', severity: 'error', message: '年龄超过保障项目上限', field: 'birthDate' };
const PHONE: Finding = { code: 'phoneMalformed', severity: 'warning', message: '手机号码不是 11 位', field: 'phone' };

function rows(): NewPerson[] {
  return Array.from({ length: ROWS }, (_, i) => {
    const docNumber = `3205011980${String(i).padStart(7, '0')}X`;
    const findings: Finding[] = [];
    if (i % 10 === 0) findings.push(AGE);
    if (i % 7 === 0) findings.push(PHONE);
    return {
      sourceRow: i + 2,
      values: { name: `职工${i}`, documentType: '居民身份证', documentNumber: docNumber, phone: '13800138000', socialSecurity: '有', department: '生产部' },
      docNumber,
      name: `职工${i}`,
      findings,
    };
  });
}

function baseline(dir: string, data: readonly NewPerson[]): number {
  const db = new Database(join(dir, 'baseline.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE persons (id INTEGER PRIMARY KEY, source_row INTEGER, row_values TEXT, doc_number TEXT, name TEXT, findings TEXT)');
  const insert = db.prepare('INSERT INTO persons (source_row, row_values, doc_number, name, findings) VALUES (?, ?, ?, ?, ?)');
  const start = performance.now();
  db.transaction(() => {
    for (const r of data) insert.run(r.sourceRow, JSON.stringify(r.values), r.docNumber, r.name, JSON.stringify(r.findings));
  })();
  const ms = performance.now() - start;
  db.close();
  return ms;
}

function throughRepo(dir: string, data: readonly NewPerson[]): number {
  const store = openStore({ dataDir: join(dir, 'store'), seedSchemes: [] });
  const actor = { kind: 'clerk', name: 'bench' } as const;
  const unit = store.units.save({ name: '基准测试单位', socialSecurityCodes: [], handler: { name: '经办', phone: '13800138000' }, contacts: [] }, actor);
  const batch = store.batches.create(
    { unitId: unit.id, schemeId: 'suzhou-2024', schemeVersion: 1, coverageYear: { start: '2024-10-01', end: '2025-09-30' }, enrollmentType: 'renewal', title: 'bench' },
    actor,
  );
  const start = performance.now();
  store.persons.insertMany(batch.id, data, { actor });
  const ms = performance.now() - start;
  if (store.persons.count(batch.id) !== data.length) throw new Error('rows missing');
  store.close();
  return ms;
}

export default async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'huzhu-bench-store-'));
  try {
    const data = rows();
    // One untimed round each warms the JIT and the file system.
    baseline(mkdtempSync(join(dir, 'w')), data.slice(0, 5000));
    throughRepo(mkdtempSync(join(dir, 'w')), data.slice(0, 5000));
    const baselineMs = baseline(dir, data);
    const insertMs = throughRepo(dir, data);
    console.log(
      `bench store-insert: rows=${ROWS} baseline_ms=${baselineMs.toFixed(0)} insert_ms=${insertMs.toFixed(0)} ratio=${(insertMs / baselineMs).toFixed(2)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
