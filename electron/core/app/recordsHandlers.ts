/** records.*: the enrollment records query (参保记录) and its export. */
import type { OperationHandlers } from '../../../shared/api';
import type { CoreContext } from './coreContext';
import { exportRecords, searchRecords } from './records';

export function recordsHandlers(ctx: CoreContext): Pick<OperationHandlers, 'records.search' | 'records.export'> {
  return {
    'records.search': async (input) => searchRecords(ctx, input),
    'records.export': (input) => exportRecords(ctx, input),
  };
}
