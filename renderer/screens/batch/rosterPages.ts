/**
 * The roster grid's rows, fetched a page at a time through roster.rows as the window
 * moves and kept until the filter or the roster changes. Only pages the window touches are
 * asked for, so scrolling to row 100,000 costs one or two requests.
 */
import { useCallback, useMemo, useRef, useState, useLayoutEffect } from 'react';
import type { RosterPage, RosterRowView } from '../../../shared/api/dto';
import type { GridFilter } from '../../state/batchStore';

export const PAGE_SIZE = 500;

export type FetchPage = (offset: number, limit: number) => Promise<RosterPage>;

export class RosterPageCache {
  private readonly pages = new Map<number, RosterRowView[]>();
  private readonly loading = new Set<number>();
  total: number | null = null;
  failed: string | null = null;

  constructor(
    private readonly fetchPage: FetchPage,
    private readonly onChange: () => void,
    private readonly pageSize = PAGE_SIZE,
  ) {}

  row(index: number): RosterRowView | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  isLoading(): boolean {
    return this.loading.size > 0;
  }

  /** Makes sure every page under rows [start, end) is loaded or on its way. */
  ensure(start: number, end: number): void {
    const first = Math.floor(start / this.pageSize);
    const last = Math.floor(Math.max(start, end - 1) / this.pageSize);
    for (let p = first; p <= last; p++) {
      if (this.pages.has(p) || this.loading.has(p)) continue;
      if (this.total !== null && p * this.pageSize >= this.total && p > 0) continue;
      this.load(p);
    }
  }

  private load(page: number): void {
    this.loading.add(page);
    this.fetchPage(page * this.pageSize, this.pageSize).then(
      (result) => {
        this.loading.delete(page);
        this.pages.set(page, result.rows);
        this.total = result.total;
        this.failed = null;
        this.onChange();
      },
      (e: unknown) => {
        this.loading.delete(page);
        this.failed = (e as Error).message;
        this.onChange();
      },
    );
  }

  /** Puts an edited row in place (it keeps its place even if it no longer matches the filter). */
  replace(row: RosterRowView): boolean {
    for (const rows of this.pages.values()) {
      const i = rows.findIndex((r) => r.id === row.id);
      if (i >= 0) {
        rows[i] = row;
        this.onChange();
        return true;
      }
    }
    return false;
  }

  loadedRows(): RosterRowView[] {
    return [...this.pages.values()].flat();
  }
}

export function filterKey(filter: GridFilter): string {
  return JSON.stringify([filter.severity ?? '', filter.findingCode ?? '', filter.search ?? '', filter.rejected ?? false]);
}

/** A cache per (batch, filter, roster version), re-rendering the grid as pages arrive. */
export function useRosterPages(fetchPage: FetchPage, key: string): { cache: RosterPageCache; tick: number } {
  const [tick, setTick] = useState(0);
  const bump = useCallback(() => setTick((t) => t + 1), []);
  const fetchRef = useRef(fetchPage);
  useLayoutEffect(() => {
    fetchRef.current = fetchPage;
  });
  // A new key (filter or roster version) starts from an empty cache; the old one's late answers go nowhere.
  // oxlint-disable-next-line react-hooks/exhaustive-deps, react/refs -- the key stands for the filter and roster version the fetcher reads; the ref is read when a page is fetched, not while rendering
  const cache = useMemo(() => new RosterPageCache((o, l) => fetchRef.current(o, l), bump), [key, bump]);
  return { cache, tick };
}
