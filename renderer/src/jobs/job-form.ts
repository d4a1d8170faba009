// The New-job form's model: everything the user typed, kept as typed (text), so nothing is lost to a bad value;
// turned into a job document (shared/jobs/spec.ts) for jobs.render / jobs.save / jobs.apply, and back from a saved
// document for editing. Values that do not parse (parallelism "two") go out as the text, so the server's rule
// names the problem instead of the form silently dropping it.
import type { JobDocument } from '../../../shared/jobs/spec';

export type JobKind = 'application' | 'session-cluster' | 'session-job';
export type ExposedType = 'ClusterIP' | 'NodePort' | 'LoadBalancer';

export interface KeyValue {
  key: string;
  value: string;
}
export interface TolerationRow {
  key: string;
  operator: '' | 'Exists' | 'Equal';
  value: string;
  effect: '' | 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  seconds: string;
}
export interface EnvRow {
  name: string;
  /** A plain value, or one read from a Secret's key. */
  from: 'value' | 'secret';
  value: string;
  secretName: string;
  secretKey: string;
}
export interface SecretRow {
  name: string;
  mountPath: string;
}

export interface JobForm {
  kind: JobKind;
  name: string;
  flinkVersion: string;
  // Job
  jar: string;
  entryClass: string;
  /** One argument per line. */
  args: string;
  parallelism: string;
  savepointPath: string;
  allowNonRestoredState: boolean;
  restoreMode: '' | 'CLAIM' | 'NO_CLAIM' | 'LEGACY';
  sessionTarget: 'restUrl' | 'clusterId';
  sessionRestUrl: string;
  sessionClusterId: string;
  // Image
  imageSource: 'ref' | 'base';
  imageRef: string;
  imageBase: string;
  pullPolicy: '' | 'IfNotPresent' | 'Always' | 'Never';
  /** Comma- or space-separated Secret names. */
  pullSecrets: string;
  // Resources
  jmCpu: string;
  jmMemory: string;
  jmReplicas: string;
  tmCpu: string;
  tmMemory: string;
  tmSlots: string;
  // Kubernetes
  context: string;
  namespace: string;
  clusterId: string;
  serviceAccount: string;
  exposedType: ExposedType;
  restAnnotations: KeyValue[];
  labels: KeyValue[];
  annotations: KeyValue[];
  nodeSelector: KeyValue[];
  tolerations: TolerationRow[];
  env: EnvRow[];
  secrets: SecretRow[];
  // Flink configuration
  flinkConfiguration: KeyValue[];
  // Pod templates (YAML text; empty = none)
  podTemplate: string;
  jmPodTemplate: string;
  tmPodTemplate: string;
  /** Spec fields the form has no control for (dependencies, a Maven artifact), carried through unchanged. */
  extra: Record<string, unknown>;
}

export const flinkVersionChoices = ['1.17', '1.18', '1.19', '1.20', '2.0', '2.1', '2.2', '2.3'] as const;

export function emptyForm(kind: JobKind = 'application'): JobForm {
  return {
    kind,
    name: '',
    flinkVersion: '1.20',
    jar: '',
    entryClass: '',
    args: '',
    parallelism: '',
    savepointPath: '',
    allowNonRestoredState: false,
    restoreMode: '',
    sessionTarget: 'restUrl',
    sessionRestUrl: '',
    sessionClusterId: '',
    imageSource: kind === 'session-cluster' ? 'base' : 'ref',
    imageRef: '',
    imageBase: kind === 'session-cluster' ? 'flink:1.20' : '',
    pullPolicy: '',
    pullSecrets: '',
    jmCpu: '1',
    jmMemory: '1600m',
    jmReplicas: '1',
    tmCpu: '1',
    tmMemory: '1728m',
    tmSlots: '1',
    context: '',
    namespace: 'default',
    clusterId: '',
    serviceAccount: '',
    exposedType: 'ClusterIP',
    restAnnotations: [],
    labels: [],
    annotations: [],
    nodeSelector: [],
    tolerations: [],
    env: [],
    secrets: [],
    flinkConfiguration: [],
    podTemplate: '',
    jmPodTemplate: '',
    tmPodTemplate: '',
    extra: {},
  };
}

/** A pod template to start from: Flink merges the container named flink-main-container into its own. */
export const podTemplateStarter = `apiVersion: v1
kind: Pod
metadata:
  name: pod-template
spec:
  containers:
    # Flink merges this container into its own main container.
    - name: flink-main-container
      volumeMounts:
        - name: scratch
          mountPath: /tmp
  volumes:
    - name: scratch
      emptyDir: {}
`;

/** A whole number when the text is one, else the text itself (the server's rule then names the problem). */
const intOrText = (s: string): number | string => (/^\s*\d+\s*$/.test(s) ? Number(s) : s.trim());
const nonEmpty = <T extends object>(o: T): T | undefined => (Object.keys(o).length ? o : undefined);

