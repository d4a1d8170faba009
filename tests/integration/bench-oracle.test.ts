// The oracle is Flink's own native-Kubernetes client (flink-kubernetes from Maven Central) rendering, without a
// cluster, the resources it would create. These tests prove it is real: names, labels, service types and pod
// template merging come from Flink's factory classes, for Flink 1.20 and 2.x.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { V1ConfigMap, V1Pod, V1Service } from '@kubernetes/client-node';
import { repoDir } from '../fixtures/state.ts';
import {
  buildOracle,
  findResource,
  OracleError,
  oracleFlinkVersions,
  renderWithOracle,
  type OracleFlink,
  type OracleOutput,
} from '../fixtures/oracle/oracle.ts';

const podTemplate = `apiVersion: v1
kind: Pod
metadata:
  name: pod-template
  labels:
    team: streaming
spec:
  containers:
    - name: flink-main-container
      env:
        - name: FROM_TEMPLATE
          value: "yes"
    - name: log-shipper
      image: registry.example/log-shipper:1.0
      args: ["--follow", "/opt/flink/log"]
`;

function base(id: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'kubernetes.cluster-id': id,
    'kubernetes.namespace': 'flink-dev',
    'kubernetes.container.image.ref': '127.0.0.1:5000/library/flink:test',
    'execution.target': 'kubernetes-session',
    'jobmanager.memory.process.size': '1600m',
    'taskmanager.memory.process.size': '1728m',
    'taskmanager.numberOfTaskSlots': '2',
    ...extra,
  };
}

const jmLabels = (id: string) => ({ app: id, type: 'flink-native-kubernetes', component: 'jobmanager' });

function expectJobManager(out: OracleOutput, id: string, flinkVersion: string): void {
  expect(out.flinkVersion).toBe(flinkVersion);
  const d = out.deployment;
  expect(d.apiVersion).toBe('apps/v1');
  expect(d.kind).toBe('Deployment');
  expect(d.metadata?.name).toBe(id);
  expect(d.metadata?.labels).toMatchObject(jmLabels(id));
  expect(d.spec?.selector.matchLabels).toEqual(jmLabels(id));
  expect(d.spec?.template.metadata?.labels).toMatchObject(jmLabels(id));
  const main = d.spec?.template.spec?.containers.find((c) => c.name === 'flink-main-container');
  expect(main?.image).toBe('127.0.0.1:5000/library/flink:test');
  expect(main?.ports?.map((p) => [p.name, p.containerPort])).toEqual([
    ['rest', 8081],
    ['jobmanager-rpc', 6123],
    ['blobserver', 6124],
  ]);
  const cm = findResource<V1ConfigMap>(out, 'ConfigMap', `flink-config-${id}`);
  expect(cm, `ConfigMap flink-config-${id}`).toBeDefined();
  expect(cm?.metadata?.labels).toEqual({ app: id, type: 'flink-native-kubernetes' });
  expect(cm?.metadata?.ownerReferences).toEqual([
    { apiVersion: 'apps/v1', kind: 'Deployment', name: id, uid: out.deploymentUid, controller: true, blockOwnerDeletion: true },
  ]);
  const confText = cm?.data?.['config.yaml'] ?? cm?.data?.['flink-conf.yaml'];
  expect(confText, 'the Flink configuration file in the ConfigMap').toBeDefined();
  expect(confText).toContain(id);
  expect(confText).toContain(`${id}.flink-dev`); // jobmanager.rpc.address written by InternalServiceDecorator
  expect(cm?.data?.['log4j-console.properties']).toContain('ConsoleAppender');
  const internal = findResource<V1Service>(out, 'Service', id);
  expect(internal?.spec?.clusterIP).toBe('None');
  expect(internal?.spec?.selector).toEqual(jmLabels(id));
}

function restType(out: OracleOutput, id: string): string | undefined {
  const rest = findResource<V1Service>(out, 'Service', `${id}-rest`);
  expect(rest, `Service ${id}-rest`).toBeDefined();
  expect(rest?.spec?.ports?.[0]).toMatchObject({ name: 'rest', port: 8081 });
  expect(rest?.spec?.selector).toEqual(jmLabels(id));
  return rest?.spec?.type;
}

