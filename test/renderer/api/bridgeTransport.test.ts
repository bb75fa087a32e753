import { describe, expect, it } from 'vitest';
import type { BridgeAnswer, HuzhuBridge } from '../../../shared/api/bridge';
import { ApiFailure } from '../../../renderer/api/apiFailure';
import { bridgeTransport, followBridgeEvents } from '../../../renderer/api/bridgeTransport';

function fakeBridge(answer: BridgeAnswer) {
  const calls: [string, unknown][] = [];
  let listener: ((e: unknown) => void) | null = null;
  const bridge: HuzhuBridge = {
    async call(operation, input) {
      calls.push([operation, input]);
      return answer;
    },
    onEvent(l) {
      listener = l;
      return () => (listener = null);
    },
    async print() {
      return { ok: true };
    },
    async printers() {
      return [];
    },
  };
  return { bridge, calls, push: (e: unknown) => listener?.(e) };
}

describe('the preload bridge transport', () => {
  it('forwards the operation and input and returns the value', async () => {
    const f = fakeBridge({ ok: true, value: [{ id: 'u1' }] });
    await expect(bridgeTransport(f.bridge)('units.list', {})).resolves.toEqual([{ id: 'u1' }]);
    expect(f.calls).toEqual([['units.list', {}]]);
  });

  it.each([
    ['a refusal', { ok: false, status: 422, error: { code: 'SELECTION_RULE', message: '基础保障A0、B0、C0至少选择1种', field: 'selection' } }, { code: 'SELECTION_RULE', status: 422, field: 'selection', message: '基础保障A0、B0、C0至少选择1种' }],
    ['a missing operation', { ok: false, status: 404, error: { code: 'UNKNOWN_OPERATION', message: '没有这个操作：sync.status' } }, { code: 'UNKNOWN_OPERATION', status: 404, field: undefined, message: '没有这个操作：sync.status' }],
  ] as const)('rejects with the core’s error for %s', async (_, answer, expected) => {
    const failure = await bridgeTransport(fakeBridge(answer as BridgeAnswer).bridge)('sync.status', {}).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiFailure);
    const f = failure as ApiFailure;
    expect({ code: f.code, status: f.status, field: f.field, message: f.message }).toEqual(expected);
  });

  it('passes on API events only', () => {
    const f = fakeBridge({ ok: true, value: null });
    const seen: unknown[] = [];
    const stop = followBridgeEvents(f.bridge, (e) => seen.push(e));
    f.push({ type: 'batch.changed', batchId: 'b1' });
    f.push({ type: 'something.else' });
    f.push('noise');
    stop();
    f.push({ type: 'batch.changed', batchId: 'b2' });
    expect(seen).toEqual([{ type: 'batch.changed', batchId: 'b1' }]);
  });
});
