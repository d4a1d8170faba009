// The state of a tracked job or cluster, as a pure function of the evidence: the REST answer (or its error), what
// the Kubernetes API server says (Deployment, pods, container states and restarts, events), the previous state and
// how long nothing has been heard. The rules, each against a failure StreamPark is known for:
// - Flink's answer wins whenever there is one (source 'flink').
// - A REST or API-server error is never evidence that a job ended (#3618): it gives SILENT, and LOST only after the
//   keep time, measured from the first silent poll. An API server that cannot be read says nothing either way.
// - An application cluster that is gone (the API server answered: no Deployment) reads FINISHED, CANCELED or FAILED
//   only when the evidence says which — Flink reported it before it went, it was CANCELLING/FAILING when last heard,
//   or the JobManager exited with Flink's failure code; otherwise TERMINATED. FINISHED is never inferred: a failed
//   job is never shown FINISHED (#1247).
// - A JobManager that cannot run (CrashLoopBackOff, ImagePullBackOff, OOMKilled, a Deployment that cannot create pods)
//   gives FAILED with the reason; a cluster still coming up gives DEPLOYING with what it waits for (#469).
import type { KubeEvidence, StateSource, StateView, TrackedStateName } from '../../../shared/contracts/tracking';
import { terminalFlinkStates } from '../../../shared/contracts/tracking';
import {
  FLINK_FAILED_EXIT,
  jobManagerExitedFailed,
  jobManagerFailure,
  jobManagerReady,
  kubeProblems,
  startingDetail,
} from './kube-signals';

export interface RestJob {
  id: string;
  name: string;
  state: string;
  startTime?: number;
}

export type RestObservation =
  { ok: true; at: number; jobs: RestJob[] } | { ok: false; at: number; error: { code: string; message: string } };

/** What a state is about: an application cluster's job, a session cluster's JobManager, or one job by id. */
export type Subject = { kind: 'application' } | { kind: 'session-cluster' } | { kind: 'job'; jobId: string; inSession: boolean };

/** The part of an earlier state the rules read (what the store keeps across restarts). */
export interface PreviousState {
  state: string;
  source: StateSource;
  reason: string;
  since: number;
  final: boolean;
  lastSuccessAt?: number;
  lastFlinkState?: { state: string; at: number };
  silentSince?: number;
}

export interface InferInput {
  subject: Subject;
  now: number;
  /** silent-state-keep-sec, in ms. */
  keepMs: number;
  /** This poll's REST observation; undefined when there is none new (a Kubernetes change, or not polled yet). */
  rest?: RestObservation;
  /** undefined: the cluster has no Kubernetes side (known by its REST URL only). */
  kube?: KubeEvidence;
  previous?: PreviousState;
}

interface Decision {
  state: TrackedStateName;
  source: StateSource;
  reason: string;
  final: boolean;
  /** Only for SILENT and LOST: since when. */
  silentSince?: number;
  /** The Flink state this poll observed for the subject. */
  observed?: string;
}

export function toPrevious(v: StateView): PreviousState {
  return {
    state: v.state,
    source: v.source,
    reason: v.reason,
    since: v.since,
    final: v.final,
    ...(v.evidence.lastSuccessAt !== undefined ? { lastSuccessAt: v.evidence.lastSuccessAt } : {}),
    ...(v.evidence.lastFlinkState ? { lastFlinkState: v.evidence.lastFlinkState } : {}),
    ...(v.evidence.silentSince !== undefined ? { silentSince: v.evidence.silentSince } : {}),
  };
}

export function inferState(input: InferInput): StateView {
  const d = decide(input);
  const { previous: prev, rest, now } = input;
  const lastSuccessAt = rest?.ok ? rest.at : prev?.lastSuccessAt;
  const lastFlinkState = d.observed !== undefined && rest ? { state: d.observed, at: rest.at } : prev?.lastFlinkState;
  return {
    state: d.state,
    source: d.source,
    reason: d.reason,
    since: prev && prev.state === d.state && prev.source === d.source ? prev.since : now,
    final: d.final,
    problems: kubeProblems(input.kube),
    evidence: {
      ...(lastSuccessAt !== undefined ? { lastSuccessAt } : {}),
      ...(rest ? { lastPollAt: rest.at } : {}),
      ...(rest && !rest.ok ? { lastError: { ...rest.error, at: rest.at } } : {}),
      ...(lastFlinkState ? { lastFlinkState } : {}),
      ...(d.silentSince !== undefined ? { silentSince: d.silentSince } : {}),
      ...(input.kube ? { kube: input.kube } : {}),
    },
  };
}

const flink = (state: string, reason: string): Decision => ({
  state,
  source: 'flink',
  reason,
  final: terminalFlinkStates.includes(state),
  observed: state,
});

const keep = (p: PreviousState): Decision => ({
  state: p.state,
  source: p.source,
  reason: p.reason,
  final: p.final,
  ...(p.state === 'SILENT' || p.state === 'LOST' ? { silentSince: p.silentSince ?? p.since } : {}),
});

const seconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);

