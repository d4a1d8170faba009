// Builders of tracking evidence for the unit tests: a Kubernetes view of a cluster, pods and containers, REST
// answers and errors, and earlier states.
import type { ContainerEvidence, KubeEvidence, PodEvidence } from '../../../shared/contracts/tracking';
import type { PreviousState, RestObservation } from '../../../electron/services/tracking/infer-state';

export const T0 = 1_000_000;
export const JOB = 'a'.repeat(32);
export const JOB2 = 'b'.repeat(32);

export const running = (over: Partial<ContainerEvidence> = {}): ContainerEvidence => ({
  name: 'flink-main-container',
  ready: true,
  restartCount: 0,
  state: 'running',
  ...over,
});

export const pod = (over: Partial<PodEvidence> = {}, containers: ContainerEvidence[] = [running()]): PodEvidence => ({
  name: 'orders-7c9f-abcde',
  component: 'jobmanager',
  phase: 'Running',
  createdAt: T0 - 60_000,
  containers,
  ...over,
});

export function kube(over: Partial<KubeEvidence> = {}): KubeEvidence {
  return {
    observedAt: T0,
    reachable: true,
    deployment: { name: 'orders', createdAt: T0 - 120_000, replicas: 1, readyReplicas: 1, conditions: [], mode: 'application' },
    pods: [pod()],
    events: [],
    ...over,
  };
}

export const gone = (over: Partial<KubeEvidence> = {}): KubeEvidence => kube({ deployment: null, pods: [], ...over });
export const apiDown: KubeEvidence = {
  observedAt: T0,
  reachable: false,
  error: 'connect ECONNREFUSED 127.0.0.1:6443',
  pods: [],
  events: [],
};

export const answer = (jobs: { id?: string; state: string; name?: string; startTime?: number }[], at = T0): RestObservation => ({
  ok: true,
  at,
  jobs: jobs.map((j) => ({ id: j.id ?? JOB, name: j.name ?? 'orders', state: j.state, startTime: j.startTime ?? T0 - 50_000 })),
});

export const refused = (at = T0): RestObservation => ({
  ok: false,
  at,
  error: { code: 'unreachable', message: 'Nothing answers at http://127.0.0.1:8081: the connection was refused' },
});

export const flinkSaid = (state: string, over: Partial<PreviousState> = {}): PreviousState => ({
  state,
  source: 'flink',
  reason: `Flink reports ${state}`,
  since: T0 - 30_000,
  final: ['FINISHED', 'FAILED', 'CANCELED'].includes(state),
  lastSuccessAt: T0 - 5_000,
  lastFlinkState: { state, at: T0 - 5_000 },
  ...over,
});

export const silentSince = (since: number, lastFlink = 'RUNNING'): PreviousState => ({
  state: 'SILENT',
  source: 'inferred',
  reason: 'no answer',
  since,
  final: false,
  silentSince: since,
  lastSuccessAt: since - 5_000,
  lastFlinkState: { state: lastFlink, at: since - 5_000 },
});
