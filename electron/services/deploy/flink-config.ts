// The effective Flink configuration of a spec: what the user's spec says in Flink's keys (for the spec's Flink
// version), plus what Flink's own client adds before it renders (KubernetesClusterDescriptor: execution mode,
// entrypoint class, fixed ports, HA ids; InternalServiceDecorator: jobmanager.rpc.address). The ConfigMap carries
// exactly this; the JobManager and its TaskManagers read nothing else.
import { isFlink2, versionKeys, type FlinkVersion, type VersionKeys } from '../../../shared/jobs/flink-keys';
import type { JobSpec } from '../../../shared/jobs/spec';
import { encodeList, encodeListOfMaps, encodeMap } from './flink-values';

export type FlinkValue = string | string[];
export type TemplateRole = 'default' | 'jobmanager' | 'taskmanager';

export interface ConfigInput {
  spec: JobSpec;
  /** The image the cluster runs. */
  image: string;
  /** The pipeline.jars entry of an application (local:///… or a remote URI). */
  jarUri?: string;
  /** Where each given pod template came from, as Flink's client would name the file. */
  templatePaths: Partial<Record<TemplateRole, string>>;
}

export interface EffectiveConfig {
  version: FlinkVersion;
  keys: VersionKeys;
  /** Flink 2.x reads config.yaml as standard YAML; Flink 1.x gets legacy flink-conf.yaml lines. */
  standardYaml: boolean;
  /** Every entry, in the order Flink Desk set them (Flink itself keeps a HashMap: order carries no meaning). */
  entries: Map<string, FlinkValue>;
  target: 'kubernetes-application' | 'kubernetes-session';
  highAvailability: boolean;
}

export const defaultJobManagerMemory = '1600m';
export const defaultTaskManagerMemory = '1728m';

const entrypointClass = {
  'kubernetes-application': 'org.apache.flink.kubernetes.entrypoint.KubernetesApplicationClusterEntrypoint',
  'kubernetes-session': 'org.apache.flink.kubernetes.entrypoint.KubernetesSessionClusterEntrypoint',
};

/** Flink's HighAvailabilityMode.isHighAvailabilityModeActivated over the two keys that name the mode. */
export function isHighAvailability(conf: Record<string, string>): boolean {
  const mode = conf['high-availability.type'] ?? conf['high-availability'] ?? 'NONE';
  return mode.trim().toUpperCase() !== 'NONE';
}

/** The spec's own entries: what a user would pass to Flink's CLI as -D options. */
export function specEntries(input: ConfigInput): Map<string, FlinkValue> {
  const { spec, image } = input;
  const v = spec.flinkVersion;
  const k = versionKeys(v);
  const yaml = isFlink2(v);
  const e = new Map<string, FlinkValue>();
  const set = (key: string, value: FlinkValue | undefined) => {
    if (value !== undefined) e.set(key, value);
  };
  const application = spec.mode === 'application';
  set('execution.target', application ? 'kubernetes-application' : 'kubernetes-session');
  set('kubernetes.cluster-id', spec.clusterId);
  set('kubernetes.namespace', spec.namespace);
  set(k.image, image);
  set('kubernetes.container.image.pull-policy', spec.image?.pullPolicy);
  if (spec.image?.pullSecrets?.length) set('kubernetes.container.image.pull-secrets', encodeList(spec.image.pullSecrets, yaml));
  set('kubernetes.rest-service.exposed.type', spec.rest?.exposedType ?? 'ClusterIP');
  if (spec.rest?.annotations && Object.keys(spec.rest.annotations).length)
    set('kubernetes.rest-service.annotations', encodeMap(spec.rest.annotations, yaml));
  set('kubernetes.service-account', spec.serviceAccount);
  set('jobmanager.memory.process.size', spec.jobManager?.memory ?? defaultJobManagerMemory);
  set('taskmanager.memory.process.size', spec.taskManager?.memory ?? defaultTaskManagerMemory);
  if (spec.jobManager?.cpu !== undefined) set(k.jobManagerCpu, String(spec.jobManager.cpu));
  if (spec.taskManager?.cpu !== undefined) set(k.taskManagerCpu, String(spec.taskManager.cpu));
  if (spec.taskManager?.slots !== undefined) set('taskmanager.numberOfTaskSlots', String(spec.taskManager.slots));
  if (spec.jobManager?.replicas !== undefined) set('kubernetes.jobmanager.replicas', String(spec.jobManager.replicas));
  if (spec.job?.parallelism !== undefined) set('parallelism.default', String(spec.job.parallelism));
  if (application) {
    set('pipeline.jars', input.jarUri);
    set('$internal.application.main', spec.job?.entryClass);
    // ApplicationConfiguration keeps the arguments as a list (written as one in config.yaml, `;`-joined in 1.x).
    // Flink 1.x writes the key even for no arguments (an empty value); 2.x leaves it out then.
    const args = spec.job?.args ?? [];
    if (args.length || !yaml) set('$internal.application.program-args', [...args]);
    const sp = spec.job?.savepoint;
    if (sp?.path) {
      set(k.savepointPath, sp.path);
      if (sp.allowNonRestoredState !== undefined) set(k.allowNonRestoredState, String(sp.allowNonRestoredState));
      set(k.restoreMode, sp.restoreMode);
    }
  }
  set(k.podTemplateDefault, input.templatePaths.default);
  set('kubernetes.pod-template-file.jobmanager', input.templatePaths.jobmanager);
  set('kubernetes.pod-template-file.taskmanager', input.templatePaths.taskmanager);
  for (const side of ['jobmanager', 'taskmanager'] as const) {
    if (spec.labels && Object.keys(spec.labels).length) set(`kubernetes.${side}.labels`, encodeMap(spec.labels, yaml));
    if (spec.annotations && Object.keys(spec.annotations).length) set(`kubernetes.${side}.annotations`, encodeMap(spec.annotations, yaml));
    if (spec.nodeSelector && Object.keys(spec.nodeSelector).length)
      set(`kubernetes.${side}.node-selector`, encodeMap(spec.nodeSelector, yaml));
    if (spec.tolerations?.length) set(`kubernetes.${side}.tolerations`, encodeListOfMaps(spec.tolerations.map(tolerationMap), yaml));
  }
  const env = Object.entries(spec.env ?? {});
  for (const side of ['master', 'taskmanager'] as const)
    for (const [name, value] of env) if (typeof value === 'string') set(`containerized.${side}.env.${name}`, value);
  const fromSecrets = env.flatMap(([name, value]) =>
    typeof value === 'string' ? [] : [{ env: name, secret: value.secretKeyRef.name, key: value.secretKeyRef.key }],
  );
  if (fromSecrets.length) set('kubernetes.env.secretKeyRef', encodeListOfMaps(fromSecrets, yaml));
  if (spec.secrets?.length) set('kubernetes.secrets', encodeMap(Object.fromEntries(spec.secrets.map((s) => [s.name, s.mountPath])), yaml));
  for (const [key, value] of Object.entries(spec.flinkConfiguration ?? {})) set(key, value);
  return e;
}