function record(rows: KeyValue[]): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const r of rows) if (r.key.trim() || r.value.trim()) out[r.key.trim()] = r.value;
  return nonEmpty(out);
}

/** Removes undefined members, so the document is what YAML would show. */
function clean<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clean) as T;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = clean(x);
    return out as T;
  }
  return v;
}

/** A cluster id derived from the job name, for a session job (whose own cluster id names nothing on Kubernetes). */
export function clusterIdFrom(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^-a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 45)
    .replace(/-+$/, '');
  return s || 'job';
}

export const splitList = (s: string): string[] => s.split(/[\s,]+/).filter(Boolean);
export const argLines = (s: string): string[] => (s.trim() === '' ? [] : s.replace(/\n+$/, '').split('\n'));

export function formToDocument(f: JobForm): Record<string, unknown> {
  const sessionJob = f.kind === 'session-job';
  const hasJob = f.kind !== 'session-cluster';
  const args = argLines(f.args);
  const savepoint =
    hasJob && (f.savepointPath.trim() || f.restoreMode || f.allowNonRestoredState)
      ? {
          path: f.savepointPath.trim() || undefined,
          allowNonRestoredState: f.allowNonRestoredState || undefined,
          restoreMode: f.restoreMode || undefined,
        }
      : undefined;
  const job = hasJob
    ? nonEmpty(
        clean({
          entryClass: f.entryClass.trim() || undefined,
          args: args.length ? args : undefined,
          parallelism: f.parallelism.trim() ? intOrText(f.parallelism) : undefined,
          savepoint,
        }),
      )
    : undefined;
  const pullSecrets = splitList(f.pullSecrets);
  const image = sessionJob
    ? undefined
    : clean({
        ...(f.imageSource === 'ref' ? { ref: f.imageRef.trim() } : { base: f.imageBase.trim() }),
        pullPolicy: f.pullPolicy || undefined,
        pullSecrets: pullSecrets.length ? pullSecrets : undefined,
      });
  const side = (cpu: string, memory: string, third: Record<string, unknown>, tpl: string) =>
    nonEmpty(
      clean({
        cpu: cpu.trim() || undefined,
        memory: memory.trim() || undefined,
        ...third,
        podTemplate: tpl.trim() ? tpl : undefined,
      }),
    );
  const env: Record<string, unknown> = {};
  for (const e of f.env)
    if (e.name.trim() || e.value || e.secretName)
      env[e.name.trim()] = e.from === 'secret' ? { secretKeyRef: { name: e.secretName.trim(), key: e.secretKey.trim() } } : e.value;
  const tolerations = f.tolerations
    .filter((t) => t.key || t.operator || t.value || t.effect || t.seconds)
    .map((t) =>
      clean({
        key: t.key.trim() || undefined,
        operator: t.operator || undefined,
        value: t.value || undefined,
        effect: t.effect || undefined,
        tolerationSeconds: t.seconds.trim() ? intOrText(t.seconds) : undefined,
      }),
    );
  const secrets = f.secrets.filter((s) => s.name || s.mountPath).map((s) => ({ name: s.name.trim(), mountPath: s.mountPath.trim() }));
  const restAnnotations = record(f.restAnnotations);
  const spec = clean({
    mode: f.kind === 'application' ? 'application' : 'session',
    context: f.context || undefined,
    namespace: f.namespace.trim() || undefined,
    clusterId: sessionJob
      ? f.sessionTarget === 'clusterId' && f.sessionClusterId.trim()
        ? f.sessionClusterId.trim()
        : clusterIdFrom(f.name)
      : f.clusterId.trim(),
    flinkVersion: f.flinkVersion,
    image,
    artifact: hasJob && f.jar.trim() ? { jar: f.jar.trim() } : undefined,
    ...f.extra,
    job,
    jobManager: sessionJob
      ? undefined
      : side(f.jmCpu, f.jmMemory, { replicas: f.jmReplicas.trim() ? intOrText(f.jmReplicas) : undefined }, f.jmPodTemplate),
    taskManager: sessionJob
      ? undefined
      : side(f.tmCpu, f.tmMemory, { slots: f.tmSlots.trim() ? intOrText(f.tmSlots) : undefined }, f.tmPodTemplate),
    podTemplate: !sessionJob && f.podTemplate.trim() ? f.podTemplate : undefined,
    rest: sessionJob ? undefined : { exposedType: f.exposedType, annotations: restAnnotations },
    serviceAccount: f.serviceAccount.trim() || undefined,
    labels: sessionJob ? undefined : record(f.labels),
    annotations: sessionJob ? undefined : record(f.annotations),
    nodeSelector: sessionJob ? undefined : record(f.nodeSelector),
    tolerations: !sessionJob && tolerations.length ? tolerations : undefined,
    env: sessionJob ? undefined : nonEmpty(env),
    secrets: !sessionJob && secrets.length ? secrets : undefined,
    flinkConfiguration: record(f.flinkConfiguration),
    session: sessionJob
      ? f.sessionTarget === 'restUrl'
        ? { restUrl: f.sessionRestUrl.trim() }
        : { clusterId: f.sessionClusterId.trim() }
      : undefined,
  });
  return { apiVersion: 'flinkdesk/v1', kind: 'FlinkJob', metadata: { name: f.name.trim() }, spec };
}

