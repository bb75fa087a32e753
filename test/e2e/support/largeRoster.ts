/**
 * A 100,000-person roster written straight into the store (as an import would leave it),
 * with one person in a hundred carrying a wrong check digit and the finding the identity
 * check gives it.
 */
import type { Finding } from '../../../shared/api/dto';
import { addDays } from '../../../shared/domain/dates';
import { checkIdDocument } from '../../../shared/domain/identity';
import type { NewPerson } from '../../../electron/core/store';
import type { AppHost } from './appHost';
import { personName, residentId, withWrongCheckDigit } from './rosterFiles';

export const LARGE_ROWS = 100_000;
/** Rows i with i % 100 === BAD_OFFSET have a wrong check digit. */
export const BAD_OFFSET = 37;

export function isBadRow(i: number): boolean {
  return i % 100 === BAD_OFFSET;
}

export function largeRosterRows(today: string): NewPerson[] {
  const rows: NewPerson[] = [];
  for (let i = 0; i < LARGE_ROWS; i++) {
    const good = residentId(addDays('1970-01-01', i % 10_000), Math.floor(i / 10_000) * 2 + 1);
    const number = isBadRow(i) ? withWrongCheckDigit(good) : good;
    const findings: Finding[] = isBadRow(i)
      ? checkIdDocument('residentId', number, today)
          .findings.filter((f) => f.severity === 'error')
          .map((f) => ({ code: f.code, severity: f.severity, message: f.message, ...(f.hint ? { hint: f.hint } : {}), field: 'documentNumber' as const }))
      : [];
    const name = personName(i);
    rows.push({ sourceRow: i + 2, values: { name, documentType: '身份证', documentNumber: number, socialSecurity: '是' }, docNumber: number, name, findings });
  }
  return rows;
}

/** A unit and a Shanghai central batch holding the large roster; returns the batch id. */
export async function seedLargeBatch(app: AppHost, today: string, unitName = '十万人名单示例单位'): Promise<string> {
  const unit = await app.call('units.save', { unit: { name: unitName, socialSecurityCodes: ['S100'], handler: { name: '李经办', phone: '13800000001' } } });
  const batch = await app.call('batches.create', { unitId: unit.id, schemeId: 'shanghai-2020', enrollmentType: 'central', title: '十万人集中参保' });
  await app.call('batches.update', { batchId: batch.id, selection: ['A0', 'B0', 'C0'].map((planCode) => ({ planCode, shares: 1 })) });
  app.core.store.persons.insertMany(batch.id, largeRosterRows(today), { actor: { kind: 'clerk', name: '测试经办人' } });
  return batch.id;
}
