// The tracker and the access layer: the way a cluster is reached shown in its view, pinned per cluster (stored in
// its entry: tracking.add and tracking.setAccess), re-resolved after a change of mode, and released when the cluster
// is untracked or gone — a gone cluster then gets no REST call, only its Deployment is looked at. A recording test
// double of the access layer (named as one) stands in for electron/services/access.
import { afterEach, describe, expect, it } from 'vitest';
import type { AccessView, TrackedEntry } from '../../../shared/contracts/tracking';
import type { RestAccess, RestEndpoint } from '../../../electron/services/tracking/rest-access';
import { runCli } from '../../../electron/cli/main';
import { TrackingStore } from '../../../electron/services/tracking/tracking-store';
import { testServices, type TestServices } from '../../helpers/test-services';
import { gone, kube } from './evidence';
import { harness, to, type Harness } from './harness';

/** A test double of the access layer that records what the tracker asks of it. */
class RecordingAccess implements RestAccess {
  readonly resolved: { id: string; access: string | undefined }[] = [];
  readonly released: string[] = [];
  resolve(entry: TrackedEntry): Promise<RestEndpoint> {
    this.resolved.push({ id: entry.id, access: entry.access });
    const restUrl = entry.ref.kind === 'rest' ? entry.ref.restUrl : `http://${entry.ref.clusterId}.test`;
    return Promise.resolve({ restUrl, via: `test double (${entry.access ?? 'auto'})`, way: 'port-forward' });
  }
  view(entry: TrackedEntry): AccessView {
    return { mode: entry.access ?? 'auto', via: 'test double', way: 'port-forward' };
  }
  release(id: string): Promise<void> {
    this.released.push(id);
    return Promise.resolve();
  }
}

const ref = { kind: 'kube' as const, context: 'dev', namespace: 'flink', clusterId: 'orders' };
const id = 'kube:dev/flink/orders';

let h: Harness | undefined;
let s: TestServices | undefined;
afterEach(async () => {
  await h?.tracker.stop();
  await s?.stop();
  h = undefined;
  s = undefined;
});

describe('the tracker with an access layer', () => {
  it('shows the way in the view, and a pinned way is stored and resolved anew at once', async () => {
    const access = new RecordingAccess();
    h = harness({ 'flink-k8s.tracking.polling-interval-sec.job-status': 600 }, undefined, access);
    h.kube.evidenceOf.set('orders', kube());
    h.rest.set('http://orders.test', { jobs: [{ state: 'RUNNING' }] });
    h.add({ ref, mode: 'application', origin: 'user' });
    h.tracker.follow();
    await h.step(0);
    expect(h.tracker.list().clusters[0]!.access).toEqual({ mode: 'auto', via: 'test double', way: 'port-forward' });
    const view = h.tracker.setAccess(id, 'service-proxy');
    expect(view?.access?.mode).toBe('service-proxy');
    expect(h.stores.tracking.read().tracked[0]!.access).toBe('service-proxy');
    await h.tracker.settled();
    expect(access.resolved).toEqual([
      { id, access: undefined },
      { id, access: 'service-proxy' },
    ]);
    expect(h.rest.count('http://orders.test')).toBe(2);
    // Back to auto: nothing pinned is stored.
    h.tracker.setAccess(id, 'auto');
    expect(h.stores.tracking.read().tracked[0]!.access).toBeUndefined();
    expect(h.tracker.setAccess('kube:dev/flink/nothing', 'direct')).toBeUndefined();
  });

  it('a way pinned by another process (the CLI) applies at the next poll', async () => {
    const access = new RecordingAccess();
    h = harness({ 'flink-k8s.tracking.polling-interval-sec.job-status': 5 }, undefined, access);
    h.kube.evidenceOf.set('orders', kube());
    h.rest.set('http://orders.test', { jobs: [{ state: 'RUNNING' }] });
    h.add({ ref, mode: 'application', origin: 'user' });
    h.tracker.follow();
    await h.step(0);
    new TrackingStore(h.stores.tracking, h.stores.history).setAccess(id, 'direct');
    await h.step(5000);
    expect(access.resolved.map((r) => r.access)).toEqual([undefined, 'direct']);
  });

  it('untracked: its access is released', () => {
    const access = new RecordingAccess();
    h = harness({}, undefined, access);
    h.add({ ref, mode: 'application', origin: 'user' });
    h.tracker.remove(id);
    expect(access.released).toEqual([id]);
  });

  it('gone (final, no Deployment, no JobManager pod): released, and no more REST calls — a redeploy brings them back', async () => {
    const access = new RecordingAccess();
    h = harness({ 'flink-k8s.tracking.polling-interval-sec.job-status': 5 }, undefined, access);
    h.kube.evidenceOf.set('orders', kube());
    h.rest.set('http://orders.test', { jobs: [{ state: 'RUNNING' }] });
    h.add({ ref, mode: 'application', origin: 'deploy' });
    h.tracker.follow();
    await h.step(0);
    await h.changes.next(to(id, 'RUNNING'));
    h.kube.evidenceOf.set('orders', gone());
    h.kube.push({ ref: { context: 'dev', namespace: 'flink', clusterId: 'orders' }, what: 'deployment-deleted' });
    await h.changes.next(to(id, 'TERMINATED'));
    const calls = h.rest.count('http://orders.test');
    for (let i = 0; i < 3; i++) await h.step(5000);
    expect(h.rest.count('http://orders.test')).toBe(calls);
    expect(access.released).toContain(id);
    expect(h.tracker.list().clusters[0]!.access).toEqual({ mode: 'auto', via: 'none: the cluster is gone' });
    // Deployed again under the same id: a new cluster, polled again.
    h.kube.evidenceOf.set(
      'orders',
      kube({
        deployment: { name: 'orders', createdAt: h.clock.now(), replicas: 1, readyReplicas: 1, conditions: [], mode: 'application' },
      }),
    );
    h.kube.push({ ref: { context: 'dev', namespace: 'flink', clusterId: 'orders' }, what: 'changed' });
    await h.changes.next((c) => c.kind === 'state' && c.id === id && !c.to.final);
    await h.step(5000);
    expect(h.rest.count('http://orders.test')).toBe(calls + 1);
  });
});

