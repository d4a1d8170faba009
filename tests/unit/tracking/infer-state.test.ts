// The state inference, rule by rule and against each of StreamPark's tracking failures (anchors.md: #3618, #469,
// #1247, #3870), table-driven: evidence in, state + source + finality out.
import { describe, expect, it } from 'vitest';
import { inferState, type InferInput } from '../../../electron/services/tracking/infer-state';
import { answer, apiDown, flinkSaid, gone, JOB, JOB2, kube, pod, refused, running, silentSince, T0 } from './evidence';

const KEEP = 60_000;
const app = { kind: 'application' } as const;
const session = { kind: 'session-cluster' } as const;
const sessionJob = { kind: 'job', jobId: JOB, inSession: true } as const;

interface Row {
  name: string;
  input: Partial<InferInput>;
  state: string;
  source: 'flink' | 'inferred';
  final?: boolean;
  reason?: RegExp;
}

const run = (input: Partial<InferInput>) => inferState({ subject: app, now: T0, keepMs: KEEP, ...input });

function table(rows: Row[]) {
  it.each(rows)('$name → $state ($source)', (row) => {
    const v = run(row.input);
    expect(v.state).toBe(row.state);
    expect(v.source).toBe(row.source);
    if (row.final !== undefined) expect(v.final).toBe(row.final);
    if (row.reason) expect(v.reason).toMatch(row.reason);
  });
}

describe('Flink answers: its word is the state', () => {
  table([
    {
      name: 'application job RUNNING',
      input: { rest: answer([{ state: 'RUNNING' }]), kube: kube() },
      state: 'RUNNING',
      source: 'flink',
      final: false,
    },
    ...['INITIALIZING', 'CREATED', 'FAILING', 'CANCELLING', 'RESTARTING', 'SUSPENDED', 'RECONCILING'].map((s) => ({
      name: `application job ${s}`,
      input: { rest: answer([{ state: s }]) },
      state: s,
      source: 'flink' as const,
      final: false,
    })),
    ...['FAILED', 'CANCELED', 'FINISHED'].map((s) => ({
      name: `terminal ${s} is final`,
      input: { rest: answer([{ state: s }]) },
      state: s,
      source: 'flink' as const,
      final: true,
    })),
    {
      name: 'a state a newer Flink adds is shown as it comes',
      input: { rest: answer([{ state: 'PAUSED' }]) },
      state: 'PAUSED',
      source: 'flink',
    },
    {
      name: 'application cluster: the newest job counts',
      input: {
        rest: answer([
          { id: JOB, state: 'FAILED', startTime: 1 },
          { id: JOB2, state: 'RUNNING', startTime: 2 },
        ]),
      },
      state: 'RUNNING',
      source: 'flink',
    },
    {
      name: 'session cluster answering is RUNNING',
      input: { subject: session, rest: answer([]) },
      state: 'RUNNING',
      source: 'flink',
      reason: /0 jobs/,
    },
    {
      name: 'session job by id',
      input: {
        subject: sessionJob,
        rest: answer([
          { id: JOB2, state: 'RUNNING' },
          { id: JOB, state: 'CANCELED' },
        ]),
      },
      state: 'CANCELED',
      source: 'flink',
      final: true,
    },
    {
      name: 'Flink answers while the API server is down: Flink wins',
      input: { rest: answer([{ state: 'RUNNING' }]), kube: apiDown, previous: silentSince(T0 - 10_000) },
      state: 'RUNNING',
      source: 'flink',
    },
    {
      name: 'Flink answers again after LOST',
      input: { rest: answer([{ state: 'RUNNING' }]), previous: { ...silentSince(T0 - 600_000), state: 'LOST' } },
      state: 'RUNNING',
      source: 'flink',
    },
    {
      name: 'an application cluster that answers without a job yet is DEPLOYING',
      input: { rest: answer([]), kube: kube() },
      state: 'DEPLOYING',
      source: 'inferred',
      reason: /has not started the job/,
    },
    {
      name: 'a listed job that vanished from a live cluster is SILENT, never terminal',
      input: { subject: sessionJob, rest: answer([]), previous: flinkSaid('RUNNING') },
      state: 'SILENT',
      source: 'inferred',
      reason: /does not list job/,
    },
    {
      name: 'a finished session job that expired from the overview stays FINISHED',
      input: { subject: sessionJob, rest: answer([]), previous: flinkSaid('FINISHED') },
      state: 'FINISHED',
      source: 'flink',
      final: true,
    },
  ]);
});

