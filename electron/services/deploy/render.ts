// From a job spec, the image and the log configuration to ship: exactly the Kubernetes objects Flink's own
// native-Kubernetes client creates (KubernetesClusterDescriptor → KubernetesJobManagerFactory), and the effective
// Flink configuration. Pure: no cluster, no files. A session job (a jar for a running session cluster) has no
// Kubernetes objects of its own; its result says what will be submitted.
import type { JobRenderResult, SessionSubmission } from '../../../shared/contracts/jobs';
import { AppError } from '../../../shared/errors';
import { isFlink2, versionKeys } from '../../../shared/jobs/flink-keys';
import type { JobDocument, JobSpec, PodTemplateRef } from '../../../shared/jobs/spec';
import { effectiveConfig, flinkString, specEntries, type ConfigInput, type EffectiveConfig, type TemplateRole } from './flink-config';
import { emptyFlinkPod, loadFlinkPod, type Obj } from './flink-pod';
import { decorateJobManager, envOrder, secretsOrder, type SideInputs } from './jobmanager-pod';
import {
  flinkConfigMap,
  internalService,
  jobManagerDeployment,
  placeholderUid,
  podTemplateConfigMap,
  restService,
} from './cluster-resources';

export interface RenderInput {
  document: JobDocument;
  /** The image to run when it is not the spec's (the image build's result). */
  image?: string;
  /** pipeline.jars when the image build put the jar there (a Maven project's jar is named by its build). */
  jarUri?: string;
  /** Log configuration files shipped with the Flink configuration (resources/flink), by file name. */
  logConfig: Record<string, string>;
  /** uid of the created Deployment, for owner references; a placeholder until it exists. */
  deploymentUid?: string;
}

export type RenderResult = Omit<JobRenderResult, 'resources'> & { resources: Obj[] };

const invalid = (field: string, message: string, hint?: string) =>
  new AppError({ code: 'invalid-input', message: `${field}: ${message}`, fields: { [field]: message }, ...(hint ? { hint } : {}) });

/** Flink's log files in the order FlinkConfMountDecorator lists them (1.x: two; 2.x: Constants.CONFIG_FILE_NAME_LIST). */
const logFileOrder = [
  'logback.xml',
  'log4j.properties',
  'logback-console.xml',
  'log4j-console.properties',
  'logback-session.xml',
  'log4j-session.properties',
  'log4j-cli.properties',
];

function logFilesFor(spec: JobSpec, logConfig: Record<string, string>): string[] {
  const known =
    versionKeys(spec.flinkVersion).confFile === 'config.yaml' ? logFileOrder : ['logback-console.xml', 'log4j-console.properties'];
  return known.filter((f) => f in logConfig);
}

function templateText(ref: PodTemplateRef | undefined, field: string): string | undefined {
  if (ref === undefined) return undefined;
  if (typeof ref === 'string') return ref;
  if (ref.text === undefined)
    throw invalid(
      field,
      `the pod template file ${ref.file} was not read`,
      'Load the spec from its file (flink-desk render -f job.yaml) so its pod template files are read',
    );
  return ref.text;
}

/** Where Flink's client would say the template came from: the file, else where the TaskManager's copy is mounted. */
function templatePath(ref: PodTemplateRef | undefined, role: TemplateRole): string | undefined {
  if (ref === undefined) return undefined;
  return typeof ref === 'string' ? `/opt/flink/pod-template/${role}-pod-template.yaml` : ref.file;
}

function resolveImage(spec: JobSpec, image: string | undefined): string {
  if (image) return image;
  if (spec.image?.ref) return spec.image.ref;
  if (spec.mode === 'session' && spec.image?.base) return spec.image.base;
  // An application on image.base: the deploy builds its image first and renders again with the pushed digest;
  // a preview before that shows where the image will come from.
  if (spec.image?.base) return `${BUILT_AT_DEPLOY} FROM ${spec.image.base}`;
  throw invalid(
    'spec.image',
    'name the image: image.base to build on, or image.ref for a prebuilt one',
    'For example image: { base: flink:1.20 }',
  );
}

/** What a preview shows for what only the deploy's build knows (the image's digest, the jar Maven makes). */
export const BUILT_AT_DEPLOY = '(built at deploy)';

function jarUri(spec: JobSpec): string | undefined {
  if (spec.mode !== 'application') return undefined;
  const a = spec.artifact;
  if (!a) throw invalid('spec.artifact', 'an application needs its jar: artifact: { jar: … } or { maven: … }');
  if (!('jar' in a)) {
    if (!spec.image?.base)
      throw invalid('spec.artifact.maven', 'a Maven project is built into an image: give image.base (the Flink image to build on)');
    return `local:///opt/flink/usrlib/${BUILT_AT_DEPLOY}`;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(a.jar)) return a.jar;
  if (spec.image?.ref) {
    if (!a.jar.startsWith('/'))
      throw invalid(
        'spec.artifact.jar',
        `with image.ref the jar is a path inside the image and must be absolute (got ${a.jar})`,
        'For example /opt/flink/usrlib/job.jar',
      );
    return `local://${a.jar}`;
  }
  return `local:///opt/flink/usrlib/${a.jar.split(/[\\/]/).pop()}`;
}

