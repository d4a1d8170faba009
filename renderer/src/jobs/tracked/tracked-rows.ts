// The tracked list as rows: an application cluster is one row (its job), a session cluster is a row and each of its
// jobs another, so every tracked job and session cluster has its line. Pure: filtering by context, namespace, state
// and a search text, and sorting by a column, are functions of the rows (unit-tested, and cheap for 1,000 clusters).
import type { ClusterMetrics, StateView, TrackedClusterView, TrackedJobView, TrackingList } from '../../../../shared/contracts/tracking';

export type RowKind = 'application' | 'session-cluster' | 'session-job' | 'cluster';

export interface TrackedRow {
  key: string;
  kind: RowKind;
  /** The job's name, or the cluster's id (a REST URL's host and path when it has no id). */
  name: string;
  /** The cluster it belongs to, as the user knows it. */
  clusterName: string;
  context?: string;
  namespace?: string;
  /** A cluster known by its REST URL only. */
  restUrl?: string;
  state: StateView;
  cluster: TrackedClusterView;
  job?: TrackedJobView;
  /** When the REST endpoint last answered (the server's clock). */
  lastSuccessAt?: number;
  /** The cluster's TaskManagers and slots; absent on a session job's row (they are the cluster's). */
  slots?: { taskManagers: number; available: number; total: number };
  checkpoint?: ClusterMetrics['checkpoints'][number];
  /** Text the search looks in. */
  haystack: string;
}

export const NO_CONTEXT = '(REST URL)';

export function clusterNameOf(c: TrackedClusterView): string {
  if (c.ref.kind === 'kube') return c.ref.clusterId;
  try {
    const u = new URL(c.ref.restUrl);
    return `${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return c.ref.restUrl;
  }
}

function slotsOf(m: ClusterMetrics | undefined): TrackedRow['slots'] {
  if (!m || m.error) return undefined;
  return { taskManagers: m.taskManagers, available: m.slotsAvailable, total: m.slotsTotal };
}

function rowOf(
  c: TrackedClusterView,
  kind: RowKind,
  name: string,
  state: StateView,
  job: TrackedJobView | undefined,
  checkpoint: TrackedRow['checkpoint'],
): TrackedRow {
  const where = c.ref.kind === 'kube' ? { context: c.ref.context, namespace: c.ref.namespace } : { restUrl: c.ref.restUrl };
  const clusterName = clusterNameOf(c);
  const slots = kind === 'session-job' ? undefined : slotsOf(c.metrics);
  const lastSuccessAt = state.evidence.lastSuccessAt ?? c.state.evidence.lastSuccessAt;
  const haystack = [
    name,
    clusterName,
    c.id,
    job?.id,
    c.jobName,
    where.context,
    where.namespace,
    where.restUrl,
    state.state,
    state.reason,
    c.access?.via,
    c.access?.problem,
  ]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
  return {
    key: job && kind === 'session-job' ? `${c.id}#${job.id}` : c.id,
    kind,
    name,
    clusterName,
    ...where,
    state,
    cluster: c,
    ...(job ? { job } : {}),
    ...(lastSuccessAt !== undefined ? { lastSuccessAt } : {}),
    ...(slots ? { slots } : {}),
    ...(checkpoint ? { checkpoint } : {}),
    haystack,
  };
}

export function rowsOf(list: TrackingList): TrackedRow[] {
  const rows: TrackedRow[] = [];
  for (const c of list.clusters) {
    const checkpoints = c.metrics?.checkpoints ?? [];
    if (c.mode === 'application') {
      const job = c.jobs[0];
      const checkpoint = (job && checkpoints.find((k) => k.jobId === job.id)) ?? checkpoints[0];
      rows.push(rowOf(c, 'application', c.jobName ?? (job?.name || clusterNameOf(c)), c.state, job, checkpoint));
      continue;
    }
    rows.push(rowOf(c, c.mode === 'session' ? 'session-cluster' : 'cluster', clusterNameOf(c), c.state, undefined, undefined));
    for (const j of c.jobs)
      rows.push(
        rowOf(
          c,
          'session-job',
          j.name || j.id,
          j.state,
          j,
          checkpoints.find((k) => k.jobId === j.id),
        ),
      );
  }
  return rows;
}

