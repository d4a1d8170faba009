// When a tracking change is worth telling the user (an OS notification in the desktop app, a toast in the browser):
// a pure function of a batch of changes (one poll's, as they come together), the user's choice and what was seen
// before (memory), so both front ends decide the same way and unit tests need no clock.
// - FAILED, LOST, FINISHED: when a job (or a cluster) turns so — from another state, or first seen so on a cluster
//   already tracked (a job that failed before a poll saw it run). A cluster seen for the first time brings its
//   history (a session cluster's old jobs): nothing of that first sight is told.
// - Keeps restarting: a job that entered RESTARTING `restartThreshold` times within RESTART_WINDOW_MS, or a pod of
//   the cluster whose container restarted that many times (a crash loop); told once until it calms down.
import type { TrackingChange } from '../contracts/tracking';
import type { NotifyKind } from './kinds';

export const RESTART_WINDOW_MS = 10 * 60_000;

export interface NotifyPrefs {
  on: readonly NotifyKind[];
  restartThreshold: number;
}

export interface Notice {
  kind: NotifyKind;
  /** The tracked cluster; with jobId, a session cluster's job. */
  id: string;
  jobId?: string;
  title: string;
  body: string;
  at: number;
}

interface Restarts {
  /** When it entered RESTARTING (or the pods' restart count rose), within the window. */
  times: readonly number[];
  told: boolean;
}

/** What earlier batches left: restart counts per job (cluster id + job id), pods' told flags per cluster. */
export interface NotifyMemory {
  restarts: Readonly<Record<string, Restarts>>;
  podsTold: Readonly<Record<string, boolean>>;
}

export const emptyNotifyMemory: NotifyMemory = { restarts: {}, podsTold: {} };

type StateChange = Extract<TrackingChange, { kind: 'state' }>;

const terminalKinds: Partial<Record<string, NotifyKind>> = { FAILED: 'failed', LOST: 'lost', FINISHED: 'finished' };

/** The cluster's name in an id: kube:<context>/<namespace>/<cluster-id> or rest:<url>. */
export function clusterNameOf(id: string): string {
  if (id.startsWith('kube:')) return id.slice(id.lastIndexOf('/') + 1);
  return id.replace(/^rest:/, '').replace(/^https?:\/\//, '');
}

function subjectOf(c: StateChange): string {
  return c.jobName || c.job?.name || clusterNameOf(c.id);
}

const keyOf = (c: StateChange) => `${c.id}#${c.jobId ?? ''}`;

function podRestarts(c: StateChange): { count: number; where: string } | undefined {
  let best: { count: number; where: string } | undefined;
  for (const pod of c.to.evidence.kube?.pods ?? [])
    for (const ct of pod.containers)
      if (!best || ct.restartCount > best.count) best = { count: ct.restartCount, where: `container ${ct.name} of pod ${pod.name}` };
  return best;
}

export function decideNotices(
  changes: readonly TrackingChange[],
  prefs: NotifyPrefs,
  memory: NotifyMemory,
): { notices: Notice[]; memory: NotifyMemory } {
  const on = new Set(prefs.on);
  const restarts: Record<string, Restarts> = { ...memory.restarts };
  const podsTold: Record<string, boolean> = { ...memory.podsTold };
  const notices: Notice[] = [];
  // A cluster seen for the first time in this batch (one poll's changes; each has its own `at`): the jobs first
  // seen with it are its history.
  const firstSight = new Set(changes.flatMap((c) => (c.kind === 'state' && c.jobId === undefined && !c.from ? [c.id] : [])));

  for (const c of changes) {
    if (c.kind === 'removed') {
      for (const k of Object.keys(restarts)) if (k.startsWith(`${c.id}#`)) delete restarts[k];
      delete podsTold[c.id];
      continue;
    }
    const subject = subjectOf(c);
    const where = { id: c.id, ...(c.jobId ? { jobId: c.jobId } : {}), at: c.at };
    const state = String(c.to.state);
    const terminal = terminalKinds[state];
    const newToUs = !c.from && (c.jobId === undefined || firstSight.has(c.id));
    if (terminal && c.from?.state !== state && !newToUs && on.has(terminal)) {
      const verb = terminal === 'failed' ? 'failed' : terminal === 'lost' ? 'is lost' : 'finished';
      notices.push({ kind: terminal, ...where, title: `${subject} ${verb}`, body: c.to.reason });
    }

    const key = keyOf(c);
    const seen = (restarts[key]?.times ?? []).filter((t) => t > c.at - RESTART_WINDOW_MS);
    const times = state === 'RESTARTING' && c.from?.state !== 'RESTARTING' ? [...seen, c.at] : seen;
    const calm = times.length < prefs.restartThreshold;
    const told = !calm && (restarts[key]?.told ?? false);
    if (!calm && !told && on.has('restarting'))
      notices.push({
        kind: 'restarting',
        ...where,
        title: `${subject} keeps restarting`,
        body: `It restarted ${times.length} times in the last ${RESTART_WINDOW_MS / 60_000} minutes. ${c.to.reason}`.trim(),
      });
    if (times.length) restarts[key] = { times, told: !calm };
    else delete restarts[key];

    // Pods are known only when the API server answered; without them nothing is concluded.
    if (c.jobId === undefined && c.to.evidence.kube?.reachable) {
      const pods = podRestarts(c);
      const crashLoop = pods !== undefined && pods.count >= prefs.restartThreshold;
      if (crashLoop && !podsTold[c.id] && on.has('restarting'))
        notices.push({
          kind: 'restarting',
          ...where,
          title: `${subject} keeps restarting`,
          body: `The ${pods.where} restarted ${pods.count} times. ${c.to.reason}`.trim(),
        });
      if (crashLoop) podsTold[c.id] = true;
      else delete podsTold[c.id];
    }
  }
  return { notices, memory: { restarts, podsTold } };
}
