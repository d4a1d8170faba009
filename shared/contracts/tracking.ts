// Tracking (issue 10): the states of every tracked job and cluster (DESIGN §5), the evidence each state rests on,
// the tracked set as it is stored, and the channels and event. A state is either what Flink's REST endpoint reported
// (`source: 'flink'`) or what Flink Desk inferred from the evidence when it did not answer (`source: 'inferred'`);
// the evidence travels with it, so every screen can show why a job reads as it does.
import { z } from 'zod';
import { channel, none } from '../channel';
import { restUrlSchema } from './flink';

/** Flink's JobStatus, as the REST endpoint reports it. */
export const flinkJobStates = [
  'INITIALIZING',
  'CREATED',
  'RUNNING',
  'FAILING',
  'FAILED',
  'CANCELLING',
  'CANCELED',
  'FINISHED',
  'RESTARTING',
  'SUSPENDED',
  'RECONCILING',
] as const;
export type FlinkJobStateName = (typeof flinkJobStates)[number];

/** States only Flink Desk gives, when the REST endpoint does not answer. */
export const inferredOnlyStates = ['DEPLOYING', 'SILENT', 'LOST', 'TERMINATED'] as const;
export type InferredOnlyState = (typeof inferredOnlyStates)[number];

/** A state name; a state a future Flink adds is shown as it comes (never dropped). */
export type TrackedStateName = FlinkJobStateName | InferredOnlyState | (string & {});

/** Flink's globally terminal states: the job will not run again on this cluster. */
export const terminalFlinkStates: readonly string[] = ['FAILED', 'CANCELED', 'FINISHED'];

export type StateSource = 'flink' | 'inferred';

export interface ContainerEvidence {
  name: string;
  ready: boolean;
  restartCount: number;
  state: 'waiting' | 'running' | 'terminated' | 'unknown';
  /** The waiting or terminated reason (CrashLoopBackOff, ImagePullBackOff, OOMKilled, Error, …). */
  reason?: string;
  message?: string;
  exitCode?: number;
  /** How the previous run of this container ended (what a CrashLoopBackOff is backing off from). */
  lastTermination?: { reason?: string; exitCode?: number; at?: number };
}

export interface PodEvidence {
  name: string;
  component: 'jobmanager' | 'taskmanager' | 'other';
  phase: string;
  createdAt?: number;
  /** Why the scheduler cannot place it (PodScheduled False), when it cannot. */
  unschedulable?: string;
  containers: ContainerEvidence[];
}

export interface EventEvidence {
  type: string;
  reason: string;
  message: string;
  /** Kind/name of what it is about: Pod/orders-jm-7c9f…, Deployment/orders. */
  object: string;
  count: number;
  at: number;
}

export interface DeploymentEvidence {
  name: string;
  uid?: string;
  createdAt?: number;
  replicas: number;
  readyReplicas: number;
  conditions: { type: string; status: string; reason?: string; message?: string }[];
  /** Read from the JobManager's start command. */
  mode?: 'application' | 'session';
}

/** What the Kubernetes API server said about the cluster; `reachable: false` means nothing is known from it. */
export interface KubeEvidence {
  observedAt: number;
  reachable: boolean;
  /** Why the API server could not be read (it is not evidence that the cluster is gone). */
  error?: string;
  /** null: the API server answered and there is no such Deployment. */
  deployment?: DeploymentEvidence | null;
  pods: PodEvidence[];
  events: EventEvidence[];
}

export interface Evidence {
  /** The last time the REST endpoint answered. */
  lastSuccessAt?: number;
  lastPollAt?: number;
  lastError?: { code: string; message: string; at: number };
  /** The last state Flink itself reported, and when. */
  lastFlinkState?: { state: string; at: number };
  /** Since when nothing has been heard (SILENT and LOST measure from here). */
  silentSince?: number;
  kube?: KubeEvidence;
}

