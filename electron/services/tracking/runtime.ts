// What the tracker holds in memory for each tracked cluster (its entry, its state and its jobs' states, the calls in
// flight, the last metrics), made from the stored entry when the cluster first appears in the tracked set.
import type { ClusterMetrics, StateView, TrackedEntry } from '../../../shared/contracts/tracking';
import type { CheckpointPlan } from './checkpoint-reads';
import type { KubeRef } from './kube-evidence';
import type { MemoryPlan } from './memory-reads';
import type { RestEndpoint } from './rest-access';
import { fromPersisted } from './tracking-store';

export interface JobRuntime {
  name: string;
  startTime?: number;
  state: StateView;
  fresh: boolean;
}

export interface Runtime {
  entry: TrackedEntry;
  state: StateView;
  /** Not inferred yet since it was added: the first inference has no previous state. */
  fresh: boolean;
  jobs: Map<string, JobRuntime>;
  endpoint?: RestEndpoint;
  accessProblem?: string;
  inFlight?: Promise<void>;
  metricsInFlight?: Promise<void>;
  metrics?: ClusterMetrics;
  /** Per job, when the metrics loop reads its checkpoints next (checkpoint-reads.ts); none before the first read. */
  checkpointPlans: Map<string, CheckpointPlan>;
  /** When the metrics loop reads the cluster's memory next (memory-reads.ts); none before the first read. */
  memoryPlan?: MemoryPlan;
}

/** Jobs kept per session cluster: the ended ones go first. */
const MAX_JOBS = 100;

/** Clusters whose calls a round (job status or metrics) starts at a time, before the event loop takes in their
 * answers (runtime/in-slices.ts). */
export const SLICE = 32;

export const kubeRefOf = (e: TrackedEntry): KubeRef | undefined =>
  e.ref.kind === 'kube'
    ? {
        context: e.ref.context,
        namespace: e.ref.namespace,
        clusterId: e.ref.clusterId,
        ...(e.ref.kubeconfig ? { kubeconfig: e.ref.kubeconfig } : {}),
      }
    : undefined;

/** Whether a state change is one to announce and store: the state or who says it. */
export const changed = (a: StateView, b: StateView) => a.state !== b.state || a.source !== b.source;

/** The runtime of a stored entry: its stored states resumed, or SILENT "not polled yet". */
export function runtimeOf(entry: TrackedEntry, now: number): Runtime {
  return {
    entry,
    state: entry.state
      ? fromPersisted(entry.state, now)
      : {
          state: 'SILENT',
          source: 'inferred',
          reason: 'Not polled yet',
          since: entry.addedAt,
          final: false,
          problems: [],
          evidence: {},
        },
    fresh: !entry.state,
    jobs: new Map(entry.jobs.map((j) => [j.id, { name: j.name, state: fromPersisted(j.state, now), fresh: false }])),
    checkpointPlans: new Map(),
  };
}

/**
 * A cluster on Kubernetes known to be gone: its state is final, the API server said it has no Deployment, and no
 * JobManager pod is left that could still give Flink's last word.
 */
export function isGone(r: Runtime): boolean {
  const k = r.state.evidence.kube;
  return (
    r.entry.ref.kind === 'kube' &&
    r.state.final &&
    k?.reachable === true &&
    k.deployment === null &&
    !k.pods.some((p) => p.component === 'jobmanager')
  );
}

/** Keeps a session cluster's job list bounded: the jobs that ended longest ago go first. */
export function boundJobs(r: Runtime): void {
  if (r.jobs.size <= MAX_JOBS) return;
  const ended = [...r.jobs.entries()].filter(([, j]) => j.state.final).sort((a, b) => a[1].state.since - b[1].state.since);
  for (const [id] of ended.slice(0, r.jobs.size - MAX_JOBS)) r.jobs.delete(id);
}
