// The JobManager pod, decorated in the order of Flink's KubernetesJobManagerFactory: InitJobManager (service account,
// DNS, labels, annotations, pull secrets, node selector, tolerations, image, resources, ports, env), EnvSecrets,
// MountSecrets, CmdJobManager, FlinkConfMount, PodTemplateMount. Rules Flink applies to a template: an explicitly
// configured option beats the template, the template beats the option's default; lists are appended to the
// template's, maps merged with Flink's values winning.
import { parseMemory, mebibytes } from '../../../shared/jobs/quantities';
import { defaultJobManagerMemory, ports, type EffectiveConfig } from './flink-config';
import { list, map, setList, setMap, type FlinkPod, type Obj } from './flink-pod';
import { javaDouble, javaHashMapOrder, grownCapacity, presizedCapacity } from './java-compat';

export const podTemplateFileName = 'taskmanager-pod-template.yaml';

export function commonLabels(clusterId: string): Record<string, string> {
  return { type: 'flink-native-kubernetes', app: clusterId };
}
export function jobManagerSelectors(clusterId: string): Record<string, string> {
  return { ...commonLabels(clusterId), component: 'jobmanager' };
}

export interface SideInputs {
  clusterId: string;
  image: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  nodeSelector: Record<string, string>;
  tolerations: Array<Record<string, string | number>>;
  pullSecrets: string[];
  /** Environment variables in the order Flink lists them, and the secretKeyRef ones after. */
  env: Array<{ name: string; value: string }>;
  secretEnv: Array<{ env: string; secret: string; key: string }>;
  /** Secret name → mount path, in Flink's (HashMap) order. */
  secrets: Array<[string, string]>;
  /** Log config files shipped beside the Flink configuration, by name. */
  logFiles: string[];
  hasTaskManagerTemplate: boolean;
}

const str = (c: EffectiveConfig, key: string): string | undefined => {
  const v = c.entries.get(key);
  return typeof v === 'string' ? v : undefined;
};
const num = (c: EffectiveConfig, key: string, fallback: number): number => {
  const v = str(c, key);
  return v === undefined ? fallback : Number(v);
};

/** Env variables of `containerized.<side>.env.*` in the order Flink's HashMaps hand them out (see java-compat). */
export function envOrder(c: EffectiveConfig, prefix: string): Array<{ name: string; value: string }> {
  const full = [...c.entries.keys()].filter((k) => k.startsWith(prefix) && k.length > prefix.length);
  // Flink reads them from Configuration.toMap(), a HashMap presized for every entry (the client's conf dir entry
  // included; jobmanager.rpc.address is set only after this decorator), then collects them into a new HashMap.
  const size = c.entries.size + 1 - (c.entries.has('jobmanager.rpc.address') ? 1 : 0);
  const names = javaHashMapOrder(full, presizedCapacity(size)).map((k) => k.slice(prefix.length));
  return javaHashMapOrder(names, grownCapacity(names.length)).map((name) => ({ name, value: str(c, prefix + name) ?? '' }));
}

export function secretsOrder(secrets: Array<{ name: string; mountPath: string }>): Array<[string, string]> {
  const byName = new Map(secrets.map((s) => [s.name, s.mountPath]));
  return javaHashMapOrder([...byName.keys()]).map((n) => [n, byName.get(n)!]);
}

/** ResourceRequirements: the template's, with memory and cpu requests and limits set by Flink. */
export function resources(template: unknown, memMb: number, memFactor: number, cpu: number, cpuFactor: number): Obj {
  const t = (typeof template === 'object' && template !== null ? template : {}) as Obj;
  return {
    ...t,
    limits: { ...map(t, 'limits'), memory: `${Math.trunc(memMb * memFactor)}Mi`, cpu: javaDouble(cpu * cpuFactor) },
    requests: { ...map(t, 'requests'), memory: `${memMb}Mi`, cpu: javaDouble(cpu) },
  };
}

function toleration(m: Record<string, string | number>): Obj {
  const t: Obj = {};
  for (const k of ['key', 'operator', 'value', 'effect'] as const) if (m[k] !== undefined) t[k] = String(m[k]);
  if (m.tolerationSeconds !== undefined) t.tolerationSeconds = Number(m.tolerationSeconds);
  return t;
}

/** Pod-level decoration shared by the JobManager and the TaskManager (InitJobManager/InitTaskManager decorators). */
export function decoratePodCommon(
  p: FlinkPod,
  c: EffectiveConfig,
  s: SideInputs,
  saKeys: string[],
  ownLabels: Record<string, string>,
): void {
  const spec = p.spec;
  const configuredSa = saKeys.map((k) => str(c, k)).find((v) => v !== undefined);
  const templateSa = (spec.serviceAccount ?? spec.serviceAccountName) as string | undefined;
  const sa = configuredSa ?? templateSa ?? 'default';
  spec.serviceAccount = sa;
  spec.serviceAccountName = sa;
  spec.hostNetwork = false;
  spec.dnsPolicy = typeof spec.dnsPolicy === 'string' && spec.dnsPolicy.trim() ? spec.dnsPolicy : 'ClusterFirst';
  setMap(p.metadata, 'labels', { ...map(p.metadata, 'labels'), ...s.labels, ...ownLabels });
  setMap(p.metadata, 'annotations', { ...map(p.metadata, 'annotations'), ...s.annotations });
  setList(spec, 'imagePullSecrets', [...list(spec, 'imagePullSecrets'), ...s.pullSecrets.map((name) => ({ name }))]);
  setMap(spec, 'nodeSelector', { ...map(spec, 'nodeSelector'), ...s.nodeSelector });
  setList(spec, 'tolerations', [...list(spec, 'tolerations'), ...s.tolerations.map(toleration)]);
}

