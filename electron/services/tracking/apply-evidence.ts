// One poll's evidence (the REST answer or error, the Kubernetes view) applied to a cluster's runtime: every job and
// the cluster itself go through the pure inference (infer-state.ts), and each change of state is handed to
// `announce` — for an application cluster once, as the cluster's (its state is its job's).
import type { KubeEvidence, StateView } from '../../../shared/contracts/tracking';
import { inferState, toPrevious, type RestObservation, type Subject } from './infer-state';
import { boundJobs, changed, type Runtime } from './runtime';

export interface StateChange {
  to: StateView;
  from?: StateView;
  /** A session cluster's job; absent: the cluster's own state. */
  jobId?: string;
  jobName?: string;
  /** An application cluster's newest job, which its state is about. */
  appJob?: { id: string; name: string };
}

/** Applies the evidence; returns whether anything is to be stored (a state change or a mode now known). */
export function applyEvidence(
  r: Runtime,
  rest: RestObservation | undefined,
  kube: KubeEvidence | undefined,
  at: { now: number; keepMs: number },
  announce: (change: StateChange) => void,
): boolean {
  const { now, keepMs } = at;
  let dirty = false;
  const mode = kube?.deployment?.mode;
  if (mode && r.entry.mode !== mode) {
    r.entry = { ...r.entry, mode };
    dirty = true;
  }
  const application = r.entry.mode === 'application';
  const subject: Subject = application ? { kind: 'application' } : { kind: 'session-cluster' };
  const base = { now, keepMs, ...(rest ? { rest } : {}), ...(kube ? { kube } : {}) };

  const ids = new Set([...r.jobs.keys(), ...(rest?.ok ? rest.jobs.map((j) => j.id) : [])]);
  for (const id of ids) {
    const job = r.jobs.get(id);
    const listed = rest?.ok ? rest.jobs.find((j) => j.id === id) : undefined;
    const next = inferState({
      ...base,
      subject: { kind: 'job', jobId: id, inSession: !application },
      ...(job && !job.fresh ? { previous: toPrevious(job.state) } : {}),
    });
    const name = listed?.name ?? job?.name ?? '';
    const startTime = listed?.startTime ?? job?.startTime;
    if (!job || changed(job.state, next)) {
      dirty = true;
      // An application cluster's own state is its job's: one change, announced once, for the cluster.
      if (!application) announce({ to: next, ...(job ? { from: job.state } : {}), jobId: id, jobName: name });
    }
    r.jobs.set(id, { name, ...(startTime !== undefined ? { startTime } : {}), state: next, fresh: false });
  }
  boundJobs(r);

  const next = inferState({ ...base, subject, ...(!r.fresh ? { previous: toPrevious(r.state) } : {}) });
  if (r.fresh || changed(r.state, next)) {
    dirty = true;
    const newest = rest?.ok ? [...rest.jobs].sort((a, b) => (b.startTime ?? 0) - (a.startTime ?? 0))[0] : undefined;
    announce({ to: next, ...(!r.fresh ? { from: r.state } : {}), ...(application && newest ? { appJob: newest } : {}) });
  }
  r.state = next;
  r.fresh = false;
  return dirty;
}
