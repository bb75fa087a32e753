/**
 * A refused scheme file: every problem with its field path (`plans[3].priceFen`) and a
 * Chinese message.
 */
import type { z } from 'zod';

export interface SchemeIssue {
  /** e.g. `plans[3].priceFen`; empty for the whole file. */
  path: string;
  message: string;
}

export class SchemeError extends Error {
  readonly issues: readonly SchemeIssue[];

  constructor(issues: readonly SchemeIssue[], schemeId?: string) {
    const head = schemeId ? `保障方案 ${schemeId} 无效` : '保障方案文件无效';
    const lines = issues.map(formatIssue);
    super(`${head}（${issues.length} 处问题）：\n${lines.join('\n')}`);
    this.name = 'SchemeError';
    this.issues = issues;
  }
}

export function formatIssue(issue: SchemeIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值（true/false）',
  array: '数组',
  object: '对象',
  record: '对象',
  literal: '固定值',
};

function quoteAll(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('、');
}

/**
 * Chinese messages for the issues whose schema gives none of its own. Passed to zod per
 * parse, so the global zod configuration other modules rely on is left alone.
 */
export function schemeErrorMap(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '缺少必填字段';
      return `必须是${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `必须是以下之一：${quoteAll(issue.values)}`;
    case 'unrecognized_keys':
      return `未知字段：${issue.keys.join('、')}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options) return `不是可识别的类型，必须是以下之一：${quoteAll(options)}`;
      return '取值无效';
    }
    case 'too_small':
      if (issue.origin === 'array' || issue.origin === 'set') return `至少需要 ${String(issue.minimum)} 项`;
      if (issue.origin === 'string') return '不能为空';
      return `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array' || issue.origin === 'set') return `最多 ${String(issue.maximum)} 项`;
      if (issue.origin === 'string') return `最长 ${String(issue.maximum)} 个字符`;
      return `不能大于 ${String(issue.maximum)}`;
    case 'invalid_format':
      return '格式不正确';
    default:
      return undefined;
  }
}
