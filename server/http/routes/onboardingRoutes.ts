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
import { inTransaction } from '../../db/openServerDb';
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
      const unit = requireUnit(ctx, req);
      const body = parseOr422(applyInsuranceCodeRequestSchema, req.body);
      return idempotentAction(ctx, req, reply, scopeOf(unit.id), ROUTES.applyInsuranceCode, () => {
        const result = applyInsuranceCode(ctx, unit, body);
        return { status: result.status, body: result.view };
      });
    },
    { bodyLimit: MAX_ONBOARDING_BODY_BYTES },
  );

  on(
    app,
    ROUTES.submitUnitProfile,
    async (req, reply) => {
      const unit = requireUnit(ctx, req);
      const body = parseOr422(submitUnitProfileRequestSchema, req.body);
      return idempotentAction(ctx, req, reply, scopeOf(unit.id), ROUTES.submitUnitProfile, () => {
        const result = submitUnitProfile(ctx, unit, body);
        return { status: result.status, body: result.view };
      });
    },
    { bodyLimit: MAX_ONBOARDING_BODY_BYTES },
  );

  on(app, ROUTES.applications, async (req) => {
    const unit = requireUnit(ctx, req);
    const list: ApplicationList = { applications: ctx.applications.list({ unitId: unit.id }).map((a) => applicationView(ctx, a)) };
    return list;
  });

  on(app, ROUTES.updateHandler, async (req, reply) => {
    const unit = requireUnit(ctx, req);
    const body = parseOr422(updateHandlerRequestSchema, req.body);
    return idempotentAction(ctx, req, reply, scopeOf(unit.id), ROUTES.updateHandler, () => ({ status: 200, body: updateHandler(ctx, ctx.units.get(unit.id)!, body) }));
  });

  on(app, ROUTES.changeContactPhone, async (req, reply) => {
    const unit = requireUnit(ctx, req);
    const body = parseOr422(changeContactPhoneRequestSchema, req.body);
    return idempotentAction(ctx, req, reply, scopeOf(unit.id), ROUTES.changeContactPhone, () => ({
      status: 200,
      body: changeContactPhone(ctx, ctx.units.get(unit.id)!, body),
    }));
  });
}

/** The staff's side; registered in its own scope so the admin token guards every route. */
export function onboardingAdminRoutes(app: FastifyInstance, ctx: ServerContext, adminToken: string): void {
  app.addHook('onRequest', async (req) => requireAdmin(adminToken, req));
  const write = <T>(fn: () => T): T => inTransaction(ctx.db, fn);

  on(app, ROUTES.adminApplications, async (req) => {
    const q = parseOr422(adminApplicationsQuerySchema, req.query);
    return { applications: ctx.applications.list({ ...(q.state ? { state: q.state } : {}), ...(q.kind ? { kind: q.kind } : {}) }).map((a) => adminApplicationView(ctx, a)) };
  });

  on(app, ROUTES.adminApplication, async (req) => adminApplicationView(ctx, requireApplication(ctx, params(req).applicationId ?? '')));

  on(app, ROUTES.adminApplicationFile, async (req, reply) => {
    const { applicationId = '', index = '' } = params(req);
    const file = /^\d{1,3}$/.test(index) ? ctx.applications.file(requireApplication(ctx, applicationId).id, Number(index)) : null;
    if (!file) throw notFound('附件');
    return reply
      .code(200)
      .header('content-type', file.type)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .send(file.bytes);
  });

  on(app, ROUTES.adminApproveApplication, async (req) => {
    const body = parseOr422(adminApproveApplicationRequestSchema, req.body);
    return write(() => approveApplication(ctx, requireApplication(ctx, params(req).applicationId ?? ''), body));
  });

  on(app, ROUTES.adminRejectApplication, async (req) => {
    const body = parseOr422(adminRejectApplicationRequestSchema, req.body);
    return write(() => rejectApplication(ctx, requireApplication(ctx, params(req).applicationId ?? ''), body.reason, body.staff));
  });
}
