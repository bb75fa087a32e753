/** batches.supplements, records.person, claims.*: the enrollment views (保全进度, 个人保单, 理赔记录). */
import type { OperationHandlers } from '../../../shared/api';
import type { SyncEngine } from '../sync';
import { searchClaims } from './claims';
import { exportClaims } from './claimsExport';
import type { CoreContext } from './coreContext';
import { personHistory } from './personHistory';
import { supplementsOf } from './supplements';

export function enrollmentViewsHandlers(
  ctx: CoreContext,
  sync: SyncEngine,
): Pick<OperationHandlers, 'batches.supplements' | 'records.person' | 'claims.search' | 'claims.export'> {
  return {
    'batches.supplements': async ({ batchId }) => supplementsOf(ctx, batchId),
    'records.person': async (input) => personHistory(ctx, input),
    'claims.search': (input) => searchClaims(ctx, sync, input),
    'claims.export': (input) => exportClaims(ctx, input),
  };
}
