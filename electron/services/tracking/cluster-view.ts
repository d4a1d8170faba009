// A tracked cluster as the contract shows it (TrackedClusterView): its entry, how its REST endpoint is reached, its
// state and its jobs' (newest first), the last metrics and the age of the last successful poll.
import type { AccessView, StateView, TrackedClusterView } from '../../../shared/contracts/tracking';
import type { RestAccess } from './rest-access';
import { isGone, type Runtime } from './runtime';

/** A copy to hand out: the tracker brings a state's poll times forward in place (apply-evidence.ts, kept()). */
const copyOf = (s: StateView): StateView => ({ ...s, evidence: { ...s.evidence } });

function accessOf(r: Runtime, access: RestAccess): AccessView {
  const mode = r.entry.access ?? 'auto';
  if (isGone(r)) return { mode, via: 'none: the cluster is gone' };
  if (access.view) return access.view(r.entry);
  if (r.endpoint) return { mode, via: r.endpoint.via, restUrl: r.endpoint.restUrl, ...(r.endpoint.way ? { way: r.endpoint.way } : {}) };
  return { mode, via: r.accessProblem ? 'none works' : 'not reached yet', ...(r.accessProblem ? { problem: r.accessProblem } : {}) };
}

export function viewOf(r: Runtime, now: number, access: RestAccess): TrackedClusterView {
  const e = r.entry;
  const last = r.state.evidence.lastSuccessAt;
  return {
    id: e.id,
    ref: e.ref,
    mode: e.mode,
    origin: e.origin,
    ...(e.jobName ? { jobName: e.jobName } : {}),
    addedAt: e.addedAt,
    access: accessOf(r, access),
    state: copyOf(r.state),
    jobs: [...r.jobs.entries()]
      .map(([id, j]) => ({ id, name: j.name, ...(j.startTime !== undefined ? { startTime: j.startTime } : {}), state: copyOf(j.state) }))
      .sort((a, b) => (b.startTime ?? 0) - (a.startTime ?? 0)),
    ...(r.metrics ? { metrics: r.metrics } : {}),
    ...(last !== undefined ? { lastPollAgeMs: now - last } : {}),
  };
}
