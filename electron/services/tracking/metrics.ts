// One cluster's metrics, for the metrics loop: GET /overview (TaskManagers, slots, job counts) and the latest
// completed checkpoint of each running job, read when its plan says one may have come (checkpoint-reads.ts) and
// otherwise kept from the last read. Metrics are shown, never stored: they are not state transitions.
import type { ClusterMetrics } from '../../../shared/contracts/tracking';
import { AppError } from '../../../shared/errors';
import type { FlinkRestClient } from '../flink/rest-client';
import { afterFailedRead, afterRead, checkpointsDue, intervalOf, type CheckpointPlan } from './checkpoint-reads';

type Checkpoint = ClusterMetrics['checkpoints'][number];

/** Reads the metrics; sets the checkpoint plan (in `plans`) of each running job whose checkpoints it read. */
export async function readMetrics(
  client: FlinkRestClient,
  running: string[],
  plans: Map<string, CheckpointPlan>,
  previous: ClusterMetrics | undefined,
  signal: AbortSignal,
  at: () => number,
): Promise<ClusterMetrics> {
  const kept = new Map((previous?.checkpoints ?? []).map((c) => [c.jobId, c]));
  const o = await client.overview({ signal });
  const checkpoints: Checkpoint[] = [];
  await Promise.all(
    running.map(async (jobId) => {
      const plan = plans.get(jobId);
      if (!checkpointsDue(plan, at())) {
        const last = kept.get(jobId);
        if (last) checkpoints.push(last);
        return;
      }
      // The interval, once per job: a 404 is a job without checkpointing; any other failure is asked again next time.
      const interval =
        plan !== undefined
          ? Promise.resolve(plan.interval)
          : client.jobCheckpointConfig(jobId, { signal }).then(
              (c) => intervalOf(c.interval),
              (e: unknown) => (e instanceof AppError && e.code === 'not-found' ? null : undefined),
            );
      try {
        const stats = await client.jobCheckpoints(jobId, { signal });
        const every = await interval;
        if (every !== undefined) plans.set(jobId, afterRead(plan, stats.counts, every, at()));
        const c = stats.latest.completed;
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
        const every = await interval;
        if (every !== undefined) plans.set(jobId, afterFailedRead(plan, every, at()));
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
    // Read once per JobManager by the round (memory-reads.ts), kept in between.
    ...(previous?.memory ? { memory: previous.memory } : {}),
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
