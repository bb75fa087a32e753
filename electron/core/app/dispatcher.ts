/**
 * Binds the operation handlers to a transport: every raw input is validated against the
 * operation's schema first, and every failure becomes an ApiError. IPC and the browser
 * host both go through this one function, so they cannot treat a call differently.
 */
import { isOperationName, validateInput, type OperationHandlers, type OpName } from '../../../shared/api';
import type { DispatchResult, OperationDispatcher } from '../host/httpHost';
import { CoreError } from '../coreError';

/** Every operation of the contract has its handler: `createCore` checks that with `satisfies OperationHandlers`. */
export function createDispatcher(handlers: OperationHandlers, log: (line: string) => void = console.error): OperationDispatcher {
  const has = (operation: string): operation is OpName => isOperationName(operation);
  return {
    has,
    async dispatch(operation: string, rawInput: unknown): Promise<DispatchResult> {
      if (!has(operation)) return { ok: false, status: 404, error: { code: 'UNKNOWN_OPERATION', message: `没有这个操作：${operation}` } };
      const input = validateInput(operation, rawInput);
      if (!input.ok) return { ok: false, status: 400, error: input.error };
      try {
        const handler = handlers[operation] as (input: unknown) => Promise<unknown>;
        return { ok: true, value: await handler(input.value) };
      } catch (e) {
        if (e instanceof CoreError) return { ok: false, status: e.status, error: e.toApiError() };
        // Only the error's kind is logged: its message may quote a roster cell (personal data).
        log(`[core] ${operation} failed: ${(e as Error)?.name ?? 'Error'}`);
        return { ok: false, status: 500, error: { code: 'INTERNAL', message: '内部错误，操作未完成，请重试' } };
      }
    },
  };
}
