// The job spec's rules: every bad input is one clear problem naming its field and the rule it breaks.
import { describe, expect, it } from 'vitest';
import { checkJobDocument } from '../../../shared/jobs/spec';

const base = { mode: 'application', clusterId: 'job-a', image: { ref: 'flink:1.20' }, artifact: { jar: '/opt/flink/usrlib/job.jar' } };
const doc = (spec: Record<string, unknown>) => ({ apiVersion: 'flinkdesk/v1', kind: 'FlinkJob', metadata: { name: 'job-a' }, spec });

function problems(spec: Record<string, unknown>) {
  const r = checkJobDocument(doc(spec));
  return r.ok ? [] : r.problems;
}

describe('job spec validation', () => {
  it('a minimal application is valid, with Flink Desk defaults for namespace, version and exposed type', () => {
    const r = checkJobDocument(doc(base));
    expect(r.ok).toBe(true);
    if (r.ok) expect([r.value.spec.namespace, r.value.spec.flinkVersion]).toEqual(['default', '1.20']);
  });

  it('an unquoted YAML 1.20 (the number 1.2) means Flink 1.20', () => {
    const r = checkJobDocument(doc({ ...base, flinkVersion: 1.2 }));
    expect(r.ok && r.value.spec.flinkVersion).toBe('1.20');
  });

  it.each([
    ['cluster id with capitals', { clusterId: 'Job-A' }, 'spec.clusterId', '[a-z]([-a-z0-9]*[a-z0-9])?'],
    ['cluster id ending in -', { clusterId: 'job-' }, 'spec.clusterId', '[a-z]([-a-z0-9]*[a-z0-9])?'],
    ['cluster id of 46 characters', { clusterId: `j${'x'.repeat(45)}` }, 'spec.clusterId', 'at most 45 characters'],
    ['namespace not a DNS label', { namespace: 'flink.dev' }, 'spec.namespace', 'DNS-1123 label'],
    ['unknown Flink version', { flinkVersion: '1.16' }, 'spec.flinkVersion', 'must be one of 1.17'],
    ['memory without a unit', { jobManager: { memory: '1600' } }, 'spec.jobManager.memory', 'add a unit'],
    ['memory with a fraction', { taskManager: { memory: '1.5g' } }, 'spec.taskManager.memory', 'whole number'],
    ['memory with an unknown unit', { taskManager: { memory: '2GiB' } }, 'spec.taskManager.memory', "unknown unit 'GiB'"],
    ['memory too small for Flink', { jobManager: { memory: '256m' } }, 'spec.jobManager.memory', 'too small'],
    ['cpu zero', { jobManager: { cpu: 0 } }, 'spec.jobManager.cpu', 'more than 0'],
    ['cpu finer than millicores', { taskManager: { cpu: 0.0005 } }, 'spec.taskManager.cpu', 'millicores'],
    ['cpu as words', { taskManager: { cpu: 'two' } }, 'spec.taskManager.cpu', 'number of cores'],
    ['parallelism 0', { job: { parallelism: 0 } }, 'spec.job.parallelism', 'at least 1'],
    ['parallelism fractional', { job: { parallelism: 1.5 } }, 'spec.job.parallelism', 'whole number'],
    ['slots 0', { taskManager: { slots: 0 } }, 'spec.taskManager.slots', 'at least 1'],
    ['image reference with spaces', { image: { ref: 'my image' } }, 'spec.image.ref', 'image reference'],
    ['image reference upper case path', { image: { ref: 'Registry.example.com/Team/flink' } }, 'spec.image.ref', 'image reference'],
    ['both image.base and image.ref', { image: { base: 'flink:1.20', ref: 'x:1' } }, 'spec.image', 'exactly one'],
    ['exposed type Ingress', { rest: { exposedType: 'Ingress' } }, 'spec.rest.exposedType', 'ClusterIP, NodePort or LoadBalancer'],
    [
      'Flink key the spec controls',
      { flinkConfiguration: { 'execution.target': 'x' } },
      'spec.flinkConfiguration.execution.target',
      'set spec.mode instead',
    ],
    [
      'image key',
      { flinkConfiguration: { 'kubernetes.container.image.ref': 'x' } },
      'spec.flinkConfiguration.kubernetes.container.image.ref',
      'spec.image.ref',
    ],
    [
      'namespace key',
      { flinkConfiguration: { 'kubernetes.namespace': 'x' } },
      'spec.flinkConfiguration.kubernetes.namespace',
      'spec.namespace',
    ],
    [
      'exposed type key',
      { flinkConfiguration: { 'kubernetes.rest-service.exposed.type': 'NodePort' } },
      'spec.flinkConfiguration.kubernetes.rest-service.exposed.type',
      'spec.rest.exposedType',
    ],
    [
      'env key',
      { flinkConfiguration: { 'containerized.master.env.FOO': 'x' } },
      'spec.flinkConfiguration.containerized.master.env.FOO',
      'spec.env',
    ],
    [
      'a key Flink drops',
      { flinkConfiguration: { 'rest.bind-address': '0.0.0.0' } },
      'spec.flinkConfiguration.rest.bind-address',
      'removed by Flink',
    ],
    [
      'port range',
      { flinkConfiguration: { 'taskmanager.rpc.port': '6122-6130' } },
      'spec.flinkConfiguration.taskmanager.rpc.port',
      'one fixed port',
    ],
    [
      '2.x overlapping keys',
      { flinkVersion: '2.1', flinkConfiguration: { 'a.b': '1', 'a.b.c': '2' } },
      'spec.flinkConfiguration.a.b',
      'overlap',
    ],
    [
      '2.x key overlapping one Flink writes',
      { flinkVersion: '2.0', flinkConfiguration: { 'high-availability': 'kubernetes' } },
      'spec.flinkConfiguration.high-availability',
      'overlap',
    ],
    [
      '1.x value with #',
      { flinkVersion: '1.20', flinkConfiguration: { 'pipeline.name': 'job #1' } },
      'spec.flinkConfiguration.pipeline.name',
      "'#' starts a comment",
    ],
    ['label app is Flink’s', { labels: { app: 'x' } }, 'spec.labels.app', "Flink's own"],
    ['label value too long', { labels: { team: 'x'.repeat(64) } }, 'spec.labels.team', 'at most 63'],
    ['reserved env name', { env: { _POD_IP_ADDRESS: 'x' } }, 'spec.env._POD_IP_ADDRESS', 'set by Flink'],
    ['secret mount path relative', { secrets: [{ name: 's', mountPath: 'opt/s' }] }, 'spec.secrets.0.mountPath', 'absolute path'],
    ['standby JobManagers without HA', { jobManager: { replicas: 2 } }, 'spec.jobManager.replicas', 'high availability'],
    [
      'restore mode without a savepoint',
      { job: { savepoint: { restoreMode: 'CLAIM' } } },
      'spec.job.savepoint.path',
      'give the savepoint path',
    ],
    ['unknown field', { paralelism: 2 }, 'spec.paralelism', 'unknown field'],
    ['application without a jar', { artifact: undefined }, 'spec.artifact', 'needs its jar'],
    [
      'session job without a jar',
      { mode: 'session', session: { clusterId: 'shared' }, artifact: undefined },
      'spec.artifact',
      'needs its jar',
    ],
    ['session restUrl not a URL', { mode: 'session', session: { restUrl: 'flink:8081' } }, 'spec.session.restUrl', 'http(s) URL'],
    [
      'limit factor below 1',
      { flinkConfiguration: { 'kubernetes.taskmanager.memory.limit-factor': '0.9' } },
      'spec.flinkConfiguration.kubernetes.taskmanager.memory.limit-factor',
      'at least 1',
    ],
  ])('%s', (_name, change, field, rule) => {
    const p = problems({ ...base, ...change });
    const hit = p.find((x) => x.field === field);
    expect(hit, `problems: ${JSON.stringify(p)}`).toBeDefined();
    expect(hit?.message).toContain(rule);
  });

  it.each([
    ['not YAML', 'kind: Pod\n  spec: [', 'not valid YAML'],
    ['not a Pod', 'kind: Deployment\nspec: {}\n', 'must be Pod'],
    ['no main container', 'kind: Pod\nspec:\n  containers:\n    - name: main\n', 'flink-main-container'],
    [
      'a Flink volume name',
      'kind: Pod\nspec:\n  containers:\n    - name: flink-main-container\n  volumes:\n    - name: flink-config-volume\n',
      'Flink uses itself',
    ],
    [
      'Flink’s port name',
      'kind: Pod\nspec:\n  containers:\n    - name: flink-main-container\n      ports:\n        - name: rest\n          containerPort: 8081\n',
      "Flink's own",
    ],
    [
      'port as text',
      'kind: Pod\nspec:\n  containers:\n    - name: flink-main-container\n      ports:\n        - containerPort: "x"\n',
      'port number',
    ],
    ['unknown top-level field', 'kind: Pod\nstatus: {}\nspec: {}\n', 'unknown field'],
  ])('pod template: %s', (_name, text, rule) => {
    for (const field of ['podTemplate', 'jobManager', 'taskManager'] as const) {
      const spec = field === 'podTemplate' ? { ...base, podTemplate: text } : { ...base, [field]: { podTemplate: text } };
      const p = problems(spec);
      const name = field === 'podTemplate' ? 'spec.podTemplate' : `spec.${field}.podTemplate`;
      expect(p.find((x) => x.field === name)?.message, JSON.stringify(p)).toContain(rule);
    }
  });

  it('pod template problems carry the line', () => {
    const p = problems({
      ...base,
      podTemplate: 'kind: Pod\nspec:\n  containers:\n    - name: flink-main-container\n      ports:\n        - containerPort: 70000\n',
    });
    expect(p[0]?.message).toMatch(/\(line 6\)/);
  });
});
