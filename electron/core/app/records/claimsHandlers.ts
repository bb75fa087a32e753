/** claims.*: the unit's claim records (理赔记录), fetched from the association, and their export. */
import type { OperationHandlers } from '../../../../shared/api';
import type { SyncEngine } from '../../sync';
import type { CoreContext } from '../coreContext';
import { searchClaims } from './claims';
import { exportClaims } from './claimsExport';

export function claimsHandlers(ctx: CoreContext, sync: SyncEngine): Pick<OperationHandlers, 'claims.search' | 'claims.export'> {
  return {
    'claims.search': (input) => searchClaims(ctx, sync, input),
    'claims.export': (input) => exportClaims(ctx, input),
  };
}
