import type { Fen } from '../money';

/** What subsidies and fee splits need to know about one plan across the batch. */
export interface PlanAggregate {
  planCode: string;
  label: string;
  amountFen: Fen;
  /** Named persons plus head counts. */
  persons: number;
  /** Σ shares × persons. */
  shareUnits: number;
  newEmployment: { persons: number; shareUnits: number; amountFen: Fen };
}

export function emptyAggregate(planCode: string, label: string): PlanAggregate {
  return { planCode, label, amountFen: 0, persons: 0, shareUnits: 0, newEmployment: { persons: 0, shareUnits: 0, amountFen: 0 } };
}
