/**
 * A windowed list of fixed-height rows: only the rows in view (± overscan) are in the DOM,
 * so 100,000 rows scroll like 100. The header stays on top and scrolls sideways with the rows.
 */
import { forwardRef, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { scrollTopFor, windowRange, type RowWindow } from './windowRange';

export interface VirtualRowsHandle {
  scrollToIndex(index: number): void;
  scrollToTop(): void;
  focus(): void;
}

interface Props {
  rowCount: number;
  rowHeight: number;
  overscan?: number;
  /** Total width of a row (sum of the columns), for horizontal scrolling. */
  width: number;
  header: ReactNode;
  headerHeight: number;
  renderRow(index: number): ReactNode;
  onWindowChange?(window: RowWindow): void;
  onKeyDown?(e: KeyboardEvent<HTMLDivElement>): void;
  testId?: string;
  label?: string;
}

export const VirtualRows = forwardRef<VirtualRowsHandle, Props>(function VirtualRows(props, ref) {
  const { rowCount, rowHeight, overscan = 12, width, header, headerHeight, renderRow, onWindowChange } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const frame = useRef<number | null>(null);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setViewport(el.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const onScroll = useCallback(() => {
    if (frame.current !== null) return;
    frame.current = window.requestAnimationFrame(() => {
      frame.current = null;
      if (scroller.current) setScrollTop(scroller.current.scrollTop);
    });
  }, []);

  const range = windowRange(scrollTop, viewport - headerHeight, rowHeight, rowCount, overscan);
  useEffect(() => {
    onWindowChange?.(range);
  }, [range.start, range.end, onWindowChange]); // eslint-disable-line react-hooks/exhaustive-deps

  useImperativeHandle(ref, () => ({
    scrollToIndex(index: number) {
      const el = scroller.current;
      if (!el) return;
      const top = scrollTopFor(index, el.scrollTop, el.clientHeight, rowHeight, headerHeight);
      if (top !== null) el.scrollTop = top;
    },
    scrollToTop() {
      if (scroller.current) scroller.current.scrollTop = 0;
    },
    focus() {
      scroller.current?.focus();
    },
  }));

  const rows: ReactNode[] = [];
  for (let i = range.start; i < range.end; i++) rows.push(renderRow(i));

  return (
    <div
      ref={scroller}
      className="vrows"
      onScroll={onScroll}
      tabIndex={0}
      onKeyDown={props.onKeyDown}
      data-testid={props.testId}
      role="grid"
      aria-rowcount={rowCount}
      aria-label={props.label}
    >
      <div className="vrows-header" style={{ width, height: headerHeight }}>
        {header}
      </div>
      <div className="vrows-body" style={{ width, height: rowCount * rowHeight }}>
        <div className="vrows-window" style={{ transform: `translateY(${range.start * rowHeight}px)` }}>
          {rows}
        </div>
      </div>
    </div>
  );
});
