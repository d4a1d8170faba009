// Tracking against the bench control plane, on a kube instance and a Flink instance of this test's own (its API
// server is stopped and started again, its TaskManager killed: tests/helpers/own-bench.ts), with kwok as kubelet:
// application clusters deployed by Flink Desk (jobs.apply, a prebuilt image, ClusterIP) whose JobManager pods
// port-forward — through the real API server and kwok — to the real Flink, so tracking goes the way a user's does
// and reads what that Flink reports. Then: a second kubeconfig context that cannot be reached, tracked beside
// them, changes nothing for them; a deleted Deployment reads an inferred terminal state within a second, from the
// watch (no poll round could have seen it: the interval is an hour then); the API server stopped for a while turns
// no job terminal and tracking goes on when it is back; pods in CrashLoopBackOff and ImagePullBackOff read FAILED
// with the reason; the TaskManager killed reads what Flink reports (RESTARTING, then RUNNING); restarted services
// resume from the store. Every wait is on an event (tracking.changed, op) or on the state asked for.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FlinkRestClient } from '../../electron/services/flink/rest-client';
import type { KubeClient } from '../../electron/services/kube';
import { HISTORY_KIND } from '../../electron/services/tracking/tracking-store';
import type { TrackedClusterView } from '../../shared/contracts/tracking';
import type { OperationSnapshot } from '../../shared/operations';
import type { KubeOutput } from '../fixtures/kube/part';
import { useBench } from '../fixtures/use-bench';
import { createClusterPortForward, egressDecisions, type Disposer } from '../helpers/kwok-kubelet';
import { kill, ownBench, recipeOf, respawn } from '../helpers/own-bench';
import { TrackingChanges } from '../helpers/tracking-changes';
import { RecordingSink, testServices, type TestServices } from '../helpers/test-services';
import { adminClient, closeAdmin, closedPort, scratch, writeKubeconfig } from './kube-helpers';

interface FlinkInstance {
  rest: string;
  flinkVersion: string;
  jmPid: number;
  tmPid: number;
}
interface ExampleJob {
  jar: string;
  entryClass: string;
}
type OwnKube = KubeOutput & { _private: { pids: { name: string; pid: number }[] } };

const own = ownBench('tracking-kube');
const appsNs = 'flink-apps';
const failingNs = 'flink-failing';
const DEAD = 'unreachable';
/** Flink's restart delay for the job: RESTARTING lasts this long, longer than a poll interval. */
const RESTART_DELAY_SEC = 3;
/** Each test waits on events; one that does not come fails the test after this long. */
const TEST_MS = 90_000;

let kube: OwnKube;
let flink: FlinkInstance;
let example: ExampleJob;
let jobId: string;
let admin: KubeClient;
let s: TestServices;
let changes: TrackingChanges;
let env: NodeJS.ProcessEnv;
const disposers: Disposer[] = [];

const idOf = (namespace: string, clusterId: string, context = kube.contexts.admin) => `kube:${context}/${namespace}/${clusterId}`;
const orders = () => idOf(appsNs, 'orders');
const billing = () => idOf(appsNs, 'billing');
const dead = () => idOf(appsNs, 'elsewhere', DEAD);

function jobDoc(name: string, namespace: string, jobManager: Record<string, unknown> = {}) {
  return {
    apiVersion: 'flinkdesk/v1',
    kind: 'FlinkJob',
    metadata: { name },
    spec: {
      mode: 'application',
      context: kube.contexts.admin,
      namespace,
      clusterId: name,
      flinkVersion: '1.20',
      image: { ref: '127.0.0.1:5000/streamx/datagen:1' },
      artifact: { jar: '/opt/flink/usrlib/job.jar' },
      job: { entryClass: example.entryClass, parallelism: 1 },
      rest: { exposedType: 'ClusterIP' },
      jobManager,
    },
  };
}

/** A pod template that gives the JobManager pod a container state through the bench's kwok stages. */
function stateTemplate(state: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { labels: { 'bench.flink-desk/state': state } },
    spec: { containers: [{ name: 'flink-main-container' }] },
  });
}

