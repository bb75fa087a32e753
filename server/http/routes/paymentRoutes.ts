/** `POST /v1/payments` (recordPayment): one transfer with one voucher for several of the unit's batches. */
import type { FastifyInstance } from 'fastify';
import { MAX_PROOF_BODY_BYTES, paymentRecordRequestSchema, ROUTES } from '../../../shared/wire';
import type { ServerContext } from '../../context';
import { recordPayment } from '../../services/sharedPayments';
import { idempotentAction } from '../idempotent';
import { parseOr422 } from '../parse';
import { requireUnit } from '../unitAuth';
import { on } from './routeHelpers';

export function paymentRoutes(app: FastifyInstance, ctx: ServerContext): void {
  on(
    app,
    ROUTES.recordPayment,
    async (req, reply) => {
      const unit = await requireUnit(ctx, req);
      const body = parseOr422(paymentRecordRequestSchema, req.body);
      return idempotentAction(ctx, req, reply, `unit:${unit.id}`, ROUTES.recordPayment, async () => ({ status: 201, body: await recordPayment(ctx, unit, body) }));
    },
    { bodyLimit: MAX_PROOF_BODY_BYTES },
  );
}
