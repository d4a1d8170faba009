// The job spec (DESIGN §4): one document per job, edited by the UI, applied by the CLI, kept by the store. Field
// names follow the Flink Kubernetes Operator's FlinkDeployment where the meaning is the same. Every rule here says
// which field and what is expected, so a bad spec is one clear message, never a surprise on the cluster.
//
// Modes: `application` is an application cluster (the job's jar inside the image). `session` without `session:` is a
// session cluster of its own (what `flink-desk session create` deploys); `session` with `session: { clusterId }` or
// `session: { restUrl }` is a job submitted to a session cluster that already runs.
import { z } from 'zod';
import { flinkKeyProblem, flinkVersions, isFlink2, portKeys, writtenKeys, type FlinkVersion } from './flink-keys';
import { imageReferenceProblem } from '../image-reference';
import { podTemplateProblems } from './pod-template';
import { parseCpu, parseMemory, processMemoryProblem } from './quantities';

const dnsLabelRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dnsSubdomainRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const labelNameRe = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

export const clusterIdSchema = z
  .string({ error: 'must be a cluster id' })
  .min(1, 'must not be empty')
  .max(45, "must be at most 45 characters (Flink's limit: room for -rest and -taskmanager-N-M in a 63-character name)")
  .regex(
    /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
    'must match [a-z]([-a-z0-9]*[a-z0-9])?: lowercase letters, digits and "-", starting with a letter',
  );

const namespace = z
  .string({ error: 'must be a namespace name' })
  .max(63, 'must be at most 63 characters (a DNS-1123 label)')
  .regex(dnsLabelRe, 'must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit');

const dnsSubdomain = (what: string) =>
  z
    .string({ error: `must be ${what}` })
    .max(253, 'must be at most 253 characters')
    .regex(dnsSubdomainRe, `must be ${what}: lowercase letters, digits, "-" and "."`);

/** Docker's reference grammar: [host[:port]/]path[:tag][@digest]. */
const imageRefRe =
  /^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$/;
const imageRefExample = 'such as registry.example.com/team/flink:1.20 (lowercase path, optional :tag or @sha256:…)';
const imageRef = z
  .string({ error: 'must be an image reference' })
  .max(255, 'must be at most 255 characters')
  .superRefine((value, ctx) => {
    if (imageRefRe.test(value)) return;
    // Which part is wrong, in the words the build uses (shared/image-reference.ts), else the grammar's example.
    const problem = imageReferenceProblem(value);
    ctx.addIssue({ code: 'custom', message: `must be an image reference${problem ? `: ${problem}` : ` ${imageRefExample}`}` });
  });

function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !dnsSubdomainRe.test(prefix)))
    return `'${key}': the prefix before / must be a DNS subdomain`;
  if (name.length > 63 || !labelNameRe.test(name))
    return `'${key}': the name must be at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit`;
  return undefined;
}
const labelKeys = z.record(z.string(), z.unknown()).superRefine((m, ctx) => {
  for (const k of Object.keys(m)) {
    const p = labelKeyProblem(k);
    if (p) ctx.addIssue({ code: 'custom', path: [k], message: `${p} (a Kubernetes label key)` });
  }
});
const labelValue = z
  .string({ error: 'must be a string (quote numbers and booleans)' })
  .max(63, 'a label value is at most 63 characters')
  .regex(
    /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/,
    'a label value is letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
  );
const labels = labelKeys.pipe(z.record(z.string(), labelValue)).superRefine((m, ctx) => {
  for (const k of ['app', 'type', 'component'])
    if (k in m)
      ctx.addIssue({
        code: 'custom',
        path: [k],
        message: `the label '${k}' is Flink's own (it selects the cluster's pods); choose another key`,
      });
});
const annotations = labelKeys.pipe(z.record(z.string(), z.string({ error: 'must be a string (quote numbers and booleans)' })));

const memory = z.unknown().transform((v, ctx) => {
  const p = parseMemory(v);
  if (!p.ok) {
    ctx.addIssue({ code: 'custom', message: p.problem });
    return z.NEVER;
  }
  return p.value.flink;
});
const cpu = z.unknown().transform((v, ctx) => {
  const p = parseCpu(v);
  if (!p.ok) {
    ctx.addIssue({ code: 'custom', message: p.problem });
    return z.NEVER;
  }
  return p.value;
});
const positiveInt = (what: string, max: number) =>
  z
    .number({ error: `must be a whole number (${what})` })
    .int(`must be a whole number (${what})`)
    .min(1, `must be at least 1 (${what})`)
    .max(max, `must be at most ${max} (${what})`);