export interface StateView {
  state: TrackedStateName;
  source: StateSource;
  /** Why, in a sentence: what Flink said, or the evidence the inference used. */
  reason: string;
  /** When this state was entered. */
  since: number;
  /** A state that only new evidence changes (terminal: Flink said so, or the cluster is gone). */
  final: boolean;
  /** Things wrong beside the state (a TaskManager pod in CrashLoopBackOff while Flink reports CREATED). */
  problems: string[];
  evidence: Evidence;
}

export type TrackedRef =
  | { kind: 'rest'; restUrl: string }
  | { kind: 'kube'; context: string; namespace: string; clusterId: string; kubeconfig?: string; restUrl?: string };

export type ClusterMode = 'application' | 'session' | 'unknown';
export type TrackedOrigin = 'deploy' | 'submit' | 'user' | 'saved-job';

export interface TrackedJobView {
  id: string;
  name: string;
  startTime?: number;
  state: StateView;
}

export interface ClusterMetrics {
  at: number;
  taskManagers: number;
  slotsTotal: number;
  slotsAvailable: number;
  jobsRunning: number;
  jobsFinished: number;
  jobsCancelled: number;
  jobsFailed: number;
  /**
   * The process memory the JobManager and each TaskManager run with, in bytes: the JobManager's from its configuration
   * (jobmanager.memory.process.size), a TaskManager's as Flink computed it when it started one (else the configured
   * taskmanager.memory.process.size). Read once per JobManager, as it changes only with a new one. Absent: not read
   * yet, or Flink does not say.
   */
  memory?: { jobManager?: number; taskManager?: number };
  /** The latest completed checkpoint of each running job. */
  checkpoints: { jobId: string; id: number; at: number; savepoint: boolean; path?: string; stateSize?: number }[];
  error?: string;
}

/**
 * How a cluster on Kubernetes is reached from this machine: `auto` picks by the rest Service's exposed type with
 * fallback (ClusterIP: port-forward, then the service proxy; NodePort or LoadBalancer: direct, then port-forward,
 * then the service proxy); the others pin one way.
 */
export const accessModes = ['auto', 'direct', 'port-forward', 'service-proxy'] as const;
export type AccessMode = (typeof accessModes)[number];

/**
 * The way in use: the REST URL the user gave, the NodePort or LoadBalancer address as Flink computes it, a
 * port-forward to the JobManager pod through the API server, or the API server's service proxy.
 */
export type AccessWay = 'rest-url' | 'direct' | 'port-forward' | 'service-proxy';

export interface AccessView {
  mode: AccessMode;
  /** Absent while no way works (or none has been tried yet). */
  way?: AccessWay;
  /** The way in words: "port-forward to pod flink-dev/orders-7c9f… port 8081 (API server https://…)". */
  via: string;
  /** Where Flink Desk's REST client and the embedded Web UI go: its local proxy on 127.0.0.1, or the URL given. */
  restUrl?: string;
  /** Why no way works, or why the way in use is not the first choice. */
  problem?: string;
}

export interface TrackedClusterView {
  id: string;
  ref: TrackedRef;
  mode: ClusterMode;
  origin: TrackedOrigin;
  /** The saved job this cluster was deployed from, when it was. */
  jobName?: string;
  addedAt: number;
  /** How its REST endpoint is reached now (the URL given, a port-forward…), or why it cannot be. */
  access?: AccessView;
  /** The cluster as a whole: an application cluster's job, or a session cluster's JobManager. */
  state: StateView;
  jobs: TrackedJobView[];
  metrics?: ClusterMetrics;
  /** ms since the last successful poll, at the time of the answer (absent: never answered). */
  lastPollAgeMs?: number;
}

export interface TrackingList {
  now: number;
  clusters: TrackedClusterView[];
  /** Whether the background loops run in this process (the app; the CLI while it follows). */
  following: boolean;
}

/** A state change (never a poll that changed nothing), or a cluster no longer tracked. */
export type TrackingChange =
  | {
      kind: 'state';
      id: string;
      /** A session cluster's job; absent: the cluster's own state. */
      jobId?: string;
      jobName?: string;
      /** An application cluster's state is its job's: which job that is, when known. */
      job?: { id: string; name: string };
      from?: { state: string; source: StateSource };
      to: StateView;
      at: number;
    }
  | { kind: 'removed'; id: string; at: number };

