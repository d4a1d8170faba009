// The tracker's loops driven by a manual clock: one call per cluster per round, rounds that never overlap on a
// cluster, a dead cluster that delays nobody else, settings applied without a restart, SILENT then LOST after the
// keep time, transitions stored (never a poll that changed nothing), resume from the store, Kubernetes changes at once.
import { afterEach, describe, expect, it } from 'vitest';
import type { StateView } from '../../../shared/contracts/tracking';
import { kept } from '../../../electron/services/tracking/apply-evidence';
import { SLICE } from '../../../electron/services/tracking/runtime';
import { HISTORY_KIND } from '../../../electron/services/tracking/tracking-store';
import { gone, JOB, JOB2, kube, pod } from './evidence';
import type { RestAccess } from '../../../electron/services/tracking/rest-access';
import { fakeAccess, harness, to, type Harness } from './harness';

const A = 'http://a.test';
const B = 'http://b.test';
const idA = `rest:${A}`;
const idB = `rest:${B}`;

let h: Harness | undefined;
afterEach(async () => {
  await h?.tracker.stop();
  h = undefined;
});

const history = (hh: Harness) => hh.stores.history.recent({ kind: HISTORY_KIND }, 1000).reverse();

describe('job-status loop', () => {
  it('polls each cluster once per round at the set interval: one /jobs/overview for all of a session cluster’s jobs', async () => {
    h = harness({ 'flink-k8s.tracking.polling-interval-sec.job-status': 5 });
    h.rest.set(A, {
      jobs: [
        { jid: JOB, state: 'RUNNING' },
        { jid: JOB2, state: 'FINISHED' },
      ],
    });
    h.add({ ref: { kind: 'rest', restUrl: A }, mode: 'session', origin: 'user' });
    h.tracker.follow();
    await h.clock.advance(0);
    await h.changes.next(to(idA, 'RUNNING', JOB));
    expect(h.rest.count(A)).toBe(1);
    for (let i = 2; i <= 4; i++) {
      await h.clock.advance(5000);
      await h.rest.called(A, i);
    }
    await h.clock.advance(4999);
    expect(h.rest.count(A)).toBe(4);
    const list = h.tracker.list();
    expect(list.clusters[0]!.jobs.map((j) => [j.id, j.state.state, j.state.source])).toEqual(
      expect.arrayContaining([
        [JOB, 'RUNNING', 'flink'],
        [JOB2, 'FINISHED', 'flink'],
      ]),
    );
    expect(list.clusters[0]!.state).toMatchObject({ state: 'RUNNING', source: 'flink' });
  });

  it('rounds never overlap on a cluster, and a dead cluster does not delay the others', async () => {
    h = harness({
      'flink-k8s.tracking.polling-interval-sec.job-status': 5,
      'flink-k8s.tracking.polling-task-timeout-sec.job-status': 20,
    });
    h.rest.set(A, { jobs: [{ state: 'RUNNING' }] });
    h.rest.set(B, 'hang');
    h.add({ ref: { kind: 'rest', restUrl: A }, mode: 'application', origin: 'user' });
    h.add({ ref: { kind: 'rest', restUrl: B }, mode: 'application', origin: 'user' });
    h.tracker.follow();
    await h.clock.advance(0);
    await h.changes.next(to(idA, 'RUNNING'));
    // A answers every round while B's first call is still waiting: B gets no second call in the meantime.
    for (let i = 2; i <= 4; i++) {
      await h.clock.advance(5000);
      await h.rest.called(A, i);
      expect(h.rest.count(B)).toBe(1);
    }
    // The round's deadline ends B's call: SILENT, with the timeout as the reason.
    await h.clock.advance(5000);
    const silent = await h.changes.next(to(idB, 'SILENT'));
    expect(silent.kind === 'state' && silent.to.evidence.lastError?.message).toMatch(/round timeout \(20 s\)/);
    await h.rest.called(A, 5);
    // Freed, B is called again at the next tick.
    await h.clock.advance(5000);
    await h.rest.called(B, 2);
    expect(h.rest.maxInFlight.get(B)).toBe(1);
    expect(h.rest.maxInFlight.get(A)).toBe(1);
  });

  it('a round of more clusters than a slice polls every one once, and settles only when the last slice has', async () => {
    h = harness({ 'flink-k8s.tracking.polling-interval-sec.job-status': 5 });
    const urls = Array.from({ length: SLICE * 3 + 5 }, (_, i) => `http://c${i}.test`);
    for (const u of urls) {
      h.rest.set(u, { jobs: [{ state: 'RUNNING' }] });
      h.add({ ref: { kind: 'rest', restUrl: u }, mode: 'application', origin: 'user' });
    }
    h.tracker.follow();
    await h.step(0);
    expect(urls.map((u) => h!.rest.count(u))).toEqual(urls.map(() => 1));
    expect(h.tracker.list().clusters.every((c) => c.state.state === 'RUNNING')).toBe(true);
    await h.step(5000);
    expect(urls.map((u) => h!.rest.count(u))).toEqual(urls.map(() => 2));
  });

  it('a new interval takes effect without a restart', async () => {
    h = harness({ 'flink-k8s.tracking.polling-interval-sec.job-status': 60 });
    h.rest.set(A, { jobs: [{ state: 'RUNNING' }] });
    h.add({ ref: { kind: 'rest', restUrl: A }, mode: 'application', origin: 'user' });
    h.tracker.follow();
    await h.clock.advance(0);
    await h.rest.called(A, 1);
    await h.clock.advance(10_000);
    expect(h.rest.count(A)).toBe(1);
    h.settings['flink-k8s.tracking.polling-interval-sec.job-status'] = 2;
    h.tracker.settingsChanged();
    // 10 s have passed since the last round, more than the new interval: the next round runs at once.
    await h.clock.advance(0);
    await h.rest.called(A, 2);
    await h.clock.advance(2000);
    await h.rest.called(A, 3);
  });

  it('SILENT at the first unanswered poll, LOST only after the keep time, RUNNING again when Flink answers', async () => {
    h = harness({ 'flink-k8s.tracking.polling-interval-sec.job-status': 5, 'flink-k8s.tracking.silent-state-keep-sec': 12 });
    h.rest.set(A, { jobs: [{ state: 'RUNNING' }] });
    h.add({ ref: { kind: 'rest', restUrl: A }, mode: 'application', origin: 'user' });
    h.tracker.follow();
    await h.step(0);
    h.rest.set(A, 'refuse');
    await h.step(5000);
    const silent = await h.changes.next(to(idA, 'SILENT'));
    // 5 s and 10 s into the silence: still SILENT (the poll at each step was applied, and changed nothing).
    await h.step(5000);
    await h.step(5000);
    expect(h.rest.count(A)).toBe(4);
    expect(h.changes.states(idA)).toEqual(['RUNNING', 'SILENT']);
    // 15 s: past the 12 s keep time.
    await h.step(5000);
    const lost = await h.changes.next(to(idA, 'LOST'));
    expect(lost.at - silent.at).toBe(15_000);
    h.rest.set(A, { jobs: [{ state: 'RUNNING' }] });
    await h.step(5000);
    expect(h.changes.states(idA)).toEqual(['RUNNING', 'SILENT', 'LOST', 'RUNNING']);
  });
});

