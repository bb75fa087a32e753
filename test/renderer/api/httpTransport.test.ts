/** The browser-host transport against the real host: calls with the bearer token, refusals as ApiFailure, and the event stream read with fetch. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/api/events';
import { EventBus } from '../../../electron/core/app/eventBus';
import { startHttpHost, type RunningHost } from '../../../electron/core/host/httpHost';
import { ApiFailure } from '../../../renderer/api/apiFailure';
import { followHttpEvents, httpTransport } from '../../../renderer/api/httpTransport';

const TOKEN = 'test-token-0123456789abcdef';
const bus = new EventBus();
let host: RunningHost;

beforeAll(async () => {
  host = await startHttpHost({
    token: TOKEN,
    events: bus as never,
    dispatcher: {
      has: (op) => op === 'units.list' || op === 'units.get',
      async dispatch(op, input) {
        if (op === 'units.get') return { ok: false, status: 404, error: { code: 'NOT_FOUND', message: `找不到单位（${(input as { unitId: string }).unitId}）` } };
        return { ok: true, value: [{ id: 'u1', name: '示例单位' }] };
      },
    },
  });
});
afterAll(async () => host.close());

async function failureOf(p: Promise<unknown>): Promise<{ code: string; status: number; message: string }> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ApiFailure);
  const f = e as ApiFailure;
  return { code: f.code, status: f.status, message: f.message };
}

describe('the HTTP transport', () => {
  it('calls an operation with the token and returns its result', async () => {
    await expect(httpTransport(TOKEN, host.url)('units.list', {})).resolves.toEqual([{ id: 'u1', name: '示例单位' }]);
  });

  it.each([
    ['a refusal of the core', TOKEN, 'units.get', { code: 'NOT_FOUND', status: 404, message: '找不到单位（x1）' }],
    ['an operation the core does not offer yet', TOKEN, 'sync.status', { code: 'UNKNOWN_OPERATION', status: 404, message: '没有这个操作: sync.status' }],
    ['a wrong token', 'wrong-token-0123456789', 'units.list', { code: 'UNAUTHORIZED', status: 401, message: '缺少或错误的访问令牌' }],
  ] as const)('turns %s into an ApiFailure', async (_, token, op, expected) => {
    expect(await failureOf(httpTransport(token, host.url)(op, { unitId: 'x1' }))).toEqual(expected);
  });

  it('says the host is unreachable when nothing listens', async () => {
    const f = await failureOf(httpTransport(TOKEN, 'http://127.0.0.1:9')('units.list', {}));
    expect(f.code).toBe('HOST_UNREACHABLE');
    expect(f.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('follows the event stream, passing on API events only', async () => {
    const seen: ApiEvent[] = [];
    const link: boolean[] = [];
    const stop = followHttpEvents(TOKEN, (e) => seen.push(e), (up) => link.push(up), host.url);
    await expect.poll(() => link, { timeout: 5000 }).toContain(true);
    bus.emit({ type: 'other.thing' } as never);
    bus.emit({ type: 'batch.changed', batchId: 'b1', state: 'queued', record: {} as never });
    await expect.poll(() => seen.length, { timeout: 5000 }).toBe(1);
    stop();
    expect(seen[0]).toMatchObject({ type: 'batch.changed', batchId: 'b1' });
  });
});
