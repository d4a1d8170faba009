// The diagnosis of a failing cluster: each common signature in the evidence gives its finding and hint, and only
// then (no finding from a healthy cluster, a crash loop explained once).
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../electron/services/diagnosis/diagnose';
import type { EventEvidence } from '../../../shared/contracts/tracking';
import { kube, pod, running, T0 } from '../tracking/evidence';

const event = (over: Partial<EventEvidence>): EventEvidence => ({
  type: 'Warning',
  reason: 'Failed',
  message: '',
  object: 'Pod/orders-jm',
  count: 1,
  at: T0,
  ...over,
});
const ids = (d: ReturnType<typeof diagnose>) => d.map((x) => x.id);

describe('diagnose', () => {
  it('finds nothing in a healthy cluster', () => {
    expect(diagnose({ clusterId: 'orders', kube: kube({ pods: [pod()] }), texts: [{ from: 'jm', lines: ['INFO Starting'] }] })).toEqual([]);
  });

  it('ImagePullBackOff names the registry and, when the registry refused, the pull secret', () => {
    const waiting = running({
      state: 'waiting',
      ready: false,
      reason: 'ImagePullBackOff',
      message: 'Back-off pulling image "reg:5000/streamx/orders:abc"',
    });
    const [d] = diagnose({ clusterId: 'orders', kube: kube({ pods: [pod({}, [waiting])] }) });
    expect(d?.id).toBe('image-pull');
    expect(d?.evidence[0]).toContain('orders-7c9f-abcde/flink-main-container: ImagePullBackOff');
    expect(d?.action).toEqual({ kind: 'open-page', page: 'registry' });
    const denied = diagnose({
      clusterId: 'orders',
      kube: kube({ events: [event({ message: 'Failed to pull image "reg/x": 401 Unauthorized' })] }),
    });
    expect(denied[0]?.hint).toMatch(/pull secret/);
    const missing = diagnose({
      clusterId: 'orders',
      kube: kube({ events: [event({ message: 'Failed to pull image "reg/x": manifest unknown' })] }),
    });
    expect(missing[0]?.hint).toMatch(/not in the registry/);
  });

  it('OOMKilled or exit 137 points at the memory of the component that was killed, not a crash loop', () => {
    const tm = pod({ name: 'orders-taskmanager-1-1', component: 'taskmanager' }, [
      running({ state: 'waiting', reason: 'CrashLoopBackOff', restartCount: 3, lastTermination: { reason: 'OOMKilled', exitCode: 137 } }),
    ]);
    const d = diagnose({ clusterId: 'orders', kube: kube({ pods: [tm] }) });
    expect(ids(d)).toEqual(['out-of-memory']);
    expect(d[0]?.hint).toContain('spec.taskManager.memory');
    expect(d[0]?.evidence[0]).toContain('restarted 3×');
    const exit137 = diagnose({
      clusterId: 'orders',
      kube: kube({ pods: [pod({}, [running({ state: 'terminated', reason: 'Error', exitCode: 137 })])] }),
    });
    expect(exit137[0]?.hint).toContain('spec.jobManager.memory');
  });

  it('a java.lang.OutOfMemoryError names the Flink option of the pool', () => {
    const d = diagnose({
      clusterId: 'orders',
      texts: [{ from: 'orders-taskmanager-1-1', lines: ['java.lang.OutOfMemoryError: Metaspace'] }],
    });
    expect(d[0]?.id).toBe('out-of-memory');
    expect(d[0]?.hint).toContain('taskmanager.memory.jvm-metaspace.size');
  });

  it('CrashLoopBackOff with ClassNotFoundException tells the entry class from a missing dependency', () => {
    const crashing = kube({
      pods: [pod({}, [running({ state: 'waiting', reason: 'CrashLoopBackOff', restartCount: 4, lastTermination: { exitCode: 1 } })])],
    });
    const entry = diagnose({
      clusterId: 'orders',
      kube: crashing,
      entryClass: 'com.example.Orders',
      texts: [
        { from: 'orders-jm (previous)', lines: ['Caused by: java.lang.ClassNotFoundException: com.example.Orders', '\tat java.base/…'] },
      ],
    });
    expect(ids(entry)).toEqual(['class-not-found']);
    expect(entry[0]?.hint).toContain('spec.job.entryClass');
    const dep = diagnose({
      clusterId: 'orders',
      kube: crashing,
      entryClass: 'com.example.Orders',
      texts: [{ from: 'jm', lines: ['java.lang.NoClassDefFoundError: org/apache/kafka/clients/consumer/Consumer'] }],
    });
    expect(dep[0]?.title).toContain('org.apache.kafka.clients.consumer.Consumer');
    expect(dep[0]?.hint).toMatch(/shade it|spec\.dependencies/);
  });

  it('NoSuchMethodError is a version mismatch', () => {
    const d = diagnose({
      clusterId: 'o',
      texts: [{ from: 'jm', lines: ["java.lang.NoSuchMethodError: 'void org.apache.flink.Foo.bar()'"] }],
    });
    expect(ids(d)).toEqual(['method-mismatch']);
    expect(d[0]?.hint).toMatch(/Flink version/);
  });

  it('a crash loop nothing explains says to read the previous log', () => {
    const d = diagnose({
      clusterId: 'o',
      kube: kube({ pods: [pod({}, [running({ state: 'waiting', reason: 'CrashLoopBackOff', restartCount: 2 })])] }),
    });
    expect(ids(d)).toEqual(['crash-loop']);
    expect(d[0]?.hint).toMatch(/previous/);
  });

  it('FailedScheduling and an exceeded quota are about resources', () => {
    const d = diagnose({
      clusterId: 'o',
      kube: kube({ events: [event({ reason: 'FailedScheduling', message: '0/1 nodes are available: 1 Insufficient memory.' })] }),
    });
    expect(ids(d)).toEqual(['unschedulable']);
    const q = diagnose({
      clusterId: 'o',
      kube: kube({
        events: [
          event({
            reason: 'FailedCreate',
            object: 'ReplicaSet/o-1',
            message: 'pods "o-1" is forbidden: exceeded quota: q, requested: memory=4Gi',
          }),
        ],
      }),
    });
    expect(ids(q)).toEqual(['unschedulable']);
    expect(q[0]?.title).toMatch(/quota/);
  });

  it('forbidden from the JobManager’s service account links to the Clusters page', () => {
    const d = diagnose({
      clusterId: 'o',
      texts: [
        {
          from: 'jm',
          lines: [
            'pods is forbidden: User "system:serviceaccount:flink:default" cannot create resource "pods" in API group "" in the namespace "flink"',
          ],
        },
      ],
    });
    expect(d.map((x) => [x.id, x.action])).toEqual([['forbidden', { kind: 'open-page', page: 'clusters' }]]);
    expect(d[0]?.title).toMatch(/service account/);
    const user = diagnose({
      clusterId: 'o',
      errors: [{ code: 'forbidden', message: 'deployments.apps is forbidden: User "limited" cannot list' }],
    });
    expect(user[0]?.title).toMatch(/RBAC/);
  });

  it('HA ConfigMaps of a deleted cluster offer the delete with HA cleanup; not while the cluster runs', () => {
    const maps = ['o-cluster-config-map', 'o-4a5b-config-map'];
    const d = diagnose({ clusterId: 'o', kube: kube({ deployment: null }), haConfigMaps: maps });
    expect(d[0]).toMatchObject({ id: 'ha-leftovers', action: { kind: 'delete-with-ha' } });
    expect(d[0]?.evidence).toContain('ConfigMap/o-cluster-config-map');
    expect(diagnose({ clusterId: 'o', kube: kube(), haConfigMaps: maps })).toEqual([]);
  });
});