/** Main-container decoration shared by both sides: image, pull policy and the resources. */
export function decorateMainCommon(
  main: Obj,
  c: EffectiveConfig,
  image: string,
  memMb: number,
  memFactor: number,
  cpu: number,
  cpuFactor: number,
): void {
  main.name = 'flink-main-container';
  main.image = image;
  const policy = str(c, 'kubernetes.container.image.pull-policy');
  main.imagePullPolicy = policy ?? (typeof main.imagePullPolicy === 'string' ? main.imagePullPolicy : 'IfNotPresent');
  main.resources = resources(main.resources, memMb, memFactor, cpu, cpuFactor);
}

export function decorateSecretsAndConf(p: FlinkPod, c: EffectiveConfig, s: SideInputs): void {
  const main = p.main;
  setList(main, 'env', [
    ...list(main, 'env'),
    ...s.secretEnv.map((e) => ({ name: e.env, valueFrom: { secretKeyRef: { key: e.key, name: e.secret } } })),
  ]);
  setList(main, 'volumeMounts', [
    ...list(main, 'volumeMounts'),
    ...s.secrets.map(([name, mountPath]) => ({ mountPath, name: `${name}-volume` })),
  ]);
  setList(p.spec, 'volumes', [
    ...list(p.spec, 'volumes'),
    ...s.secrets.map(([name]) => ({ name: `${name}-volume`, secret: { secretName: name } })),
  ]);
}

export function mountFlinkConf(p: FlinkPod, c: EffectiveConfig, s: SideInputs): void {
  const items = [...s.logFiles, c.keys.confFile].map((f) => ({ key: f, path: f }));
  setList(p.main, 'volumeMounts', [
    ...list(p.main, 'volumeMounts'),
    { mountPath: str(c, 'kubernetes.flink.conf.dir') ?? '/opt/flink/conf', name: 'flink-config-volume' },
  ]);
  setList(p.spec, 'volumes', [
    ...list(p.spec, 'volumes'),
    { configMap: { items, name: `flink-config-${s.clusterId}` }, name: 'flink-config-volume' },
  ]);
}

export function decorateJobManager(
  p: FlinkPod,
  c: EffectiveConfig,
  s: SideInputs,
  jobManagerMemory: string | undefined,
  jobManagerCpu: number | undefined,
): void {
  const mem = parseMemory(jobManagerMemory ?? defaultJobManagerMemory);
  const memMb = mem.ok ? mebibytes(mem.value) : 0;
  decoratePodCommon(p, c, s, ['kubernetes.jobmanager.service-account', 'kubernetes.service-account'], jobManagerSelectors(s.clusterId));
  if (c.keys.userArtifactsVolume) setList(p.spec, 'volumes', [...list(p.spec, 'volumes'), { emptyDir: {}, name: 'user-artifacts-volume' }]);

  const main = p.main;
  decorateMainCommon(
    main,
    c,
    s.image,
    memMb,
    num(c, 'kubernetes.jobmanager.memory.limit-factor', 1),
    jobManagerCpu ?? 1,
    num(c, 'kubernetes.jobmanager.cpu.limit-factor', 1),
  );
  if (c.keys.userArtifactsVolume)
    setList(main, 'volumeMounts', [
      ...list(main, 'volumeMounts'),
      { mountPath: str(c, 'user.artifacts.base-dir') ?? '/opt/flink/artifacts', name: 'user-artifacts-volume' },
    ]);
  const pt = ports(c);
  setList(main, 'ports', [
    ...list(main, 'ports'),
    { containerPort: pt.rest, name: 'rest' },
    { containerPort: pt.rpc, name: 'jobmanager-rpc' },
    { containerPort: pt.blob, name: 'blobserver' },
  ]);
  const logDir = str(c, 'kubernetes.flink.log.dir');
  setList(main, 'env', [
    ...list(main, 'env'),
    ...s.env,
    { name: '_POD_IP_ADDRESS', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
    ...(logDir !== undefined ? [{ name: 'FLINK_LOG_DIR', value: logDir }] : []),
  ]);
  decorateSecretsAndConf(p, c, s);
  main.command = [str(c, 'kubernetes.entry.path') ?? '/docker-entrypoint.sh'];
  main.args = ['bash', '-c', `kubernetes-jobmanager.sh ${c.target} ${str(c, 'kubernetes.jobmanager.entrypoint.args') ?? ''}`];
  mountFlinkConf(p, c, s);
  if (s.hasTaskManagerTemplate) {
    setList(main, 'volumeMounts', [...list(main, 'volumeMounts'), { mountPath: '/opt/flink/pod-template', name: 'pod-template-volume' }]);
    setList(p.spec, 'volumes', [
      ...list(p.spec, 'volumes'),
      {
        configMap: { items: [{ key: podTemplateFileName, path: podTemplateFileName }], name: `pod-template-${s.clusterId}` },
        name: 'pod-template-volume',
      },
    ]);
  }
}
