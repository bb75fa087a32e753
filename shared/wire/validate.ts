/**
 * Validating a wire message with its schema and turning zod's issues into one WireError in
 * Chinese, naming the field (the same wording the application API uses). The server answers
 * it with 422; the client can run it before queuing an action.
 */
import type { z } from 'zod';
import { toApiError } from '../api/validate';
import type { WireError } from './errors';

export type WireParse<T> = { ok: true; value: T } | { ok: false; error: WireError };

// zod's own messages are English; these stand in where a schema sets none.
function fallbackMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '缺少必填字段';
      return issue.expected === 'object' ? '必须是对象' : issue.expected === 'array' ? '必须是列表' : '类型不正确';
    case 'too_small':
      return issue.origin === 'array' ? `至少需要 ${String(issue.minimum)} 项` : `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'array' ? `至多 ${String(issue.maximum)} 项` : `不能大于 ${String(issue.maximum)}`;
    case 'invalid_value':
      return `必须是以下之一：${issue.values.map(String).join('、')}`;
    case 'invalid_union':
      return '格式不正确';
    default:
      return '格式不正确';
  }
}

export function parseWire<S extends z.ZodType>(schema: S, raw: unknown): WireParse<z.output<S>> {
  const parsed = schema.safeParse(raw, { error: (issue) => fallbackMessage(issue) });
  if (parsed.success) return { ok: true, value: parsed.data };
  const apiError = toApiError(parsed.error);
  return { ok: false, error: { ...apiError, code: 'validationFailed' } };
}
