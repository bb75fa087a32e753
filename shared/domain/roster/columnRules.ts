/**
 * A template's instructions as rules on a column's values (Wuxi's 说明 row: 姓名中不要出现空格,
 * X要大写, 例如无锡市农村商业银行): each breach a finding quoting the instruction, with the fix.
 */
import type { ColumnRule, RosterColumn } from '../scheme';
import type { RosterFinding } from './findings';

const SPACES = /[\s\u3000]+/g;

/** The value as the rules that fold rather than refuse want it (upper-case letters). */
export function foldByColumnRules(column: RosterColumn | undefined, value: string): string {
  return column?.rules.some((r) => r.kind === 'upperCase') ? value.toUpperCase() : value;
}

function findingFor(rule: ColumnRule, column: RosterColumn, header: string, value: string): RosterFinding | null {
  switch (rule.kind) {
    case 'noSpaces':
      if (!/[\s\u3000]/.test(value)) return null;
      return { code: 'instructionNoSpaces', severity: rule.severity, message: `${header}“${value}”中有空格（模板要求：${rule.instruction}）`, hint: `请删除空格，改为“${value.replace(SPACES, '')}”`, field: column.key };
    case 'upperCase':
      // Folded on cleaning: nothing left to report.
      return null;
    case 'containsAnyOf':
      if (rule.words.some((w) => value.includes(w))) return null;
      return { code: 'instructionContainsAnyOf', severity: rule.severity, message: `${header}“${value}”不像完整名称（模板要求：${rule.instruction}）`, hint: `请填写完整名称，应含“${rule.words.join('”“')}”之一`, field: column.key };
  }
}

/** Findings of the column's instruction rules on its (cleaned) value. */
export function columnRuleFindings(column: RosterColumn, header: string, value: string): RosterFinding[] {
  const out: RosterFinding[] = [];
  for (const rule of column.rules) {
    const f = findingFor(rule, column, header, value);
    if (f) out.push(f);
  }
  return out;
}