/** Inline YAML text, or { file } naming a YAML file (relative to the spec file; the loader reads it into `text`). */
const podTemplate = z.union([z.string(), z.strictObject({ file: z.string().min(1, 'must name a file'), text: z.string().optional() })], {
  error: 'must be the pod template as YAML text, or { file: path/to/template.yaml }',
});

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name is letters, digits and _, not starting with a digit');
const reservedEnv = ['_POD_IP_ADDRESS', '_POD_NODE_ID', 'FLINK_TM_JVM_MEM_OPTS', 'FLINK_LOG_DIR'];
const envValue = z.union(
  [
    z.string(),
    z.number().transform(String),
    z.boolean().transform(String),
    z.strictObject({
      secretKeyRef: z.strictObject({
        name: dnsSubdomain('a Secret name'),
        key: z.string().regex(/^[-._a-zA-Z0-9]+$/, 'a Secret key is letters, digits, "-", "_" and "."'),
      }),
    }),
  ],
  { error: 'must be a value, or { secretKeyRef: { name, key } }' },
);

const toleration = z.strictObject({
  key: z.string().optional(),
  operator: z.enum(['Exists', 'Equal'], { error: 'must be Exists or Equal' }).optional(),
  value: z.string().optional(),
  effect: z
    .enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute'], { error: 'must be NoSchedule, PreferNoSchedule or NoExecute' })
    .optional(),
  tolerationSeconds: z.number().int('must be whole seconds').optional(),
});

const flinkValue = z.union([z.string(), z.number().transform(String), z.boolean().transform(String)], {
  error: 'must be a string, number or boolean (Flink configuration values are text)',
});

const versionSchema = z
  .union([z.string(), z.number()])
  .transform((v) => {
    // YAML reads an unquoted 1.20 as the number 1.2; no Flink 1.2 is supported, so it can only mean 1.20.
    if (typeof v === 'number') return v === 1.2 ? '1.20' : Number.isInteger(v) ? `${v}.0` : String(v);
    return v.trim();
  })
  .pipe(z.enum(flinkVersions, { error: `must be one of ${flinkVersions.join(', ')} (quote it in YAML: "1.20")` }));