let workDir = '';
beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'bench-oracle-test-'));
  writeFileSync(join(workDir, 'pod-template.yaml'), podTemplate);
});
afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe.each(['1.20', '2'] as OracleFlink[])('oracle: Flink %s native-Kubernetes client', (flink) => {
  const version = oracleFlinkVersions[flink];

  beforeAll(async () => {
    const b = await buildOracle(flink);
    process.stderr.write(
      `[oracle] Flink ${b.version}: ${b.built ? 'cold build' : 'cached build (its cold build took)'} ${(b.buildMs / 1000).toFixed(1)} s\n`,
    );
  });

  it('renders a session cluster: Deployment, flink-config ConfigMap, internal and ClusterIP rest Services', async () => {
    const id = `oracle-session-${flink.replace('.', '')}`;
    const started = Date.now();
    const out = await renderWithOracle({ flink, config: base(id, { 'kubernetes.rest-service.exposed.type': 'ClusterIP' }) });
    process.stderr.write(`[oracle] Flink ${version}: one render took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    expect(out.mode).toBe('kubernetes-session');
    expectJobManager(out, id, version);
    expect(restType(out, id)).toBe('ClusterIP');
    const main = out.deployment.spec?.template.spec?.containers.find((c) => c.name === 'flink-main-container');
    expect(main?.args).toEqual(['bash', '-c', 'kubernetes-jobmanager.sh kubernetes-session ']);
    expect(out.clientConfiguration['kubernetes.internal.jobmanager.entrypoint.class']).toBe(
      'org.apache.flink.kubernetes.entrypoint.KubernetesSessionClusterEntrypoint',
    );
    expect(out.clientConfiguration['blob.server.port']).toBe('6124');
    expect(out.taskManagerPod?.metadata?.name).toBe(`${id}-taskmanager-1-1`);
    expect(out.taskManagerPod?.metadata?.labels).toMatchObject({ app: id, component: 'taskmanager', type: 'flink-native-kubernetes' });
  });

  it.each(['NodePort', 'LoadBalancer'])('the rest Service type follows kubernetes.rest-service.exposed.type=%s', async (type) => {
    const id = `oracle-${type.toLowerCase()}`;
    const out = await renderWithOracle({
      flink,
      config: base(id, { 'kubernetes.rest-service.exposed.type': type }),
      taskManager: false,
    });
    expectJobManager(out, id, version);
    expect(restType(out, id)).toBe(type);
  });

  it('application mode with a pod template: the template sidecar, label and env are merged in', async () => {
    const id = 'oracle-app';
    const out = await renderWithOracle({
      flink,
      podTemplate: join(workDir, 'pod-template.yaml'),
      config: base(id, {
        'execution.target': 'kubernetes-application',
        'pipeline.jars': 'local:///opt/flink/usrlib/job.jar',
        'kubernetes.rest-service.exposed.type': 'ClusterIP',
      }),
    });
    expect(out.mode).toBe('kubernetes-application');
    expectJobManager(out, id, version);
    const tpl = out.deployment.spec?.template;
    expect(tpl?.metadata?.labels).toMatchObject({ ...jmLabels(id), team: 'streaming' });
    const containers = tpl?.spec?.containers ?? [];
    expect(containers.map((c) => c.name).sort()).toEqual(['flink-main-container', 'log-shipper']);
    expect(containers.find((c) => c.name === 'log-shipper')?.image).toBe('registry.example/log-shipper:1.0');
    const main = containers.find((c) => c.name === 'flink-main-container');
    expect(main?.args).toEqual(['bash', '-c', 'kubernetes-jobmanager.sh kubernetes-application ']);
    expect(main?.env?.map((e) => e.name)).toEqual(expect.arrayContaining(['FROM_TEMPLATE', '_POD_IP_ADDRESS']));
    // The template also serves the TaskManagers: Flink ships it in a pod-template ConfigMap and mounts it.
    const tplMap = findResource<V1ConfigMap>(out, 'ConfigMap', `pod-template-${id}`);
    expect(tplMap?.data?.['taskmanager-pod-template.yaml']).toContain('log-shipper');
    expect(tpl?.spec?.volumes?.map((v) => v.name)).toEqual(expect.arrayContaining(['flink-config-volume', 'pod-template-volume']));
    const tm: V1Pod | undefined = out.taskManagerPod;
    expect(tm?.spec?.containers.map((c) => c.name).sort()).toEqual(['flink-main-container', 'log-shipper']);
    expect(tm?.metadata?.labels).toMatchObject({ team: 'streaming', component: 'taskmanager' });
    expect(tm?.spec?.restartPolicy).toBe('Never');
  });

  it('rejects a configuration without kubernetes.cluster-id, with a clear message', async () => {
    const config = base('x');
    delete config['kubernetes.cluster-id'];
    const err = await renderWithOracle({ flink, config }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OracleError);
    expect((err as OracleError).exitCode).toBe(2);
    expect((err as OracleError).message).toContain('kubernetes.cluster-id');
  });

  it('rejects an invalid kubernetes.rest-service.exposed.type, with Flink’s message', async () => {
    const err = await renderWithOracle({
      flink,
      config: base('oracle-bad', { 'kubernetes.rest-service.exposed.type': 'Ingress' }),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OracleError);
    expect((err as OracleError).exitCode).toBe(2);
    expect((err as OracleError).message).toMatch(/Could not parse value 'Ingress' for key 'kubernetes.rest-service.exposed.type'/);
  });
});

describe('oracle: command line', () => {
  it('npm run fixtures -- oracle prints the rendering as JSON and exits 0', async () => {
    const args = ['run', '--silent', 'fixtures', '--', 'oracle', '--flink', '2', '--no-taskmanager'];
    for (const [k, v] of Object.entries(base('oracle-cli', { 'kubernetes.rest-service.exposed.type': 'NodePort' })))
      args.push('-D', `${k}=${v}`);
    const r = await new Promise<{ code: number; stdout: string; stderr: string }>((res, rej) => {
      const child = spawn('npm', args, { cwd: repoDir, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      child.on('error', rej);
      child.on('close', (code) => res({ code: code ?? 1, stdout, stderr }));
    });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as OracleOutput;
    expect(out.deployment.metadata?.name).toBe('oracle-cli');
    expect(restType(out, 'oracle-cli')).toBe('NodePort');
    expect(out.taskManagerPod).toBeUndefined();
  });

  it('exits 2 with a message for a bad configuration', async () => {
    const r = await new Promise<{ code: number; stderr: string }>((res, rej) => {
      const child = spawn(
        'npm',
        ['run', '--silent', 'fixtures', '--', 'oracle', '--flink', '1.20', '-D', 'execution.target=kubernetes-session'],
        {
          cwd: repoDir,
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      child.on('error', rej);
      child.on('close', (code) => res({ code: code ?? 1, stderr }));
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('kubernetes.cluster-id is required');
  });
});