// --- the stored tracked set (tracking.json) ------------------------------------------------------------------------

const persistedStateSchema = z.looseObject({
  state: z.string().min(1),
  source: z.enum(['flink', 'inferred']),
  reason: z.string().default(''),
  since: z.number(),
  final: z.boolean().default(false),
  lastSuccessAt: z.number().optional(),
  lastFlinkState: z.object({ state: z.string(), at: z.number() }).optional(),
  silentSince: z.number().optional(),
});
export type PersistedState = z.infer<typeof persistedStateSchema>;

const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a DNS-1123 label')
  .max(63);

const refSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rest'), restUrl: z.string().min(1) }),
  z.object({
    kind: z.literal('kube'),
    context: z.string().min(1),
    namespace: z.string().min(1),
    clusterId: z.string().min(1),
    kubeconfig: z.string().min(1).optional(),
    restUrl: z.string().min(1).optional(),
  }),
]);

export const trackedEntrySchema = z.looseObject({
  id: z.string().min(1),
  ref: refSchema,
  mode: z.enum(['application', 'session', 'unknown']).default('unknown'),
  origin: z.enum(['deploy', 'submit', 'user', 'saved-job']).default('user'),
  jobName: z.string().optional(),
  /** The way the user pinned for a cluster on Kubernetes; absent: auto. */
  access: z.enum(accessModes).optional(),
  addedAt: z.number(),
  state: persistedStateSchema.optional(),
  jobs: z.array(z.looseObject({ id: z.string(), name: z.string().default(''), state: persistedStateSchema })).default([]),
});
export type TrackedEntry = z.infer<typeof trackedEntrySchema>;

export const trackingDocSchema = z.object({
  tracked: z.array(trackedEntrySchema).default([]),
  /** Clusters the user stopped tracking: a saved job's deploy does not bring them back at the next start. */
  dismissed: z.array(z.string()).default([]),
});
export type TrackingDoc = z.infer<typeof trackingDocSchema>;

// --- channels -------------------------------------------------------------------------------------------------------

const addInput = z.union([
  z.strictObject({ restUrl: restUrlSchema, mode: z.enum(['application', 'session']).optional() }),
  z.strictObject({
    context: z.string().min(1, 'Give the kubeconfig context'),
    namespace: dnsLabel,
    clusterId: z.string().min(1).max(45),
    kubeconfig: z.string().min(1).optional(),
    /** A REST URL to reach it at (auto then uses it); without one the access layer finds a way itself. */
    restUrl: restUrlSchema.optional(),
    access: z.enum(accessModes).optional(),
  }),
]);
const idInput = z.strictObject({ id: z.string().min(1) });
const setAccessInput = z.strictObject({ id: z.string().min(1), access: z.enum(accessModes) });
const listInput = z.strictObject({ refresh: z.boolean().optional() }).optional();

export const trackingRequests = {
  /** Every tracked cluster and job with its state, source, evidence and last poll age; refresh polls once first. */
  'tracking.list': channel<typeof listInput, TrackingList>(listInput),
  /** Track a cluster by its REST URL, or a Flink cluster on Kubernetes by context, namespace and cluster id. */
  'tracking.add': channel<typeof addInput, TrackedClusterView>(addInput),
  'tracking.remove': channel<typeof idInput, { removed: string }>(idInput),
  /** Pin the way a cluster on Kubernetes is reached (or `auto`); the next poll goes that way. */
  'tracking.setAccess': channel<typeof setAccessInput, TrackedClusterView>(setAccessInput),
  /** Run the tracking loops in this process (the app always does; the CLI does while it follows). */
  'tracking.follow': channel<typeof none, { following: boolean }>(none),
} as const;

export type TrackingAddInput = z.input<typeof addInput>;

export interface TrackingEvents {
  /** A tracked job or cluster changed state (polls that change nothing send nothing), or one is no longer tracked. */
  'tracking.changed': TrackingChange;
}
export const trackingEventNames: (keyof TrackingEvents)[] = ['tracking.changed'];