function sessionSubmission(spec: JobSpec): SessionSubmission {
  const session = spec.session!;
  const a = spec.artifact;
  if (!a || !('jar' in a)) throw invalid('spec.artifact', 'a job for a session cluster is a jar: artifact: { jar: ./target/job.jar }');
  const sp = spec.job?.savepoint;
  return {
    target: 'restUrl' in session ? { restUrl: session.restUrl } : { clusterId: session.clusterId, namespace: spec.namespace },
    jar: a.jar,
    ...(spec.job?.entryClass ? { entryClass: spec.job.entryClass } : {}),
    args: spec.job?.args ?? [],
    ...(spec.job?.parallelism !== undefined ? { parallelism: spec.job.parallelism } : {}),
    ...(sp?.path ? { savepointPath: sp.path } : {}),
    ...(sp?.path && sp.allowNonRestoredState !== undefined ? { allowNonRestoredState: sp.allowNonRestoredState } : {}),
    ...(sp?.path && sp.restoreMode ? { restoreMode: sp.restoreMode } : {}),
  };
}

function sideInputs(spec: JobSpec, c: EffectiveConfig, image: string, logFiles: string[], hasTmTemplate: boolean): SideInputs {
  return {
    clusterId: spec.clusterId,
    image,
    labels: spec.labels ?? {},
    annotations: spec.annotations ?? {},
    nodeSelector: spec.nodeSelector ?? {},
    tolerations: (spec.tolerations ?? []).map(
      (t) => Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)) as Record<string, string | number>,
    ),
    pullSecrets: spec.image?.pullSecrets ?? [],
    env: envOrder(c, 'containerized.master.env.'),
    secretEnv: Object.entries(spec.env ?? {}).flatMap(([env, v]) =>
      typeof v === 'string' ? [] : [{ env, secret: v.secretKeyRef.name, key: v.secretKeyRef.key }],
    ),
    secrets: secretsOrder(spec.secrets ?? []),
    logFiles,
    hasTaskManagerTemplate: hasTmTemplate,
  };
}

interface Plan {
  config: ConfigInput;
  jmText?: string;
  tmText?: string;
}

function plan(input: RenderInput): Plan {
  const spec = input.document.spec;
  const image = resolveImage(spec, input.image);
  const jmRef = spec.jobManager?.podTemplate ?? spec.podTemplate;
  const tmRef = spec.taskManager?.podTemplate ?? spec.podTemplate;
  const jmText = templateText(jmRef, spec.jobManager?.podTemplate !== undefined ? 'spec.jobManager.podTemplate' : 'spec.podTemplate');
  const tmText = templateText(tmRef, spec.taskManager?.podTemplate !== undefined ? 'spec.taskManager.podTemplate' : 'spec.podTemplate');
  const templatePaths: Partial<Record<TemplateRole, string>> = {};
  const common = templatePath(spec.podTemplate, 'default');
  const jm = templatePath(spec.jobManager?.podTemplate, 'jobmanager');
  const tm = templatePath(spec.taskManager?.podTemplate, 'taskmanager');
  if (common) templatePaths.default = common;
  if (jm) templatePaths.jobmanager = jm;
  if (tm) templatePaths.taskmanager = tm;
  const jar = input.jarUri ?? jarUri(spec);
  return {
    config: { spec, image, templatePaths, ...(jar ? { jarUri: jar } : {}) },
    ...(jmText !== undefined ? { jmText } : {}),
    ...(tmText !== undefined ? { tmText } : {}),
  };
}

/** The spec as the -D options a user would give Flink's own CLI for the same cluster (before Flink's additions). */
export function flinkCliOptions(input: RenderInput): Record<string, string> {
  const { config } = plan(input);
  const yaml = isFlink2(config.spec.flinkVersion);
  // An empty argument list is what Flink's CLI writes for "no arguments"; as an option it would be one empty argument.
  return Object.fromEntries(
    [...specEntries(config)].filter(([, v]) => !(Array.isArray(v) && v.length === 0)).map(([k, v]) => [k, flinkString(v, yaml)]),
  );
}

export function renderJob(input: RenderInput): RenderResult {
  const spec = input.document.spec;
  if (spec.mode === 'session' && spec.session) {
    return { kind: 'session-job', resources: [], flinkConfiguration: {}, submission: sessionSubmission(spec) };
  }
  const { config, jmText, tmText } = plan(input);
  const image = config.image;
  const c = effectiveConfig(config);
  const uid = input.deploymentUid ?? placeholderUid;
  const logFiles = logFilesFor(spec, input.logConfig);
  const s = sideInputs(spec, c, image, logFiles, tmText !== undefined);

  const pod = jmText !== undefined ? loadFlinkPod(jmText) : emptyFlinkPod();
  decorateJobManager(pod, c, s, spec.jobManager?.memory, spec.jobManager?.cpu);
  const deployment = jobManagerDeployment(pod, c, spec.labels ?? {}, spec.annotations ?? {});
  const resources: Obj[] = [deployment];
  if (!c.highAvailability) resources.push(internalService(c, spec.clusterId, uid));
  resources.push(restService(c, spec.clusterId, uid, spec.rest?.exposedType ?? 'ClusterIP', spec.rest?.annotations ?? {}));
  resources.push(flinkConfigMap(c, spec.clusterId, uid, Object.fromEntries(logFiles.map((f) => [f, input.logConfig[f]!]))));
  if (tmText !== undefined) resources.push(podTemplateConfigMap(spec.clusterId, uid, tmText));

  const flinkConfiguration = Object.fromEntries(
    [...c.entries].map(([k, v]) => [k, flinkString(v, c.standardYaml)] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  return { kind: spec.mode === 'application' ? 'application-cluster' : 'session-cluster', resources, flinkConfiguration };
}
