import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES, type OperationHandlers } from '../../../../shared/api';
import { CoreError } from '../../../../electron/core/coreError';
import { createDispatcher } from '../../../../electron/core/app/dispatcher';

describe('the core dispatcher', () => {
  const seen: unknown[] = [];
  const logged: string[] = [];
  const untouched = Object.fromEntries(OPERATION_NAMES.map((name) => [name, async () => Promise.reject(new Error(`${name} was not expected`))])) as unknown as OperationHandlers;
  const dispatcher = createDispatcher(
    {
      ...untouched,
      'units.get': async (input) => {
        seen.push(input);
        if (input.unitId === 'missing') throw new CoreError('NOT_FOUND', '找不到单位', 404);
        if (input.unitId === 'boom') throw new Error('310101198506151238 broke it');
        return { id: input.unitId } as never;
      },
    },
    (line) => logged.push(line),
  );

  it('knows exactly the operations of the contract', () => {
    expect(dispatcher.has('units.get')).toBe(true);
    expect(dispatcher.has('units.list')).toBe(true);
    expect(dispatcher.has('rm -rf')).toBe(false);
    expect(dispatcher.has('toString')).toBe(false);
  });

  it('validates the input before the handler sees it', async () => {
    const before = seen.length;
    const r = await dispatcher.dispatch('units.get', { unitId: '../etc/passwd' });
    expect(r).toMatchObject({ ok: false, status: 400, error: { code: 'INVALID_INPUT', field: 'unitId' } });
    expect(seen.length).toBe(before);
  });

  it('passes the validated input and returns the value', async () => {
    expect(await dispatcher.dispatch('units.get', { unitId: 'u1' })).toEqual({ ok: true, value: { id: 'u1' } });
  });

  it('turns a CoreError into its ApiError and status', async () => {
    expect(await dispatcher.dispatch('units.get', { unitId: 'missing' })).toEqual({ ok: false, status: 404, error: { code: 'NOT_FOUND', message: '找不到单位' } });
  });

  it('hides an unexpected error’s message, which may quote personal data, from the answer and the log', async () => {
    const r = await dispatcher.dispatch('units.get', { unitId: 'boom' });
    expect(r).toMatchObject({ ok: false, status: 500, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(r)).not.toContain('310101');
    expect(logged.join('\n')).not.toContain('310101');
  });

  it('refuses a name outside the contract as unknown', async () => {
    expect(await dispatcher.dispatch('units.drop', {})).toMatchObject({ ok: false, status: 404, error: { code: 'UNKNOWN_OPERATION' } });
  });
});
