// The deployer against the bench's real control plane: an application cluster and a session cluster created the
// way Flink's client creates them (the Deployment first, then the objects it owns, with owner references to its
// uid), the JobManager pod Running on the kwok node, a second apply refused unless replace, the limited user's
// `forbidden` explained, admission refusing at the dry run, and delete leaving nothing behind (garbage collection).
// The roll-back of a half-made cluster is tested in tests/unit/deploy/deployer.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../shared/client';
import type { OperationSnapshot } from '../../shared/operations';
import type { KubeClient } from '../../electron/services/kube';
import { useBench } from '../fixtures/use-bench';
import { RecordingSink, testServices } from '../helpers/test-services';
import { adminClient, closeAdmin, deleteNamespace, freshNamespace, scratch, type KubeBench } from './kube-helpers';

let kube: KubeBench;
let admin: KubeClient;
let api: Client;
let services: ReturnType<typeof testServices>;
const ns = freshNamespace('deploy');

function jobDoc(name: string, extra: Record<string, unknown> = {}, context?: string, namespace = ns) {
  return {
    apiVersion: 'flinkdesk/v1',
    kind: 'FlinkJob',
    metadata: { name },
    spec: {
      mode: 'application',
      context: context ?? kube.contexts.admin,
      namespace,
      clusterId: name,
      flinkVersion: '1.20',
      image: { ref: '127.0.0.1:5000/streamx/datagen:1' },
      artifact: { jar: '/opt/flink/usrlib/job.jar' },
      job: { entryClass: 'dev.flinkdesk.examples.DatagenJob', parallelism: 1 },
      rest: { exposedType: 'NodePort' },
      ...extra,
    },
  };
}