describe('state objects', () => {
  it('a poll that changes nothing keeps the state it had, its poll times brought forward; what was handed out stays as it was', async () => {
    h = harness({ 'flink-k8s.tracking.polling-interval-sec.job-status': 5 });
    h.rest.set(A, {
      jobs: [
        { jid: JOB, state: 'RUNNING' },
        { jid: JOB2, state: 'RUNNING' },
      ],
    });
    h.add({ ref: { kind: 'rest', restUrl: A }, mode: 'session', origin: 'user' });
    h.tracker.follow();
    await h.step(0);
    const announced = await h.changes.next(to(idA, 'RUNNING', JOB));
    const firstPoll = h.tracker.list().clusters[0]!.state.evidence.lastPollAt!;
    // The second poll replaces the announced state; the ones after it keep that one.
    await h.step(5000);
    const second = h.tracker.list().clusters[0]!;
    await h.step(5000);
    await h.step(5000);
    const now = h.tracker.list().clusters[0]!;
    // Later polls show in a new list, and change neither the announced state nor a list handed out before.
    expect(now.state.evidence.lastPollAt).toBe(firstPoll + 15_000);
    expect(now.jobs.find((j) => j.id === JOB)!.state.evidence.lastPollAt).toBe(firstPoll + 15_000);
    expect(second.state.evidence.lastPollAt).toBe(firstPoll + 5000);
    expect(second.jobs.find((j) => j.id === JOB)!.state.evidence.lastPollAt).toBe(firstPoll + 5000);
    expect(announced.kind === 'state' && announced.to.evidence.lastPollAt).toBe(firstPoll);
    expect(h.changes.states(idA, JOB)).toEqual(['RUNNING']);
  });

  it('kept(): the previous object where only the times differ, the new one where anything else does', () => {
    const state = (over: Partial<StateView> = {}, evidence: StateView['evidence'] = {}): StateView => ({
      state: 'RUNNING',
      source: 'flink',
      reason: 'Flink reports RUNNING',
      since: 1,
      final: false,
      problems: [],
      ...over,
      evidence: { lastSuccessAt: 1, lastPollAt: 1, lastFlinkState: { state: 'RUNNING', at: 1 }, ...evidence },
    });
    const prev = state();
    const shared = prev.evidence.lastFlinkState;
    const next = state({}, { lastSuccessAt: 2, lastPollAt: 2, lastFlinkState: { state: 'RUNNING', at: 2 } });
    expect(kept(prev, next)).toBe(prev);
    expect(prev.evidence).toMatchObject({ lastSuccessAt: 2, lastPollAt: 2, lastFlinkState: { state: 'RUNNING', at: 2 } });
    // A nested object is replaced, not changed: an earlier state may hold it.
    expect(shared).toEqual({ state: 'RUNNING', at: 1 });
    for (const other of [
      state({ reason: 'Flink reports RUNNING again' }),
      state({ problems: ['TaskManager pod orders-tm-1-1: CrashLoopBackOff'] }),
      state({ since: 2 }),
      state({}, { lastError: { code: 'timeout', message: 'no answer', at: 2 } }),
      state({ state: 'RESTARTING' }),
    ])
      expect(kept(state(), other)).toBe(other);
  });
});

