/** records.*: the enrollment records query (参保记录), its export, and one person across years (个人保单查询). */
import type { OperationHandlers } from '../../../../shared/api';
import type { CoreContext } from '../coreContext';
import { personHistory } from './personHistory';
import { exportRecords, searchRecords } from './recordsQuery';

export function recordsHandlers(ctx: CoreContext): Pick<OperationHandlers, 'records.search' | 'records.export' | 'records.person'> {
  return {
    'records.search': async (input) => searchRecords(ctx, input),
    'records.export': (input) => exportRecords(ctx, input),
    'records.person': async (input) => personHistory(ctx, input),
  };
}
