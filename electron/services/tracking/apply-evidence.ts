// One poll's evidence (the REST answer or error, the Kubernetes view) applied to a cluster's runtime: every job and
// the cluster itself go through the pure inference (infer-state.ts), and each change of state is handed to
// `announce` — for an application cluster once, as the cluster's (its state is its job's).
// A poll that changes nothing but the poll's times keeps the state objects it had (kept(): the times brought forward
// in place) rather than replacing them: a state replaced at every poll lives one polling interval, long enough to be
// moved to V8's old space, which then fills with a thousand dead states a round until a major collection (the
// tracking benchmark: the heap grew ~5 MiB a round to ~180 MiB before one came, RSS near its 300 MB goal). A state
// once announced (an event, a stored transition) is never changed: the next poll replaces it, and keeps that one.
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

/** States handed out with a change (the event, the history): never changed after. */
const announced = new WeakSet<StateView>();

const sameStrings = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameKeys = (a: unknown, b: unknown) => (a === undefined) === (b === undefined);

/** Whether `next` says what `prev` says, apart from the times of this poll (and this poll's Kubernetes view). */
function sameBesidesTimes(prev: StateView, next: StateView): boolean {
  const [a, b] = [prev.evidence, next.evidence];
  return (
    prev.state === next.state &&
    prev.source === next.source &&
    prev.reason === next.reason &&
    prev.since === next.since &&
    prev.final === next.final &&
    sameStrings(prev.problems, next.problems) &&
    sameKeys(a.lastSuccessAt, b.lastSuccessAt) &&
    sameKeys(a.lastPollAt, b.lastPollAt) &&
    a.lastError === undefined &&
    b.lastError === undefined &&
    a.silentSince === b.silentSince &&
    a.lastFlinkState?.state === b.lastFlinkState?.state &&
    sameKeys(a.kube, b.kube)
  );
}

/** The state to hold: `prev` with this poll's times, where nothing else changed and it was not handed out; else `next`. */
export function kept(prev: StateView, next: StateView): StateView {
  if (prev === next || announced.has(prev) || !sameBesidesTimes(prev, next)) return next;
  const [e, n] = [prev.evidence, next.evidence];
  if (n.lastSuccessAt !== undefined) e.lastSuccessAt = n.lastSuccessAt;
  if (n.lastPollAt !== undefined) e.lastPollAt = n.lastPollAt;
  // Replaced, not changed: an object of an earlier state (announced) may share it.
  if (e.lastFlinkState && n.lastFlinkState && e.lastFlinkState.at !== n.lastFlinkState.at)
    e.lastFlinkState = { state: e.lastFlinkState.state, at: n.lastFlinkState.at };
  if (n.kube) e.kube = n.kube;
  return prev;
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
      if (!application) {
        announced.add(next);
        announce({ to: next, ...(job ? { from: job.state } : {}), jobId: id, jobName: name });
      }
    }
    const state = job && !job.fresh ? kept(job.state, next) : next;
    // The job's entry too, where nothing of it changed (its name and start time, from this poll's answer, are equal).
    if (job && !job.fresh && job.state === state && job.name === name && job.startTime === startTime) continue;
    r.jobs.set(id, { name, ...(startTime !== undefined ? { startTime } : {}), state, fresh: false });
  }
  boundJobs(r);

  const next = inferState({ ...base, subject, ...(!r.fresh ? { previous: toPrevious(r.state) } : {}) });
  if (r.fresh || changed(r.state, next)) {
    dirty = true;
    const newest = rest?.ok ? [...rest.jobs].sort((a, b) => (b.startTime ?? 0) - (a.startTime ?? 0))[0] : undefined;
    announced.add(next);
    announce({ to: next, ...(!r.fresh ? { from: r.state } : {}), ...(application && newest ? { appJob: newest } : {}) });
  }
  r.state = r.fresh ? next : kept(r.state, next);
  r.fresh = false;
  return dirty;
}
