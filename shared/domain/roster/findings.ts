/**
 * What a roster check says about a row or a batch: a stable code the UI filters on, a
 * Chinese message, and how to fix it. The API's `Finding` is this type.
 */
import type { RosterField } from './fields';

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface RosterFinding {
  code: string;
  severity: FindingSeverity;
  message: string;
  hint?: string;
  field?: RosterField;
  /** The figures a batch-level finding rests on (a unit rule's counts), for scripting users. */
  data?: Record<string, string | number>;
}

const RANK: Record<FindingSeverity, number> = { info: 1, warning: 2, error: 3 };

/** The row's verdict: its worst finding, or ok. */
export function verdictOf(findings: readonly RosterFinding[]): 'ok' | FindingSeverity {
  let worst: 'ok' | FindingSeverity = 'ok';
  for (const f of findings) if (worst === 'ok' || RANK[f.severity] > RANK[worst]) worst = f.severity;
  return worst;
}

export function hasError(findings: readonly RosterFinding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
