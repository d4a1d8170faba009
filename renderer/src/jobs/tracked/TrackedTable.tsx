// The tracked rows, virtualised with TanStack Virtual: only the rows in view (and a few beyond) are in the document,
// so 1,000 clusters scroll as smoothly as ten. A table by ARIA roles (a CSS grid per row, since rows are absolutely
// placed), with aria-rowcount and aria-rowindex telling assistive technology the whole size. Headers sort.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { columns, gridTemplate } from './columns';
import type { RowSort, SortKey, TrackedRow } from './tracked-rows';
import { TrackedRowView } from './TrackedRowView';

const ROW_HEIGHT = 52;
const MAX_HEIGHT = 560;

export function TrackedTable({
  rows,
  sort,
  onSort,
  selectedKey,
  onOpen,
  offsetMs,
  staleMs,
}: {
  rows: TrackedRow[];
  sort: RowSort;
  onSort: (key: SortKey) => void;
  selectedKey: string | undefined;
  onOpen: (row: TrackedRow) => void;
  offsetMs: number;
  staleMs: number;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  // The virtualizer keeps its own state and re-renders this component itself; nothing here is memoised by the compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (i) => rows[i]!.key,
  });
  const body = virtual.getTotalSize();
  return (
    <div
      ref={scroller}
      className="tracked-scroll"
      style={{ height: Math.min(MAX_HEIGHT, body + 40), ['--tracked-grid' as string]: gridTemplate }}
      data-testid="tracked-scroll"
    >
      <div role="table" aria-label="Tracked jobs and clusters" aria-rowcount={rows.length + 1} className="tracked-table">
        <div role="rowgroup" className="tracked-head">
          <div role="row" aria-rowindex={1} className="tracked-row tracked-head-row">
            {columns.map((c) => {
              const active = sort.key === c.key;
              return (
                <div
                  key={c.key}
                  role="columnheader"
                  className="tracked-cell"
                  aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                >
                  <button type="button" className="sort-button" onClick={() => onSort(c.key)}>
                    {c.label}
                    <span className={`sort-mark${active ? ' is-active' : ''}`} aria-hidden>
                      {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                </div>
              );
            })}
          </div>
        </div>
        <div role="rowgroup" className="tracked-body" style={{ height: body }}>
          {virtual.getVirtualItems().map((item) => {
            const r = rows[item.index]!;
            return (
              <TrackedRowView
                key={item.key}
                row={r}
                index={item.index}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                selected={r.key === selectedKey}
                offsetMs={offsetMs}
                staleMs={staleMs}
                onOpen={() => onOpen(r)}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
