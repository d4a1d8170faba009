// The details of one tracked job or cluster, beside the list: its state with the evidence, how its REST endpoint is
// reached, the cluster's metrics and jobs, the state history, and "Stop tracking". Escape or Close puts it away and
// gives the focus back to the row it came from.
import { useEffect, useRef } from 'react';
import { Button } from '../../components/Button';
import type { ClusterMetrics } from '../../../../shared/contracts/tracking';
import { formatMemory } from '../../format/bytes';
import { formatDateTime } from '../../format/time';
import { trackedPageHash } from '../webui/tracked-hash';
import { accessModeOf } from './AccessCell';
import { EvidenceView } from './EvidenceView';
import { PollAge } from './PollAge';
import { StateBadge } from './StateBadge';
import { StateHistory } from './StateHistory';
import type { TrackedRow } from './tracked-rows';
import { kindText } from './TrackedRowView';

/** "JobManager 1,600 MiB · TaskManagers 2 × 1,728 MiB": the process sizes, as the cluster's configuration says. */
function memoryLine(memory: NonNullable<ClusterMetrics['memory']>, taskManagers: number): string {
  const parts: string[] = [];
  if (memory.jobManager !== undefined) parts.push(`JobManager ${formatMemory(memory.jobManager)}`);
  if (memory.taskManager !== undefined)
    parts.push(
      taskManagers > 0
        ? `TaskManager${taskManagers === 1 ? '' : 's'} ${taskManagers} × ${formatMemory(memory.taskManager)}`
        : `TaskManagers ${formatMemory(memory.taskManager)} each`,
    );
  return parts.join(' · ');
}

const origins = {
  deploy: 'deployed by Flink Desk',
  submit: 'submitted by Flink Desk',
  user: 'tracked on request',
  'saved-job': 'a saved job’s cluster',
};

export function TrackedDetails({
  row: r,
  offsetMs,
  onClose,
  onStopTracking,
}: {
  row: TrackedRow;
  offsetMs: number;
  onClose: () => void;
  onStopTracking: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [r.key]);
  const c = r.cluster;
  const m = c.metrics;
  const a = c.access;
  const mode = accessModeOf(a);
  return (
    <aside
      className="tracked-details"
      aria-labelledby="tracked-details-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <header className="tracked-details-head">
        <div>
          <h3 id="tracked-details-title" ref={heading} tabIndex={-1}>
            {r.name}
          </h3>
          <span className="cell-sub">
            {kindText[r.kind]}
            {r.kind === 'session-job' ? ` in ${r.clusterName}` : ''} · {origins[c.origin]}
          </span>
        </div>
        <a className="btn btn-sm" href={trackedPageHash(c.id, r.kind === 'session-job' ? r.job?.id : undefined)}>
          Open job page
        </a>
        <Button variant="ghost" className="btn-sm" onClick={onClose} aria-label="Close details">
          Close
        </Button>
      </header>

      <section aria-label="State">
        <div className="tracked-details-state">
          <StateBadge state={r.state} withTip={false} />
          <span className="muted">{r.state.source === 'flink' ? 'as Flink reports it' : 'inferred: Flink did not say'}</span>
        </div>
        <EvidenceView state={r.state} offsetMs={offsetMs} />
      </section>

      <section aria-label="Access">
        <h4>Access</h4>
        <dl className="evidence-list">
          <dt>Way in</dt>
          <dd>{a ? (a.via && a.via !== 'none' ? a.via : 'none works yet') : 'not resolved yet'}</dd>
          {a?.restUrl && (
            <>
              <dt>REST URL</dt>
              <dd>
                <code>{a.restUrl}</code>
              </dd>
            </>
          )}
          {mode && (
            <>
              <dt>Chosen</dt>
              <dd>{mode === 'auto' ? 'automatically' : `pinned: ${mode}`}</dd>
            </>
          )}
          {a?.problem && (
            <>
              <dt>Problem</dt>
              <dd className="evidence-error">{a.problem}</dd>
            </>
          )}
          <dt>Tracked as</dt>
          <dd>
            <code>{c.id}</code>, since {formatDateTime(c.addedAt)}
          </dd>
        </dl>
      </section>

      {r.kind !== 'session-job' && (
        <section aria-label="Metrics">
          <h4>Metrics</h4>
          {m ? (
            <dl className="evidence-list">
              <dt>Read</dt>
              <dd>
                <PollAge at={m.at} offsetMs={offsetMs} />
              </dd>
              {m.error && (
                <>
                  <dt>Last error</dt>
                  <dd className="evidence-error">{m.error}</dd>
                </>
              )}
              <dt>TaskManagers</dt>
              <dd>{m.taskManagers}</dd>
              <dt>Slots</dt>
              <dd>
                {m.slotsAvailable} free of {m.slotsTotal}
              </dd>
              {m.memory && (m.memory.jobManager !== undefined || m.memory.taskManager !== undefined) && (
                <>
                  <dt>Memory</dt>
                  <dd>{memoryLine(m.memory, m.taskManagers)}</dd>
                </>
              )}
              <dt>Jobs</dt>
              <dd>
                {m.jobsRunning} running, {m.jobsFinished} finished, {m.jobsCancelled} cancelled, {m.jobsFailed} failed
              </dd>
              {r.checkpoint && (
                <>
                  <dt>Last checkpoint</dt>
                  <dd>
                    {r.checkpoint.savepoint ? 'Savepoint' : 'Checkpoint'} {r.checkpoint.id},{' '}
                    <PollAge at={r.checkpoint.at} offsetMs={offsetMs} />
                    {r.checkpoint.path && (
                      <div className="cell-sub">
                        <code>{r.checkpoint.path}</code>
                      </div>
                    )}
                  </dd>
                </>
              )}
            </dl>
          ) : (
            <p className="muted">No metrics read yet: they are read once the REST endpoint answers.</p>
          )}
        </section>
      )}

      {r.kind !== 'application' && r.kind !== 'session-job' && c.jobs.length > 0 && (
        <section aria-label="Jobs">
          <h4>Jobs ({c.jobs.length})</h4>
          <ul className="tracked-details-jobs">
            {c.jobs.map((j) => (
              <li key={j.id}>
                <StateBadge state={j.state} withTip={false} /> {j.name || j.id} <code className="muted">{j.id.slice(0, 8)}</code>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-label="History">
        <h4>History</h4>
        <StateHistory
          id={c.id}
          {...(r.kind === 'session-job' && r.job ? { jobId: r.job.id } : {})}
          stateKey={`${r.state.state}/${r.state.source}`}
        />
      </section>

      <footer className="tracked-details-actions">
        <Button variant="ghost" className="btn-danger" onClick={onStopTracking}>
          {r.kind === 'session-job' ? `Stop tracking cluster ${r.clusterName}` : `Stop tracking ${r.clusterName}`}
        </Button>
      </footer>
    </aside>
  );
}
