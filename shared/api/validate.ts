/**
 * Input validation at the boundary: the core runs every call through `validateInput`
 * before its handler sees it, and a refusal says in Chinese which field is wrong.
 */
import { z } from 'zod';
import type { ApiError } from './dto';
import { fieldLabel } from './fieldLabels';
import { isOperationName, OPERATIONS, type OpName, type ValidIn } from './operations';

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** How many problems one refusal lists; the rest are counted. */
const MAX_LISTED = 5;

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

function describeField(path: readonly PropertyKey[]): string {
  const label = fieldLabel(path);
  return `字段“${formatPath(path)}”${label ? `（${label}）` : ''}`;
}

/** Messages for issues whose schema sets none (zod's own are English); the wire protocol uses them too. */
export function fallbackMessage(issue: z.core.$ZodRawIssue): string {
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
    default:
      return '格式不正确';
  }
}

function issueText(issue: z.core.$ZodIssue): { field?: string; text: string } {
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((k) => `“${formatPath([...issue.path, k])}”`).join('、');
    return { field: formatPath([...issue.path, issue.keys[0]!]), text: `字段${names}不是此操作的输入` };
  }
  if (issue.path.length === 0) return { text: `输入有误：${issue.message}` };
  return { field: formatPath(issue.path), text: `${describeField(issue.path)}：${issue.message}` };
}

/** Turns zod's issues into one ApiError naming each field (at most five, then a count). */
export function toApiError(error: z.ZodError): ApiError {
  const items = error.issues.map(issueText);
  const listed = items.slice(0, MAX_LISTED).map((i) => i.text);
  if (items.length > MAX_LISTED) listed.push(`另有 ${items.length - MAX_LISTED} 处问题`);
  const field = items.find((i) => i.field !== undefined)?.field;
  return { code: 'INVALID_INPUT', message: listed.join('；'), ...(field !== undefined ? { field } : {}) };
}

export function validateInput<K extends OpName>(operation: K, raw: unknown): ValidationResult<ValidIn<K>>;
export function validateInput(operation: string, raw: unknown): ValidationResult<unknown>;
export function validateInput(operation: string, raw: unknown): ValidationResult<unknown> {
  if (!isOperationName(operation)) return { ok: false, error: { code: 'UNKNOWN_OPERATION', message: `没有这个操作：${operation}` } };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, error: { code: 'INVALID_INPUT', message: '输入有误：必须是一个对象' } };
  }
  const schema: z.ZodType = OPERATIONS[operation].input;
  const parsed = schema.safeParse(raw, { error: (issue) => fallbackMessage(issue) });
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: toApiError(parsed.error) };
}
