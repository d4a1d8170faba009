// One cluster's metrics, for the metrics loop: GET /overview (TaskManagers, slots, job counts) and the latest
// completed checkpoint of each running job. Metrics are shown, never stored: they are not state transitions.
import type { ClusterMetrics } from '../../../shared/contracts/tracking';
import type { FlinkRestClient } from '../flink/rest-client';

export async function readMetrics(
  client: FlinkRestClient,
  runningJobs: string[],
  signal: AbortSignal,
  at: () => number,
): Promise<ClusterMetrics> {
  const o = await client.overview({ signal });
  const checkpoints: ClusterMetrics['checkpoints'] = [];
  await Promise.all(
    runningJobs.map(async (jobId) => {
      try {
        const c = (await client.jobCheckpoints(jobId, { signal })).latest.completed;
        if (c)
          checkpoints.push({
            jobId,
            id: c.id,
            at: c.latest_ack_timestamp ?? c.trigger_timestamp,
            savepoint: c.is_savepoint,
            ...(c.external_path ? { path: c.external_path } : {}),
            ...(c.state_size !== undefined ? { stateSize: c.state_size } : {}),
          });
      } catch {
        // A job that ended meanwhile, or one without checkpointing: no checkpoint to show.
      }
    }),
  );
  return {
    at: at(),
    taskManagers: o.taskmanagers,
    slotsTotal: o['slots-total'],
    slotsAvailable: o['slots-available'],
    jobsRunning: o['jobs-running'],
    jobsFinished: o['jobs-finished'],
    jobsCancelled: o['jobs-cancelled'],
    jobsFailed: o['jobs-failed'],
    checkpoints: checkpoints.sort((a, b) => a.jobId.localeCompare(b.jobId)),
  };
}

/** Metrics before any were read (what a first failed read is shown against). */
export function emptyMetrics(at: number): ClusterMetrics {
  return {
    at,
    taskManagers: 0,
    slotsTotal: 0,
    slotsAvailable: 0,
    jobsRunning: 0,
    jobsFinished: 0,
    jobsCancelled: 0,
    jobsFailed: 0,
    checkpoints: [],
  };
}
