// A tracked cluster as the contract shows it (TrackedClusterView): its entry, how its REST endpoint is reached, its
// state and its jobs' (newest first), the last metrics and the age of the last successful poll.
import type { TrackedClusterView } from '../../../shared/contracts/tracking';
import type { Runtime } from './runtime';

export function viewOf(r: Runtime, now: number): TrackedClusterView {
  const e = r.entry;
  const last = r.state.evidence.lastSuccessAt;
  return {
    id: e.id,
    ref: e.ref,
    mode: e.mode,
    origin: e.origin,
    ...(e.jobName ? { jobName: e.jobName } : {}),
    addedAt: e.addedAt,
    ...(r.endpoint
      ? { access: { restUrl: r.endpoint.restUrl, via: r.endpoint.via } }
      : r.accessProblem
        ? { access: { via: 'none', problem: r.accessProblem } }
        : {}),
    state: r.state,
    jobs: [...r.jobs.entries()]
      .map(([id, j]) => ({ id, name: j.name, ...(j.startTime !== undefined ? { startTime: j.startTime } : {}), state: j.state }))
      .sort((a, b) => (b.startTime ?? 0) - (a.startTime ?? 0)),
    ...(r.metrics ? { metrics: r.metrics } : {}),
    ...(last !== undefined ? { lastPollAgeMs: now - last } : {}),
  };
}
