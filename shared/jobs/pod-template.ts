// Pod templates as Flink reads them (a YAML Pod whose container `flink-main-container` Flink merges into its own),
// checked before Flink sees them: YAML syntax, kind Pod, the main container, and the structure of the Pod fields
// Flink merges. Problems carry the line, so an editor can mark them.
import { isMap, isNode, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';

export const mainContainerName = 'flink-main-container';

export interface TemplateProblem {
  /** Path inside the template, e.g. spec.containers.0.name. */
  path: string;
  message: string;
  /** 1-based line of the offending node, when known. */
  line?: number;
}

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const name = z
  .string({ error: 'must be a name' })
  .max(63, 'must be at most 63 characters')
  .regex(dnsLabel, 'must be lowercase letters, digits and "-", starting and ending with a letter or digit');
const stringMap = z.record(z.string(), z.string({ error: 'must be a string (quote numbers and booleans)' }));
const envVar = z.looseObject({
  name: z.string({ error: 'an env entry needs a name' }).min(1),
  value: z.string({ error: 'must be a string (quote numbers and booleans)' }).optional(),
});
const port = z.looseObject({
  containerPort: z.number({ error: 'must be a port number' }).int().min(1).max(65535),
  name: z.string().max(15, 'a port name is at most 15 characters').optional(),
});
const quantity = z.union([z.string(), z.number()], { error: 'must be a quantity such as 500m, 1, 1Gi' });
const container = z.looseObject({
  name,
  image: z.string().optional(),
  imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never'], { error: 'must be Always, IfNotPresent or Never' }).optional(),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  env: z.array(envVar).optional(),
  ports: z.array(port).optional(),
  volumeMounts: z.array(z.looseObject({ name: z.string().min(1), mountPath: z.string().min(1) })).optional(),
  resources: z
    .looseObject({ limits: z.record(z.string(), quantity).optional(), requests: z.record(z.string(), quantity).optional() })
    .optional(),
});
const podSchema = z.strictObject({
  apiVersion: z.literal('v1', { error: 'must be v1' }).optional(),
  kind: z.literal('Pod', { error: 'must be Pod: a pod template is a Pod' }),
  metadata: z.looseObject({ name: z.string().optional(), labels: stringMap.optional(), annotations: stringMap.optional() }).optional(),
  spec: z.looseObject({
    containers: z.array(container).optional(),
    initContainers: z.array(container).optional(),
    volumes: z.array(z.looseObject({ name })).optional(),
    serviceAccountName: z.string().optional(),
    serviceAccount: z.string().optional(),
    nodeSelector: stringMap.optional(),
    tolerations: z.array(z.looseObject({})).optional(),
    imagePullSecrets: z.array(z.looseObject({ name: z.string() })).optional(),
    restartPolicy: z.enum(['Always', 'OnFailure', 'Never']).optional(),
  }),
});

function duplicates(names: string[]): string[] {
  return names.filter((n, i) => names.indexOf(n) !== i);
}

/** Problems of a pod template's text; an empty list when Flink can use it. */
export function podTemplateProblems(text: string): TemplateProblem[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return doc.errors.map((e) => ({
      path: '',
      message: `not valid YAML: ${e.message.split('\n')[0]}`,
      line: lines.linePos(e.pos[0]).line,
    }));
  }
  const lineOf = (path: (string | number)[]): number | undefined => {
    const node = path.length ? doc.getIn(path, true) : doc.contents;
    return isNode(node) && node.range ? lines.linePos(node.range[0]).line : undefined;
  };
  if (!isMap(doc.contents))
    return [{ path: '', message: 'must be a YAML mapping: a Pod with apiVersion, kind, metadata and spec', line: 1 }];
  const parsed = podSchema.safeParse(doc.toJS());
  const problems: TemplateProblem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const extra =
        issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` : undefined;
      problems.push({ path: path.join('.'), message: extra ?? issue.message, line: lineOf(path) ?? lineOf(path.slice(0, -1)) });
    }
    return problems;
  }
  const spec = parsed.data.spec;
  const containers = spec.containers ?? [];
  if (!containers.some((c) => c.name === mainContainerName)) {
    problems.push({
      path: 'spec.containers',
      message: `needs a container named ${mainContainerName}: Flink merges that one into its main container (add one with only the name if the template just adds sidecars)`,
      line: lineOf(['spec', 'containers']) ?? lineOf(['spec']),
    });
  }
  const allNames = [...containers, ...(spec.initContainers ?? [])].map((c) => c.name);
  for (const d of new Set(duplicates(allNames)))
    problems.push({ path: 'spec.containers', message: `two containers are named ${d}`, line: lineOf(['spec', 'containers']) });
  for (const d of new Set(duplicates((spec.volumes ?? []).map((v) => v.name))))
    problems.push({ path: 'spec.volumes', message: `two volumes are named ${d}`, line: lineOf(['spec', 'volumes']) });
  const reserved = ['flink-config-volume', 'pod-template-volume', 'user-artifacts-volume'];
  (spec.volumes ?? []).forEach((v, i) => {
    if (reserved.includes(v.name))
      problems.push({
        path: `spec.volumes.${i}.name`,
        message: `${v.name} is a volume name Flink uses itself; choose another`,
        line: lineOf(['spec', 'volumes', i, 'name']),
      });
  });
  containers.forEach((c, i) => {
    if (c.name !== mainContainerName) return;
    (c.ports ?? []).forEach((p, j) => {
      if (p.name && ['rest', 'jobmanager-rpc', 'blobserver', 'taskmanager-rpc'].includes(p.name))
        problems.push({
          path: `spec.containers.${i}.ports.${j}.name`,
          message: `the port name ${p.name} is Flink's own; Flink adds its port after the template's, so the Pod would have it twice`,
          line: lineOf(['spec', 'containers', i, 'ports', j, 'name']),
        });
    });
  });
  return problems;
}