describe('#3618: a transient error never makes a running job terminal', () => {
  table([
    {
      name: 'REST refused, Deployment there',
      input: { rest: refused(), kube: kube(), previous: flinkSaid('RUNNING') },
      state: 'SILENT',
      source: 'inferred',
      final: false,
    },
    {
      name: 'REST refused, API server down too',
      input: { rest: refused(), kube: apiDown, previous: flinkSaid('RUNNING') },
      state: 'SILENT',
      source: 'inferred',
      reason: /API server cannot be read/,
    },
    {
      name: 'REST refused, no Kubernetes side (a REST URL)',
      input: { rest: refused(), previous: flinkSaid('RUNNING') },
      state: 'SILENT',
      source: 'inferred',
    },
    {
      name: 'REST timed out, API server unreachable, long after the keep time: LOST, not FAILED',
      input: { rest: refused(), kube: apiDown, previous: silentSince(T0 - 10 * KEEP) },
      state: 'LOST',
      source: 'inferred',
      final: false,
    },
    {
      name: 'an API server error is not "Deployment gone" (reachable false with no deployment field)',
      input: { rest: refused(), kube: { ...apiDown, deployment: null }, previous: flinkSaid('RUNNING') },
      state: 'SILENT',
      source: 'inferred',
    },
    {
      name: 'RESTARTING then silence: SILENT',
      input: { rest: refused(), kube: apiDown, previous: flinkSaid('RESTARTING') },
      state: 'SILENT',
      source: 'inferred',
      reason: /last reported RESTARTING/,
    },
  ]);

  it('tracking goes on: the first answer after the outage is RUNNING again', () => {
    const during = run({ rest: refused(), kube: apiDown, previous: silentSince(T0 - 10 * KEEP) });
    expect(during.state).toBe('LOST');
    const after = run({
      now: T0 + 5000,
      rest: answer([{ state: 'RUNNING' }], T0 + 5000),
      kube: kube(),
      previous: { ...during, lastSuccessAt: during.evidence.lastSuccessAt },
    });
    expect(after).toMatchObject({ state: 'RUNNING', source: 'flink', final: false });
  });
});

describe('SILENT turns into LOST only after the keep time, measured from the first silent poll', () => {
  table([
    { name: 'first silent poll', input: { rest: refused(), previous: flinkSaid('RUNNING') }, state: 'SILENT', source: 'inferred' },
    {
      name: 'silent for keep − 1 ms',
      input: { rest: refused(), previous: silentSince(T0 - KEEP + 1) },
      state: 'SILENT',
      source: 'inferred',
    },
    {
      name: 'silent for exactly the keep time',
      input: { rest: refused(), previous: silentSince(T0 - KEEP) },
      state: 'LOST',
      source: 'inferred',
      reason: /Nothing heard for 60 s/,
    },
    {
      name: 'LOST stays LOST while nothing is heard',
      input: { rest: refused(), previous: { ...silentSince(T0 - 5 * KEEP), state: 'LOST' } },
      state: 'LOST',
      source: 'inferred',
    },
    {
      name: 'a shorter keep time applies at once',
      input: { rest: refused(), keepMs: 5_000, previous: silentSince(T0 - 6_000) },
      state: 'LOST',
      source: 'inferred',
    },
  ]);

  it('keeps the time of the first silent poll, not the latest', () => {
    const first = run({ rest: refused(T0), previous: flinkSaid('RUNNING') });
    expect(first.evidence.silentSince).toBe(T0);
    const second = run({ now: T0 + 30_000, rest: refused(T0 + 30_000), previous: { ...first, ...first.evidence } });
    expect(second.evidence.silentSince).toBe(T0);
    expect(second.since).toBe(T0);
    const third = run({ now: T0 + KEEP, rest: refused(T0 + KEEP), previous: { ...second, ...second.evidence } });
    expect(third.state).toBe('LOST');
  });
});

