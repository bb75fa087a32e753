/** schemes.*: the schemes this machine can work with offline. */
import type { OperationHandlers, SchemeSummary } from '../../../../shared/api';
import type { CachedScheme } from '../../store';
import { schemeOf, type CoreContext } from '../coreContext';

export function schemeSummary(cached: CachedScheme): SchemeSummary {
  const s = cached.scheme;
  return {
    id: s.id,
    version: s.version,
    title: s.title,
    yearLabel: s.yearLabel,
    associationName: s.association.name,
    city: s.association.city,
    coverageYear: s.coverageYear,
    enrollmentTypes: s.enrollmentTypes.map((t) => ({ type: t.type, label: t.label })),
    source: cached.source,
  };
}

export function schemesHandlers(ctx: CoreContext): Pick<OperationHandlers, 'schemes.list' | 'schemes.get'> {
  return {
    'schemes.list': async () => ctx.store.schemes.listNewest().map(schemeSummary),
    'schemes.get': async ({ schemeId }) => schemeOf(ctx, schemeId),
  };
}