describe('persistence', () => {
  it('stores transitions in the history, never a poll that changed nothing, and resumes from the store', async () => {
    h = harness({ 'flink-k8s.tracking.polling-interval-sec.job-status': 5 });
    h.rest.set(A, { jobs: [{ state: 'RUNNING' }] });
    h.add({ ref: { kind: 'rest', restUrl: A }, mode: 'application', origin: 'user' });
    h.tracker.follow();
    await h.clock.advance(0);
    await h.changes.next(to(idA, 'RUNNING'));
    for (let i = 2; i <= 5; i++) {
      await h.clock.advance(5000);
      await h.rest.called(A, i);
    }
    await h.clock.advance(0);
    expect(history(h).map((e) => e.to)).toEqual(['RUNNING']);
    const stored = h.stores.tracking.read().tracked[0]!;
    expect(stored.state).toMatchObject({ state: 'RUNNING', source: 'flink' });

    await h.tracker.stop();
    h.restart();
    expect(h.tracker.list().clusters[0]!.state).toMatchObject({ state: 'RUNNING', source: 'flink' });
    h.tracker.follow();
    await h.clock.advance(0);
    await h.rest.called(A, 6);
    h.rest.set(A, { jobs: [{ state: 'CANCELED' }] });
    await h.clock.advance(5000);
    await h.changes.next(to(idA, 'CANCELED'));
    await h.clock.advance(0);
    // The resumed RUNNING was not announced again: only the change to CANCELED was added.
    expect(history(h).map((e) => [e.from, e.to])).toEqual([
      [undefined, 'RUNNING'],
      ['RUNNING', 'CANCELED'],
    ]);
  });

  it('a second process that sees the same transition adds no second history line', async () => {
    h = harness();
    h.rest.set(A, { jobs: [{ state: 'RUNNING' }] });
    h.add({ ref: { kind: 'rest', restUrl: A }, mode: 'application', origin: 'user' });
    const other = harness({}, h.dir);
    other.rest.set(A, { jobs: [{ state: 'RUNNING' }] });
    await h.tracker.refresh();
    await other.tracker.refresh();
    expect(history(h).map((e) => e.to)).toEqual(['RUNNING']);
    await other.tracker.stop();
  });

  it('removal forgets the cluster and says so', async () => {
    h = harness();
    h.add({ ref: { kind: 'rest', restUrl: A }, mode: 'session', origin: 'user' });
    expect(h.tracker.remove(idA)).toBe(true);
    expect(h.tracker.list().clusters).toEqual([]);
    expect(h.changes.all.at(-1)).toMatchObject({ kind: 'removed', id: idA });
    expect(h.stores.tracking.read().dismissed).toEqual([idA]);
    expect(h.tracker.remove(idA)).toBe(false);
  });
});

