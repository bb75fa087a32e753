/**
 * Every hostile roster file (test/support/hostileFiles.ts) imported the way the clerk imports
 * one, through the core's API with its background thread up, into a batch that already holds
 * a valid roster on a real SQLite file: each is refused with its code and a Chinese reason,
 * and nothing stored changes. The bounds they test are in rosterLimits.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileFiles, HOSTILE_SCHEME, VALID_ROSTER_ROWS, validRoster } from '../../../support/hostileFiles';
import { storeDigest } from '../../../support/storeDigest';
import { shanghaiUnit, startTestCore, type TestCore } from '../app/coreFixtures';

let t: TestCore;
let batchId: string;
let before: string;

async function importFile(fileName: string, bytes: Buffer) {
  const { jobId } = await t.call('roster.import', { batchId, file: { name: fileName, base64: bytes.toString('base64') }, mode: 'append' });
  return t.core.imports.settled(jobId);
}

beforeAll(async () => {
  t = await startTestCore('2020-04-20T02:00:00Z', { backgroundThread: true });
  await t.core.ready;
  const unit = await t.call('units.save', { unit: shanghaiUnit });
  const batch = await t.call('batches.create', { unitId: unit.id, schemeId: HOSTILE_SCHEME, enrollmentType: 'central' });
  batchId = batch.id;
  const valid = await importFile('名单.xlsx', validRoster());
  expect(valid).toMatchObject({ phase: 'done', totalRows: VALID_ROSTER_ROWS });
  before = storeDigest(t.core.store.db);
}, 30_000);

afterAll(async () => {
  await t?.close();
});

describe('hostile roster files', () => {
  it.each(hostileFiles().map((f) => [f.name, f] as const))('refuses %s, saying why in Chinese', async (_name, file) => {
    const progress = await importFile(file.fileName, file.bytes());
    expect(progress.phase).toBe('failed');
    expect(progress.error).toMatchObject({ code: file.code, message: expect.stringContaining(file.says) });
    expect(storeDigest(t.core.store.db)).toBe(before);
  }, 60_000);

  it('leaves the batch with the valid roster it had', async () => {
    expect((await t.call('roster.rows', { batchId, offset: 0, limit: 100 })).total).toBe(VALID_ROSTER_ROWS);
    expect(storeDigest(t.core.store.db)).toBe(before);
  });
});
