/** Real SQLite files in a temporary folder, a stepping clock, and builders for units, batches and rows. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../../../shared/api/dto';
import type { Actor, EnrollmentType } from '../../../../shared/domain/batch';
import { addDays, type Period } from '../../../../shared/domain/dates';
import { openStore, type Store, type StoreOptions } from '../../../../electron/core/store/store';
import type { NewPerson } from '../../../../electron/core/store/personRecord';
import type { UnitInput } from '../../../../electron/core/store/unitsRepo';

export const CLERK: Actor = { kind: 'clerk', name: '王经办' };
export const SERVER: Actor = { kind: 'server', name: '互助会审核员' };

export function tempDir(prefix = 'huzhu-store-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Each reading is one second after the previous one, so stored times are distinct and ordered. */
export function steppingClock(start = '2025-03-01T00:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => new Date((t += 1000));
}

export interface TestStore {
  store: Store;
  dir: string;
  /** Closes the store and removes the folder. */
  dispose: () => void;
}

export function openTestStore(options: StoreOptions = {}): TestStore {
  const { dir, remove } = tempDir();
  const store = openStore({ dataDir: dir, now: steppingClock(), seedSchemes: [], ...options });
  return {
    store,
    dir,
    dispose: () => {
      store.close();
      remove();
    },
  };
}

export function unitInput(overrides: Partial<UnitInput> = {}): UnitInput {
  return {
    name: '苏州示例精密机械有限公司',
    uscc: '91320500MA1XXXXX0X',
    socialSecurityCodes: ['SB001'],
    handler: { name: '王经办', phone: '13912345678' },
    contacts: [],
    ...overrides,
  };
}

export const YEAR_2024: Period = { start: '2024-10-01', end: '2025-09-30' };
export const YEAR_2025: Period = { start: '2025-10-01', end: '2026-09-30' };

export function createBatch(
  store: Store,
  unitId: string,
  options: { title?: string; coverageYear?: Period; enrollmentType?: EnrollmentType; schemeId?: string } = {},
) {
  return store.batches.create(
    {
      unitId,
      schemeId: options.schemeId ?? 'suzhou-2024',
      schemeVersion: 1,
      coverageYear: options.coverageYear ?? YEAR_2024,
      enrollmentType: options.enrollmentType ?? 'renewal',
      title: options.title ?? '2024 年度续保',
    },
    CLERK,
  );
}

/** A valid 18-digit resident ID (MOD 11-2 check digit) from a 17-digit body. */
export function residentId(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body17 + '10X98765432'[sum % 11]!;
}

/** The n-th synthetic person's ID number: distinct for every n (birth date advances every 1000). */
export function idFor(n: number): string {
  const birth = addDays('1960-01-01', Math.floor(n / 1000)).replaceAll('-', '');
  return residentId(`320501${birth}${String(n % 1000).padStart(3, '0')}`);
}

export const AGE_FINDING: Finding = { code: 'ageOverLimit', severity: 'error', message: '年龄超过保障项目上限', hint: '请移除该人员或勾选在职待遇', field: 'birthDate' };
export const PHONE_FINDING: Finding = { code: 'phoneMalformed', severity: 'warning', message: '手机号码不是 11 位', field: 'phone' };
export const NOTE_FINDING: Finding = { code: 'oldIdConverted', severity: 'info', message: '15 位身份证号已转换为 18 位', field: 'documentNumber' };

/** Row n: every 10th has an age error, every 7th a phone warning, every 50th an info note. */
export function person(n: number, docNumber: string = idFor(n)): NewPerson {
  const findings: Finding[] = [];
  if (n % 10 === 0) findings.push(AGE_FINDING);
  if (n % 7 === 0) findings.push(PHONE_FINDING);
  if (n % 50 === 0) findings.push(NOTE_FINDING);
  return {
    sourceRow: n + 1,
    values: { name: `职工${n}`, documentType: '居民身份证', documentNumber: docNumber, phone: '13800138000', socialSecurity: '有' },
    docNumber,
    name: `职工${n}`,
    findings,
  };
}