describe('Kubernetes evidence', () => {
  const ref = { kind: 'kube' as const, context: 'dev', namespace: 'flink', clusterId: 'orders' };
  const id = 'kube:dev/flink/orders';

  it('a deleted Deployment is seen at once from the watch, without waiting for a round', async () => {
    h = harness({ 'flink-k8s.tracking.polling-interval-sec.job-status': 600 });
    h.kube.evidenceOf.set('orders', kube());
    h.rest.set('http://orders.test', { jobs: [{ state: 'RUNNING' }] });
    h.add({ ref, mode: 'unknown', origin: 'deploy' });
    h.tracker.follow();
    await h.clock.advance(0);
    await h.changes.next(to(id, 'RUNNING'));
    expect(h.kube.followed).toEqual([{ context: 'dev', namespace: 'flink', clusterId: 'orders' }]);
    expect(h.tracker.list().clusters[0]!.mode).toBe('application');
    h.kube.evidenceOf.set('orders', gone());
    h.kube.push({ ref: { context: 'dev', namespace: 'flink', clusterId: 'orders' }, what: 'deployment-deleted' });
    const end = await h.changes.next(to(id, 'TERMINATED'));
    expect(end.kind === 'state' && end.to).toMatchObject({ source: 'inferred', final: true });
    expect(h.rest.count('http://orders.test')).toBe(1);
  });

  it('two contexts at once: one with its API server and JobManager down, the other unaffected', async () => {
    h = harness({ 'flink-k8s.tracking.polling-interval-sec.job-status': 5 });
    h.kube.evidenceOf.set('orders', kube());
    h.kube.evidenceOf.set('billing', { observedAt: 0, reachable: false, error: 'connect ECONNREFUSED', pods: [], events: [] });
    h.rest.set('http://orders.test', { jobs: [{ state: 'RUNNING' }] });
    h.rest.set('http://billing.test', { jobs: [{ state: 'RUNNING' }] });
    h.add({ ref, mode: 'application', origin: 'deploy' });
    h.add({ ref: { kind: 'kube', context: 'prod', namespace: 'flink', clusterId: 'billing' }, mode: 'application', origin: 'deploy' });
    h.tracker.follow();
    await h.clock.advance(0);
    await h.changes.next(to('kube:prod/flink/billing', 'RUNNING'));
    h.rest.set('http://billing.test', 'refuse');
    for (let i = 0; i < 30; i++) await h.clock.advance(5000);
    await h.changes.next(to('kube:prod/flink/billing', 'LOST'));
    expect(h.changes.states('kube:prod/flink/billing')).toEqual(['RUNNING', 'SILENT', 'LOST']);
    expect(h.changes.states(id)).toEqual(['RUNNING']);
  });
});