/** SILENT while nothing has been heard for less than the keep time (counted from the first silent poll), then LOST. */
function silence(input: InferInput, p: PreviousState | undefined, why: string): Decision {
  const wasSilent = p && (p.state === 'SILENT' || p.state === 'LOST');
  const since = wasSilent ? (p.silentSince ?? p.since) : input.now;
  const last = p?.lastFlinkState ? `; Flink last reported ${p.lastFlinkState.state}` : '';
  const quiet = input.now - since;
  if (quiet >= input.keepMs)
    return {
      state: 'LOST',
      source: 'inferred',
      reason: `Nothing heard for ${seconds(quiet)}: ${why}${last}`,
      final: false,
      silentSince: since,
    };
  return {
    state: 'SILENT',
    source: 'inferred',
    reason: `${why}${last} (LOST after ${seconds(input.keepMs)} of silence)`,
    final: false,
    silentSince: since,
  };
}

function newest(jobs: RestJob[]): RestJob | undefined {
  return [...jobs].sort((a, b) => (b.startTime ?? 0) - (a.startTime ?? 0))[0];
}

function decide(input: InferInput): Decision {
  const { subject, rest, kube } = input;
  let prev = input.previous;
  const what = subject.kind === 'job' ? `job ${subject.jobId}` : 'its job';

  // The API server answered: there is no Deployment. A JobManager in its shutdown grace period may still answer.
  const gone = kube?.reachable === true && kube.deployment === null;
  if (rest?.ok) {
    if (prev?.final && gone && subject.kind === 'session-cluster') return keep(prev);
    if (subject.kind === 'session-cluster')
      return {
        ...flink('RUNNING', `The JobManager answers (${rest.jobs.length} job${rest.jobs.length === 1 ? '' : 's'})`),
        final: false,
        observed: 'RUNNING',
      };
    const job = subject.kind === 'job' ? rest.jobs.find((j) => j.id === subject.jobId) : newest(rest.jobs);
    // Once the cluster is known gone, a dying JobManager's "RUNNING" does not bring it back; its final word does.
    if (job && prev?.final && gone && !terminalFlinkStates.includes(job.state)) return keep(prev);
    if (job) return flink(job.state, `Flink reports ${job.state}`);
    if (prev?.final) return keep(prev);
    if (subject.kind === 'application' && !prev?.lastFlinkState)
      return { state: 'DEPLOYING', source: 'inferred', reason: 'The JobManager answers but has not started the job yet', final: false };
    return silence(input, prev, `The JobManager answers but does not list ${what} (it restarted without HA, or its record expired)`);
  }

  const why = rest ? `No answer from the REST endpoint: ${rest.error.message}` : 'Not polled yet';
  const known = kube?.reachable && kube.deployment !== undefined ? kube : undefined;

  if (known && known.deployment === null) {
    if (prev?.final) return keep(prev);
    const last = prev?.lastFlinkState?.state;
    const gone = `Its JobManager Deployment is gone`;
    if (last === 'CANCELLING')
      return { state: 'CANCELED', source: 'inferred', reason: `${gone}; Flink was cancelling the job when it last answered`, final: true };
    if (last === 'FAILING')
      return { state: 'FAILED', source: 'inferred', reason: `${gone}; the job was failing when Flink last answered`, final: true };
    if (subject.kind !== 'session-cluster' && jobManagerExitedFailed(known))
      return {
        state: 'FAILED',
        source: 'inferred',
        reason: `${gone}; the JobManager exited with Flink's failure exit code ${FLINK_FAILED_EXIT}`,
        final: true,
      };
    return {
      state: 'TERMINATED',
      source: 'inferred',
      reason: `${gone}. ${last ? `Flink last reported ${last}` : 'Flink never reported a state'}; nothing says whether it finished, was cancelled or failed`,
      final: true,
    };
  }

  if (known?.deployment) {
    // The same cluster id deployed again after a final state: a new cluster, whose past does not count.
    const created = known.deployment.createdAt;
    if (prev?.final && created !== undefined && created > prev.since) prev = undefined;
    if (prev?.final) return keep(prev);
    const failure = jobManagerFailure(known);
    if (failure) {
      if (subject.kind === 'job' && subject.inSession)
        return silence(input, prev, `The session cluster's JobManager cannot run: ${failure}`);
      return { state: 'FAILED', source: 'inferred', reason: `The JobManager cannot run: ${failure}`, final: false };
    }
    if (!rest && prev) return keep(prev);
    const ready = jobManagerReady(known);
    if (!ready && prev?.lastSuccessAt === undefined && !prev?.lastFlinkState)
      return { state: 'DEPLOYING', source: 'inferred', reason: `The cluster is starting: ${startingDetail(known)}`, final: false };
    if (!rest)
      return { state: 'DEPLOYING', source: 'inferred', reason: `The JobManager is ready; its REST endpoint is polled next`, final: false };
    return silence(input, prev, ready ? `${why} (the JobManager pod is ready)` : `${why} (${startingDetail(known)})`);
  }

  // Nothing known from Kubernetes: no Kubernetes side, or an API server that cannot be read.
  if (prev?.final) return keep(prev);
  if (!rest && prev) return keep(prev);
  const apiDown = kube && !kube.reachable ? `; the API server cannot be read either (${kube.error ?? 'no answer'})` : '';
  return silence(input, prev, `${why}${apiDown}`);
}
