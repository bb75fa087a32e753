/**
 * 合并缴费 from the batches list: which batches one transfer may pay together. The core
 * refuses the same combinations (payments.record): only 待缴费 batches, of one unit and one
 * association (scheme); here they cannot be ticked together, with the reason beside them.
 */
import type { BatchSummary } from '../../../shared/api/dto';
import type { Fen } from '../../../shared/domain/money';

export type CombinableBatch = Pick<BatchSummary, 'id' | 'unitId' | 'schemeId' | 'state' | 'payableFen'>;

/** Why `candidate` cannot join the batches already chosen. */
export type CombineBlock = 'notAwaitingPayment' | 'otherUnit' | 'otherScheme';

export function combineBlock(candidate: CombinableBatch, chosen: readonly CombinableBatch[]): CombineBlock | null {
  if (candidate.state !== 'awaitingPayment') return 'notAwaitingPayment';
  const first = chosen.find((c) => c.id !== candidate.id);
  if (!first) return null;
  if (first.unitId !== candidate.unitId) return 'otherUnit';
  if (first.schemeId !== candidate.schemeId) return 'otherScheme';
  return null;
}

/** 应缴保费合计 of the chosen batches. */
export function combinedPayableFen(chosen: readonly Pick<BatchSummary, 'payableFen'>[]): Fen {
  return chosen.reduce((sum, b) => sum + (b.payableFen ?? 0), 0);
}
