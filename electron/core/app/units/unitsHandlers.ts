/** units.*: the units a clerk or a service window keeps on this machine. */
import type { OperationHandlers } from '../../../../shared/api';
import { storeCall, type CoreContext } from '../coreContext';
import { CoreError } from '../../coreError';
import { exportRenewalReminders, renewalReminders } from './renewalReminders';

export function unitsHandlers(ctx: CoreContext): Pick<
  OperationHandlers,
  'units.list' | 'units.get' | 'units.save' | 'units.register' | 'units.renewalReminders' | 'units.exportRenewalReminders'
> {
  return {
    'units.list': async () => ctx.store.units.list(),
    'units.get': async ({ unitId }) => storeCall(() => ctx.store.units.require(unitId)),
    'units.save': async ({ unit }) => storeCall(() => ctx.store.units.save(unit, ctx.clerk())),
    'units.register': async ({ unitId }) =>
      storeCall(() =>
        ctx.store.transaction(() => {
          const unit = ctx.store.units.require(unitId);
          if (unit.registration === 'pending') throw new CoreError('ALREADY_QUEUED', '该单位的注册申请已在发送队列中', 409);
          if (unit.registration === 'registered') throw new CoreError('ALREADY_REGISTERED', '该单位已在互助会注册', 409);
          // The profile as it is now travels with the action: a later local edit is its own change.
          const { registration: _r, registrationError: _e, updatedAt: _u, ...profile } = unit;
          const action = ctx.store.outbox.enqueue({ kind: 'registerUnit', unitId, payload: { unit: profile } });
          ctx.store.units.setRegistration(unitId, 'pending', null, ctx.clerk());
          return { actionId: action.id };
        }),
      ),
    'units.renewalReminders': async ({ unitId }) => renewalReminders(ctx, unitId),
    'units.exportRenewalReminders': ({ unitId }) => exportRenewalReminders(ctx, unitId),
  };
}