function ended(first: OperationSnapshot): Promise<OperationSnapshot> {
  return new Promise((resolve) => {
    const off = s.on('op', (e) => {
      if (e.opId === first.id && (e.type === 'done' || e.type === 'error')) {
        off();
        resolve(e.snapshot);
      }
    });
    const now = s.operations.get(first.id);
    if (now.status !== 'running') {
      off();
      resolve(now);
    }
  });
}

async function deploy(name: string, namespace: string, jobManager: Record<string, unknown> = {}): Promise<OperationSnapshot> {
  return ended(await s.client.invoke('jobs.apply', { document: jobDoc(name, namespace, jobManager) }));
}

async function view(id: string, refresh = false): Promise<TrackedClusterView> {
  const c = (await s.client.invoke('tracking.list', refresh ? { refresh } : undefined)).clusters.find((x) => x.id === id);
  if (!c) throw new Error(`${id} is not tracked`);
  return c;
}

/** The example job on the Flink instance (checkpoints on, so Flink restarts it after a failure, after a delay). */
async function submitExample(): Promise<string> {
  const c = new FlinkRestClient({ restUrl: flink.rest, timeoutMs: 60_000 });
  const { jarId } = await c.uploadJar(example.jar);
  const run = await c.runJar(jarId, {
    entryClass: example.entryClass,
    programArgsList: ['--rate', '5', '--checkpoint-interval', '1000', '--name', 'fd-track-kube'],
    flinkConfiguration: {
      'restart-strategy.type': 'fixed-delay',
      'restart-strategy.fixed-delay.attempts': '1000',
      'restart-strategy.fixed-delay.delay': `${RESTART_DELAY_SEC} s`,
    },
  });
  await vi.waitFor(
    async () => {
      const state = (await c.jobsOverview()).find((j) => j.jid === run.jobId)?.state;
      if (state !== 'RUNNING') throw new Error(`job ${run.jobId} is ${state ?? 'not listed'}, not RUNNING yet`);
    },
    { timeout: 60_000, interval: 250 },
  );
  return run.jobId;
}

function pidOf(name: string): number {
  return kube._private.pids.find((p) => p.name === name)!.pid;
}

/** Records a process started again, so that own.down() stops the new one. */
function replacedApiServer(pid: number): void {
  kube._private.pids = kube._private.pids.map((p) => (p.name === 'kube-apiserver' ? { ...p, pid } : p));
  own.update<OwnKube>('kube', (o) => ({ ...o, _private: { ...o._private, pids: kube._private.pids } }));
}

beforeAll(async () => {
  [kube, flink, example] = await Promise.all([
    own.up<OwnKube>('kube'),
    own.up<FlinkInstance>('flink'),
    useBench<ExampleJob>('example-job'),
  ]);
  admin = await adminClient(kube);
  for (const name of [appsNs, failingNs])
    await admin.expect('POST', '/api/v1/namespaces', `create namespace ${name}`, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    });
  // Every JobManager pod in appsNs forwards its ports to the real Flink's REST port; failingNs has no such rule.
  disposers.push(
    await createClusterPortForward(kube, { name: 'to-real-flink', namespaces: [appsNs], targetPort: Number(new URL(flink.rest).port) }),
  );
  jobId = await submitExample();
  // A second kubeconfig file beside the bench's, with a context whose API server is a closed loopback port.
  const deadKubeconfig = writeKubeconfig(
    kube,
    'tracking-dead',
    { token: 'no-one-answers' },
    { server: `https://127.0.0.1:${await closedPort()}` },
    DEAD,
  );
  env = { KUBECONFIG: `${kube.kubeconfig}:${deadKubeconfig}`, HOME: scratch };
  s = testServices(new RecordingSink(), 'cli', { env });
  changes = new TrackingChanges((l) => s.on('tracking.changed', l));
  await s.client.invoke('settings.update', {
    'flink-k8s.tracking.polling-interval-sec.job-status': 1,
    'flink-k8s.tracking.polling-task-timeout-sec.job-status': 3,
    'flink-k8s.tracking.polling-interval-sec.cluster-metric': 1,
    'flink-k8s.tracking.silent-state-keep-sec': 600,
  });
  await s.start();
  await s.client.invoke('tracking.follow');
});

afterAll(async () => {
  changes?.close();
  await s?.stop();
  for (const d of disposers) await d().catch(() => undefined);
  await closeAdmin();
  await own.down();
});