function tolerationMap(t: NonNullable<JobSpec['tolerations']>[number]): Record<string, string> {
  const m: Record<string, string> = {};
  if (t.key !== undefined) m.key = t.key;
  if (t.operator !== undefined) m.operator = t.operator;
  if (t.value !== undefined) m.value = t.value;
  if (t.effect !== undefined) m.effect = t.effect;
  if (t.tolerationSeconds !== undefined) m.tolerationSeconds = String(t.tolerationSeconds);
  return m;
}

function port(e: Map<string, FlinkValue>, key: string): number | undefined {
  const v = e.get(key);
  return typeof v === 'string' ? Number(v) : undefined;
}

/** The spec's entries plus everything Flink's client adds before it builds the resources. */
export function effectiveConfig(input: ConfigInput): EffectiveConfig {
  const v = input.spec.flinkVersion;
  const entries = specEntries(input);
  const target = input.spec.mode === 'application' ? 'kubernetes-application' : 'kubernetes-session';
  entries.set('internal.cluster.execution-mode', 'NORMAL');
  entries.set('kubernetes.internal.jobmanager.entrypoint.class', entrypointClass[target]);
  // Rpc, blob, rest and TaskManager rpc ports must be fixed on Kubernetes: Flink replaces 0 ("any") by its defaults.
  if (!port(entries, 'blob.server.port')) entries.set('blob.server.port', '6124');
  if (!port(entries, 'taskmanager.rpc.port')) entries.set('taskmanager.rpc.port', '6122');
  if ((port(entries, 'rest.bind-port') ?? port(entries, 'rest.port') ?? 8081) === 0) entries.set('rest.bind-port', '8081');
  const conf = Object.fromEntries([...entries].filter((x): x is [string, string] => typeof x[1] === 'string'));
  const highAvailability = isHighAvailability(conf);
  if (highAvailability) {
    entries.set('high-availability.cluster-id', input.spec.clusterId);
    if (!port(entries, 'high-availability.jobmanager.port'))
      entries.set('high-availability.jobmanager.port', String(port(entries, 'jobmanager.rpc.port') ?? 6123));
  } else {
    // InternalServiceDecorator points the TaskManagers at the headless Service, namespaced.
    entries.set('jobmanager.rpc.address', `${input.spec.clusterId}.${input.spec.namespace}`);
  }
  return { version: v, keys: versionKeys(v), standardYaml: isFlink2(v), entries, target, highAvailability };
}

/** A value as Flink's Configuration.toMap shows it: lists joined the way the version reads them back. */
export function flinkString(value: FlinkValue, standardYaml: boolean): string {
  return typeof value === 'string' ? value : encodeList(value, standardYaml);
}

/** Flink's port values after the client's changes (RestOptions, JobManagerOptions, BlobServerOptions defaults). */
export function ports(c: EffectiveConfig): { rest: number; restBind: number; rpc: number; blob: number; taskManagerRpc: number } {
  const n = (key: string) => port(c.entries, key);
  const rest = n('rest.port') ?? 8081;
  return {
    rest,
    restBind: n('rest.bind-port') ?? rest,
    rpc: n('jobmanager.rpc.port') ?? 6123,
    blob: n('blob.server.port') ?? 6124,
    taskManagerRpc: n('taskmanager.rpc.port') ?? 6122,
  };
}
