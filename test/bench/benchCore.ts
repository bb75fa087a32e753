/**
 * The app's core in a process of its own for a benchmark, as the window's process talks to it:
 * a fresh data key, and `call` that throws the refusal instead of returning it.
 */
import { forkCore } from '../../electron/core/process/forkCore';
import type { CoreStartOptions } from '../../electron/core/process/coreProtocol';
import { DataKey } from '../../electron/core/store/dataKey';

export interface BenchCore {
  connection: ReturnType<typeof forkCore>['connection'];
  call(op: string, input: unknown): Promise<Record<string, unknown>>;
}

/** `entryFile`: a bundled core entry (dist/bench), else the TypeScript source. */
export async function startBenchCore(options: Omit<CoreStartOptions, 'dataKey'>, entryFile?: string): Promise<BenchCore> {
  const { connection } = forkCore({ ...options, dataKey: DataKey.generate().toBase64() }, entryFile);
  await connection.ready;
  return {
    connection,
    async call(op, input) {
      const r = await connection.dispatch(op, input);
      if (!r.ok) throw new Error(`${op}: ${r.error.code} ${r.error.message}`);
      return r.value as Record<string, unknown>;
    },
  };
}
