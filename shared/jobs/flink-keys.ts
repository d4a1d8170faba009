// Flink configuration keys as Flink Desk sees them: the names that changed between Flink versions, the keys the job
// spec controls (a user setting them in flinkConfiguration would fight the spec, so they are refused with the spec
// field to use), and the keys that change Kubernetes resources in ways the generator does not reproduce.

export const flinkVersions = ['1.17', '1.18', '1.19', '1.20', '2.0', '2.1', '2.2', '2.3'] as const;
export type FlinkVersion = (typeof flinkVersions)[number];

export function isFlink2(v: FlinkVersion): boolean {
  return v.startsWith('2.');
}

/** Flink 1.19 renamed keys that were prefixes of other keys (FLIP-366 needs that for standard YAML). */
function atLeast119(v: FlinkVersion): boolean {
  return v !== '1.17' && v !== '1.18';
}

/** State recovery keys were renamed to execution.state-recovery.* in 1.20. */
function atLeast120(v: FlinkVersion): boolean {
  return atLeast119(v) && v !== '1.19';
}

export interface VersionKeys {
  image: string;
  jobManagerCpu: string;
  taskManagerCpu: string;
  podTemplateDefault: string;
  savepointPath: string;
  allowNonRestoredState: string;
  restoreMode: string;
  /** The configuration file in the flink-config ConfigMap (legacy `key: value` lines, or standard YAML). */
  confFile: 'flink-conf.yaml' | 'config.yaml';
  /** The JobManager mounts an emptyDir for downloaded user artifacts (Flink 1.19+). */
  userArtifactsVolume: boolean;
}

export function versionKeys(v: FlinkVersion): VersionKeys {
  const renamed = atLeast119(v);
  const recovery = atLeast120(v);
  return {
    image: renamed ? 'kubernetes.container.image.ref' : 'kubernetes.container.image',
    jobManagerCpu: renamed ? 'kubernetes.jobmanager.cpu.amount' : 'kubernetes.jobmanager.cpu',
    taskManagerCpu: renamed ? 'kubernetes.taskmanager.cpu.amount' : 'kubernetes.taskmanager.cpu',
    podTemplateDefault: renamed ? 'kubernetes.pod-template-file.default' : 'kubernetes.pod-template-file',
    savepointPath: recovery ? 'execution.state-recovery.path' : 'execution.savepoint.path',
    allowNonRestoredState: recovery ? 'execution.state-recovery.ignore-unclaimed-state' : 'execution.savepoint.ignore-unclaimed-state',
    restoreMode: recovery ? 'execution.state-recovery.claim-mode' : 'execution.savepoint-restore-mode',
    confFile: isFlink2(v) ? 'config.yaml' : 'flink-conf.yaml',
    userArtifactsVolume: renamed,
  };
}

/** Keys the spec controls, old and new names alike, with the spec field that sets them. */
const controlled: Array<[string | RegExp, string]> = [
  ['kubernetes.cluster-id', 'spec.clusterId'],
  ['execution.target', 'spec.mode'],
  ['kubernetes.namespace', 'spec.namespace'],
  ['kubernetes.container.image', 'spec.image.ref (or spec.image.base)'],
  ['kubernetes.container.image.ref', 'spec.image.ref (or spec.image.base)'],
  ['kubernetes.container.image.pull-policy', 'spec.image.pullPolicy'],
  ['kubernetes.container.image.pull-secrets', 'spec.image.pullSecrets'],
  ['kubernetes.rest-service.exposed.type', 'spec.rest.exposedType'],
  ['kubernetes.rest-service.annotations', 'spec.rest.annotations'],
  ['kubernetes.service-account', 'spec.serviceAccount'],
  ['kubernetes.jobmanager.service-account', 'spec.serviceAccount'],
  ['kubernetes.taskmanager.service-account', 'spec.serviceAccount'],
  ['kubernetes.jobmanager.cpu', 'spec.jobManager.cpu'],
  ['kubernetes.jobmanager.cpu.amount', 'spec.jobManager.cpu'],
  ['kubernetes.taskmanager.cpu', 'spec.taskManager.cpu'],
  ['kubernetes.taskmanager.cpu.amount', 'spec.taskManager.cpu'],
  ['jobmanager.memory.process.size', 'spec.jobManager.memory'],
  ['taskmanager.memory.process.size', 'spec.taskManager.memory'],
  ['taskmanager.numberOfTaskSlots', 'spec.taskManager.slots'],
  ['kubernetes.jobmanager.replicas', 'spec.jobManager.replicas'],
  ['parallelism.default', 'spec.job.parallelism'],
  ['pipeline.jars', 'spec.artifact'],
  ['$internal.application.main', 'spec.job.entryClass'],
  ['$internal.application.program-args', 'spec.job.args'],
  ['execution.savepoint.path', 'spec.job.savepoint.path'],
  ['execution.state-recovery.path', 'spec.job.savepoint.path'],
  ['execution.savepoint.ignore-unclaimed-state', 'spec.job.savepoint.allowNonRestoredState'],
  ['execution.state-recovery.ignore-unclaimed-state', 'spec.job.savepoint.allowNonRestoredState'],
  ['execution.savepoint-restore-mode', 'spec.job.savepoint.restoreMode'],
  ['execution.state-recovery.claim-mode', 'spec.job.savepoint.restoreMode'],
  ['kubernetes.pod-template-file', 'spec.podTemplate'],
  ['kubernetes.pod-template-file.default', 'spec.podTemplate'],
  ['kubernetes.pod-template-file.jobmanager', 'spec.jobManager.podTemplate'],
  ['kubernetes.pod-template-file.taskmanager', 'spec.taskManager.podTemplate'],
  ['kubernetes.jobmanager.labels', 'spec.labels'],
  ['kubernetes.taskmanager.labels', 'spec.labels'],
  ['kubernetes.jobmanager.annotations', 'spec.annotations'],
  ['kubernetes.taskmanager.annotations', 'spec.annotations'],
  ['kubernetes.jobmanager.node-selector', 'spec.nodeSelector'],
  ['kubernetes.taskmanager.node-selector', 'spec.nodeSelector'],
  ['kubernetes.jobmanager.tolerations', 'spec.tolerations'],
  ['kubernetes.taskmanager.tolerations', 'spec.tolerations'],
  ['kubernetes.secrets', 'spec.secrets'],
  ['kubernetes.env.secretKeyRef', 'spec.env (an entry with secretKeyRef)'],
  [/^containerized\.(master|taskmanager)\.env\./, 'spec.env'],
  ['kubernetes.context', 'spec.context'],
  ['kubernetes.config.file', 'spec.context (Flink Desk reads your kubeconfig)'],
];

