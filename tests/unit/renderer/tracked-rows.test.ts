// The tracked list's rows (renderer/src/jobs/tracked): an application cluster is one row, a session cluster one
// plus one per job; filters by context, namespace, state and source; search over every word; sorting by column;
// live changes applied to the held list; ages in the user's words.
import { describe, expect, it } from 'vitest';
import type { StateView, TrackedClusterView, TrackingList } from '../../../shared/contracts/tracking';
import { applyChange } from '../../../renderer/src/jobs/tracked/apply-change';
import { formatAge } from '../../../renderer/src/jobs/tracked/relative-age';
import { facetsOf, filterRows, NO_CONTEXT, noFilter, rowsOf, sortRows } from '../../../renderer/src/jobs/tracked/tracked-rows';

const st = (state: string, source: StateView['source'] = 'flink', lastSuccessAt?: number): StateView => ({
  state,
  source,
  reason: `${state} reason`,
  since: 1,
  final: false,
  problems: [],
  evidence: lastSuccessAt !== undefined ? { lastSuccessAt } : {},
});
const J1 = '1'.repeat(32);
const J2 = '2'.repeat(32);
const J3 = '3'.repeat(32);

const app: TrackedClusterView = {
  id: 'kube:dev/flink-a/orders',
  ref: { kind: 'kube', context: 'dev', namespace: 'flink-a', clusterId: 'orders' },
  mode: 'application',
  origin: 'deploy',
  jobName: 'orders-enrichment',
  addedAt: 1,
  access: { mode: 'auto', way: 'port-forward', via: 'port-forward to pod flink-a/orders-jm', restUrl: 'http://127.0.0.1:40001' },
  state: st('RUNNING', 'flink', 900),
  jobs: [{ id: J1, name: 'Orders', state: st('RUNNING', 'flink', 900) }],
  metrics: {
    at: 950,
    taskManagers: 2,
    slotsTotal: 4,
    slotsAvailable: 1,
    jobsRunning: 1,
    jobsFinished: 0,
    jobsCancelled: 0,
    jobsFailed: 0,
    checkpoints: [{ jobId: J1, id: 7, at: 940, savepoint: false }],
  },
};
const session: TrackedClusterView = {
  id: 'kube:prod/flink-b/shared',
  ref: { kind: 'kube', context: 'prod', namespace: 'flink-b', clusterId: 'shared' },
  mode: 'session',
  origin: 'user',
  addedAt: 1,
  state: st('RUNNING', 'flink', 800),
  jobs: [
    { id: J2, name: 'clicks', state: st('FAILED', 'flink', 800) },
    { id: J3, name: 'views', state: st('RUNNING', 'flink', 800) },
  ],
};
const rest: TrackedClusterView = {
  id: 'rest:http://127.0.0.1:8081/c/9',
  ref: { kind: 'rest', restUrl: 'http://127.0.0.1:8081/c/9' },
  mode: 'unknown',
  origin: 'user',
  addedAt: 1,
  access: { mode: 'auto', via: 'none', problem: 'connection refused' },
  state: st('SILENT', 'inferred'),
  jobs: [],
};
const list: TrackingList = { now: 1000, following: true, clusters: [app, session, rest] };

