/** sync.*: what the clerk sees of the outbox and the connection, and "retry now". */
import type { OperationHandlers } from '../../../../shared/api';
import type { SyncEngine } from '../../sync';

export function syncHandlers(engine: SyncEngine): Pick<OperationHandlers, 'sync.status' | 'sync.retryNow'> {
  return {
    'sync.status': async () => engine.status(),
    'sync.retryNow': async () => engine.retryNow(),
  };
}
