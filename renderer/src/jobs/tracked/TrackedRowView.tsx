// One row of the tracked table: the job or cluster (a button that opens its details), its state, where it runs, the
// age of the last successful poll, TaskManagers and slots, the last checkpoint and how its REST endpoint is reached.
import type { CSSProperties } from 'react';
import { formatDateTime } from '../../format/time';
import { AccessCell } from './AccessCell';
import { PollAge } from './PollAge';
import { StateBadge } from './StateBadge';
import type { RowKind, TrackedRow } from './tracked-rows';

export const kindText: Record<RowKind, string> = {
  application: 'Application',
  'session-cluster': 'Session cluster',
  'session-job': 'Session job',
  cluster: 'Cluster',
};
const kindClass: Record<RowKind, string> = {
  application: 'kind-application',
  'session-cluster': 'kind-session-cluster',
  'session-job': 'kind-session-job',
  cluster: '',
};

export function TrackedRowView({
  row: r,
  index,
  style,
  selected,
  offsetMs,
  staleMs,
  onOpen,
}: {
  row: TrackedRow;
  index: number;
  style: CSSProperties;
  selected: boolean;
  offsetMs: number;
  staleMs: number;
  onOpen: () => void;
}) {
  const sub = r.kind === 'session-job' ? `in ${r.clusterName}` : r.name !== r.clusterName ? r.clusterName : undefined;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={`tracked-row${selected ? ' is-selected' : ''}${r.kind === 'session-job' ? ' is-job' : ''}`}
      style={style}
      data-key={r.key}
    >
      <div role="rowheader" className="tracked-cell tracked-name">
        <button type="button" className="link-button" onClick={onOpen} aria-expanded={selected} title={r.name}>
          {r.name}
        </button>
        <span className="cell-sub">
          <span className={`kind-pill kind-pill-sm ${kindClass[r.kind]}`}>{kindText[r.kind]}</span>
          {sub && <span className="tracked-sub-text"> {sub}</span>}
        </span>
      </div>
      <div role="cell" className="tracked-cell">
        <StateBadge state={r.state} />
        <span className="cell-sub">
          since <PollAge at={r.state.since} offsetMs={offsetMs} />
        </span>
      </div>
      <div role="cell" className="tracked-cell where">
        {r.context !== undefined ? (
          <>
            <span className="where-ns tracked-ellipsis" title={r.namespace}>
              {r.namespace}
            </span>
            <span className="cell-sub" title={r.context}>
              {r.context}
            </span>
          </>
        ) : (
          <>
            <span className="muted">no Kubernetes side</span>
            <span className="cell-sub">known by its REST URL</span>
          </>
        )}
      </div>
      <div role="cell" className="tracked-cell">
        <PollAge at={r.lastSuccessAt} offsetMs={offsetMs} staleMs={staleMs} />
      </div>
      <div role="cell" className="tracked-cell tracked-num">
        {r.slots ? (
          <>
            <span>
              {r.slots.taskManagers} TM{r.slots.taskManagers === 1 ? '' : 's'}
            </span>
            <span className="cell-sub">
              {r.slots.available}/{r.slots.total} free
            </span>
          </>
        ) : (
          <span className="muted" title={r.kind === 'session-job' ? 'See the session cluster' : 'No metrics read yet'}>
            —
          </span>
        )}
      </div>
      <div role="cell" className="tracked-cell tracked-num">
        {r.checkpoint ? (
          <>
            <span title={formatDateTime(r.checkpoint.at)}>
              {r.checkpoint.savepoint ? 'savepoint' : '#'}
              {r.checkpoint.id}
            </span>
            <span className="cell-sub">
              <PollAge at={r.checkpoint.at} offsetMs={offsetMs} />
            </span>
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </div>
      <div role="cell" className="tracked-cell">
        <AccessCell access={r.cluster.access} />
      </div>
    </div>
  );
}