describe('an application cluster that is gone: FINISHED/CANCELED/FAILED only when the evidence says which', () => {
  table([
    {
      name: 'gone, Flink last said RUNNING: TERMINATED',
      input: { rest: refused(), kube: gone(), previous: flinkSaid('RUNNING') },
      state: 'TERMINATED',
      source: 'inferred',
      final: true,
      reason: /last reported RUNNING/,
    },
    {
      name: 'gone, never answered: TERMINATED',
      input: { rest: refused(), kube: gone() },
      state: 'TERMINATED',
      source: 'inferred',
      final: true,
      reason: /never reported/,
    },
    {
      name: 'gone after Flink said FINISHED: FINISHED as Flink said',
      input: { rest: refused(), kube: gone(), previous: flinkSaid('FINISHED') },
      state: 'FINISHED',
      source: 'flink',
      final: true,
    },
    {
      name: 'gone after Flink said FAILED: FAILED',
      input: { rest: refused(), kube: gone(), previous: flinkSaid('FAILED') },
      state: 'FAILED',
      source: 'flink',
      final: true,
    },
    {
      name: 'gone while CANCELLING: CANCELED (inferred)',
      input: { rest: refused(), kube: gone(), previous: flinkSaid('CANCELLING') },
      state: 'CANCELED',
      source: 'inferred',
      final: true,
    },
    {
      name: 'gone while FAILING: FAILED (inferred)',
      input: { rest: refused(), kube: gone(), previous: flinkSaid('FAILING') },
      state: 'FAILED',
      source: 'inferred',
      final: true,
    },
    {
      name: "gone, the JobManager exited with Flink's failure code 1443: FAILED",
      input: {
        rest: refused(),
        kube: gone({ pods: [pod({}, [running({ state: 'terminated', exitCode: 1443, reason: 'Error', ready: false })])] }),
        previous: flinkSaid('RUNNING'),
      },
      state: 'FAILED',
      source: 'inferred',
      reason: /1443/,
    },
    {
      name: 'gone, the JobManager exited 0: cannot tell FINISHED from CANCELED, TERMINATED',
      input: {
        rest: refused(),
        kube: gone({ pods: [pod({}, [running({ state: 'terminated', exitCode: 0, reason: 'Completed', ready: false })])] }),
        previous: flinkSaid('RUNNING'),
      },
      state: 'TERMINATED',
      source: 'inferred',
    },
    {
      name: 'seen at once from the watch (no REST poll yet)',
      input: { kube: gone(), previous: flinkSaid('RUNNING') },
      state: 'TERMINATED',
      source: 'inferred',
    },
    {
      name: 'a session cluster that is gone: TERMINATED',
      input: { subject: session, rest: refused(), kube: gone(), previous: flinkSaid('RUNNING') },
      state: 'TERMINATED',
      source: 'inferred',
    },
    {
      name: 'a session job whose cluster is gone: TERMINATED',
      input: { subject: sessionJob, rest: refused(), kube: gone(), previous: flinkSaid('RUNNING') },
      state: 'TERMINATED',
      source: 'inferred',
    },
    {
      name: 'a dying JobManager still saying RUNNING does not undo TERMINATED',
      input: {
        rest: answer([{ state: 'RUNNING' }]),
        kube: gone(),
        previous: { ...flinkSaid('RUNNING'), state: 'TERMINATED', source: 'inferred', final: true },
      },
      state: 'TERMINATED',
      source: 'inferred',
    },
    {
      name: "a dying JobManager's final word replaces TERMINATED",
      input: {
        rest: answer([{ state: 'CANCELED' }]),
        kube: gone(),
        previous: { ...flinkSaid('RUNNING'), state: 'TERMINATED', source: 'inferred', final: true },
      },
      state: 'CANCELED',
      source: 'flink',
    },
    {
      name: 'the same cluster id deployed again after TERMINATED starts over: DEPLOYING',
      input: {
        rest: refused(),
        kube: kube({
          deployment: { name: 'orders', createdAt: T0 - 1000, replicas: 1, readyReplicas: 0, conditions: [] },
          pods: [pod({ phase: 'Pending' }, [running({ state: 'waiting', reason: 'ContainerCreating', ready: false })])],
        }),
        previous: { state: 'TERMINATED', source: 'inferred', reason: 'gone', since: T0 - 60_000, final: true },
      },
      state: 'DEPLOYING',
      source: 'inferred',
    },
  ]);
});

