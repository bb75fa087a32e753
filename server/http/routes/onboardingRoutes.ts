/** Unit onboarding: the unit's applications and account changes, and the staff's review of applications. */
import type { FastifyInstance } from 'fastify';
import {
  adminApplicationsQuerySchema,
  adminApproveApplicationRequestSchema,
  adminRejectApplicationRequestSchema,
  applyInsuranceCodeRequestSchema,
  changeContactPhoneRequestSchema,
  MAX_ONBOARDING_BODY_BYTES,
  ROUTES,
  submitUnitProfileRequestSchema,
  updateHandlerRequestSchema,
  type ApplicationList,
} from '../../../shared/wire';
import type { ServerContext } from '../../context';
import {
  adminApplicationView,
  applicationView,
  applyInsuranceCode,
  approveApplication,
  changeContactPhone,
  rejectApplication,
  requireApplication,
  submitUnitProfile,
  updateHandler,
} from '../../services/onboarding';
import { idempotentAction } from '../idempotent';
import { parseOr422 } from '../parse';
import { requireAdmin, requireUnit } from '../unitAuth';
import { notFound } from '../wireHttpError';
import { on, params } from './routeHelpers';

export function onboardingRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const scopeOf = (unitId: string) => `unit:${unitId}`;

  on(
    app,
    ROUTES.applyInsuranceCode,
    async (req, reply) => {
      const unit = await requireUnit(ctx, req);
      const body = parseOr422(applyInsuranceCodeRequestSchema, req.body);
      return idempotentAction(ctx, req, reply, scopeOf(unit.id), ROUTES.applyInsuranceCode, async () => {
        const result = await applyInsuranceCode(ctx, unit, body);
        return { status: result.status, body: result.view };
      });
    },
    { bodyLimit: MAX_ONBOARDING_BODY_BYTES },
  );

  on(
    app,
    ROUTES.submitUnitProfile,
    async (req, reply) => {
      const unit = await requireUnit(ctx, req);
      const body = parseOr422(submitUnitProfileRequestSchema, req.body);
      return idempotentAction(ctx, req, reply, scopeOf(unit.id), ROUTES.submitUnitProfile, async () => {
        const result = await submitUnitProfile(ctx, unit, body);
        return { status: result.status, body: result.view };
      });
    },
    { bodyLimit: MAX_ONBOARDING_BODY_BYTES },
  );

  on(app, ROUTES.applications, async (req) => {
    const unit = await requireUnit(ctx, req);
    const list: ApplicationList = { applications: await Promise.all((await ctx.applications.list({ unitId: unit.id })).map((a) => applicationView(ctx, a))) };
    return list;
  });

  on(app, ROUTES.updateHandler, async (req, reply) => {
    const unit = await requireUnit(ctx, req);
    const body = parseOr422(updateHandlerRequestSchema, req.body);
    return idempotentAction(ctx, req, reply, scopeOf(unit.id), ROUTES.updateHandler, async () => ({ status: 200, body: await updateHandler(ctx, (await ctx.units.get(unit.id))!, body) }));
  });

  on(app, ROUTES.changeContactPhone, async (req, reply) => {
    const unit = await requireUnit(ctx, req);
    const body = parseOr422(changeContactPhoneRequestSchema, req.body);
    return idempotentAction(ctx, req, reply, scopeOf(unit.id), ROUTES.changeContactPhone, async () => ({
      status: 200,
      body: await changeContactPhone(ctx, (await ctx.units.get(unit.id))!, body),
    }));
  });
}

/** The staff's side; registered in its own scope so the admin token guards every route. */
export function onboardingAdminRoutes(app: FastifyInstance, ctx: ServerContext, adminToken: string): void {
  app.addHook('onRequest', async (req) => requireAdmin(adminToken, req));
  const write = <T>(fn: () => Promise<T>): Promise<T> => ctx.db.transaction(fn);

  on(app, ROUTES.adminApplications, async (req) => {
    const q = parseOr422(adminApplicationsQuerySchema, req.query);
    return { applications: await Promise.all((await ctx.applications.list({ ...(q.state ? { state: q.state } : {}), ...(q.kind ? { kind: q.kind } : {}) })).map((a) => adminApplicationView(ctx, a))) };
  });

  on(app, ROUTES.adminApplication, async (req) => adminApplicationView(ctx, await requireApplication(ctx, params(req).applicationId ?? '')));

  on(app, ROUTES.adminApplicationFile, async (req, reply) => {
    const { applicationId = '', index = '' } = params(req);
    const file = /^\d{1,3}$/.test(index) ? await ctx.applications.file((await requireApplication(ctx, applicationId)).id, Number(index)) : null;
    if (!file) throw notFound('附件');
    return reply
      .code(200)
      .header('content-type', file.type)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .send(file.bytes);
  });

  on(app, ROUTES.adminApproveApplication, async (req) => {
    const body = parseOr422(adminApproveApplicationRequestSchema, req.body);
    return write(async () => approveApplication(ctx, await requireApplication(ctx, params(req).applicationId ?? ''), body));
  });

  on(app, ROUTES.adminRejectApplication, async (req) => {
    const body = parseOr422(adminRejectApplicationRequestSchema, req.body);
    return write(async () => rejectApplication(ctx, await requireApplication(ctx, params(req).applicationId ?? ''), body.reason, body.staff));
  });
}
