/**
 * Per-person cover (保全: each new hire joins the policy from their own effective date):
 * the person's cover runs from that date to the batch's (the policy's) end, and the price
 * is scaled for it by the enrollment type's rule. Persons without their own date, and
 * head-count lines, take the batch's cover.
 */
import { compareDates, type IsoDate, type Period } from '../dates';
import type { PricingMode, Scheme } from '../scheme';
import { ItemPricer } from './charges';
import { PricingError } from './errors';
import { proRataFor } from './proRata';
import type { ProRata } from './types';

export interface CoverPricing {
  /** '' for the batch's cover; else what sets persons with their own start apart on the lines (the scaling). */
  key: string;
  cover: Period | null;
  proRata: ProRata;
  pricer: ItemPricer;
}

export class CoverPricers {
  private readonly byStart = new Map<string, CoverPricing>();
  /** Persons whose own starts scale the price alike share one pricer, and so one line. */
  private readonly byScaling = new Map<string, ItemPricer>();

  constructor(
    private readonly scheme: Scheme,
    private readonly mode: PricingMode,
    /** The batch's cover (null while its start is not known). */
    private readonly batchCover: Period | null,
    /** The last day of cover a person's own start runs to: the policy's end for 保全. */
    private readonly coverEnd: IsoDate | null,
  ) {}

  /** The batch's own pricing; throws (PricingError) when the batch's cover cannot be priced. */
  batch(): CoverPricing {
    return this.get(undefined);
  }

  /** The pricing for a person starting on `start` (undefined: the batch's cover). */
  get(start: IsoDate | undefined): CoverPricing {
    const key = start ?? '';
    let found = this.byStart.get(key);
    if (!found) {
      found = this.build(start);
      this.byStart.set(key, found);
    }
    return found;
  }

  /** Whether any person was priced on a cover of their own. */
  get hasOwnStarts(): boolean {
    return [...this.byStart.keys()].some((k) => k !== '');
  }

  private build(start: IsoDate | undefined): CoverPricing {
    let cover = this.batchCover;
    if (start !== undefined) {
      const end = this.coverEnd ?? this.batchCover?.end ?? null;
      if (end === null) throw new PricingError(`无法确定生效日期 ${start} 的保障结束日期：请先指明所补充的保单`);
      if (compareDates(start, end) > 0) throw new PricingError(`生效日期 ${start} 晚于保障结束日期 ${end}`);
      cover = { start, end };
    }
    const proRata = proRataFor(this.mode, cover);
    if (start === undefined) return { key: '', cover, proRata, pricer: new ItemPricer(this.scheme, proRata, cover) };
    const key = JSON.stringify(proRata);
    let pricer = this.byScaling.get(key);
    // No dates in the working: the line stands for persons with different starts.
    if (!pricer) this.byScaling.set(key, (pricer = new ItemPricer(this.scheme, proRata, null)));
    return { key, cover, proRata, pricer };
  }
}
