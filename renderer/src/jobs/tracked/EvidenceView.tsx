// The evidence a state rests on (DESIGN §5: the UI always shows it next to the state): what Flink answered and
// when, the last error, the silence, and what the Kubernetes API server says — the Deployment, the pods with their
// containers' states and restarts, and the recent events — plus the problems beside the state.
import type { KubeEvidence, StateView } from '../../../../shared/contracts/tracking';
import { formatDateTime } from '../../format/time';
import { PollAge } from './PollAge';
import { sourceLabel } from './state-look';

function When({ at, offsetMs }: { at: number; offsetMs: number }) {
  return (
    <>
      <PollAge at={at} offsetMs={offsetMs} /> <span className="muted">({formatDateTime(at)})</span>
    </>
  );
}

export function EvidenceView({ state: v, offsetMs }: { state: StateView; offsetMs: number }) {
  const e = v.evidence;
  return (
    <div className="evidence">
      <dl className="evidence-list">
        <dt>Source</dt>
        <dd>{sourceLabel(v)}</dd>
        <dt>Why</dt>
        <dd>{v.reason}</dd>
        <dt>Since</dt>
        <dd>
          <When at={v.since} offsetMs={offsetMs} />
        </dd>
        <dt>Last successful poll</dt>
        <dd>{e.lastSuccessAt !== undefined ? <When at={e.lastSuccessAt} offsetMs={offsetMs} /> : 'Flink has not answered yet'}</dd>
        {e.lastPollAt !== undefined && (
          <>
            <dt>Last poll</dt>
            <dd>
              <When at={e.lastPollAt} offsetMs={offsetMs} />
            </dd>
          </>
        )}
        {e.lastError && (
          <>
            <dt>Last error</dt>
            <dd className="evidence-error">
              {e.lastError.message} <span className="muted">({e.lastError.code})</span>
            </dd>
          </>
        )}
        {e.lastFlinkState && (
          <>
            <dt>Flink last reported</dt>
            <dd>
              {e.lastFlinkState.state}, <When at={e.lastFlinkState.at} offsetMs={offsetMs} />
            </dd>
          </>
        )}
        {e.silentSince !== undefined && (
          <>
            <dt>Silent since</dt>
            <dd>
              <When at={e.silentSince} offsetMs={offsetMs} />
            </dd>
          </>
        )}
      </dl>
      {v.problems.length > 0 && (
        <ul className="evidence-problems" aria-label="Problems">
          {v.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {e.kube && <KubeView kube={e.kube} offsetMs={offsetMs} />}
    </div>
  );
}

function KubeView({ kube: k, offsetMs }: { kube: KubeEvidence; offsetMs: number }) {
  return (
    <div className="evidence-kube">
      <h4>Kubernetes</h4>
      {!k.reachable ? (
        <p className="evidence-error">The API server cannot be read{k.error ? `: ${k.error}` : ''}. That says nothing about the cluster.</p>
      ) : k.deployment === null ? (
        <p>The JobManager Deployment is gone (the API server answered: there is none).</p>
      ) : k.deployment ? (
        <p>
          Deployment <code>{k.deployment.name}</code>: {k.deployment.readyReplicas}/{k.deployment.replicas} ready
          {k.deployment.conditions
            .filter((c) => c.status !== 'True')
            .map((c) => ` · ${c.type}: ${c.reason ?? c.status}${c.message ? ` (${c.message})` : ''}`)
            .join('')}
        </p>
      ) : (
        <p className="muted">The Deployment has not been read yet.</p>
      )}
      {k.pods.length > 0 && (
        <ul className="evidence-pods" aria-label="Pods">
          {k.pods.map((p) => (
            <li key={p.name}>
              <code>{p.name}</code> <span className="muted">{p.component}</span> {p.phase}
              {p.unschedulable && <span className="evidence-error"> · cannot be scheduled: {p.unschedulable}</span>}
              {p.containers.map((c) => (
                <div key={c.name} className="cell-sub">
                  {c.name}: {c.state}
                  {c.reason ? ` (${c.reason})` : ''}
                  {c.restartCount > 0 ? ` · ${c.restartCount} restart${c.restartCount === 1 ? '' : 's'}` : ''}
                  {c.exitCode !== undefined ? ` · exit ${c.exitCode}` : ''}
                  {c.lastTermination?.reason ? ` · last ended: ${c.lastTermination.reason}` : ''}
                </div>
              ))}
            </li>
          ))}
        </ul>
      )}
      {k.events.length > 0 && (
        <ul className="evidence-events" aria-label="Recent events">
          {k.events.slice(0, 8).map((ev, i) => (
            <li key={i} className={ev.type === 'Warning' ? 'is-warning' : undefined}>
              <strong>{ev.reason}</strong> <span className="muted">{ev.object}</span>
              {ev.count > 1 ? <span className="muted"> ×{ev.count}</span> : null} · <PollAge at={ev.at} offsetMs={offsetMs} />
              <div className="cell-sub">{ev.message}</div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
