// The notification decision (shared/notifications/decide.ts) over tracking changes as the tracker emits them.
import { describe, expect, it } from 'vitest';
import type { StateView, TrackingChange } from '../../../shared/contracts/tracking';
import {
  decideNotices,
  emptyNotifyMemory,
  RESTART_WINDOW_MS,
  type NotifyMemory,
  type NotifyPrefs,
} from '../../../shared/notifications/decide';
import { formatNotifyKinds, notifyKinds, parseNotifyKinds } from '../../../shared/notifications/kinds';
import { settingsShape } from '../../../shared/settings';

const all: NotifyPrefs = { on: notifyKinds, restartThreshold: 3 };
const session = 'rest:http://127.0.0.1:8081';
const app = 'kube:dev/flink/orders';
const JOB = 'a'.repeat(32);

function view(state: string, reason = `Flink reports ${state}`, extra: Partial<StateView> = {}): StateView {
  return { state, source: 'flink', reason, since: 0, final: false, problems: [], evidence: {}, ...extra };
}
function change(
  id: string,
  to: string,
  from: string | undefined,
  at: number,
  more: Partial<Extract<TrackingChange, { kind: 'state' }>> = {},
): TrackingChange {
  return { kind: 'state', id, to: view(to), ...(from ? { from: { state: from, source: 'flink' } } : {}), at, ...more };
}
const job = (to: string, from: string | undefined, at: number) =>
  change(session, to, from, at, { jobId: JOB, jobName: 'orders-enrichment' });

function run(batches: TrackingChange[][], prefs = all, memory: NotifyMemory = emptyNotifyMemory) {
  const notices = [];
  for (const b of batches) {
    const r = decideNotices(b, prefs, memory);
    memory = r.memory;
    notices.push(...r.notices);
  }
  return { notices, memory };
}

