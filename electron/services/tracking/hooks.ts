// What brings clusters into the tracked set without the user asking: a deploy that created a cluster (through the
// bus: the deployer's `op` event when it ends), a session submission (its REST URL), and at start the saved jobs
// whose last deploy succeeded, unless the user stopped tracking them.
import type { SessionSubmitResult } from '../../../shared/contracts/flink';
import type { TrackedEntry, TrackedRef } from '../../../shared/contracts/tracking';
import type { OperationEvent } from '../../../shared/operations';
import type { JobView } from '../jobs/job-store';
import { idOf } from './tracking-store';

export interface NewEntry {
  ref: TrackedRef;
  mode: TrackedEntry['mode'];
  origin: TrackedEntry['origin'];
  jobName?: string;
}

export function entryOf(ref: TrackedRef, rest: Omit<NewEntry, 'ref'>, now: number): TrackedEntry {
  return { id: idOf(ref), ref, addedAt: now, jobs: [], ...rest };
}

/** `deploy:<context>/<namespace>/<clusterId>`; a context may itself contain "/", the last two parts never do. */
export function placeOfResource(resource: string | undefined): { context: string; namespace: string; clusterId: string } | undefined {
  if (!resource?.startsWith('deploy:')) return undefined;
  const parts = resource.slice('deploy:'.length).split('/');
  if (parts.length < 3) return undefined;
  const clusterId = parts.pop()!;
  const namespace = parts.pop()!;
  return { context: parts.join('/'), namespace, clusterId };
}

/** The entry an ended operation asks for, if any. */
export function entryForOperation(e: OperationEvent, jobNameOf: (opId: string) => string | undefined): NewEntry | undefined {
  if (e.type !== 'done' && e.type !== 'error') return undefined;
  const s = e.snapshot;
  if (s.kind === 'deploy') {
    const place = placeOfResource(s.resource);
    // A deploy that failed while waiting for the JobManager left the cluster in place: it is tracked, to show why.
    const created = s.status === 'succeeded' || s.steps.some((st) => st.id === 'start' && st.status === 'failed');
    if (!place || !created) return undefined;
    const jobName = jobNameOf(s.id);
    return { ref: { kind: 'kube', ...place }, mode: 'unknown', origin: 'deploy', ...(jobName ? { jobName } : {}) };
  }
  if (s.kind === 'flink.session.submit' && s.status === 'succeeded') {
    const r = s.result as SessionSubmitResult | undefined;
    if (r?.restUrl) return { ref: { kind: 'rest', restUrl: r.restUrl }, mode: 'session', origin: 'submit' };
  }
  return undefined;
}

/** The clusters of saved jobs whose last deploy succeeded. */
export function entriesForSavedJobs(jobs: JobView[]): NewEntry[] {
  const out: NewEntry[] = [];
  for (const j of jobs) {
    if (j.deployed?.outcome !== 'succeeded') continue;
    const spec = j.latest.document.spec;
    const namespace = spec.namespace ?? 'default';
    if (spec.mode === 'session' && spec.session && 'restUrl' in spec.session)
      out.push({ ref: { kind: 'rest', restUrl: spec.session.restUrl }, mode: 'session', origin: 'saved-job', jobName: j.name });
    else if (spec.context) {
      const clusterId = spec.session && 'clusterId' in spec.session ? spec.session.clusterId : spec.clusterId;
      out.push({
        ref: { kind: 'kube', context: spec.context, namespace, clusterId },
        mode: spec.mode === 'application' ? 'application' : 'session',
        origin: 'saved-job',
        jobName: j.name,
      });
    }
  }
  return out;
}
