// Narrowing the tracked list: context, namespace and state (or only what Flink reported, or only what was inferred),
// and a search over names, ids, places, reasons and access; with how many rows show of how many, and the legend
// of the two badge styles.
import type { Facets, RowFilter } from './tracked-rows';
import { NO_CONTEXT } from './tracked-rows';

const n = new Intl.NumberFormat();
const rowsText = (k: number) => `${n.format(k)} row${k === 1 ? '' : 's'}`;

export function TrackedToolbar({
  filter,
  onChange,
  facets,
  shown,
  total,
}: {
  filter: RowFilter;
  onChange: (f: RowFilter) => void;
  facets: Facets;
  shown: number;
  total: number;
}) {
  const set = (patch: Partial<RowFilter>) => onChange({ ...filter, ...patch });
  const narrowed = filter.context || filter.namespace || filter.state || filter.search;
  return (
    <div className="tracked-toolbar">
      <div className="tracked-filters" role="search" aria-label="Filter the tracked list">
        <input
          type="search"
          className="input tracked-search"
          placeholder="Search name, id, namespace, reason…"
          aria-label="Search tracked jobs and clusters"
          value={filter.search}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => set({ search: e.target.value })}
        />
        <select className="select" aria-label="Context" value={filter.context} onChange={(e) => set({ context: e.target.value })}>
          <option value="">All contexts</option>
          {facets.contexts.map(([c, k]) => (
            <option key={c} value={c}>
              {c === NO_CONTEXT ? 'No context (REST URL)' : c} ({n.format(k)})
            </option>
          ))}
        </select>
        <select className="select" aria-label="Namespace" value={filter.namespace} onChange={(e) => set({ namespace: e.target.value })}>
          <option value="">All namespaces</option>
          {facets.namespaces.map(([ns, k]) => (
            <option key={ns} value={ns}>
              {ns} ({n.format(k)})
            </option>
          ))}
        </select>
        <select className="select" aria-label="State" value={filter.state} onChange={(e) => set({ state: e.target.value })}>
          <option value="">All states</option>
          <option value="source:flink">Reported by Flink ({n.format(facets.sources.flink)})</option>
          <option value="source:inferred">Inferred by Flink Desk ({n.format(facets.sources.inferred)})</option>
          <optgroup label="State">
            {facets.states.map(([s, k]) => (
              <option key={s} value={s}>
                {s} ({n.format(k)})
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      <div className="tracked-meta">
        <span className="tracked-meta-left">
          <span className="tracked-count" role="status" aria-live="polite">
            {shown === total ? rowsText(total) : `${n.format(shown)} of ${rowsText(total)}`}
          </span>
          {narrowed && (
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              onClick={() => onChange({ context: '', namespace: '', state: '', search: '' })}
            >
              Clear filters
            </button>
          )}
        </span>
        <span className="tracked-legend" aria-hidden>
          <span className="state-badge tone-ok is-reported">RUNNING</span> reported by Flink
          <span className="state-badge tone-warn is-inferred">SILENT</span> inferred
        </span>
      </div>
    </div>
  );
}
