// Flink's answers (kebab-case, -1 for "not yet") turned into the contract's views, which the UI and the CLI show.
import type {
  FlinkCheckpointInfo,
  FlinkClusterInfo,
  FlinkException,
  FlinkJobDetail,
  FlinkJobSummary,
} from '../../../shared/contracts/flink';
import { summarizeFlinkErrors } from './rest-errors';
import type { CheckpointingStatistics, ClusterOverview, DashboardConfig, JobDetails, JobExceptions, JobOverview } from './rest-schemas';

export function clusterInfo(restUrl: string, config: DashboardConfig, overview: ClusterOverview): FlinkClusterInfo {
  return {
    restUrl,
    flinkVersion: config['flink-version'],
    taskManagers: overview.taskmanagers,
    slotsTotal: overview['slots-total'],
    slotsAvailable: overview['slots-available'],
    jobsRunning: overview['jobs-running'],
    webSubmit: config.features?.['web-submit'] ?? true,
  };
}

const count = (tasks: Record<string, number>, key: string) => tasks[key] ?? 0;

export function jobSummary(j: JobOverview): FlinkJobSummary {
  return {
    id: j.jid,
    name: j.name,
    state: j.state,
    startTime: j['start-time'],
    ...(j['end-time'] > 0 ? { endTime: j['end-time'] } : {}),
    durationMs: j.duration,
    lastModification: j['last-modification'],
    tasks: {
      total: count(j.tasks, 'total'),
      running: count(j.tasks, 'running'),
      finished: count(j.tasks, 'finished'),
      failed: count(j.tasks, 'failed'),
      canceled: count(j.tasks, 'canceled'),
    },
  };
}

/** The newest first, as Flink's Web UI lists them. */
export function sortJobs(jobs: FlinkJobSummary[]): FlinkJobSummary[] {
  return [...jobs].sort((a, b) => b.startTime - a.startTime);
}

/** Every exception of the history, the most recent first; 1.x's lone `root-exception` when there is no history. */
export function exceptionsOf(e: JobExceptions): FlinkException[] {
  const out: FlinkException[] = e.exceptionHistory.entries.map((x) => ({
    name: x.exceptionName,
    message: summarizeFlinkErrors([x.stacktrace]),
    at: x.timestamp,
    ...(x.taskName ? { task: x.taskName } : {}),
    stacktrace: x.stacktrace,
  }));
  const root = e['root-exception'];
  if (out.length === 0 && root) {
    const first = root.split('\n', 1)[0] ?? '';
    out.push({ name: first.split(':', 1)[0] ?? first, message: summarizeFlinkErrors([root]), at: e.timestamp ?? 0, stacktrace: root });
  }
  return out.sort((a, b) => b.at - a.at);
}

type Stats = NonNullable<CheckpointingStatistics['latest']['completed']>;
const checkpoint = (c: Stats): FlinkCheckpointInfo => ({
  id: c.id,
  status: c.status,
  savepoint: c.is_savepoint,
  at: c.trigger_timestamp,
  ...(c.external_path ? { path: c.external_path } : {}),
  ...(c.state_size !== undefined ? { stateSize: c.state_size } : {}),
});

export function jobDetail(d: JobDetails, exceptions: JobExceptions, cps: CheckpointingStatistics | undefined): FlinkJobDetail {
  const tasks: Record<string, number> = {};
  for (const v of d.vertices) {
    const per = v.tasks ?? { [v.status]: v.parallelism };
    for (const [k, n] of Object.entries(per)) tasks[k.toLowerCase()] = (tasks[k.toLowerCase()] ?? 0) + n;
  }
  const total = d.vertices.reduce((n, v) => n + v.parallelism, 0);
  const restored = cps?.latest.restored;
  return {
    id: d.jid,
    name: d.name,
    state: d.state,
    startTime: d['start-time'],
    ...(d['end-time'] > 0 ? { endTime: d['end-time'] } : {}),
    durationMs: d.duration,
    lastModification: d.now ?? d['start-time'],
    tasks: {
      total,
      running: count(tasks, 'running'),
      finished: count(tasks, 'finished'),
      failed: count(tasks, 'failed'),
      canceled: count(tasks, 'canceled'),
    },
    vertices: d.vertices.map((v) => ({
      id: v.id,
      name: v.name,
      parallelism: v.parallelism,
      status: v.status,
      ...(v.metrics
        ? {
            metrics: {
              readRecords: v.metrics['read-records'] ?? 0,
              writeRecords: v.metrics['write-records'] ?? 0,
              busyMs: v.metrics['accumulated-busy-time'] ?? 0,
              idleMs: v.metrics['accumulated-idle-time'] ?? 0,
              backpressuredMs: v.metrics['accumulated-backpressured-time'] ?? 0,
            },
          }
        : {}),
    })),
    exceptions: exceptionsOf(exceptions),
    checkpoints: {
      counts: {
        total: cps?.counts.total ?? 0,
        completed: cps?.counts.completed ?? 0,
        failed: cps?.counts.failed ?? 0,
        inProgress: cps?.counts.in_progress ?? 0,
        restored: cps?.counts.restored ?? 0,
      },
      ...(cps?.latest.completed ? { latestCompleted: checkpoint(cps.latest.completed) } : {}),
      ...(cps?.latest.savepoint ? { latestSavepoint: checkpoint(cps.latest.savepoint) } : {}),
      ...(restored
        ? {
            restoredFrom: {
              id: restored.id,
              savepoint: restored.is_savepoint,
              ...(restored.external_path ? { path: restored.external_path } : {}),
            },
          }
        : {}),
      history: (cps?.history ?? [])
        .map((c) => ({ ...checkpoint(c), ...(c.end_to_end_duration !== undefined ? { durationMs: c.end_to_end_duration } : {}) }))
        .sort((a, b) => b.id - a.id),
    },
  };
}
