// What explains a failing cluster, against the bench's real control plane with kwok as its kubelet: application
// clusters deployed by Flink Desk whose JobManager pods are put into real container states through the bench's
// stages (a pod-template label and annotations), their events, pods and logs (read, previous, followed) through
// the real API server, and each diagnosis signature recognised there: OOMKilled/137, CrashLoopBackOff with a
// ClassNotFoundException in the previous log, ImagePullBackOff, FailedScheduling, forbidden, HA leftovers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../shared/client';
import type { Diagnosis } from '../../shared/contracts/diagnosis';
import type { KubeClient } from '../../electron/services/kube';
import type { KubeOutput } from '../fixtures/kube/part';
import { useBench } from '../fixtures/use-bench';
import { createClusterLogs, writeCriLog, type Disposer } from '../helpers/kwok-kubelet';
import { RecordingSink, testServices } from '../helpers/test-services';
import { adminClient, closeAdmin, deleteNamespace, freshNamespace, scratch, type KubeBench } from './kube-helpers';

let kube: KubeBench & KubeOutput;
let admin: KubeClient;
let api: Client;
let services: ReturnType<typeof testServices>;
const ns = freshNamespace('operate');
const logs = mkdtempSync(join(tmpdir(), 'fd-operate-logs-'));
const disposers: Disposer[] = [];

function stateTemplate(state: string, annotations: Record<string, string> = {}): string {
  const meta = { labels: { 'bench.flink-desk/state': state }, annotations };
  return JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: { containers: [{ name: 'flink-main-container' }] } });
}

function jobDoc(name: string, jobManager: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'flinkdesk/v1',
    kind: 'FlinkJob',
    metadata: { name },
    spec: {
      mode: 'application',
      context: kube.contexts.admin,
      namespace: ns,
      clusterId: name,
      flinkVersion: '1.20',
      image: { ref: '127.0.0.1:5000/streamx/datagen:1' },
      artifact: { jar: '/opt/flink/usrlib/job.jar' },
      job: { entryClass: 'dev.flinkdesk.examples.DatagenJob', parallelism: 1 },
      jobManager,
      ...extra,
    },
  };
}

/** Deploys and tracks the cluster; the deploy's own outcome does not matter here (a crashing one fails its start). */
async function deployed(name: string, jobManager: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Promise<string> {
  await api.invoke('jobs.apply', { document: jobDoc(name, jobManager, extra) });
  const path = `/apis/apps/v1/namespaces/${ns}/deployments/${name}`;
  await expect.poll(async () => (await admin.request('GET', path)).status, { timeout: 30_000, interval: 200 }).toBe(200);
  const view = await api.invoke('tracking.add', { context: kube.contexts.admin, namespace: ns, clusterId: name });
  return view.id;
}

/** The diagnosis once it has the finding (the pod reaches its state through kwok's stages a moment later). */
async function finding(id: string, which: Diagnosis['id']): Promise<Diagnosis> {
  let found: Diagnosis | undefined;
  await expect
    .poll(
      async () => {
        found = (await api.invoke('operate.diagnose', { id })).diagnoses.find((d) => d.id === which);
        return found?.id;
      },
      { timeout: 30_000, interval: 300 },
    )
    .toBe(which);
  return found!;
}

beforeAll(async () => {
  kube = await useBench<KubeBench & KubeOutput>('kube');
  admin = await adminClient(kube);
  await admin.expect('POST', '/api/v1/namespaces', 'create the test namespace', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ns },
  });
  services = testServices(new RecordingSink(), 'cli', { env: { KUBECONFIG: kube.kubeconfig, HOME: scratch } });
  api = services.client;
});

afterAll(async () => {
  for (const d of disposers) await d().catch(() => undefined);
  await services?.stop();
  await deleteNamespace(kube, ns).catch(() => undefined);
  await closeAdmin();
});