describe('#1247: a failed job is never shown FINISHED', () => {
  const inferred = [
    { rest: refused(), kube: gone(), previous: flinkSaid('RUNNING') },
    { rest: refused(), kube: gone(), previous: flinkSaid('FAILING') },
    { rest: refused(), kube: gone({ pods: [pod({}, [running({ state: 'terminated', exitCode: 1443, ready: false })])] }) },
    { kube: gone(), previous: flinkSaid('RESTARTING') },
    {
      rest: refused(),
      kube: gone({
        events: [{ type: 'Normal', reason: 'ScalingReplicaSet', message: 'Scaled down', object: 'Deployment/orders', count: 1, at: T0 }],
      }),
    },
  ];
  it.each(inferred.map((input, i) => ({ i, input })))('case $i: inference never gives FINISHED', ({ input }) => {
    expect(run(input).state).not.toBe('FINISHED');
  });
  it('a FAILED job stays FAILED when its cluster goes away', () => {
    expect(run({ rest: refused(), kube: gone(), previous: flinkSaid('FAILED') }).state).toBe('FAILED');
  });
});

describe('#469: a JobManager that cannot run gives a failure state with the reason, never DEPLOYING forever', () => {
  const jm = (c: Partial<Parameters<typeof running>[0]>) => kube({ pods: [pod({}, [running({ ready: false, ...c })])] });
  table([
    {
      name: 'CrashLoopBackOff',
      input: {
        rest: refused(),
        kube: jm({ state: 'waiting', reason: 'CrashLoopBackOff', restartCount: 5, lastTermination: { reason: 'Error', exitCode: 1 } }),
      },
      state: 'FAILED',
      source: 'inferred',
      final: false,
      reason: /CrashLoopBackOff \(restarted 5 times; its last run ended: Error, exit code 1\)/,
    },
    {
      name: 'ImagePullBackOff',
      input: { rest: refused(), kube: jm({ state: 'waiting', reason: 'ImagePullBackOff', message: 'Back-off pulling image "x"' }) },
      state: 'FAILED',
      source: 'inferred',
      reason: /ImagePullBackOff: Back-off pulling image/,
    },
    {
      name: 'ErrImagePull',
      input: { rest: refused(), kube: jm({ state: 'waiting', reason: 'ErrImagePull' }) },
      state: 'FAILED',
      source: 'inferred',
      reason: /ErrImagePull/,
    },
    {
      name: 'CreateContainerConfigError',
      input: { rest: refused(), kube: jm({ state: 'waiting', reason: 'CreateContainerConfigError' }) },
      state: 'FAILED',
      source: 'inferred',
    },
    {
      name: 'OOMKilled now',
      input: { rest: refused(), kube: jm({ state: 'terminated', reason: 'OOMKilled', exitCode: 137 }) },
      state: 'FAILED',
      source: 'inferred',
      reason: /OOMKilled \(exit code 137\)/,
    },
    {
      name: 'CrashLoopBackOff after an OOMKilled run names both',
      input: {
        rest: refused(),
        kube: jm({
          state: 'waiting',
          reason: 'CrashLoopBackOff',
          restartCount: 2,
          lastTermination: { reason: 'OOMKilled', exitCode: 137 },
        }),
        previous: flinkSaid('RUNNING'),
      },
      state: 'FAILED',
      source: 'inferred',
      reason: /CrashLoopBackOff.*OOMKilled/,
    },
    {
      name: 'a Deployment that cannot create pods (quota)',
      input: {
        rest: refused(),
        kube: kube({
          deployment: {
            name: 'orders',
            replicas: 1,
            readyReplicas: 0,
            conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'exceeded quota' }],
          },
          pods: [],
        }),
      },
      state: 'FAILED',
      source: 'inferred',
      reason: /exceeded quota/,
    },
    {
      name: 'a Deployment past its progress deadline',
      input: {
        rest: refused(),
        kube: kube({
          deployment: {
            name: 'orders',
            replicas: 1,
            readyReplicas: 0,
            conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
          },
          pods: [],
        }),
      },
      state: 'FAILED',
      source: 'inferred',
      reason: /ProgressDeadlineExceeded/,
    },
    {
      name: 'seen from the watch before any poll',
      input: {
        kube: jm({ state: 'waiting', reason: 'CrashLoopBackOff', restartCount: 3 }),
        previous: { state: 'DEPLOYING', source: 'inferred', reason: 'starting', since: T0 - 1000, final: false },
      },
      state: 'FAILED',
      source: 'inferred',
    },
    {
      name: "a session job whose JobManager crashes is SILENT with the JobManager's reason",
      input: {
        subject: sessionJob,
        rest: refused(),
        kube: jm({ state: 'waiting', reason: 'CrashLoopBackOff' }),
        previous: flinkSaid('RUNNING'),
      },
      state: 'SILENT',
      source: 'inferred',
      reason: /CrashLoopBackOff/,
    },
    {
      name: 'the session cluster itself whose JobManager crashes is FAILED',
      input: { subject: session, rest: refused(), kube: jm({ state: 'waiting', reason: 'CrashLoopBackOff' }) },
      state: 'FAILED',
      source: 'inferred',
    },
  ]);

  it('a pod that recovers clears the inferred failure: the next answer is Flink’s', () => {
    const failed = run({ rest: refused(), kube: jm({ state: 'waiting', reason: 'ImagePullBackOff' }) });
    expect(failed.final).toBe(false);
    expect(run({ rest: answer([{ state: 'RUNNING' }]), kube: kube(), previous: failed }).state).toBe('RUNNING');
  });

  it('a TaskManager in CrashLoopBackOff is named beside the state Flink reports', () => {
    const v = run({
      rest: answer([{ state: 'CREATED' }]),
      kube: kube({
        pods: [
          pod(),
          pod({ name: 'orders-taskmanager-1-1', component: 'taskmanager' }, [
            running({ state: 'waiting', reason: 'CrashLoopBackOff', ready: false }),
          ]),
        ],
      }),
    });
    expect(v).toMatchObject({ state: 'CREATED', source: 'flink' });
    expect(v.problems.join('\n')).toMatch(/TaskManager orders-taskmanager-1-1: container flink-main-container is in CrashLoopBackOff/);
  });
});