async function finished(first: OperationSnapshot): Promise<OperationSnapshot> {
  for (;;) {
    const op = await api.invoke('operations.get', { id: first.id });
    if (op.status !== 'running') return op;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function gone(path: string, what: string): Promise<void> {
  await expect.poll(async () => (await admin.request('GET', path)).status, { timeout: 60_000, interval: 250, message: what }).toBe(404);
}

beforeAll(async () => {
  kube = await useBench<KubeBench>('kube');
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
  await services?.stop();
  if (kube) await deleteNamespace(kube, ns);
  await closeAdmin();
});

describe('deploy to the bench control plane', () => {
  it('creates an application cluster as Flink does, with owner references to the Deployment, and its JobManager runs', async () => {
    const op = await finished(await api.invoke('jobs.apply', { document: jobDoc('orders') }));
    expect(op.status, JSON.stringify(op.error)).toBe('succeeded');
    expect(op.steps.map((s) => [s.id, s.status])).toEqual([
      ['check', 'succeeded'],
      ['dry-run', 'succeeded'],
      ['deployment', 'succeeded'],
      ['owned', 'succeeded'],
      ['start', 'succeeded'],
    ]);
    const dep = await admin.expect<{ metadata: { uid: string; labels: Record<string, string> } }>(
      'GET',
      `/apis/apps/v1/namespaces/${ns}/deployments/orders`,
      'read the Deployment',
    );
    expect(dep.metadata.labels).toMatchObject({ app: 'orders', component: 'jobmanager', type: 'flink-native-kubernetes' });
    for (const path of [
      `/api/v1/namespaces/${ns}/services/orders`,
      `/api/v1/namespaces/${ns}/services/orders-rest`,
      `/api/v1/namespaces/${ns}/configmaps/flink-config-orders`,
    ]) {
      const o = await admin.expect<{ metadata: { ownerReferences: unknown[] } }>('GET', path, `read ${path}`);
      expect(o.metadata.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'orders', uid: dep.metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    const rest = await admin.expect<{ spec: { type: string } }>('GET', `/api/v1/namespaces/${ns}/services/orders-rest`, 'rest service');
    expect(rest.spec.type).toBe('NodePort');
    const pods = await admin.expect<{ items: { spec: { nodeName: string }; status: { phase: string } }[] }>(
      'GET',
      `/api/v1/namespaces/${ns}/pods?labelSelector=app%3Dorders%2Ccomponent%3Djobmanager`,
      'list pods',
    );
    expect(pods.items[0]).toMatchObject({ spec: { nodeName: 'kwok-node-0' }, status: { phase: 'Running' } });
    // The store knows what went out, and when.
    const saved = await api.invoke('jobs.get', { name: 'orders' });
    expect(saved.deployed).toMatchObject({ version: 1, outcome: 'succeeded', image: '127.0.0.1:5000/streamx/datagen:1' });
  });

  it('lists it, also when made outside Flink Desk, and tells session from application', async () => {
    const op = await finished(
      await api.invoke('jobs.apply', {
        document: { ...jobDoc('shared'), spec: { ...jobDoc('shared').spec, mode: 'session', job: undefined, artifact: undefined } },
      }),
    );
    expect(op.status, JSON.stringify(op.error)).toBe('succeeded');
    // One made by another tool (as Flink's own kubernetes-session.sh would, without a field manager of ours).
    const labels = { app: 'outside', component: 'jobmanager', type: 'flink-native-kubernetes' };
    await admin.expect('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, 'create an outside cluster', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'outside', labels },
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              { name: 'flink-main-container', image: 'flink:1.20', args: ['bash', '-c', 'kubernetes-jobmanager.sh kubernetes-session '] },
            ],
          },
        },
      },
    });
    const r = await api.invoke('clusters.list', { context: kube.contexts.admin, namespace: ns });
    expect(r.clusters.map((c) => [c.clusterId, c.mode, c.madeByFlinkDesk, c.rest?.exposedType ?? null])).toEqual([
      ['orders', 'application', true, 'NodePort'],
      ['outside', 'session', false, null],
      ['shared', 'session', true, 'NodePort'],
    ]);
    await admin.expect('DELETE', `/apis/apps/v1/namespaces/${ns}/deployments/outside`, 'delete the outside cluster');
  });

  it('refuses a second cluster of the same id unless replace, and replace recreates it', async () => {
    const again = await finished(
      await api.invoke('jobs.apply', {
        document: jobDoc('orders', { job: { entryClass: 'dev.flinkdesk.examples.DatagenJob', parallelism: 2 } }),
      }),
    );
    expect(again.status).toBe('failed');
    expect(again.error?.message).toMatch(/A cluster named orders already exists/);
    expect(again.error?.hint).toMatch(/replace/);
    const before = await admin.expect<{ metadata: { uid: string } }>('GET', `/apis/apps/v1/namespaces/${ns}/deployments/orders`, 'read');
    const replaced = await finished(
      await api.invoke('jobs.apply', {
        document: jobDoc('orders', { job: { entryClass: 'dev.flinkdesk.examples.DatagenJob', parallelism: 2 } }),
        replace: true,
      }),
    );
    expect(replaced.status, JSON.stringify(replaced.error)).toBe('succeeded');
    const after = await admin.expect<{ metadata: { uid: string } }>('GET', `/apis/apps/v1/namespaces/${ns}/deployments/orders`, 'read');
    expect(after.metadata.uid).not.toBe(before.metadata.uid);
    const cm = await admin.expect<{ metadata: { ownerReferences: { uid: string }[] } }>(
      'GET',
      `/api/v1/namespaces/${ns}/configmaps/flink-config-orders`,
      'cm',
    );
    expect(cm.metadata.ownerReferences[0]?.uid).toBe(after.metadata.uid);
    expect((await api.invoke('jobs.get', { name: 'orders' })).latest.version).toBe(2);
  });

  it('as the limited user: allowed in its namespace, and outside it `forbidden` names the step and points to the grant', async () => {
    const op = await finished(
      await api.invoke('jobs.apply', { document: jobDoc('limited-ok', {}, kube.contexts.limited, kube.limitedNamespace) }),
    );
    expect(op.status, JSON.stringify(op.error)).toBe('succeeded');
    await api.invoke('clusters.delete', { context: kube.contexts.limited, namespace: kube.limitedNamespace, clusterId: 'limited-ok' });
    const denied = await finished(await api.invoke('jobs.apply', { document: jobDoc('limited-no', {}, kube.contexts.limited, ns) }));
    expect(denied.status).toBe('failed');
    expect(denied.error?.code).toBe('forbidden');
    expect(denied.error?.message).toMatch(/^Check the namespace for a cluster of that id: Not allowed/);
    expect(denied.error?.hint).toMatch(/Clusters page/);
  });

  it('lets the cluster’s own admission speak first: a quota refusal stops the apply at the dry run, before anything exists', async () => {
    // The namespace already holds more ConfigMaps than this quota allows, so a new one is refused by admission.
    await admin.expect('POST', `/api/v1/namespaces/${ns}/resourcequotas`, 'create a quota', {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'no-more-configmaps' },
      spec: { hard: { configmaps: '2' } },
    });
    try {
      const op = await finished(await api.invoke('jobs.apply', { document: jobDoc('quota') }));
      expect(op.status).toBe('failed');
      expect(op.steps.find((s) => s.status === 'failed')?.id).toBe('dry-run');
      expect(op.steps.filter((s) => s.id === 'deployment' || s.id === 'owned').map((s) => s.status)).toEqual(['pending', 'pending']);
      expect(op.error?.message).toMatch(/exceeded quota/i);
      expect((await admin.request('GET', `/apis/apps/v1/namespaces/${ns}/deployments/quota`)).status).toBe(404);
    } finally {
      await admin.request('DELETE', `/api/v1/namespaces/${ns}/resourcequotas/no-more-configmaps`);
    }
  });

  it('delete removes the Deployment and, by garbage collection, everything it owns; --with-ha the HA ConfigMaps too', async () => {
    await admin.expect('POST', `/api/v1/namespaces/${ns}/configmaps`, 'create an HA ConfigMap', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'orders-cluster-config-map',
        labels: { app: 'orders', type: 'flink-native-kubernetes', 'configmap-type': 'high-availability' },
      },
    });
    const kept = await api.invoke('clusters.delete', { context: kube.contexts.admin, namespace: ns, clusterId: 'orders' });
    expect(kept).toEqual({ deleted: ['Deployment/orders'], haConfigMapsKept: ['orders-cluster-config-map'] });
    await gone(`/api/v1/namespaces/${ns}/configmaps/flink-config-orders`, 'flink-config is garbage-collected');
    await gone(`/api/v1/namespaces/${ns}/services/orders-rest`, 'the rest service is garbage-collected');
    await gone(`/api/v1/namespaces/${ns}/services/orders`, 'the internal service is garbage-collected');
    const ha = await api.invoke('clusters.delete', { context: kube.contexts.admin, namespace: ns, clusterId: 'orders', withHa: true });
    expect(ha.deleted).toEqual(['ConfigMap/orders-cluster-config-map']);
    await expect(api.invoke('clusters.delete', { context: kube.contexts.admin, namespace: ns, clusterId: 'orders' })).rejects.toMatchObject(
      {
        code: 'not-found',
      },
    );
  });
});