export interface RowFilter {
  /** '' for all; NO_CONTEXT for clusters known by REST URL only. */
  context: string;
  namespace: string;
  /** '' for all, a state name, or 'source:flink' / 'source:inferred'. */
  state: string;
  search: string;
}

export const noFilter: RowFilter = { context: '', namespace: '', state: '', search: '' };

export function filterRows(rows: TrackedRow[], f: RowFilter): TrackedRow[] {
  const words = f.search.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter(
    (r) =>
      (!f.context || (r.context ?? NO_CONTEXT) === f.context) &&
      (!f.namespace || r.namespace === f.namespace) &&
      (!f.state || (f.state.startsWith('source:') ? r.state.source === f.state.slice('source:'.length) : r.state.state === f.state)) &&
      words.every((w) => r.haystack.includes(w)),
  );
}

/** The values the filters offer, each with how many rows it would show given the other filters (and the search). */
export interface Facets {
  contexts: [string, number][];
  namespaces: [string, number][];
  states: [string, number][];
  sources: { flink: number; inferred: number };
}

const countBy = (values: (string | undefined)[]) => {
  const m = new Map<string, number>();
  for (const v of values) if (v !== undefined) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => a[0].localeCompare(b[0]));
};

export function facetsOf(rows: TrackedRow[], f: RowFilter = noFilter): Facets {
  const byContext = filterRows(rows, { ...f, context: '' });
  const byNamespace = filterRows(rows, { ...f, namespace: '' });
  const byState = filterRows(rows, { ...f, state: '' });
  // A value chosen stays offered (with 0) when the other filters leave nothing of it.
  const keep = (list: [string, number][], chosen: string) =>
    chosen && !list.some(([v]) => v === chosen) ? [...list, [chosen, 0] as [string, number]] : list;
  return {
    contexts: keep(countBy(byContext.map((r) => r.context ?? NO_CONTEXT)), f.context),
    namespaces: keep(countBy(byNamespace.map((r) => r.namespace)), f.namespace),
    states: keep(countBy(byState.map((r) => r.state.state)), f.state.startsWith('source:') ? '' : f.state).sort(
      (a, b) => stateRank(a[0]) - stateRank(b[0]),
    ),
    sources: {
      flink: byState.filter((r) => r.state.source === 'flink').length,
      inferred: byState.filter((r) => r.state.source === 'inferred').length,
    },
  };
}

/** Trouble first: what needs a look comes before what runs, and what runs before what ended well. */
const severity = [
  'FAILED',
  'LOST',
  'FAILING',
  'SILENT',
  'RESTARTING',
  'CANCELLING',
  'TERMINATED',
  'CANCELED',
  'SUSPENDED',
  'DEPLOYING',
  'INITIALIZING',
  'CREATED',
  'RECONCILING',
  'RUNNING',
  'FINISHED',
];
export const stateRank = (s: string): number => {
  const i = severity.indexOf(s);
  return i < 0 ? severity.length : i;
};

export type SortKey = 'name' | 'state' | 'where' | 'poll' | 'slots' | 'checkpoint' | 'access';
export interface RowSort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

type Cmp = (a: TrackedRow, b: TrackedRow) => number;
const text =
  (f: (r: TrackedRow) => string | undefined): Cmp =>
  (a, b) =>
    (f(a) ?? '').localeCompare(f(b) ?? '');
/** Newest first; never last. */
const recent =
  (f: (r: TrackedRow) => number | undefined): Cmp =>
  (a, b) =>
    (f(b) ?? -Infinity) - (f(a) ?? -Infinity);

const compare: Record<SortKey, Cmp> = {
  name: text((r) => r.name),
  state: (a, b) => stateRank(a.state.state) - stateRank(b.state.state) || a.state.state.localeCompare(b.state.state),
  where: text((r) => (r.context !== undefined ? `${r.context}\u0000${r.namespace}` : `\uffff${r.restUrl}`)),
  poll: recent((r) => r.lastSuccessAt),
  slots: (a, b) => (a.slots?.taskManagers ?? -1) - (b.slots?.taskManagers ?? -1) || (a.slots?.total ?? -1) - (b.slots?.total ?? -1),
  checkpoint: recent((r) => r.checkpoint?.at),
  access: text((r) => r.cluster.access?.problem ?? r.cluster.access?.via),
};

export function sortRows(rows: TrackedRow[], s: RowSort): TrackedRow[] {
  const c = compare[s.key];
  const sign = s.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * c(a, b) || a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
}
