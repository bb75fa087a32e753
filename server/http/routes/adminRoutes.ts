/** The association staff's API: admin token on every route, batches by the server's id. */
import type { FastifyInstance } from 'fastify';
import {
  addClaimRequestSchema,
  adminApproveRequestSchema,
  adminBatchesQuerySchema,
  adminConfirmPaymentRequestSchema,
  adminIssueInvoicesRequestSchema,
  adminPublishSchemeRequestSchema,
  adminRejectPaymentProofRequestSchema,
  adminRejectPersonsRequestSchema,
  adminSetEffectRequestSchema,
  adminTakeEffectRequestSchema,
  MAX_ISSUE_INVOICES_BODY_BYTES,
  ROUTES,
} from '../../../shared/wire';
import type { ServerContext } from '../../context';
import {
  addClaim,
  approve,
  confirmPayment,
  issueInvoices,
  pendingWork,
  publishScheme,
  rejectPaymentProof,
  rejectPersons,
  requireBatch,
  setEffect,
  takeEffect,
} from '../../services/adminActions';
import { adminBatchView } from '../../services/batchView';
import { parseOr422 } from '../parse';
import { requireAdmin } from '../unitAuth';
import { on, params } from './routeHelpers';

export function adminRoutes(app: FastifyInstance, ctx: ServerContext, adminToken: string): void {
  app.addHook('onRequest', async (req) => requireAdmin(adminToken, req));
  const batchOf = (p: Record<string, string>) => requireBatch(ctx, p.batchId ?? '');
  const write = <T>(fn: () => Promise<T>): Promise<T> => ctx.db.transaction(fn);

  on(app, ROUTES.adminWork, async () => pendingWork(ctx));

  on(app, ROUTES.adminUnits, async () => ({
    units: await Promise.all(
      (await ctx.units.list()).map(async (u) => ({
        unitId: u.id,
        name: u.name,
        loginPhone: u.loginPhone,
        handlerName: u.profile.handler.name,
        batches: (await ctx.batches.list({ unitId: u.id })).length,
      })),
    ),
  }));

  on(app, ROUTES.adminBatches, async (req) => {
    const q = parseOr422(adminBatchesQuerySchema, req.query);
    return { batches: await Promise.all((await ctx.batches.list({ ...(q.state ? { state: q.state } : {}), ...(q.unitId ? { unitId: q.unitId } : {}) })).map((b) => adminBatchView(ctx, b))) };
  });

  on(app, ROUTES.adminBatch, async (req) => adminBatchView(ctx, await batchOf(params(req))));

  on(app, ROUTES.adminApprove, async (req) => {
    const body = parseOr422(adminApproveRequestSchema, req.body);
    return write(async () => approve(ctx, await batchOf(params(req)), body.staff));
  });

  on(
    app,
    ROUTES.adminRejectPersons,
    async (req) => {
      const body = parseOr422(adminRejectPersonsRequestSchema, req.body);
      return write(async () => rejectPersons(ctx, await batchOf(params(req)), body.persons, body.staff));
    },
    { bodyLimit: 32 * 1024 * 1024 },
  );

  on(app, ROUTES.adminRejectPaymentProof, async (req) => {
    const body = parseOr422(adminRejectPaymentProofRequestSchema, req.body);
    return write(async () => rejectPaymentProof(ctx, await batchOf(params(req)), body.reason, body.staff));
  });

  on(app, ROUTES.adminConfirmPayment, async (req) => {
    const body = parseOr422(adminConfirmPaymentRequestSchema, req.body);
    return write(async () => confirmPayment(ctx, await batchOf(params(req)), body));
  });

  on(
    app,
    ROUTES.adminIssueInvoices,
    async (req) => {
      const body = parseOr422(adminIssueInvoicesRequestSchema, req.body);
      return write(async () => issueInvoices(ctx, await batchOf(params(req)), body));
    },
    // The e-invoice documents ride in the body as base64.
    { bodyLimit: MAX_ISSUE_INVOICES_BODY_BYTES },
  );

  on(app, ROUTES.adminSetEffect, async (req) => {
    const body = parseOr422(adminSetEffectRequestSchema, req.body);
    return write(async () => setEffect(ctx, await batchOf(params(req)), body));
  });

  on(app, ROUTES.adminTakeEffect, async (req) => {
    const body = parseOr422(adminTakeEffectRequestSchema, req.body);
    return write(async () => takeEffect(ctx, await batchOf(params(req)), body.staff));
  });

  on(app, ROUTES.adminPublishScheme, async (req, reply) => {
    const body = parseOr422(adminPublishSchemeRequestSchema, req.body);
    return reply.code(201).send(await write(async () => publishScheme(ctx, body.scheme)));
  });

  on(app, ROUTES.adminAddClaim, async (req, reply) => {
    const body = parseOr422(addClaimRequestSchema, req.body);
    return reply.code(201).send(await write(async () => addClaim(ctx, params(req).unitId ?? '', body)));
  });
}
