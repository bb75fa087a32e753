/** Routes without a unit token: login, registration and the scheme catalogue. */
import type { FastifyInstance } from 'fastify';
import { loginRequestSchema, registerUnitRequestSchema, ROUTES, type Catalogue, type RegistrationView } from '../../../shared/wire';
import type { ServerContext } from '../../context';
import { accountView, login, preparePassword, registerUnit } from '../../services/accounts';
import { idempotentAction } from '../idempotent';
import { parseOr422 } from '../parse';
import { notFound, WireHttpError } from '../wireHttpError';
import { etagOf, on, params, sendWithEtag } from './routeHelpers';

export function publicRoutes(app: FastifyInstance, ctx: ServerContext): void {
  on(app, ROUTES.login, async (req, reply) => {
    const body = parseOr422(loginRequestSchema, req.body);
    return reply.code(200).send(await login(ctx, body.account, body.password, req.ip));
  });

  on(app, ROUTES.registerUnit, async (req, reply) => {
    const body = parseOr422(registerUnitRequestSchema, req.body);
    // Refused registrations count against the address: probing which names or phones exist is throttled like guessing passwords.
    await ctx.throttle.check(req.ip);
    try {
      return await idempotentAction(
        ctx,
        req,
        reply,
        'public',
        ROUTES.registerUnit,
        async (passwordHash: string) => {
          const unit = await registerUnit(ctx, body, passwordHash);
          const view: RegistrationView = { registration: 'registered', account: await accountView(ctx, unit) };
          return { status: 201, body: view };
        },
        () => preparePassword(body.password),
      );
    } catch (error) {
      if (error instanceof WireHttpError && error.body.code === 'accountExists') await ctx.throttle.failed(req.ip);
      throw error;
    }
  });

  on(app, ROUTES.schemes, async (req, reply) => {
    const newest = await ctx.schemes.listNewest();
    const catalogue: Catalogue = {
      schemes: newest.map((s) => ({
        id: s.scheme.id,
        version: s.scheme.version,
        title: s.scheme.title,
        yearLabel: s.scheme.yearLabel,
        associationName: s.scheme.association.name,
        city: s.scheme.association.city,
        coverageYear: s.scheme.coverageYear,
        etag: s.etag,
        publishedAt: s.publishedAt,
      })),
    };
    return sendWithEtag(req, reply, etagOf(newest.map((s) => s.etag)), JSON.stringify(catalogue));
  });

  on(app, ROUTES.scheme, async (req, reply) => {
    const stored = await ctx.schemes.newest(params(req).schemeId ?? '');
    if (!stored) throw notFound('保障方案');
    return sendWithEtag(req, reply, stored.etag, stored.json);
  });

  on(app, ROUTES.schemeVersion, async (req, reply) => {
    const { schemeId = '', version = '' } = params(req);
    const stored = /^\d{1,6}$/.test(version) ? await ctx.schemes.get(schemeId, Number(version)) : null;
    if (!stored) throw notFound('保障方案版本');
    return sendWithEtag(req, reply, stored.etag, stored.json);
  });
}
