/**
 * Masking personal numbers on printouts, as the association's own printouts do
 * (Shanghai 3421*****2716, Wuxi 3202*****002X).
 */
import type { MaskRule, MaskingPolicy } from './documentSchema';

export function maskValue(value: string, rule: MaskRule): string {
  if (!rule.onPrintouts) return value;
  const keep = rule.keepStart + rule.keepEnd;
  if (value.length <= keep) return '*'.repeat(value.length);
  return value.slice(0, rule.keepStart) + '*'.repeat(value.length - keep) + value.slice(value.length - rule.keepEnd);
}

export function maskDocumentNumber(value: string, policy: MaskingPolicy): string {
  return maskValue(value, policy.documentNumber);
}

export function maskBankCard(value: string, policy: MaskingPolicy): string {
  return maskValue(value, policy.bankCard);
}
