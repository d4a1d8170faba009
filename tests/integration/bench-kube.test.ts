// The kube bench part is a real control plane: the Deployment controller makes a ReplicaSet, the scheduler binds its
// pod to the kwok node and kwok marks it Running; deleting the Deployment lets the garbage collector remove the rest.
// RBAC is real (the limited user is refused outside flink-dev) and client certificates authenticate.
// Pod IPs are fake: this test never connects to them and never asks the API server to proxy to them.
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiException, AppsV1Api, AuthenticationV1Api, CoreV1Api, KubeConfig, VersionApi } from '@kubernetes/client-node';
import type { V1Pod } from '@kubernetes/client-node';
import { useBench } from '../fixtures/use-bench.ts';
import type { KubeOutput } from '../fixtures/kube/part.ts';

let kube: KubeOutput;

function config(context: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(kube.kubeconfig);
  kc.setCurrentContext(context);
  return kc;
}

/** Poll `probe` every 500 ms until it returns a value, for at most `timeoutMs`. */
async function eventually<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s: ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (e) {
    if (e instanceof ApiException) return (e as ApiException<unknown>).code;
    throw e;
  }
}

beforeAll(async () => {
  kube = await useBench<KubeOutput>('kube');
});

describe('kube bench part', () => {
  it('describes the cluster as the issue asks', () => {
    expect(kube.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(kube.limitedNamespace).toBe('flink-dev');
    expect(Object.keys(kube.contexts).sort()).toEqual(['admin', 'cert', 'limited']);
    const kc = config(kube.contexts.admin);
    expect(kc.getCurrentCluster()?.server).toBe(kube.server);
    expect(kc.getCurrentCluster()?.caData).toBeTruthy();
    expect(kc.getCurrentCluster()?.skipTLSVerify).toBeFalsy();
  });

  it('runs a Deployment on the kwok node and garbage-collects it after deletion', async () => {
    const kc = config(kube.contexts.admin);
    const apps = kc.makeApiClient(AppsV1Api);
    const core = kc.makeApiClient(CoreV1Api);
    const namespace = 'default';
    const name = `bench-kube-${Date.now().toString(36)}`;
    const labelSelector = `app=${name}`;

    const nodes = await core.listNode({ labelSelector: 'type=kwok' });
    const kwokNodes = nodes.items.filter((n) => n.metadata?.annotations?.['kwok.x-k8s.io/node'] === 'fake').map((n) => n.metadata!.name!);
    expect(kwokNodes.length).toBeGreaterThan(0);

    const deployment = await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name, labels: { app: name } },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: name } },
          template: {
            metadata: { labels: { app: name } },
            // kwok never pulls or runs images; the name only has to be valid.
            spec: { containers: [{ name: 'main', image: 'registry.invalid/flink-desk/never-pulled:1' }] },
          },
        },
      },
    });
    expect(deployment.metadata?.uid).toBeTruthy();

    const pod = await eventually<V1Pod>('the Deployment pod Running on a kwok node', 120_000, async () => {
      const pods = await core.listNamespacedPod({ namespace, labelSelector });
      return pods.items.find((p) => p.status?.phase === 'Running' && kwokNodes.includes(p.spec?.nodeName ?? ''));
    });
    expect(pod.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');

    const rsList = await apps.listNamespacedReplicaSet({ namespace, labelSelector });
    expect(rsList.items).toHaveLength(1);
    const rs = rsList.items[0]!;
    expect(rs.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name, uid: deployment.metadata!.uid });
    expect(pod.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: rs.metadata!.name });

    await apps.deleteNamespacedDeployment({ name, namespace, propagationPolicy: 'Background' });

    await eventually('the ReplicaSet and pod garbage-collected', 180_000, async () => {
      const [left, pods] = await Promise.all([
        apps.listNamespacedReplicaSet({ namespace, labelSelector }),
        core.listNamespacedPod({ namespace, labelSelector }),
      ]);
      return left.items.length === 0 && pods.items.length === 0 ? true : undefined;
    });
  });

  it('confines the limited user to its namespace', async () => {
    const core = config(kube.contexts.limited).makeApiClient(CoreV1Api);
    expect(await statusOf(core.listNamespacedPod({ namespace: 'default' }))).toBe(403);
    expect(await statusOf(core.listNamespacedPod({ namespace: kube.limitedNamespace }))).toBe(200);
    // `edit` lets it write ordinary objects there, and only there.
    const cm = { metadata: { name: `bench-limited-${Date.now().toString(36)}` }, data: { k: 'v' } };
    expect(await statusOf(core.createNamespacedConfigMap({ namespace: 'default', body: cm }))).toBe(403);
    expect(await statusOf(core.createNamespacedConfigMap({ namespace: kube.limitedNamespace, body: cm }))).toBe(200);
    await core.deleteNamespacedConfigMap({ namespace: kube.limitedNamespace, name: cm.metadata.name });
  });

  it('authenticates the client-certificate user', async () => {
    const kc = config(kube.contexts.cert);
    const version = await kc.makeApiClient(VersionApi).getCode();
    expect(version.gitVersion).toMatch(/^v1\.\d+\.\d+$/);
    const review = await kc.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({ body: {} });
    expect(review.status?.userInfo?.username).toBe('cert-user');
    expect(review.status?.userInfo?.groups).toContain('flink-desk-bench:cert-users');
  });
});