/** Keys Flink's client sets itself; a value given by the user would be overwritten or is internal. */
const setByFlink: Array<string | RegExp> = [
  'kubernetes.internal.jobmanager.entrypoint.class',
  'internal.cluster.execution-mode',
  'jobmanager.rpc.address',
  'high-availability.cluster-id',
  /^\$internal\./,
];

/** Keys Flink's client removes before shipping the configuration: they never reach the cluster. */
const droppedByFlink = ['rest.bind-address', 'jobmanager.bind-host', 'taskmanager.bind-host', 'taskmanager.host'];

/** Keys that make Flink create or mount more than the generator reproduces. */
const unsupported: Array<[string | RegExp, string]> = [
  ['kubernetes.hostnetwork.enabled', 'host networking changes ports and services in ways Flink Desk does not reproduce yet'],
  ['kubernetes.hadoop.conf.config-map.name', 'mounting a Hadoop configuration ConfigMap is not supported yet; use a pod template volume'],
  [/^kubernetes\.persistent-volume-claim/, 'use a pod template with a persistentVolumeClaim volume instead'],
  ['kubernetes.artifacts.local-upload-enabled', 'Flink Desk does not upload local artifacts; use spec.artifact'],
  [
    /^security\.kerberos\.(login\.keytab|krb5-conf\.path)$/,
    'Kerberos files from the workstation are not shipped yet; mount them with spec.secrets',
  ],
];

const matches = (p: string | RegExp, key: string) => (typeof p === 'string' ? p === key : p.test(key));

/** Why a user may not set this key in flinkConfiguration, naming what to use instead; undefined when allowed. */
export function flinkKeyProblem(key: string): string | undefined {
  const c = controlled.find(([p]) => matches(p, key));
  if (c) return `'${key}' is controlled by Flink Desk: set ${c[1]} instead`;
  if (setByFlink.some((p) => matches(p, key))) return `'${key}' is set by Flink's client itself; leave it out`;
  if (droppedByFlink.includes(key)) return `'${key}' is removed by Flink's client before it reaches the cluster; leave it out`;
  const u = unsupported.find(([p]) => matches(p, key));
  if (u) return `'${key}' is not supported: ${u[1]}`;
  return undefined;
}

/** The pre-1.19 names, which Flink 2.x (where keys must not overlap) never gets. */
const legacyNames = [
  'kubernetes.container.image',
  'kubernetes.jobmanager.cpu',
  'kubernetes.taskmanager.cpu',
  'kubernetes.pod-template-file',
];

/** Keys Flink Desk or Flink's client may write into a Flink 2.x configuration (besides the user's). */
export const writtenKeys: readonly string[] = [
  ...controlled.flatMap(([p]) => (typeof p === 'string' && !legacyNames.includes(p) ? [p] : [])),
  ...setByFlink.flatMap((p) => (typeof p === 'string' ? [p] : [])),
  'blob.server.port',
  'taskmanager.rpc.port',
  'rest.bind-port',
  'high-availability.jobmanager.port',
];

/** Port keys Flink needs fixed on Kubernetes (its client refuses ranges). */
export const portKeys = ['rest.port', 'rest.bind-port', 'jobmanager.rpc.port', 'blob.server.port', 'taskmanager.rpc.port'];