describe('operate: events, pods, logs and diagnosis on the bench control plane', () => {
  it('a JobManager OOMKilled (exit 137, restarted 3×) is out of memory, naming the JobManager memory; its events and pods are listed', async () => {
    const id = await deployed('oom', {
      podTemplate: stateTemplate('CrashLoopBackOff', {
        'bench.flink-desk/last-reason': 'OOMKilled',
        'bench.flink-desk/exit-code': '137',
        'bench.flink-desk/restart-count': '3',
      }),
    });
    const d = await finding(id, 'out-of-memory');
    expect(d.hint).toContain('spec.jobManager.memory');
    expect(d.evidence.join('\n')).toMatch(/oom-[\w-]+\/flink-main-container: last run ended OOMKilled \(exit 137\), restarted 3×/);
    const { pods } = await api.invoke('operate.pods', { id });
    expect(pods[0]).toMatchObject({ component: 'jobmanager', containers: [{ reason: 'CrashLoopBackOff', restartCount: 3 }] });
    const { events } = await api.invoke('operate.events', { id });
    expect(events.map((e) => `${e.object.split('/')[0]} ${e.reason}`)).toEqual(
      expect.arrayContaining(['Deployment ScalingReplicaSet', 'Pod BackOff']),
    );
    expect(events.every((e, i) => i === 0 || events[i - 1]!.at >= e.at)).toBe(true);
  });

  it('CrashLoopBackOff with a ClassNotFoundException of the entry class in the previous log; logs read, previous and followed', async () => {
    const current = join(logs, 'cnf.log');
    const previous = join(logs, 'cnf-previous.log');
    writeCriLog(current, ['INFO  org.apache.flink.runtime.entrypoint.ClusterEntrypoint - Starting KubernetesApplicationClusterEntrypoint']);
    writeCriLog(previous, [
      'ERROR org.apache.flink.runtime.entrypoint.ClusterEntrypoint - Could not start cluster entrypoint',
      'Caused by: java.lang.ClassNotFoundException: dev.flinkdesk.examples.Nope',
    ]);
    disposers.push(await createClusterLogs(kube, { name: `${ns}-logs`, namespaces: [ns], logsFile: current, previousLogsFile: previous }));
    const id = await deployed(
      'cnf',
      { podTemplate: stateTemplate('CrashLoopBackOff', { 'bench.flink-desk/restart-count': '2' }) },
      {
        job: { entryClass: 'dev.flinkdesk.examples.Nope', parallelism: 1 },
      },
    );
    const d = await finding(id, 'class-not-found');
    expect(d.title).toContain('dev.flinkdesk.examples.Nope');
    expect(d.hint).toContain('spec.job.entryClass');
    expect(d.evidence[0]).toMatch(/\(previous\): Caused by: java\.lang\.ClassNotFoundException/);

    const before = await api.invoke('operate.logs', { id, previous: true });
    expect(before).toMatchObject({ container: 'flink-main-container', previous: true });
    expect(before.lines.at(-1)).toContain('ClassNotFoundException');
    expect((await api.invoke('operate.logs', { id })).lines).toEqual([
      expect.stringContaining('Starting KubernetesApplicationClusterEntrypoint'),
    ]);

    const lines: string[] = [];
    let arrived: () => void = () => {};
    const appended = new Promise<void>((r) => (arrived = r));
    let endedStream: () => void = () => {};
    const ended = new Promise<void>((r) => (endedStream = r));
    let streamId = '';
    const off = api.on('operate.log', (e) => {
      if (e.streamId !== streamId) return;
      lines.push(...e.lines);
      if (lines.some((l) => l.includes('a line written later'))) arrived();
      if (e.ended) endedStream();
    });
    ({ streamId } = await api.invoke('operate.logs.follow', { id }));
    writeCriLog(current, ['INFO  a line written later'], { append: true });
    await appended;
    expect(await api.invoke('operate.logs.close', { streamId })).toEqual({ closed: true });
    await ended;
    off();
    expect(lines[0]).toContain('Starting KubernetesApplicationClusterEntrypoint');
  });

  it('ImagePullBackOff points at the registry', async () => {
    const id = await deployed('pull', { podTemplate: stateTemplate('ImagePullBackOff') });
    const d = await finding(id, 'image-pull');
    expect(d.evidence.join('\n')).toMatch(/ImagePullBackOff/);
    expect(d.action).toEqual({ kind: 'open-page', page: 'registry' });
  });

  it('a JobManager no node can hold (64 CPUs on a 32-CPU node) is unschedulable, from the scheduler’s FailedScheduling', async () => {
    const id = await deployed('huge', { cpu: 64 });
    const d = await finding(id, 'unschedulable');
    expect(d.evidence.join('\n')).toMatch(/Insufficient cpu/);
  });

  it('a user without rights in the namespace gets forbidden, linked to the Clusters page', async () => {
    const view = await api.invoke('tracking.add', { context: kube.contexts.limited, namespace: ns, clusterId: 'oom' });
    const { diagnoses } = await api.invoke('operate.diagnose', { id: view.id });
    expect(diagnoses.find((d) => d.id === 'forbidden')).toMatchObject({ action: { kind: 'open-page', page: 'clusters' } });
  });

  it('HA ConfigMaps left by a deleted cluster offer the delete with HA cleanup, which removes them', async () => {
    const id = await deployed('ha');
    await admin.expect('POST', `/api/v1/namespaces/${ns}/configmaps`, 'create an HA ConfigMap', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'ha-cluster-config-map',
        labels: { app: 'ha', 'configmap-type': 'high-availability', type: 'flink-native-kubernetes' },
      },
      data: {},
    });
    const kept = await api.invoke('operate.delete', { id });
    expect(kept).toEqual({ deleted: ['Deployment/ha'], haConfigMapsKept: ['ha-cluster-config-map'] });
    const d = await finding(id, 'ha-leftovers');
    expect(d).toMatchObject({ action: { kind: 'delete-with-ha' }, evidence: ['ConfigMap/ha-cluster-config-map'] });
    expect(await api.invoke('operate.delete', { id, withHa: true })).toEqual({
      deleted: ['ConfigMap/ha-cluster-config-map'],
      haConfigMapsKept: [],
    });
  });
});