const rows = (m: Record<string, unknown> | undefined): KeyValue[] =>
  Object.entries(m ?? {}).map(([key, value]) => ({ key, value: String(value) }));
const templateText = (t: unknown): string =>
  typeof t === 'string' ? t : t && typeof t === 'object' && 'text' in t && typeof t.text === 'string' ? t.text : '';
const str = (v: string | number | undefined): string => (v === undefined ? '' : String(v));

/** A saved document back into the form (for editing its latest version). */
export function documentToForm(doc: JobDocument): JobForm {
  const s = doc.spec;
  const kind: JobKind = s.mode === 'application' ? 'application' : s.session ? 'session-job' : 'session-cluster';
  const base = emptyForm(kind);
  const known = new Set([
    'mode',
    'context',
    'namespace',
    'clusterId',
    'flinkVersion',
    'image',
    'artifact',
    'job',
    'jobManager',
    'taskManager',
    'podTemplate',
    'rest',
    'serviceAccount',
    'labels',
    'annotations',
    'nodeSelector',
    'tolerations',
    'env',
    'secrets',
    'flinkConfiguration',
    'session',
  ]);
  const extra = Object.fromEntries(Object.entries(s).filter(([k]) => !known.has(k)));
  // A Maven artifact has no control in the form: it travels in `extra`, untouched.
  if (s.artifact && 'maven' in s.artifact) extra.artifact = s.artifact;
  const sp = s.job?.savepoint;
  return {
    ...base,
    kind,
    name: doc.metadata.name,
    flinkVersion: s.flinkVersion,
    jar: s.artifact && 'jar' in s.artifact ? s.artifact.jar : '',
    entryClass: str(s.job?.entryClass),
    args: (s.job?.args ?? []).join('\n'),
    parallelism: str(s.job?.parallelism),
    savepointPath: str(sp?.path),
    allowNonRestoredState: sp?.allowNonRestoredState ?? false,
    restoreMode: sp?.restoreMode ?? '',
    sessionTarget: s.session && 'clusterId' in s.session ? 'clusterId' : 'restUrl',
    sessionRestUrl: s.session && 'restUrl' in s.session ? s.session.restUrl : '',
    sessionClusterId: s.session && 'clusterId' in s.session ? s.session.clusterId : '',
    imageSource: s.image?.base !== undefined ? 'base' : 'ref',
    imageRef: str(s.image?.ref),
    imageBase: str(s.image?.base),
    pullPolicy: s.image?.pullPolicy ?? '',
    pullSecrets: (s.image?.pullSecrets ?? []).join(', '),
    jmCpu: str(s.jobManager?.cpu),
    jmMemory: str(s.jobManager?.memory),
    jmReplicas: str(s.jobManager?.replicas),
    tmCpu: str(s.taskManager?.cpu),
    tmMemory: str(s.taskManager?.memory),
    tmSlots: str(s.taskManager?.slots),
    context: str(s.context),
    namespace: str(s.namespace),
    clusterId: s.clusterId,
    serviceAccount: str(s.serviceAccount),
    exposedType: s.rest?.exposedType ?? 'ClusterIP',
    restAnnotations: rows(s.rest?.annotations),
    labels: rows(s.labels),
    annotations: rows(s.annotations),
    nodeSelector: rows(s.nodeSelector),
    tolerations: (s.tolerations ?? []).map((t) => ({
      key: str(t.key),
      operator: t.operator ?? '',
      value: str(t.value),
      effect: t.effect ?? '',
      seconds: str(t.tolerationSeconds),
    })),
    env: Object.entries(s.env ?? {}).map(([name, v]) =>
      typeof v === 'string'
        ? { name, from: 'value' as const, value: v, secretName: '', secretKey: '' }
        : { name, from: 'secret' as const, value: '', secretName: v.secretKeyRef.name, secretKey: v.secretKeyRef.key },
    ),
    secrets: (s.secrets ?? []).map((x) => ({ ...x })),
    flinkConfiguration: rows(s.flinkConfiguration),
    podTemplate: templateText(s.podTemplate),
    jmPodTemplate: templateText(s.jobManager?.podTemplate),
    tmPodTemplate: templateText(s.taskManager?.podTemplate),
    extra,
  };
}