export const jobSpecSchema = z
  .strictObject({
    mode: z.enum(['application', 'session'], { error: 'must be application or session' }),
    context: z.string().min(1, 'must name a kubeconfig context').optional(),
    namespace: namespace.default('default'),
    clusterId: clusterIdSchema,
    flinkVersion: versionSchema.default('1.20'),
    image: z
      .strictObject({
        base: imageRef.optional(),
        ref: imageRef.optional(),
        pullPolicy: z.enum(['IfNotPresent', 'Always', 'Never'], { error: 'must be IfNotPresent, Always or Never' }).optional(),
        pullSecrets: z.array(dnsSubdomain('a Secret name')).optional(),
      })
      .refine((i) => (i.base === undefined) !== (i.ref === undefined), {
        error: 'give exactly one of image.base (a Flink image to build on) or image.ref (a prebuilt image)',
      })
      .optional(),
    artifact: z
      .union(
        [
          z.strictObject({ jar: z.string().min(1, 'must name a jar') }),
          z.strictObject({ maven: z.strictObject({ project: z.string().min(1), args: z.array(z.string()).optional() }) }),
        ],
        {
          error: 'must be { jar: path } or { maven: { project: path, args: [...] } }',
        },
      )
      .optional(),
    dependencies: z
      .array(
        z.string().regex(/^([^:\s]+:[^:\s]+:[^:\s]+|[^\s].*\.jar)$/, 'must be Maven coordinates group:artifact:version or a .jar path'),
      )
      .optional(),
    job: z
      .strictObject({
        entryClass: z
          .string()
          .regex(/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/, 'must be a Java class name such as com.example.Main')
          .optional(),
        args: z.array(z.union([z.string(), z.number().transform(String)])).optional(),
        parallelism: positiveInt('parallelism', 32768).optional(),
        savepoint: z
          .strictObject({
            path: z.string().optional(),
            allowNonRestoredState: z.boolean({ error: 'must be true or false' }).optional(),
            restoreMode: z.enum(['CLAIM', 'NO_CLAIM', 'LEGACY'], { error: 'must be CLAIM, NO_CLAIM or LEGACY' }).optional(),
          })
          .optional(),
      })
      .optional(),
    jobManager: z
      .strictObject({
        cpu: cpu.optional(),
        memory: memory.optional(),
        replicas: positiveInt('JobManager replicas', 16).optional(),
        podTemplate: podTemplate.optional(),
      })
      .optional(),
    taskManager: z
      .strictObject({
        cpu: cpu.optional(),
        memory: memory.optional(),
        slots: positiveInt('task slots per TaskManager', 1024).optional(),
        podTemplate: podTemplate.optional(),
      })
      .optional(),
    podTemplate: podTemplate.optional(),
    rest: z
      .strictObject({
        exposedType: z
          .enum(['ClusterIP', 'NodePort', 'LoadBalancer'], { error: 'must be ClusterIP, NodePort or LoadBalancer' })
          .default('ClusterIP'),
        annotations: annotations.optional(),
      })
      .optional(),
    serviceAccount: dnsSubdomain('a service account name').optional(),
    labels: labels.optional(),
    annotations: annotations.optional(),
    nodeSelector: labelKeys.pipe(z.record(z.string(), labelValue)).optional(),
    tolerations: z.array(toleration).optional(),
    env: z.record(envName, envValue).optional(),
    secrets: z
      .array(
        z.strictObject({
          name: z
            .string()
            .max(56, 'must be at most 56 characters (Flink names its volume <name>-volume)')
            .regex(dnsLabelRe, 'must be a Secret name: lowercase letters, digits and "-"'),
          mountPath: z.string().regex(/^\/[^,:;]*$/, 'must be an absolute path without , : or ;'),
        }),
      )
      .optional(),
    flinkConfiguration: z.record(z.string().regex(/^\S+$/, 'a Flink key has no spaces'), flinkValue).optional(),
    session: z
      .union(
        [
          z.strictObject({ clusterId: clusterIdSchema }),
          z.strictObject({
            restUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://flink.example.com:8081' }),
          }),
        ],
        {
          error: 'must be { clusterId } (a session cluster on Kubernetes) or { restUrl } (one you run elsewhere)',
        },
      )
      .optional(),
  })
  .superRefine((s, ctx) => {
    const at = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const v: FlinkVersion = s.flinkVersion;
    const sessionJob = s.mode === 'session' && s.session !== undefined;
    if (s.mode === 'application' && !s.artifact)
      at(['artifact'], 'an application needs its jar: artifact: { jar: … } (with image.ref, the path inside the image)');
    if (s.mode === 'application' && !s.image) at(['image'], 'an application needs image.ref (a prebuilt image) or image.base');
    if (s.mode === 'session' && !sessionJob && !s.image)
      at(['image'], 'a session cluster needs image.base or image.ref (the Flink image to run)');
    if (sessionJob && !s.artifact) at(['artifact'], 'a job for a session cluster needs its jar: artifact: { jar: ./target/job.jar }');
    if (s.mode === 'session' && !sessionJob && (s.artifact || s.job?.entryClass || s.job?.args))
      at(
        ['session'],
        'a job for a session cluster names it: session: { clusterId } or session: { restUrl }; without it the spec is a session cluster, which has no artifact or job',
      );
    if (s.mode === 'application' && s.session) at(['session'], 'session applies to mode: session only');
    const sp = s.job?.savepoint;
    if (sp && !sp.path && (sp.restoreMode !== undefined || sp.allowNonRestoredState !== undefined))
      at(['job', 'savepoint', 'path'], 'restoreMode and allowNonRestoredState apply to a restore: give the savepoint path');
    const conf = s.flinkConfiguration ?? {};
    const ha = (conf['high-availability.type'] ?? conf['high-availability'] ?? 'NONE').toUpperCase() !== 'NONE';
    if ((s.jobManager?.replicas ?? 1) > 1 && !ha)
      at(
        ['jobManager', 'replicas'],
        'more than one JobManager needs high availability: set flinkConfiguration high-availability.type: kubernetes and high-availability.storageDir',
      );
    // Only the process size is Flink Desk's; with other memory keys set, Flink's own checks decide.
    if (!Object.keys(conf).some((k) => /^(jobmanager|taskmanager)\.memory\./.test(k))) {
      for (const [side, field] of [
        ['jobmanager', 'jobManager'],
        ['taskmanager', 'taskManager'],
      ] as const) {
        const text = s[field]?.memory;
        const m = text !== undefined ? parseMemory(text) : undefined;
        const p = m?.ok ? processMemoryProblem(side, m.value) : undefined;
        if (p) at([field, 'memory'], p);
      }
    }
    for (const [key, value] of Object.entries(conf)) {
      if (/^kubernetes\.(jobmanager|taskmanager)\.(cpu|memory)\.limit-factor$/.test(key) && !(Number(value) >= 1))
        at(['flinkConfiguration', key], 'must be a number of at least 1: the limit is the request times this factor');
      const p = flinkKeyProblem(key);
      if (p) at(['flinkConfiguration', key], p);
      if (portKeys.includes(key) && !/^\d{1,5}$/.test(value))
        at(['flinkConfiguration', key], 'must be one fixed port number: Flink on Kubernetes refuses ranges and 0 means "pick one"');
    }
    if (isFlink2(v)) {
      const keys = Object.keys(conf);
      for (const k of keys) {
        const longer = [...keys, ...writtenKeys].find((o) => o.startsWith(`${k}.`)) ?? writtenKeys.find((o) => k.startsWith(`${o}.`));
        if (longer)
          at(
            ['flinkConfiguration', k],
            `'${k}' and '${longer}' overlap: Flink ${v}'s config.yaml nests keys at their dots, so one cannot be a prefix of the other`,
          );
      }
    }
    for (const [name, tpl] of [
      [['podTemplate'], s.podTemplate],
      [['jobManager', 'podTemplate'], s.jobManager?.podTemplate],
      [['taskManager', 'podTemplate'], s.taskManager?.podTemplate],
    ] as const) {
      const text = typeof tpl === 'string' ? tpl : tpl?.text;
      if (text === undefined) continue;
      for (const p of podTemplateProblems(text))
        at([...name], `${p.path ? `${p.path}: ` : ''}${p.message}${p.line ? ` (line ${p.line})` : ''}`);
    }
    for (const name of Object.keys(s.env ?? {}))
      if (reservedEnv.includes(name)) at(['env', name], `${name} is set by Flink itself; choose another name`);
    if (!isFlink2(v)) {
      // Flink 1.x reads flink-conf.yaml line by line: a '#' starts a comment and a line break ends the value.
      const text: Array<[(string | number)[], string]> = [
        ...Object.entries(conf).map(([k, val]): [(string | number)[], string] => [['flinkConfiguration', k], val]),
        ...Object.entries(s.annotations ?? {}).map(([k, val]): [(string | number)[], string] => [['annotations', k], val]),
        ...Object.entries(s.rest?.annotations ?? {}).map(([k, val]): [(string | number)[], string] => [['rest', 'annotations', k], val]),
        ...Object.entries(s.env ?? {}).flatMap(([k, val]): Array<[(string | number)[], string]> =>
          typeof val === 'string' ? [[['env', k], val]] : [],
        ),
        ...(s.job?.args ?? []).map((a, i): [(string | number)[], string] => [['job', 'args', i], a]),
      ];
      for (const [path, val] of text) {
        if (/[#\n\r]/.test(val))
          at(
            path,
            `Flink ${v} writes its configuration as flink-conf.yaml lines, where '#' starts a comment and a line break ends the value: leave them out (or use Flink 2.x)`,
          );
      }
    }
  });

export const jobDocumentSchema = z.strictObject({
  apiVersion: z.literal('flinkdesk/v1', { error: 'must be flinkdesk/v1' }),
  kind: z.literal('FlinkJob', { error: 'must be FlinkJob' }),
  metadata: z.strictObject({ name: dnsSubdomain('a job name').max(63, 'must be at most 63 characters') }),
  spec: jobSpecSchema,
});

export type JobDocumentInput = z.input<typeof jobDocumentSchema>;
export type JobDocument = z.output<typeof jobDocumentSchema>;
export type JobSpec = z.output<typeof jobSpecSchema>;
export type PodTemplateRef = NonNullable<JobSpec['podTemplate']>;

export interface SpecProblem {
  /** The field, e.g. spec.jobManager.memory. */
  field: string;
  message: string;
}

/** Every problem of a document, each naming its field; the parsed document when there are none. */
export function checkJobDocument(doc: unknown): { ok: true; value: JobDocument } | { ok: false; problems: SpecProblem[] } {
  const r = jobDocumentSchema.safeParse(doc);
  if (r.success) return { ok: true, value: r.data };
  const problems: SpecProblem[] = [];
  for (const issue of r.error.issues) {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys')
      for (const k of issue.keys) problems.push({ field: path ? `${path}.${k}` : k, message: 'unknown field (check its spelling)' });
    else problems.push({ field: path || '(document)', message: issue.message });
  }
  return { ok: false, problems };
}
