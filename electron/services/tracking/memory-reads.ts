// The memory a cluster runs with, for the metrics loop: the JobManager's process size from GET /jobmanager/config
// (jobmanager.memory.process.size, as StreamPark's metrics read it) and a TaskManager's from GET /taskmanagers (the
// total process memory Flink computed when it started one, whichever options set it; the configuration's
// taskmanager.memory.process.size where Flink does not say). That is fixed for a JobManager's life, so it is read once
// per JobManager — again when the JobManager pods Kubernetes shows are others (a restart, a redeploy), once the first
// TaskManager is there if there was none, and at least every RECHECK_MS (a cluster reached only by its REST address
// shows no pods) — not at every metrics round: for a thousand clusters that would double the metrics loop's calls for
// an answer that does not change.
import type { ClusterMetrics, PodEvidence } from '../../../shared/contracts/tracking';
import { flinkMemoryBytes } from '../../../shared/jobs/quantities';
import type { FlinkRestClient } from '../flink/rest-client';

export type Memory = NonNullable<ClusterMetrics['memory']>;

/** A JobManager restarted where Kubernetes does not show it is seen within this long. */
export const RECHECK_MS = 10 * 60_000;
/** A read that failed is tried again after this long. */
export const RETRY_MS = 60_000;

export interface MemoryPlan {
  /** The JobManager pods at the read (names, sorted); '' where none are known. */
  jobManagers: string;
  /** The read found no TaskManager to ask: it is read again once there is one. */
  withoutTaskManagers: boolean;
  nextAt: number;
}

/** What the plan compares: the JobManager pods (names, sorted) and whether there are TaskManagers now. */
export interface MemorySeen {
  jobManagers: string;
  taskManagers: number;
}

/** The JobManager pods of a cluster (its pods as Kubernetes shows them), as the plan compares them. */
export function jobManagersOf(pods: PodEvidence[] = []): string {
  return pods
    .filter((p) => p.component === 'jobmanager')
    .map((p) => p.name)
    .sort()
    .join(',');
}

/** Whether this metrics round reads the cluster's memory (a cluster not read yet has no plan). */
export function memoryDue(plan: MemoryPlan | undefined, seen: MemorySeen, now: number): boolean {
  if (!plan || now >= plan.nextAt) return true;
  if (seen.jobManagers !== '' && seen.jobManagers !== plan.jobManagers) return true;
  return plan.withoutTaskManagers && seen.taskManagers > 0;
}

export const afterMemoryRead = (seen: MemorySeen, now: number): MemoryPlan => ({
  jobManagers: seen.jobManagers,
  withoutTaskManagers: seen.taskManagers === 0,
  nextAt: now + RECHECK_MS,
});

export const afterFailedMemoryRead = (seen: MemorySeen, now: number): MemoryPlan => ({
  jobManagers: seen.jobManagers,
  withoutTaskManagers: false,
  nextAt: now + RETRY_MS,
});

/** The process sizes: from a TaskManager where one says it, else from the configuration; what neither holds is left out. */
export function memoryOf(config: Map<string, string>, taskManagerTotal?: number): Memory {
  const size = (key: string) => {
    const v = config.get(key);
    return v === undefined ? undefined : flinkMemoryBytes(v);
  };
  const jobManager = size('jobmanager.memory.process.size');
  const taskManager = taskManagerTotal ?? size('taskmanager.memory.process.size');
  return { ...(jobManager !== undefined ? { jobManager } : {}), ...(taskManager !== undefined ? { taskManager } : {}) };
}

/** One read: the configuration, and the TaskManagers' list where there are some. */
export async function readMemory(client: FlinkRestClient, taskManagers: number, signal: AbortSignal): Promise<Memory> {
  const [config, tms] = await Promise.all([
    client.jobManagerConfig({ signal }),
    taskManagers > 0 ? client.taskManagers({ signal }) : Promise.resolve([]),
  ]);
  return memoryOf(
    config,
    tms.find((t) => t.memoryConfiguration?.totalProcessMemory !== undefined)?.memoryConfiguration?.totalProcessMemory,
  );
}
