import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  ACTION_KINDS,
  actionTarget,
  canonicalJson,
  chunkCount,
  chunkSpan,
  classifyFailure,
  encodeRosterNdjson,
  idempotencyKeySchema,
  MAX_INLINE_ROWS,
  missingChunks,
  parseChange,
  parseRosterNdjson,
  parseWire,
  ROUTES,
  routePath,
  splitRoute,
  submitBatchRequestSchema,
  submitSupplementaryRequestSchema,
  transitionRefusalStatus,
  WIRE_ERROR_STATUS,
  withdrawBatchRequestSchema,
} from '../../../shared/wire';

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: { d: [1, { z: 0, y: null }], c: 'x' } }, '{"a":{"c":"x","d":[1,{"y":null,"z":0}]},"b":1}'],
    [{ a: undefined, b: 2 }, '{"b":2}'],
    [[undefined, 1], '[null,1]'],
    ['文本', '"文本"'],
    [null, 'null'],
  ])('writes %j as %s', (value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it('gives the same text whatever the key order', () => {
    expect(canonicalJson({ x: 1, y: { p: 1, q: 2 } })).toBe(canonicalJson({ y: { q: 2, p: 1 }, x: 1 }));
  });
});

describe('routes', () => {
  it('fills parameters, encoding them', () => {
    expect(routePath(ROUTES.putChunk, { uploadId: 'u 1', index: 3 })).toBe('/v1/uploads/u%201/chunks/3');
    expect(splitRoute(ROUTES.withdrawBatch)).toEqual({ method: 'POST', path: '/v1/batches/:batchId/withdrawal' });
    expect(() => routePath(ROUTES.batch)).toThrow('batchId');
  });

  it('has one route per method and path', () => {
    const all = Object.values(ROUTES);
    expect(new Set(all).size).toBe(all.length);
  });

  it('maps every action kind to a POST with its body schema', () => {
    expect([...ACTION_KINDS].sort()).toEqual([
      'applyInsuranceCode',
      'changeContactPhone',
      'recordPayment',
      'registerUnit',
      'requestInvoices',
      'submitBatch',
      'submitSupplementary',
      'submitUnitProfile',
      'updateHandler',
      'uploadPaymentProof',
      'withdrawBatch',
    ]);
    expect(actionTarget('recordPayment', 'b-1')).toEqual({ method: 'POST', path: '/v1/payments' });
    for (const kind of ACTION_KINDS) expect(splitRoute(ACTIONS[kind].route).method).toBe('POST');
    expect(actionTarget('withdrawBatch', 'b-1')).toEqual({ method: 'POST', path: '/v1/batches/b-1/withdrawal' });
    expect(actionTarget('submitBatch')).toEqual({ method: 'POST', path: '/v1/batches' });
    expect(() => actionTarget('uploadPaymentProof')).toThrow('须指明批次');
  });
});

describe('chunks', () => {
  it.each([
    [10, 4, 3, [[0, 4], [4, 8], [8, 10]]],
    [8, 4, 2, [[0, 4], [4, 8]]],
    [1, 4, 1, [[0, 1]]],
  ])('splits %i bytes in chunks of %i', (total, size, count, spans) => {
    expect(chunkCount(total, size)).toBe(count);
    expect([...Array(count).keys()].map((i) => chunkSpan(i, total, size))).toEqual(spans.map(([start, end]) => ({ start, end })));
  });

  it('lists the chunks still to send', () => {
    expect(missingChunks({ totalChunks: 5, receivedChunks: [0, 3] })).toEqual([1, 2, 4]);
    expect(missingChunks({ totalChunks: 2, receivedChunks: [0, 1] })).toEqual([]);
  });
});

describe('roster NDJSON', () => {
  const rows = [
    { rowId: 'r1', sourceRow: 2, values: { name: '王小明', documentNumber: '310101198506151239' } },
    { sourceRow: null, values: { name: 'John Smith', documentType: '护照' } },
  ];

  it('round-trips rows, one per line, skipping blank lines', () => {
    const text = encodeRosterNdjson(rows);
    expect(text.split('\n')).toHaveLength(3);
    const parsed = parseRosterNdjson(`${text}\n\n`, 10);
    expect(parsed).toEqual({ ok: true, rows });
  });

  it.each([
    ['not JSON', '{"values":{}}\n{oops\n', '名单第 2 行不是有效的 JSON'],
    ['an unknown field', '{"values":{"salary":"1"}}\n', '名单第 1 行'],
    ['a missing values object', '{"rowId":"r1"}\n', '名单第 1 行字段“values”'],
  ])('refuses %s naming the line', (_what, text, message) => {
    const parsed = parseRosterNdjson(text, 10);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });

  it('refuses more rows than allowed', () => {
    expect(parseRosterNdjson(encodeRosterNdjson([rows[0]!, rows[0]!, rows[0]!]), 2)).toMatchObject({ ok: false, message: '名单超过 2 行' });
  });
});

