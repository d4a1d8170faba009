// When the metrics loop reads a running job's checkpoints (GET /jobs/:id/checkpoints). Read every metrics round, a
// thousand jobs are most of what tracking sends (the tracking benchmark: 1,000 of every 2,680 calls), and almost every
// read finds what the last one did: a periodic checkpoint comes once per checkpoint interval, the job's own setting
// (read once per job from /jobs/:id/checkpoints/config). So, after a read that saw an attempt settle (completed or
// failed), the next one waits that interval; while one is in progress, or once the next is due, every round reads;
// and a job is read at least every RECHECK_MS, for the savepoints and checkpoints taken by hand (a job without
// periodic checkpoints is read only then). Only the workstation's clock is used: the JobManager's may differ.

/** Checkpoints and savepoints triggered by hand show within this long. */
export const RECHECK_MS = 60_000;
/** An interval this long is Flink's "no periodic checkpoints" (Long.MAX_VALUE). */
const NEVER_MS = 365 * 24 * 3600_000;

export interface CheckpointPlan {
  /** The job's checkpoint interval in ms; null: no periodic checkpoints (or its configuration could not be read). */
  interval: number | null;
  /** Attempts settled (completed + failed) at the last read. */
  settled: number;
  /** Not read again before this time (the workstation's clock). */
  nextAt: number;
}

/** Whether this metrics round reads the job's checkpoints (a job not read yet has no plan). */
export function checkpointsDue(plan: CheckpointPlan | undefined, now: number): boolean {
  return !plan || now >= plan.nextAt;
}

/** The interval a checkpoint configuration gives, as a plan keeps it. */
export function intervalOf(configured: number | undefined): number | null {
  return configured !== undefined && configured > 0 && configured < NEVER_MS ? configured : null;
}

/** The plan after a read that found these counts. */
export function afterRead(
  previous: CheckpointPlan | undefined,
  counts: { completed: number; failed: number; in_progress: number },
  interval: number | null,
  now: number,
): CheckpointPlan {
  const settled = counts.completed + counts.failed;
  // One in progress ends soon; none settled since the last read while one is due: it is about to come.
  const soon = counts.in_progress > 0 || (interval !== null && previous !== undefined && settled <= previous.settled);
  return { interval, settled, nextAt: soon ? now : now + waitOf(interval) };
}

/** The plan of a job whose checkpoints could not be read (none taken yet, or an error): tried again at the recheck. */
export function afterFailedRead(previous: CheckpointPlan | undefined, interval: number | null, now: number): CheckpointPlan {
  return { interval, settled: previous?.settled ?? 0, nextAt: now + waitOf(interval) };
}

/** How long after a read the next is due: one interval, at most the recheck. */
const waitOf = (interval: number | null) => (interval === null ? RECHECK_MS : Math.min(interval, RECHECK_MS));
