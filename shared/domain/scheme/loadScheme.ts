/**
 * Reading a scheme file: shape (zod) first, then the cross-field rules. Either passes
 * completely or throws a SchemeError naming every failing field.
 */
import { crossCheckScheme } from './crossCheck';
import { formatPath, SchemeError, schemeErrorMap, type SchemeIssue } from './errors';
import { schemeSchema, type Scheme } from './schemeSchema';

export type SchemeValidation = { ok: true; scheme: Scheme } | { ok: false; issues: SchemeIssue[] };

/** Validates without throwing. A string is parsed as JSON first. */
export function validateScheme(json: unknown): SchemeValidation {
  let data = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json) as unknown;
    } catch (e) {
      return { ok: false, issues: [{ path: '', message: `不是有效的 JSON：${(e as Error).message}` }] };
    }
  }
  const parsed = schemeSchema.safeParse(data, { error: schemeErrorMap });
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    };
  }
  const issues = crossCheckScheme(parsed.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, scheme: parsed.data };
}

/** The validated scheme; throws SchemeError (Chinese, naming each field path) when the file is invalid. */
export function loadScheme(json: unknown): Scheme {
  const result = validateScheme(json);
  if (!result.ok) {
    const id = typeof json === 'object' && json !== null && typeof (json as { id?: unknown }).id === 'string' ? (json as { id: string }).id : undefined;
    throw new SchemeError(result.issues, id);
  }
  return result.scheme;
}
