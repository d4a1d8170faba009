// An operation that fails says what state the job is really in — from tracking, polled again, never a guess
// (StreamPark showed a failed cancel-with-savepoint as a failed job while it ran on: its #1122).
import type { TrackedClusterView } from '../../../shared/contracts/tracking';
import { AppError } from '../../../shared/errors';
import type { TrackerView } from './tracked-target';

export function stateSentence(view: TrackedClusterView | undefined, jobId: string | undefined): string | undefined {
  if (!view) return undefined;
  const job = jobId ? view.jobs.find((j) => j.id === jobId) : undefined;
  const s = (job ?? (view.mode === 'application' || !jobId ? view : undefined))?.state;
  if (!s) return undefined;
  return `${job ? `Job ${job.name || job.id}` : view.id} is ${s.state} (${s.source === 'flink' ? 'reported by Flink' : `inferred: ${s.reason}`})`;
}

export function explainWith(tracker: TrackerView, id: string, jobId: () => string | undefined) {
  return async (e: unknown): Promise<unknown> => {
    if (!(e instanceof AppError)) return e;
    await tracker.refresh().catch(() => undefined);
    const sentence = stateSentence(
      tracker.list().clusters.find((c) => c.id === id),
      jobId(),
    );
    if (!sentence) return e;
    const info = e.toInfo();
    return new AppError({ ...info, message: `${info.message}. ${sentence}` });
  };
}