describe('the channels', () => {
  it('tracking.add takes a way; tracking.setAccess changes it; a REST URL cluster has none to choose', async () => {
    s = testServices();
    await s.start();
    const added = await s.client.invoke('tracking.add', {
      context: 'dev',
      namespace: 'flink',
      clusterId: 'orders',
      access: 'port-forward',
    });
    expect(added.access).toMatchObject({ mode: 'port-forward', via: 'not reached yet' });
    expect(s.stores.tracking.read().tracked[0]!.access).toBe('port-forward');
    const set = await s.client.invoke('tracking.setAccess', { id: added.id, access: 'service-proxy' });
    expect(set.access?.mode).toBe('service-proxy');
    // Adding it again with another way applies that way.
    const again = await s.client.invoke('tracking.add', { context: 'dev', namespace: 'flink', clusterId: 'orders', access: 'direct' });
    expect(again.access?.mode).toBe('direct');
    const rest = await s.client.invoke('tracking.add', { restUrl: 'http://127.0.0.1:1' });
    expect(rest.access).toMatchObject({ mode: 'auto', way: 'rest-url', restUrl: 'http://127.0.0.1:1' });
    await expect(s.client.invoke('tracking.setAccess', { id: rest.id, access: 'port-forward' })).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await expect(s.client.invoke('tracking.setAccess', { id: 'kube:x/y/z', access: 'direct' })).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(s.client.invoke('tracking.setAccess', { id: added.id, access: 'tunnel' as 'direct' })).rejects.toMatchObject({
      code: 'invalid-input',
    });
  });

  it('flink-desk track --access pins the way; a bad one, or one for a REST URL, is refused naming the flag', async () => {
    s = testServices();
    await s.start();
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) };
    const kube = ['track', '--context', 'dev', '--namespace', 'flink', '--cluster-id', 'orders'];
    expect(await runCli([...kube, '--access', 'port-forward', '--json'], s, io)).toBe(0);
    expect((JSON.parse(out.at(-1)!) as { access: { mode: string } }).access.mode).toBe('port-forward');
    expect(await runCli([...kube, '--access', 'tunnel'], s, io)).toBe(2);
    expect(err.join('\n')).toMatch(/--access: must be one of auto, direct, port-forward, service-proxy \(got 'tunnel'\)/);
    expect(await runCli(['track', '--rest-url', 'http://127.0.0.1:1', '--access', 'direct'], s, io)).toBe(2);
    expect(err.join('\n')).toMatch(/--access goes with --context/);
  });
});
