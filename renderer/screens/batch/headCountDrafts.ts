/** Head-count lines (无名单) as the clerk types them, and as the API takes them. */
import type { HeadCountLine } from '../../../shared/domain/pricing';

export interface HeadCountDraft {
  planCode: string;
  shares: string;
  headCount: string;
  newEmploymentForm: boolean;
}

export const toDraft = (l: HeadCountLine): HeadCountDraft => ({
  planCode: l.planCode,
  shares: String(l.shares),
  headCount: String(l.headCount),
  newEmploymentForm: l.newEmploymentForm ?? false,
});

const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null);

/** The drafts as the API takes them, or the 1-based line that is not filled in right. */
export function headCountLinesOf(drafts: readonly HeadCountDraft[]): { ok: true; lines: HeadCountLine[] } | { ok: false; line: number } {
  const lines: HeadCountLine[] = [];
  for (const [i, d] of drafts.entries()) {
    const shares = wholeNumber(d.shares);
    const headCount = wholeNumber(d.headCount);
    if (!d.planCode || !shares || !headCount) return { ok: false, line: i + 1 };
    lines.push({ planCode: d.planCode, shares, headCount, ...(d.newEmploymentForm ? { newEmploymentForm: true } : {}) });
  }
  return { ok: true, lines };
}