describe('DEPLOYING: resources created, the JobManager not ready, and what it waits for', () => {
  table([
    {
      name: 'no JobManager pod yet',
      input: { rest: refused(), kube: kube({ pods: [], deployment: { name: 'orders', replicas: 1, readyReplicas: 0, conditions: [] } }) },
      state: 'DEPLOYING',
      source: 'inferred',
      reason: /no JobManager pod yet/,
    },
    {
      name: 'not scheduled',
      input: {
        rest: refused(),
        kube: kube({ pods: [pod({ phase: 'Pending', unschedulable: '0/1 nodes are available: Insufficient cpu' }, [])] }),
      },
      state: 'DEPLOYING',
      source: 'inferred',
      reason: /Insufficient cpu/,
    },
    {
      name: 'ContainerCreating',
      input: {
        rest: refused(),
        kube: kube({ pods: [pod({ phase: 'Pending' }, [running({ state: 'waiting', reason: 'ContainerCreating', ready: false })])] }),
      },
      state: 'DEPLOYING',
      source: 'inferred',
      reason: /ContainerCreating/,
    },
    {
      name: 'the JobManager pod is ready but its REST endpoint never answered: SILENT, not DEPLOYING',
      input: { rest: refused(), kube: kube() },
      state: 'SILENT',
      source: 'inferred',
      reason: /pod is ready/,
    },
    {
      name: 'a JobManager restarting after it had answered: SILENT with the pod status',
      input: {
        rest: refused(),
        kube: kube({ pods: [pod({}, [running({ ready: false, restartCount: 1 })])] }),
        previous: flinkSaid('RUNNING'),
      },
      state: 'SILENT',
      source: 'inferred',
      reason: /not ready yet/,
    },
  ]);
});