describe('metrics loop', () => {
  it('reads /overview and the latest checkpoint at its own interval', async () => {
    h = harness({ 'flink-k8s.tracking.polling-interval-sec.job-status': 5, 'flink-k8s.tracking.polling-interval-sec.cluster-metric': 30 });
    h.rest.set(A, { jobs: [{ state: 'RUNNING' }] });
    h.add({ ref: { kind: 'rest', restUrl: A }, mode: 'application', origin: 'user' });
    h.tracker.follow();
    await h.step(0);
    expect(h.tracker.calls.metrics).toBe(1);
    for (let i = 0; i < 6; i++) await h.step(5000);
    expect(h.rest.count(A)).toBe(7);
    // Every 30 s, not at every 5 s status round.
    expect(h.tracker.calls.metrics).toBe(2);
    const m = h.tracker.list().clusters[0]!.metrics;
    expect(m).toMatchObject({ taskManagers: 1, slotsTotal: 2, slotsAvailable: 1, checkpoints: [{ jobId: JOB, id: 1 }] });
  });

  it("reads a cluster's metrics with its first answer and when a job turns RUNNING, not only at the metrics interval", async () => {
    // The way to the cluster takes a while (a port-forward): no endpoint yet when the loops start.
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const slow: RestAccess = { resolve: (entry, signal) => opened.then(() => fakeAccess.resolve(entry, signal)) };
    const settings = {
      'flink-k8s.tracking.polling-interval-sec.job-status': 5,
      'flink-k8s.tracking.polling-interval-sec.cluster-metric': 60,
    };
    h = harness(settings, undefined, slow);
    h.rest.checkpointInterval = 30_000;
    h.rest.set(A, { jobs: [{ state: 'RUNNING' }] });
    h.add({ ref: { kind: 'rest', restUrl: A }, mode: 'application', origin: 'user' });
    h.tracker.follow();
    await h.clock.advance(0);
    expect(h.rest.metricsCalls).toBe(0);
    open();
    // The poll, then the metrics read it started.
    await h.step(0);
    await h.tracker.settled();
    expect(h.tracker.calls.metrics).toBe(1);
    expect(h.tracker.list().clusters[0]!.metrics).toMatchObject({ taskManagers: 1, slotsTotal: 2, checkpoints: [{ jobId: JOB, id: 1 }] });
    // Polls that change nothing read no metrics; a job running again (after a restart) has them read at once.
    await h.step(5000);
    h.rest.set(A, { jobs: [{ state: 'RESTARTING' }] });
    await h.step(5000);
    expect(h.tracker.calls.metrics).toBe(1);
    h.rest.set(A, { jobs: [{ state: 'RUNNING' }] });
    await h.step(5000);
    await h.tracker.settled();
    expect(h.tracker.calls.metrics).toBe(2);
    expect(h.changes.states(idA)).toEqual(['RUNNING', 'RESTARTING', 'RUNNING']);
  });

  it('reads the memory a cluster runs with once per JobManager: again for a new JobManager pod, a first TaskManager, and every 10 minutes', async () => {
    const MiB = 1024 * 1024;
    h = harness({ 'flink-k8s.tracking.polling-interval-sec.job-status': 5, 'flink-k8s.tracking.polling-interval-sec.cluster-metric': 10 });
    const ref = { kind: 'kube' as const, context: 'dev', namespace: 'flink', clusterId: 'orders' };
    h.kube.evidenceOf.set('orders', kube());
    h.rest.set('http://orders.test', { jobs: [{ state: 'RUNNING' }] });
    // Sizes set one by one (no taskmanager.memory.process.size), and no TaskManager yet to say its total.
    h.rest.configTaskManagerSize = undefined;
    h.rest.taskManagers = 0;
    h.add({ ref, mode: 'application', origin: 'deploy' });
    const memory = () => h!.tracker.list().clusters[0]!.metrics?.memory;
    const reads = () => [h!.rest.memoryCalls.config, h!.rest.memoryCalls.taskManagers];
    h.tracker.follow();
    await h.step(0);
    await h.tracker.settled();
    expect(memory()).toEqual({ jobManager: 1600 * MiB });
    expect(reads()).toEqual([1, 0]);
    // The next metrics round, nothing new: not read.
    await h.step(5000);
    await h.step(5000);
    expect(h.tracker.calls.metrics).toBe(2);
    expect(reads()).toEqual([1, 0]);
    // A TaskManager came: read, its total process memory from Flink.
    h.rest.taskManagers = 1;
    await h.step(5000);
    await h.step(5000);
    expect(reads()).toEqual([2, 1]);
    expect(memory()).toEqual({ jobManager: 1600 * MiB, taskManager: 1_811_939_328 });
    // A new JobManager pod (a restart): read again at the next round; the memory shown meanwhile is the last read.
    h.kube.evidenceOf.set('orders', kube({ pods: [pod({ name: 'orders-7c9f-fghij' })] }));
    h.kube.push({ ref: { context: 'dev', namespace: 'flink', clusterId: 'orders' }, what: 'changed' });
    await h.step(5000);
    expect(memory()).toEqual({ jobManager: 1600 * MiB, taskManager: 1_811_939_328 });
    await h.step(5000);
    expect(reads()).toEqual([3, 2]);
    // Then only every 10 minutes (a JobManager restarted where no pod shows it).
    for (let i = 0; i < 118; i++) await h.step(5000);
    expect(reads()).toEqual([3, 2]);
    await h.step(5000);
    await h.step(5000);
    expect(reads()).toEqual([4, 3]);
    expect(h.tracker.calls.metrics).toBe(64);
  });

  /** A running job whose checkpoints were read once: with its first answer, at 0 s. */
  const checkpointing = async (interval: number | 'off', inProgress = 0) => {
    h = harness({ 'flink-k8s.tracking.polling-interval-sec.job-status': 5, 'flink-k8s.tracking.polling-interval-sec.cluster-metric': 10 });
    h.rest.checkpointInterval = interval;
    h.rest.checkpointCounts.in_progress = inProgress;
    h.rest.set(A, { jobs: [{ state: 'RUNNING' }] });
    h.add({ ref: { kind: 'rest', restUrl: A }, mode: 'application', origin: 'user' });
    h.tracker.follow();
    await h.step(0);
    expect([h.rest.configCalls, h.rest.checkpointCalls]).toEqual([1, 1]);
    return h;
  };
  const checkpointShown = (t: Harness) => t.tracker.list().clusters[0]!.metrics?.checkpoints.map((c) => c.id);

  it("reads a job's checkpoints once per its checkpoint interval, not at every metrics round, and shows the last one between", async () => {
    const t = await checkpointing(30_000);
    // Metrics rounds at 10 s and 20 s: /overview read, the checkpoint kept.
    for (let i = 0; i < 4; i++) await t.step(5000);
    expect(t.tracker.calls.metrics).toBe(3);
    expect([t.rest.configCalls, t.rest.checkpointCalls]).toEqual([1, 1]);
    expect(checkpointShown(t)).toEqual([1]);
    t.rest.checkpointCounts.completed = 2;
    for (let i = 0; i < 2; i++) await t.step(5000);
    expect(t.rest.checkpointCalls).toBe(2);
    expect(checkpointShown(t)).toEqual([2]);
    expect(t.rest.configCalls).toBe(1);
  });

  it('reads at every round while a checkpoint is in progress or one is due and has not come', async () => {
    const t = await checkpointing(30_000, 1);
    await t.step(5000);
    await t.step(5000);
    expect(t.rest.checkpointCalls).toBe(2);
    t.rest.checkpointCounts.in_progress = 0;
    t.rest.checkpointCounts.completed = 2;
    await t.step(5000);
    await t.step(5000);
    expect(t.rest.checkpointCalls).toBe(3);
    expect(checkpointShown(t)).toEqual([2]);
    // Due at 50 s; none came by then (backpressure, a long min pause): every round reads until one settles (here,
    // one that failed), then the interval again.
    for (let i = 0; i < 8; i++) await t.step(5000);
    expect(t.rest.checkpointCalls).toBe(5);
    t.rest.checkpointCounts.failed = 1;
    await t.step(5000);
    await t.step(5000);
    expect(t.rest.checkpointCalls).toBe(6);
    for (let i = 0; i < 4; i++) await t.step(5000);
    expect(t.rest.checkpointCalls).toBe(6);
  });

  it('reads a job without periodic checkpoints once a minute, for the savepoints taken by hand', async () => {
    const t = await checkpointing('off');
    for (let i = 0; i < 11; i++) await t.step(5000);
    expect(t.rest.checkpointCalls).toBe(1);
    t.rest.checkpointCounts.completed = 2;
    await t.step(5000);
    expect([t.rest.configCalls, t.rest.checkpointCalls]).toEqual([1, 2]);
    expect(checkpointShown(t)).toEqual([2]);
  });
});

describe('stop', () => {
  it('aborts calls in flight, writes what is pending, closes the Kubernetes side', async () => {
    h = harness();
    h.rest.set(A, 'hang');
    h.add({ ref: { kind: 'rest', restUrl: A }, mode: 'application', origin: 'user' });
    h.tracker.follow();
    await h.clock.advance(0);
    await h.rest.called(A, 1);
    await h.tracker.stop();
    expect(h.kube.closed).toBe(true);
    expect(h.clock.pending).toBe(0);
    h = undefined;
  });
});
