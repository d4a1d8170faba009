// A tracking.changed event applied to the list the page holds, so a state change shows at once, without waiting for
// the next listing. `known: false` says the event is about a cluster or job the list does not have yet (tracked
// from another window or the CLI): the page then lists again.
import type { TrackingChange, TrackingList } from '../../../../shared/contracts/tracking';

export function applyChange(list: TrackingList, change: TrackingChange): { list: TrackingList; known: boolean } {
  const i = list.clusters.findIndex((c) => c.id === change.id);
  if (change.kind === 'removed')
    return i < 0 ? { list, known: true } : { list: { ...list, clusters: list.clusters.filter((_, k) => k !== i) }, known: true };
  if (i < 0) return { list, known: false };
  const cluster = list.clusters[i]!;
  let next = cluster;
  let known = true;
  if (change.jobId) {
    const j = cluster.jobs.findIndex((x) => x.id === change.jobId);
    if (j < 0) {
      known = false;
      next = { ...cluster, jobs: [{ id: change.jobId, name: change.jobName ?? '', state: change.to }, ...cluster.jobs] };
    } else next = { ...cluster, jobs: cluster.jobs.map((x, k) => (k === j ? { ...x, state: change.to } : x)) };
  } else {
    next = { ...cluster, state: change.to };
    if (change.job && cluster.mode === 'application' && !cluster.jobs.some((x) => x.id === change.job!.id)) known = false;
  }
  const clusters = list.clusters.slice();
  clusters[i] = next;
  return { list: { ...list, clusters }, known };
}
