/**
 * Pricing: the premium of a batch in fen, line by line, with combos, half-price and
 * monthly pro-rata, shares, subsidies and the fee-source split.
 */
export type {
  PricingInput,
  PricedPerson,
  HeadCountLine,
  SubsidyGrant,
  FeeSplit,
  PriceQuote,
  PriceLine,
  PlanTotal,
  SubsidyLine,
  FeeSourceLine,
  FeeSourcePart,
  PersonPrice,
  PersonPriceItem,
  ProRata,
} from './types';
export { priceBatch } from './priceBatch';
export { PricingError } from './errors';
export { proRataFor, scalePrice, type ScaledPrice } from './proRata';
export { yuanText } from './format';