describe('rows of the tracked list', () => {
  it('gives an application one row, a session cluster a row and one per job, a REST-only cluster its URL', () => {
    const rows = rowsOf(list);
    expect(rows.map((r) => [r.kind, r.name])).toEqual([
      ['application', 'orders-enrichment'],
      ['session-cluster', 'shared'],
      ['session-job', 'clicks'],
      ['session-job', 'views'],
      ['cluster', '127.0.0.1:8081/c/9'],
    ]);
    expect(rows[0]).toMatchObject({
      context: 'dev',
      namespace: 'flink-a',
      lastSuccessAt: 900,
      slots: { taskManagers: 2, available: 1, total: 4 },
      checkpoint: { id: 7 },
    });
    // The cluster's TaskManagers are on the cluster's row, not repeated on each job's.
    expect(rows[2]!.slots).toBeUndefined();
    expect(rows[2]!.key).toBe(`${session.id}#${J2}`);
    expect(rows[4]).toMatchObject({ restUrl: 'http://127.0.0.1:8081/c/9' });
    expect(rows[4]!.context).toBeUndefined();
  });

  it('filters by context, namespace, state and source, and searches every word', () => {
    const rows = rowsOf(list);
    const names = (f: Partial<typeof noFilter>) => filterRows(rows, { ...noFilter, ...f }).map((r) => r.name);
    expect(names({ context: 'prod' })).toEqual(['shared', 'clicks', 'views']);
    expect(names({ context: NO_CONTEXT })).toEqual(['127.0.0.1:8081/c/9']);
    expect(names({ namespace: 'flink-a' })).toEqual(['orders-enrichment']);
    expect(names({ state: 'FAILED' })).toEqual(['clicks']);
    expect(names({ state: 'source:inferred' })).toEqual(['127.0.0.1:8081/c/9']);
    expect(names({ search: 'ORDERS port-forward' })).toEqual(['orders-enrichment']);
    expect(names({ search: J3.slice(0, 10) })).toEqual(['views']);
    expect(names({ search: 'refused' })).toEqual(['127.0.0.1:8081/c/9']);
    expect(names({ context: 'prod', state: 'RUNNING' })).toEqual(['shared', 'views']);
    expect(names({ search: 'nothing-like-this' })).toEqual([]);
  });

  it('counts what each filter offers', () => {
    const f = facetsOf(rowsOf(list));
    expect(f.contexts).toEqual([
      [NO_CONTEXT, 1],
      ['dev', 1],
      ['prod', 3],
    ]);
    expect(f.states).toEqual([
      ['FAILED', 1],
      ['SILENT', 1],
      ['RUNNING', 3],
    ]);
    expect(f.sources).toEqual({ flink: 4, inferred: 1 });
    // Given the other filters: in prod, the states are those of prod's rows; the contexts count every context.
    const prod = facetsOf(rowsOf(list), { ...noFilter, context: 'prod' });
    expect(prod.states).toEqual([
      ['FAILED', 1],
      ['RUNNING', 2],
    ]);
    expect(prod.contexts.map(([c]) => c)).toEqual([NO_CONTEXT, 'dev', 'prod']);
    // A chosen value that nothing matches any more stays offered, with 0.
    const none = facetsOf(rowsOf(list), { ...noFilter, namespace: 'flink-a', state: 'FAILED' });
    expect(none.states).toContainEqual(['FAILED', 0]);
    expect(none.namespaces).toEqual([
      ['flink-b', 1],
      ['flink-a', 0],
    ]);
  });

  it('sorts by a column both ways, trouble first by state, the most recent poll first', () => {
    const rows = rowsOf(list);
    const by = (key: Parameters<typeof sortRows>[1]['key'], dir: 'asc' | 'desc' = 'asc') => sortRows(rows, { key, dir }).map((r) => r.name);
    expect(by('name')).toEqual(['127.0.0.1:8081/c/9', 'clicks', 'orders-enrichment', 'shared', 'views']);
    expect(by('name', 'desc')).toEqual(['views', 'shared', 'orders-enrichment', 'clicks', '127.0.0.1:8081/c/9']);
    expect(by('state').slice(0, 2)).toEqual(['clicks', '127.0.0.1:8081/c/9']);
    expect(by('poll')[0]).toBe('orders-enrichment');
    expect(by('poll').at(-1)).toBe('127.0.0.1:8081/c/9');
    expect(by('where').at(-1)).toBe('127.0.0.1:8081/c/9');
    expect(by('checkpoint')[0]).toBe('orders-enrichment');
    expect(by('slots', 'desc')[0]).toBe('orders-enrichment');
  });
});

describe('live changes', () => {
  it("sets a cluster's or a job's state, drops a removed cluster, and says when it does not know the subject", () => {
    const toFailed = applyChange(list, { kind: 'state', id: app.id, to: st('FAILED'), at: 2 });
    expect(toFailed.known).toBe(true);
    expect(toFailed.list.clusters[0]!.state.state).toBe('FAILED');
    expect(list.clusters[0]!.state.state).toBe('RUNNING');

    const job = applyChange(list, { kind: 'state', id: session.id, jobId: J3, to: st('CANCELED'), at: 2 });
    expect(job.list.clusters[1]!.jobs.map((j) => j.state.state)).toEqual(['FAILED', 'CANCELED']);

    const newJob = applyChange(list, { kind: 'state', id: session.id, jobId: 'f'.repeat(32), jobName: 'new', to: st('RUNNING'), at: 2 });
    expect(newJob.known).toBe(false);
    expect(newJob.list.clusters[1]!.jobs[0]!.name).toBe('new');

    expect(applyChange(list, { kind: 'state', id: 'kube:x/y/z', to: st('RUNNING'), at: 2 }).known).toBe(false);
    expect(applyChange(list, { kind: 'removed', id: rest.id, at: 2 }).list.clusters.map((c) => c.id)).toEqual([app.id, session.id]);
  });
});

describe('ages', () => {
  it('says how long ago, to the second while recent', () => {
    const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });
    expect(formatAge(400)).toBe(rtf.format(0, 'second'));
    expect(formatAge(12_300)).toBe(rtf.format(-12, 'second'));
    expect(formatAge(3 * 60_000 + 5000)).toBe(rtf.format(-3, 'minute'));
    expect(formatAge(2 * 86_400_000)).toBe(rtf.format(-2, 'day'));
    expect(formatAge(-50)).toBe(rtf.format(0, 'second'));
  });
});
