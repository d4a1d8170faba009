// Which saved job a tracked cluster came from: tracking's own name, else the saved application whose spec names
// the same context, namespace and cluster id (a cluster tracked by hand before its deploy's own tracking).
import { describe, expect, it } from 'vitest';
import { savedJobNameOf } from '../../../electron/services/operate/tracked-target';
import type { TrackedClusterView } from '../../../shared/contracts/tracking';

const view = (over: Partial<TrackedClusterView>): TrackedClusterView =>
  ({
    id: 'kube:ctx/flink/orders',
    ref: { kind: 'kube', context: 'ctx', namespace: 'flink', clusterId: 'orders' },
    mode: 'unknown',
    origin: 'user',
    addedAt: 0,
    jobs: [],
    ...over,
  }) as TrackedClusterView;
const saved = (name: string, spec: Record<string, unknown>) => ({ name, latest: { document: { spec } } });
const jobs = (...list: ReturnType<typeof saved>[]) => ({ list: () => list as never });

describe('savedJobNameOf', () => {
  it('takes the name tracking knows', () => {
    expect(savedJobNameOf(jobs(), view({ jobName: 'billing' }))).toBe('billing');
  });
  it('else finds the saved application by context, namespace and cluster id', () => {
    const found = jobs(
      saved('other', { mode: 'application', context: 'ctx', namespace: 'flink', clusterId: 'other' }),
      saved('orders-job', { mode: 'application', context: 'ctx', namespace: 'flink', clusterId: 'orders' }),
    );
    expect(savedJobNameOf(found, view({}))).toBe('orders-job');
    expect(
      savedJobNameOf(jobs(saved('s', { mode: 'session', context: 'ctx', namespace: 'flink', clusterId: 'orders' })), view({})),
    ).toBeUndefined();
    expect(savedJobNameOf(found, view({ ref: { kind: 'rest', restUrl: 'http://127.0.0.1:1' } }))).toBeUndefined();
  });
  it('a spec without a namespace is in default', () => {
    const j = jobs(saved('d', { mode: 'application', context: 'ctx', clusterId: 'orders' }));
    expect(savedJobNameOf(j, view({ ref: { kind: 'kube', context: 'ctx', namespace: 'default', clusterId: 'orders' } }))).toBe('d');
  });
});