describe('tracking application clusters on the bench control plane, through a port-forward to a real Flink', () => {
  it(
    'deployed by Flink Desk, each is tracked through a port-forward (ClusterIP) and reads the job Flink reports',
    async () => {
      const [a, b] = await Promise.all([deploy('orders', appsNs), deploy('billing', appsNs)]);
      expect([a.status, b.status], JSON.stringify([a.error, b.error])).toEqual(['succeeded', 'succeeded']);
      for (const id of [orders(), billing()]) {
        const running = await changes.next((c) => c.id === id && c.to.state === 'RUNNING');
        expect(running.to.source).toBe('flink');
        expect(running.job?.id).toBe(jobId);
        const v = await view(id);
        expect(v).toMatchObject({ origin: 'deploy', mode: 'application', jobName: id === orders() ? 'orders' : 'billing' });
        expect(v.access).toMatchObject({ mode: 'auto', way: 'port-forward' });
        expect(v.access?.via).toMatch(
          new RegExp(`^port-forward to pod ${appsNs}/${id.split('/').pop()}-[a-z0-9]+-[a-z0-9]+ port 8081 \\(API server ${kube.server}\\)`),
        );
        expect(v.access?.restUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      }
      // The metrics loop reads Flink's own overview the same way: its one TaskManager and two slots, and the memory
      // they run with (the JobManager's as the fixture's configuration sets it).
      await expect
        .poll(async () => (await view(billing())).metrics, { timeout: 20_000, interval: 250 })
        .toMatchObject({
          taskManagers: 1,
          slotsTotal: 2,
          jobsRunning: 1,
          memory: { jobManager: 768 * 1024 * 1024, taskManager: expect.any(Number) },
        });
    },
    TEST_MS,
  );

  it(
    'a context that cannot be reached, tracked beside them, is SILENT with the reason, and they are polled on unaffected',
    async () => {
      const from = changes.mark();
      await s.client.invoke('tracking.add', { context: DEAD, namespace: appsNs, clusterId: 'elsewhere' });
      const silent = await changes.next((c) => c.id === dead() && c.to.state === 'SILENT', from);
      expect(silent.to).toMatchObject({ source: 'inferred', final: false });
      expect(silent.to.reason).toMatch(/the API server cannot be read either/);
      expect(silent.to.reason).toMatch(/ECONNREFUSED|refused/i);
      // One round with all three: the two on the bench answer, freshly polled, while the third is refused.
      const list = await s.client.invoke('tracking.list', { refresh: true });
      for (const id of [orders(), billing()]) {
        const c = list.clusters.find((x) => x.id === id)!;
        expect(c.state).toMatchObject({ state: 'RUNNING', source: 'flink' });
        expect(c.state.evidence.lastPollAt).toBeGreaterThan(silent.at);
        expect(c.state.evidence.lastError).toBeUndefined();
      }
      expect(list.clusters.find((x) => x.id === dead())?.state.state).toBe('SILENT');
      expect(changes.of(orders(), from).concat(changes.of(billing(), from))).toEqual([]);
    },
    TEST_MS,
  );

  it(
    'its Deployment deleted, a cluster reads TERMINATED (inferred, not FINISHED) within a second, from the watch',
    async () => {
      // No poll round can come in between: the interval is an hour from now on, and the last round has settled.
      await s.client.invoke('settings.update', { 'flink-k8s.tracking.polling-interval-sec.job-status': 3600 });
      await s.client.invoke('tracking.list', { refresh: true });
      const from = changes.mark();
      const t0 = performance.now();
      await admin.expect('DELETE', `/apis/apps/v1/namespaces/${appsNs}/deployments/orders`, 'delete the Deployment orders');
      const gone = await changes.next((c) => c.id === orders(), from);
      const ms = gone.t - t0;
      expect(gone.to).toMatchObject({ state: 'TERMINATED', source: 'inferred', final: true });
      expect(gone.to.reason).toMatch(/Deployment is gone\. Flink last reported RUNNING; nothing says whether it finished/);
      // Applied from the Kubernetes evidence alone: no REST poll went into it.
      expect(gone.to.evidence.lastPollAt).toBeUndefined();
      expect(gone.to.evidence.kube).toMatchObject({ reachable: true, deployment: null });
      expect(ms, `the change came ${ms.toFixed(0)} ms after the delete`).toBeLessThan(1000);
      // billing, in the same namespace, did not change.
      expect(changes.of(billing(), from)).toEqual([]);
      await s.client.invoke('settings.update', { 'flink-k8s.tracking.polling-interval-sec.job-status': 1 });
    },
    TEST_MS,
  );

  it(
    'the API server stopped for a while: no job turns terminal, and tracking goes on when it is back',
    async () => {
      const from = changes.mark();
      const recipe = recipeOf(pidOf('kube-apiserver'));
      await kill(pidOf('kube-apiserver'), 'SIGKILL');
      const silent = await changes.next((c) => c.id === billing(), from);
      expect(silent.to).toMatchObject({ state: 'SILENT', source: 'inferred', final: false });
      expect(silent.to.evidence.lastFlinkState?.state).toBe('RUNNING');
      expect(silent.to.reason).toMatch(/No answer from the REST endpoint/);
      // Down for a while: three more rounds find neither Flink nor the API server, and say so without a change.
      await vi.waitFor(
        async () => {
          const v = await view(billing());
          expect(v.state).toMatchObject({ state: 'SILENT', final: false });
          expect(v.state.evidence.kube?.reachable).toBe(false);
          expect(v.state.evidence.lastPollAt! - silent.at).toBeGreaterThanOrEqual(3000);
        },
        { timeout: 30_000, interval: 250 },
      );
      expect(changes.of(billing(), silent.index + 1)).toEqual([]);
      replacedApiServer(respawn(recipe));
      const back = await changes.next((c) => c.id === billing() && c.to.state === 'RUNNING', silent.index + 1);
      expect(back.to.source).toBe('flink');
      expect(back.job?.id).toBe(jobId);
      // Between the two: billing only SILENT, no change of the cluster already gone, nothing anywhere final.
      const between = changes.seen.slice(from, back.index + 1).map((x) => x.change);
      expect(changes.of(billing(), from, back.index + 1).map((c) => c.to.state)).toEqual(['SILENT', 'RUNNING']);
      expect(changes.of(orders(), from, back.index + 1)).toEqual([]);
      expect(between.filter((c) => c.kind === 'state' && c.to.final)).toEqual([]);
      expect((await view(orders())).state).toMatchObject({ state: 'TERMINATED', final: true });
    },
    TEST_MS,
  );

  it(
    'JobManager pods in CrashLoopBackOff and ImagePullBackOff read FAILED, inferred, with the reason',
    async () => {
      const [, pull] = await Promise.all([
        deploy('crashing', failingNs, { podTemplate: stateTemplate('CrashLoopBackOff') }),
        deploy('unpullable', failingNs, { podTemplate: stateTemplate('ImagePullBackOff') }),
      ]);
      // The deploy says its JobManager cannot start, and leaves the cluster tracked to show why.
      expect(pull.steps.find((x) => x.id === 'start')?.status).toBe('failed');
      const crashing = await changes.next((c) => c.id === idOf(failingNs, 'crashing') && c.to.state === 'FAILED');
      expect(crashing.to).toMatchObject({ source: 'inferred', final: false });
      expect(crashing.to.reason).toMatch(
        /^The JobManager cannot run: JobManager pod crashing-[\w-]+: container flink-main-container is in CrashLoopBackOff \(restarted 5 times; its last run ended: Error, exit code 1\)/,
      );
      const unpullable = await changes.next((c) => c.id === idOf(failingNs, 'unpullable') && c.to.state === 'FAILED');
      expect(unpullable.to).toMatchObject({ source: 'inferred', final: false });
      expect(unpullable.to.reason).toMatch(
        /^The JobManager cannot run: JobManager pod unpullable-[\w-]+: container flink-main-container is in ImagePullBackOff: Back-off pulling image "127\.0\.0\.1:5000\/streamx\/datagen:1"/,
      );
    },
    TEST_MS,
  );

  it(
    'the TaskManager process killed: tracking reads what Flink reports, RESTARTING, then RUNNING once a TaskManager is back',
    async () => {
      const from = changes.mark();
      const recipe = recipeOf(flink.tmPid);
      await kill(flink.tmPid, 'SIGKILL');
      const restarting = await changes.next((c) => c.id === billing() && c.to.state !== 'RUNNING', from);
      expect(restarting.to).toMatchObject({ state: 'RESTARTING', source: 'flink', final: false });
      expect(restarting.job?.id).toBe(jobId);
      // Flink's restart strategy tries again every few seconds; with a TaskManager again, the job runs again.
      flink.tmPid = respawn(recipe);
      own.update<FlinkInstance>('flink-1.20', (o) => ({ ...o, tmPid: flink.tmPid }));
      let running = await changes.next((c) => c.id === billing() && c.to.state === 'RUNNING', restarting.index + 1);
      expect(running.to.source).toBe('flink');
      // Flink may fail the job once more while the TaskManager comes back (a restart sent to slots of the killed one
      // before it was declared lost): then tracking must follow it again, until Flink and tracking both say RUNNING.
      const rest = new FlinkRestClient({ restUrl: flink.rest, timeoutMs: 10_000 });
      for (let i = 0; ; i++) {
        const reported = (await rest.jobsOverview()).find((j) => j.jid === jobId)?.state;
        const last = changes.of(billing(), from).at(-1)!;
        if (reported === 'RUNNING' && last.to.state === 'RUNNING') {
          running = await changes.next((c) => c === last, running.index);
          break;
        }
        if (i >= 90) throw new Error(`after ${i} s Flink reports ${reported} and tracking ${last.to.state}`);
        await new Promise((r) => setTimeout(r, 1000));
      }
      // Every state of the job on the way came from Flink: nothing inferred, nothing final.
      const states = changes.of(billing(), from, running.index + 1).map((c) => `${c.to.state} ${c.to.source}`);
      expect(states[0]).toBe('RESTARTING flink');
      expect(states.at(-1)).toBe('RUNNING flink');
      expect(states.every((x) => x.endsWith(' flink') && /^(RESTARTING|RUNNING) /.test(x))).toBe(true);
    },
    TEST_MS,
  );

  it(
    'a restart of the services resumes every cluster from the store, and tracking goes on from there',
    async () => {
      await s.stop();
      const before = changes;
      before.close();
      // Each transition announced was stored once, in order.
      const history = s.stores.history.recent({ kind: HISTORY_KIND }, 500).reverse();
      for (const id of [orders(), billing(), idOf(failingNs, 'crashing'), idOf(failingNs, 'unpullable'), dead()])
        expect(history.filter((e) => e.subject === id && !e.jobId).map((e) => e.to)).toEqual(before.of(id).map((c) => c.to.state));
      expect(
        before
          .of(orders())
          .map((c) => c.to.state)
          .slice(-2),
      ).toEqual(['RUNNING', 'TERMINATED']);

      s = testServices(new RecordingSink(), 'cli', { env, dir: s.dir });
      changes = new TrackingChanges((l) => s.on('tracking.changed', l));
      await s.start();
      const resumed = await s.client.invoke('tracking.list');
      expect(resumed.following).toBe(false);
      const state = (id: string) => {
        const c = resumed.clusters.find((x) => x.id === id);
        return c && `${c.state.state} ${c.state.source}`;
      };
      expect(state(orders())).toBe('TERMINATED inferred');
      expect(state(billing())).toBe('RUNNING flink');
      expect(state(idOf(failingNs, 'crashing'))).toBe('FAILED inferred');
      expect(state(idOf(failingNs, 'unpullable'))).toBe('FAILED inferred');
      expect(state(dead())).toBe('SILENT inferred');

      await s.client.invoke('tracking.follow');
      const polled = await view(billing(), true);
      expect(polled.state).toMatchObject({ state: 'RUNNING', source: 'flink' });
      expect(polled.state.evidence.lastPollAt).toBeGreaterThan(resumed.now);
      expect(polled.access?.way).toBe('port-forward');
      // Nothing changed, so nothing was announced or stored again.
      expect(changes.seen).toEqual([]);
      // And through all of it the API server dialled loopback only.
      expect(egressDecisions(kube).filter((d) => !d.allowed)).toEqual([]);
    },
    TEST_MS,
  );
});
