import { formatYuan, type Fen } from '../money';

/** Yuan as written in price explanations: "180", "17.50", "1,320" never (no grouping, to match the manuals' tables). */
export function yuanText(fen: Fen): string {
  return fen % 100 === 0 ? String(fen / 100) : formatYuan(fen);
}
