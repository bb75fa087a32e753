/**
 * Several coverage years on one machine: a built-in scheme moved to another year (as the
 * association would publish it next year), batches brought to the states only the
 * association's server can set, and rosters made through the API as a clerk would.
 */
import type { BatchState } from '../../../../shared/domain/batch';
import { addYears, type Period } from '../../../../shared/domain/dates';
import { BUILT_IN_SCHEME_FILES } from '../../../../shared/schemes';
import { mod11_2CheckCharacter } from '../../../../shared/domain/identity';
import { rosterXlsx, type TestCore } from './coreFixtures';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function shiftDates(value: unknown, years: number): unknown {
  if (typeof value === 'string') return ISO_DATE.test(value) ? addYears(value, years) : value;
  if (Array.isArray(value)) return value.map((v) => shiftDates(v, years));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftDates(v, years)]));
  return value;
}

/** The built-in scheme `baseId` as its association would publish it `years` later (or earlier), under `newId`. */
export function schemeForYear(baseId: string, newId: string, years: number): unknown {
  const base = BUILT_IN_SCHEME_FILES[baseId] as { yearLabel: string; title: string };
  const shifted = shiftDates(base, years) as Record<string, unknown>;
  const year = (label: string) => label.replace(/\d{4}/g, (y) => String(Number(y) + years));
  return { ...shifted, id: newId, yearLabel: year(base.yearLabel), title: year(base.title) };
}

export function addScheme(t: TestCore, json: unknown): void {
  t.core.store.schemes.saveFromServer(json);
}

const SERVER = { kind: 'server' as const, name: '互助会审核员' };

/** What only the association decides: the cover, the policy number, and the state it reports. */
export function serverSets(t: TestCore, batchId: string, state: BatchState, extra: { cover?: Period; policyNumber?: string } = {}): void {
  if (extra.cover || extra.policyNumber) t.core.store.batches.update(batchId, { ...(extra.cover ? { cover: extra.cover } : {}), ...(extra.policyNumber ? { policyNumber: extra.policyNumber } : {}) }, SERVER);
  const at = new Date(t.core.store.batches.require(batchId).updatedAt).toISOString();
  const outcome = t.core.store.batches.applyTransition(batchId, 'adoptServerState', { at, actor: SERVER, serverState: state });
  if (!outcome.ok) throw new Error(outcome.message);
}

/** A batch of the unit with this roster imported through the API; returns its id once the import is done. */
export async function importedBatch(
  t: TestCore,
  input: { unitId: string; schemeId: string; enrollmentType: 'central' | 'renewal' | 'new' | 'instant'; title?: string; selection?: string[] },
  headers: string[],
  rows: string[][],
): Promise<string> {
  const batch = await t.call('batches.create', { unitId: input.unitId, schemeId: input.schemeId, enrollmentType: input.enrollmentType, ...(input.title ? { title: input.title } : {}) });
  if (input.selection) await t.call('batches.update', { batchId: batch.id, selection: input.selection.map((planCode) => ({ planCode, shares: 1 })) });
  const { jobId } = await t.call('roster.import', { batchId: batch.id, file: { name: '名单.xlsx', base64: await rosterXlsx(headers, rows) } });
  const progress = await t.core.imports.settled(jobId);
  if (progress.phase !== 'done') throw new Error(`import ${progress.phase}: ${progress.error?.message ?? ''}`);
  return batch.id;
}

/** Confirms the premium and queues the submission, as the clerk does once the roster passes. */
export async function confirmAndSubmit(t: TestCore, batchId: string): Promise<void> {
  await t.call('batches.transition', { batchId, event: 'confirmPremium' });
  await t.call('batches.transition', { batchId, event: 'submit' });
}

/** A valid resident ID of a Shanghai (310101) birth on `birth` (YYYYMMDD); an odd `seq` is a man. */
export function residentId(birth: string, seq: number): string {
  const body = `310101${birth}${String(seq).padStart(3, '0')}`;
  return body + mod11_2CheckCharacter(body)!;
}
