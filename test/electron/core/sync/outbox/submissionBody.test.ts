/** The submission's wire body, built from the frozen batch: header, rows, inline or by upload. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeRosterNdjson, MAX_INLINE_ROWS, parseRosterNdjson, submitBatchRequestSchema } from '../../../../../shared/wire';
import { openStore, type Store } from '../../../../../electron/core/store';
import { prepareSubmission, rosterNdjson, rosterRows, submissionHeader, submissionTarget } from '../../../../../electron/core/sync/outbox/submissionBody';
import { backoffDelay, ACTION_BACKOFF, PROBE_BACKOFF } from '../../../../../electron/core/sync';
import { CLERK, movableClock, queueBatch, shanghaiRows } from '../syncFixtures';

let dir: string;
let store: Store;
let unitId: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'huzhu-body-'));
  store = openStore({ dataDir: dir, now: movableClock() });
  unitId = store.units.save({ name: '报文测试单位', socialSecurityCodes: [], handler: { name: '经办', phone: '13800000009' }, contacts: [] }, CLERK).id;
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the submission body', () => {
  it('carries the batch header as the wire has it, and the rows as stored with the person id as rowId', () => {
    const rows = shanghaiRows(2);
    const batch = queueBatch(store, unitId, rows);
    store.batches.update(batch.id, { requestedStart: '2020-05-01', overAgeCommitmentAt: '2020-04-15T02:00:00.000Z' }, CLERK);
    const frozen = store.batches.require(batch.id);
    expect(submissionTarget(frozen)).toEqual({ kind: 'submitBatch', method: 'POST', path: '/v1/batches' });
    const header = submissionHeader(frozen, 'submitBatch');
    expect(header).toEqual({
      clientBatchId: batch.id,
      schemeId: 'shanghai-2020',
      schemeVersion: 1,
      enrollmentType: 'central',
      title: '2020集中参保',
      selection: [
        { planCode: 'A0', shares: 1 },
        { planCode: 'B0', shares: 1 },
        { planCode: 'C0', shares: 1 },
      ],
      headCountLines: [],
      requestedStart: '2020-05-01',
      contact: { name: '张经办', phone: '13800000001' },
      overAgeCommitmentSigned: true,
    });
    const persons = store.persons.allRows(batch.id);
    expect(rosterRows(store, batch.id)).toEqual(persons.map((p, i) => ({ rowId: p.id, sourceRow: i + 2, values: rows[i]!.values })));
    const prepared = prepareSubmission(store, frozen, 'submitBatch');
    expect(prepared.mode).toBe('inline');
    if (prepared.mode !== 'inline') return;
    expect(submitBatchRequestSchema.safeParse(JSON.parse(prepared.jsonText)).success).toBe(true);
    // The same batch gives the same bytes on every attempt: a retry is the same request.
    expect(prepareSubmission(store, frozen, 'submitBatch')).toEqual(prepared);
  });

  it('sends a supplementary enrollment to its policy’s route, without an enrollment type', () => {
    const policy = queueBatch(store, unitId, shanghaiRows(1));
    const supplement = store.batches.create(
      { unitId, schemeId: 'shanghai-2020', schemeVersion: 1, coverageYear: policy.coverageYear, enrollmentType: 'supplementary', title: '保全', policyBatchId: policy.id },
      CLERK,
    );
    expect(submissionTarget(supplement)).toEqual({ kind: 'submitSupplementary', method: 'POST', path: `/v1/batches/${policy.id}/supplements` });
    expect(submissionHeader(supplement, 'submitSupplementary')).not.toHaveProperty('enrollmentType');
  });

  it('writes a large roster as NDJSON byte for byte as the wire encoder would, and the server’s parser reads it back', () => {
    const rows = shanghaiRows(MAX_INLINE_ROWS + 1);
    rows[0] = { ...rows[0]!, values: { ...rows[0]!.values, name: '引号"和\\反斜杠', department: '生产部\n二车间' } };
    const batch = queueBatch(store, unitId, rows);
    store.db.prepare('UPDATE persons SET source_row = NULL WHERE batch_id = ? AND seq = 2').run(batch.id);
    const bytes = rosterNdjson(store, batch.id);
    expect(bytes.toString('utf8')).toBe(encodeRosterNdjson(rosterRows(store, batch.id)));
    const parsed = parseRosterNdjson(bytes.toString('utf8'), 10_000);
    expect(parsed.ok && parsed.rows.length).toBe(MAX_INLINE_ROWS + 1);
    expect(parsed.ok && parsed.rows[1]!.sourceRow).toBeNull();
    const prepared = prepareSubmission(store, store.batches.require(batch.id), 'submitBatch');
    expect(prepared.mode).toBe('upload');
    if (prepared.mode !== 'upload') return;
    expect(prepared.rowCount).toBe(MAX_INLINE_ROWS + 1);
    expect(JSON.parse(prepared.withUpload('up-1')).roster).toEqual({ uploadId: 'up-1' });
  });

  it('refuses, before sending, a body the wire would refuse, naming the field', () => {
    const batch = queueBatch(store, unitId, shanghaiRows(1));
    store.batches.update(batch.id, { title: 'x'.repeat(101) }, CLERK);
    const prepared = prepareSubmission(store, store.batches.require(batch.id), 'submitBatch');
    expect(prepared).toMatchObject({ mode: 'invalid', error: { code: 'validationFailed', field: 'title' } });
  });
});

describe('back-off', () => {
  const cases: { policy: typeof ACTION_BACKOFF; attempt: number; random: number; ms: number }[] = [
    { policy: ACTION_BACKOFF, attempt: 1, random: 0, ms: 2_000 },
    { policy: ACTION_BACKOFF, attempt: 1, random: 0.999999, ms: 1_000 },
    { policy: ACTION_BACKOFF, attempt: 2, random: 0, ms: 4_000 },
    { policy: ACTION_BACKOFF, attempt: 5, random: 0.5, ms: 24_000 },
    { policy: ACTION_BACKOFF, attempt: 9, random: 0, ms: 300_000 },
    { policy: ACTION_BACKOFF, attempt: 200, random: 0, ms: 300_000 },
    { policy: PROBE_BACKOFF, attempt: 1, random: 0, ms: 1_000 },
    { policy: PROBE_BACKOFF, attempt: 7, random: 0, ms: 60_000 },
    { policy: PROBE_BACKOFF, attempt: 7, random: 1, ms: 30_000 },
  ];
  for (const c of cases) {
    it(`attempt ${c.attempt}, random ${c.random}: ${c.ms} ms (cap ${c.policy.capMs})`, () => {
      expect(backoffDelay(c.attempt, c.policy, () => c.random)).toBe(c.ms);
    });
  }
});