describe('no new REST answer (a Kubernetes change, a resume): the previous state stands unless Kubernetes says otherwise', () => {
  table([
    {
      name: 'RUNNING stays RUNNING on a pod update',
      input: { kube: kube(), previous: flinkSaid('RUNNING') },
      state: 'RUNNING',
      source: 'flink',
    },
    {
      name: 'RUNNING stays RUNNING when the API server goes away',
      input: { kube: apiDown, previous: flinkSaid('RUNNING') },
      state: 'RUNNING',
      source: 'flink',
    },
    { name: 'no evidence at all: not polled yet', input: {}, state: 'SILENT', source: 'inferred', reason: /Not polled yet/ },
  ]);
});

describe('#3870: one cluster’s evidence never touches another’s', () => {
  it('the same inputs give the same answer whatever else is tracked (a pure function)', () => {
    const a = { rest: answer([{ state: 'RUNNING' }]), kube: kube() };
    const b = { rest: refused(), kube: apiDown, previous: silentSince(T0 - 10 * KEEP) };
    const first = run(a);
    run(b);
    expect(run(a)).toEqual(first);
    expect(run(b).state).toBe('LOST');
  });
});

describe('evidence travels with the state', () => {
  it('records the last successful poll, the last error and the last Flink state', () => {
    const ok = run({ rest: answer([{ state: 'RUNNING' }], T0) });
    expect(ok.evidence).toMatchObject({ lastSuccessAt: T0, lastPollAt: T0, lastFlinkState: { state: 'RUNNING', at: T0 } });
    const bad = run({ now: T0 + 5000, rest: refused(T0 + 5000), kube: apiDown, previous: { ...ok, ...ok.evidence } });
    expect(bad.evidence).toMatchObject({
      lastSuccessAt: T0,
      lastPollAt: T0 + 5000,
      lastError: { code: 'unreachable', at: T0 + 5000 },
      lastFlinkState: { state: 'RUNNING', at: T0 },
      silentSince: T0 + 5000,
      kube: { reachable: false },
    });
  });

  it('keeps `since` while the state does not change', () => {
    const prev = flinkSaid('RUNNING', { since: T0 - 99_000 });
    expect(run({ rest: answer([{ state: 'RUNNING' }]), previous: prev }).since).toBe(T0 - 99_000);
    expect(run({ rest: answer([{ state: 'FAILING' }]), previous: prev }).since).toBe(T0);
  });
});