describe('failures', () => {
  it.each([
    [0, undefined, 'retry'],
    [500, 'internal', 'retry'],
    [503, undefined, 'retry'],
    [408, undefined, 'retry'],
    [429, undefined, 'retry'],
    [401, 'tokenExpired', 'relogin'],
    [401, 'authRequired', 'relogin'],
    [401, 'loginFailed', 'permanent'],
    [404, 'notFound', 'permanent'],
    [409, 'illegalTransition', 'permanent'],
    [409, 'idempotencyKeyReused', 'permanent'],
    [422, 'occupiedElsewhere', 'permanent'],
    [400, 'malformedJson', 'permanent'],
  ] as const)('status %i (%s) is %s', (status, code, kind) => {
    expect(classifyFailure(status, code)).toBe(kind);
  });

  it('gives every error code a status the client can classify', () => {
    for (const [code, status] of Object.entries(WIRE_ERROR_STATUS)) {
      expect(status >= 400 && status < 600, code).toBe(true);
    }
    expect(classifyFailure(WIRE_ERROR_STATUS.injectedFault)).toBe('retry');
  });

  it.each([
    ['illegalTransition', 409],
    ['actorNotAllowed', 409],
    ['reasonRequired', 422],
    ['rosterEmpty', 422],
  ])('answers the lifecycle refusal %s with %i', (code, status) => {
    expect(transitionRefusalStatus(code)).toBe(status);
  });
});

describe('change entries', () => {
  it('reads a known kind', () => {
    const parsed = parseChange({ seq: 3, at: '2020-04-15T02:00:00.000Z', kind: 'occupiedReleased', schemeId: 'shanghai-2020', coverageYear: { start: '2020-04-01', end: '2021-03-31' }, docNumber: 'X' });
    expect(parsed).toMatchObject({ ok: true, change: { kind: 'occupiedReleased', docNumber: 'X' } });
  });

  it('skips an unknown kind without failing, and reports a malformed known one', () => {
    expect(parseChange({ seq: 4, at: '2020-04-15T02:00:00.000Z', kind: 'somethingNew', x: 1 })).toMatchObject({ ok: false, unknownKind: true, seq: 4 });
    expect(parseChange({ seq: 5, at: '2020-04-15T02:00:00.000Z', kind: 'policy', batchId: 'b' })).toMatchObject({ ok: false, unknownKind: false, seq: 5 });
  });
});

describe('request schemas', () => {
  const submission = {
    clientBatchId: 'b-1',
    schemeId: 'shanghai-2020',
    schemeVersion: 1,
    enrollmentType: 'central',
    title: '2020集中参保',
    roster: { rows: [{ values: { name: '王小明' } }] },
  };

  it('fills defaults and accepts a roster inline or by upload', () => {
    const parsed = parseWire(submitBatchRequestSchema, submission);
    expect(parsed).toMatchObject({ ok: true, value: { selection: [], headCountLines: [], overAgeCommitmentSigned: false, roster: { rows: [{ sourceRow: null }] } } });
    expect(parseWire(submitBatchRequestSchema, { ...submission, roster: { uploadId: 'u-1' } }).ok).toBe(true);
  });

  it.each([
    ['an unknown key', { ...submission, secret: 1 }, 'secret', '不是此操作的输入'],
    ['supplementary on the submission route', { ...submission, enrollmentType: 'supplementary' }, 'enrollmentType', 'supplements'],
    ['a roster that is neither rows nor an upload', { ...submission, roster: { file: 'x' } }, 'roster', ''],
    ['too many inline rows', { ...submission, roster: { rows: Array.from({ length: MAX_INLINE_ROWS + 1 }, () => ({ values: {} })) } }, 'roster', ''],
    ['a missing title', { ...submission, title: undefined }, 'title', '缺少必填字段'],
  ])('refuses %s, naming the field in Chinese', (_what, body, field, words) => {
    const parsed = parseWire(submitBatchRequestSchema, body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.code).toBe('validationFailed');
      expect(parsed.error.field).toContain(field);
      expect(parsed.error.message).toContain(words);
    }
  });

  it('takes no enrollment type on a supplementary enrollment', () => {
    const { enrollmentType: _t, ...rest } = submission;
    expect(parseWire(submitSupplementaryRequestSchema, rest).ok).toBe(true);
    expect(parseWire(submitSupplementaryRequestSchema, submission).ok).toBe(false);
  });

  it('requires a withdrawal reason', () => {
    expect(parseWire(withdrawBatchRequestSchema, { reason: '  ' })).toMatchObject({ ok: false, error: { field: 'reason' } });
  });

  it.each([
    ['0b8f2c1e-6f0a-4c43-9d3c-1a2b3c4d5e6f', true],
    ['short', false],
    ['has space in it', false],
    ['x'.repeat(201), false],
  ])('idempotency key %s is valid: %s', (key, ok) => {
    expect(idempotencyKeySchema.safeParse(key).success).toBe(ok);
  });
});
