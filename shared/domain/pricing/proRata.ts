/**
 * How the annual price is scaled for the length of cover: full, half (Shanghai: cover of
 * half a year or less), or per started month (Suzhou off-season).
 */
import { coverMonths, type Period } from '../dates';
import { scaleFen, type Fen } from '../money';
import { coverWithinMonths, type PricingMode } from '../scheme';
import { PricingError } from './errors';
import { yuanText } from './format';
import type { ProRata } from './types';

export function proRataFor(mode: PricingMode, cover: Period | null): ProRata {
  switch (mode.kind) {
    case 'full':
      return { kind: 'full' };
    case 'halfIfShort':
      if (!cover) throw new PricingError('保障期尚未确定，无法判断是否按半价收取');
      return coverWithinMonths(cover, mode.maxMonths) ? { kind: 'half', maxMonths: mode.maxMonths } : { kind: 'full' };
    case 'monthly':
      if (!cover) throw new PricingError('保障期尚未确定，无法按月计算保费');
      return { kind: 'monthly', months: coverMonths(cover.start, cover.end) };
  }
}

export interface ScaledPrice {
  /** Per share (or per person for one-share plans). */
  unitFen: Fen;
  /** "330 元 × 1/2（…）= 165 元" or "2.50 元/月 × 7 个月 = 17.50 元"; empty for the full price. */
  working: string;
}

/**
 * The price for the cover. A monthly price the association states is used as it is;
 * otherwise a twelfth of the annual price per month. Never more than the annual price.
 */
export function scalePrice(annualFen: Fen, monthlyFen: Fen | undefined, proRata: ProRata, cover: Period | null): ScaledPrice {
  switch (proRata.kind) {
    case 'full':
      return { unitFen: annualFen, working: '' };
    case 'half': {
      const unitFen = scaleFen(annualFen, 1, 2);
      const period = cover ? `保障期 ${cover.start} 至 ${cover.end} 不超过${proRata.maxMonths}个月` : `保障期不超过${proRata.maxMonths}个月`;
      return { unitFen, working: `${yuanText(annualFen)} 元 × 1/2（${period}，半价）= ${yuanText(unitFen)} 元` };
    }
    case 'monthly': {
      // A full-width bracket needs no space before "=".
      const period = cover ? `（${cover.start} 至 ${cover.end}）` : ' ';
      if (monthlyFen !== undefined) {
        const unitFen = Math.min(annualFen, monthlyFen * proRata.months);
        return { unitFen, working: `${yuanText(monthlyFen)} 元/月 × ${proRata.months} 个月${period}= ${yuanText(unitFen)} 元` };
      }
      const unitFen = Math.min(annualFen, scaleFen(annualFen, proRata.months, 12));
      return { unitFen, working: `${yuanText(annualFen)} 元 × ${proRata.months}/12 个月${period}= ${yuanText(unitFen)} 元` };
    }
  }
}