describe('notifications: what is told', () => {
  it('a job turning FAILED, LOST or FINISHED is told, with its name, the reason and where to open it', () => {
    const { notices } = run([
      [job('FAILED', 'RUNNING', 10)],
      [change(app, 'LOST', 'SILENT', 20, { job: { id: JOB, name: 'app-job' } })],
      [job('FINISHED', 'RUNNING', 30)],
    ]);
    expect(notices).toEqual([
      { kind: 'failed', id: session, jobId: JOB, at: 10, title: 'orders-enrichment failed', body: 'Flink reports FAILED' },
      { kind: 'lost', id: app, at: 20, title: 'app-job is lost', body: 'Flink reports LOST' },
      { kind: 'finished', id: session, jobId: JOB, at: 30, title: 'orders-enrichment finished', body: 'Flink reports FINISHED' },
    ]);
  });

  it('only the kinds the setting names; none when it names none', () => {
    const batch = [job('FAILED', 'RUNNING', 10), change(app, 'FINISHED', 'RUNNING', 10)];
    expect(run([batch], { on: ['finished'], restartThreshold: 3 }).notices.map((n) => n.kind)).toEqual(['finished']);
    expect(run([batch], { on: [], restartThreshold: 3 }).notices).toEqual([]);
  });

  it('a state repeated, other states, and a cluster named by its id alone', () => {
    const { notices } = run([
      [job('FAILED', 'FAILED', 1), job('CANCELED', 'RUNNING', 2), change('kube:dev/ns/payments', 'FAILED', 'RUNNING', 3)],
    ]);
    expect(notices.map((n) => n.title)).toEqual(['payments failed']);
  });

  it('a cluster seen for the first time brings its history: its jobs seen with it are not told; a new job on it is', () => {
    // As the tracker emits them: the jobs first, then the cluster, each change with its own time.
    const first = [job('FAILED', undefined, 5), change(session, 'RUNNING', undefined, 6)];
    const later = [change(session, 'RUNNING', undefined, 9, { jobId: 'b'.repeat(32), jobName: 'bad-savepoint' })];
    const newFailed = [{ ...job('FAILED', undefined, 12), jobId: 'c'.repeat(32), jobName: 'bad-savepoint' } as TrackingChange];
    const { notices } = run([first, later, newFailed]);
    expect(notices.map((n) => [n.kind, n.jobId, n.title])).toEqual([['failed', 'c'.repeat(32), 'bad-savepoint failed']]);
    // A cluster's own first state is never told.
    expect(run([[change(app, 'FAILED', undefined, 1)]]).notices).toEqual([]);
  });

  it('keeps restarting: told once when the job entered RESTARTING the threshold times within the window', () => {
    const m = 60_000;
    const cycle = (at: number) => [job('RESTARTING', 'RUNNING', at), job('RUNNING', 'RESTARTING', at + 1)];
    const { notices, memory } = run([...cycle(0), ...cycle(m), ...cycle(2 * m), ...cycle(3 * m)].map((c) => [c]));
    expect(notices).toEqual([
      {
        kind: 'restarting',
        id: session,
        jobId: JOB,
        at: 2 * m,
        title: 'orders-enrichment keeps restarting',
        body: 'It restarted 3 times in the last 10 minutes. Flink reports RESTARTING',
      },
    ]);
    // Calm for longer than the window: told again when it starts over.
    const again = run(
      [...cycle(20 * m), ...cycle(21 * m), ...cycle(22 * m)].map((c) => [c]),
      all,
      memory,
    );
    expect(again.notices.map((n) => n.at)).toEqual([22 * m]);
    // Restarts spread wider than the window never add up.
    const slow = run(
      [0, 1, 2, 3]
        .map((i) => cycle(i * (RESTART_WINDOW_MS / 2 + 1)))
        .flat()
        .map((c) => [c]),
    );
    expect(slow.notices).toEqual([]);
  });

  it('keeps restarting: a crash-looping container of the cluster, once, from the evidence of a change', () => {
    const kube = (restartCount: number) => ({
      observedAt: 0,
      reachable: true,
      pods: [
        {
          name: 'orders-7c9f',
          component: 'jobmanager' as const,
          phase: 'Running',
          containers: [{ name: 'flink-main-container', ready: false, restartCount, state: 'waiting' as const, reason: 'CrashLoopBackOff' }],
        },
      ],
      events: [],
    });
    const at = (t: number, to: string, from: string, restarts: number): TrackingChange => ({
      kind: 'state',
      id: app,
      to: view(to, 'The JobManager pod is not ready', { evidence: { kube: kube(restarts) } }),
      from: { state: from, source: 'inferred' },
      at: t,
    });
    const { notices } = run([[at(1, 'DEPLOYING', 'SILENT', 1)], [at(2, 'SILENT', 'DEPLOYING', 3)], [at(3, 'DEPLOYING', 'SILENT', 4)]]);
    expect(notices).toEqual([
      {
        kind: 'restarting',
        id: app,
        at: 2,
        title: 'orders keeps restarting',
        body: 'The container flink-main-container of pod orders-7c9f restarted 3 times. The JobManager pod is not ready',
      },
    ]);
  });

  it('a cluster no longer tracked is forgotten', () => {
    const { memory } = run([[job('RESTARTING', 'RUNNING', 1)], [{ kind: 'removed', id: session, at: 2 }]]);
    expect(memory).toEqual(emptyNotifyMemory);
  });
});

describe('the notifications.on setting', () => {
  it('takes any of the kinds, comma-separated, any order and case; empty is none', () => {
    expect(parseNotifyKinds('lost, FAILED')).toEqual(['failed', 'lost']);
    expect(parseNotifyKinds('')).toEqual([]);
    expect(parseNotifyKinds('failed,exploded')).toBeUndefined();
    expect(formatNotifyKinds(['restarting', 'failed'])).toBe('failed,restarting');
    expect(settingsShape['notifications.on'].safeParse('failed,lost,finished,restarting').success).toBe(true);
    const bad = settingsShape['notifications.on'].safeParse('failed,exploded');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/failed, lost, finished and restarting/);
    expect(settingsShape['notifications.restart-threshold'].safeParse(1).success).toBe(false);
  });
});
