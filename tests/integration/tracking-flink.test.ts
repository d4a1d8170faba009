// Tracking against a real Flink session cluster (the bench's `flink` part, an instance of its own — Flink 1.20.5 —
// so killing its JobManager leaves the shared one alone): a job submitted through flink.session.submit is tracked
// (the submission's end brings the cluster into the tracked set) and reads RUNNING as Flink reports it; a cancel
// reads CANCELED; the JobManager process killed, the running job reads SILENT, then LOST once the keep time has
// passed, while the cancelled one stays CANCELED; a restart of the services resumes all of it from the store.
// Short settings (1 s rounds, 4 s keep); every wait is on an event of the bus.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBench } from '../fixtures/use-bench.ts';
import { stop } from '../fixtures/bench.ts';
import { RecordingSink, testServices, type TestServices } from '../helpers/test-services';
import { HISTORY_KIND } from '../../electron/services/tracking/tracking-store';
import type { SessionSubmitResult } from '../../shared/contracts/flink';
import type { TrackingChange } from '../../shared/contracts/tracking';
import type { OperationSnapshot } from '../../shared/operations';

interface FlinkBench {
  rest: string;
  flinkVersion: string;
  jmPid: number;
  tmPid: number;
}
interface ExampleJob {
  jar: string;
  entryClass: string;
}

const VARIANT = { flink: '1.20.5' };
const KEEP_SEC = 4;

let cluster: FlinkBench;
let job: ExampleJob;
let s: TestServices;
const seen: TrackingChange[] = [];

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

/** The first tracking change (already seen, or to come) that matches. */
function change(pred: (c: Extract<TrackingChange, { kind: 'state' }>) => boolean): Promise<Extract<TrackingChange, { kind: 'state' }>> {
  const match = (c: TrackingChange) => c.kind === 'state' && pred(c);
  const already = seen.find(match);
  if (already) return Promise.resolve(already as Extract<TrackingChange, { kind: 'state' }>);
  return new Promise((resolve) => {
    const off = s.on('tracking.changed', (c) => {
      if (!match(c)) return;
      off();
      resolve(c as Extract<TrackingChange, { kind: 'state' }>);
    });
  });
}

async function submit(name: string): Promise<SessionSubmitResult> {
  const op = await ended(
    await s.client.invoke('flink.session.submit', {
      restUrl: cluster.rest,
      jar: job.jar,
      entryClass: job.entryClass,
      args: ['--rate', '5', '--name', name],
      parallelism: 1,
    }),
  );
  expect(op.status, JSON.stringify(op.error)).toBe('succeeded');
  return op.result as SessionSubmitResult;
}

describe('tracking a real Flink session cluster', () => {
  const id = () => `rest:${cluster.rest}`;

  beforeAll(async () => {
    job = await useBench<ExampleJob>('example-job');
    cluster = await useBench<FlinkBench>('flink', VARIANT);
    s = testServices(new RecordingSink());
    s.on('tracking.changed', (c) => void seen.push(c));
    await s.client.invoke('settings.update', {
      'flink-k8s.tracking.polling-interval-sec.job-status': 1,
      'flink-k8s.tracking.polling-task-timeout-sec.job-status': 3,
      'flink-k8s.tracking.polling-interval-sec.cluster-metric': 2,
      'flink-k8s.tracking.silent-state-keep-sec': KEEP_SEC,
    });
    await s.start();
    await s.client.invoke('tracking.follow');
  });

  afterAll(async () => {
    await s?.stop();
    // This instance's JobManager was killed on purpose: stop what is left of it (its TaskManager).
    await stop('flink-1.20.5');
  });

  let first: SessionSubmitResult;
  let second: SessionSubmitResult;

  it('a submitted job is tracked and reads RUNNING, as Flink reports it', async () => {
    first = await submit('fd-track-1');
    const list = await s.client.invoke('tracking.list');
    expect(list.clusters.map((c) => [c.id, c.origin, c.mode])).toEqual([[id(), 'submit', 'session']]);
    const running = await change((c) => c.id === id() && c.jobId === first.jobId && c.to.state === 'RUNNING');
    expect(running.to.source).toBe('flink');
    const cluster = await change((c) => c.id === id() && c.jobId === undefined && c.to.state === 'RUNNING');
    expect(cluster.to.source).toBe('flink');
  });

  it('cancelled, it reads CANCELED', async () => {
    await s.client.invoke('flink.job.cancel', { restUrl: cluster.rest, jobId: first.jobId });
    const canceled = await change((c) => c.jobId === first.jobId && c.to.state === 'CANCELED');
    expect(canceled.to).toMatchObject({ source: 'flink', final: true });
    expect(canceled.from?.state).toMatch(/RUNNING|CANCELLING/);
  });

  it('the JobManager process killed: SILENT at once, LOST only after the keep time, the cancelled job still CANCELED', async () => {
    second = await submit('fd-track-2');
    await change((c) => c.jobId === second.jobId && c.to.state === 'RUNNING');
    const before = seen.length;
    process.kill(cluster.jmPid, 'SIGKILL');
    const silent = await change((c) => c.jobId === second.jobId && c.to.state === 'SILENT');
    expect(silent.to.source).toBe('inferred');
    expect(silent.to.evidence.lastFlinkState?.state).toBe('RUNNING');
    expect(silent.to.reason).toMatch(/No answer from the REST endpoint/);
    const lost = await change((c) => c.jobId === second.jobId && c.to.state === 'LOST');
    expect(lost.at - silent.at).toBeGreaterThanOrEqual(KEEP_SEC * 1000);
    expect(lost.to.source).toBe('inferred');
    const clusterLost = await change((c) => c.id === id() && c.jobId === undefined && c.to.state === 'LOST');
    expect(clusterLost.to.final).toBe(false);
    // Between SILENT and LOST, nothing else happened to the second job; the first one never changed again.
    const after = seen.slice(before).filter((c) => c.kind === 'state');
    expect(after.filter((c) => c.kind === 'state' && c.jobId === second.jobId).map((c) => c.kind === 'state' && c.to.state)).toEqual([
      'SILENT',
      'LOST',
    ]);
    expect(after.some((c) => c.kind === 'state' && c.jobId === first.jobId)).toBe(false);
  });

  it('the transitions are in the history, and a restart of the services resumes from the store', async () => {
    await s.stop();
    const history = s.stores.history.recent({ kind: HISTORY_KIND, subject: id() }, 100).reverse();
    const of = (jobId: string) => history.filter((e) => e.jobId === jobId).map((e) => e.to);
    expect(of(first.jobId)).toEqual(expect.arrayContaining(['RUNNING', 'CANCELED']));
    expect(of(second.jobId)).toEqual(['RUNNING', 'SILENT', 'LOST']);

    const again = testServices(new RecordingSink(), 'cli', { dir: s.dir });
    try {
      await again.start();
      const list = await again.client.invoke('tracking.list');
      expect(list.following).toBe(false);
      const c = list.clusters.find((x) => x.id === id())!;
      expect(c.state).toMatchObject({ state: 'LOST', source: 'inferred' });
      const jobs = Object.fromEntries(c.jobs.map((j) => [j.id, j.state.state]));
      expect(jobs).toMatchObject({ [first.jobId]: 'CANCELED', [second.jobId]: 'LOST' });
    } finally {
      await again.stop();
    }
  });
});
