// Cancel, stop with a savepoint and savepoint of a tracked cluster's job: Flink's own operations (flink/
// job-operations.ts) over the REST endpoint tracking reaches the cluster by; each ends with tracking polled again,
// and a failure says what state the job is really in.
import type { ServiceContext } from '../context';
import { startCancel, startSavepoint, startStopWithSavepoint, type JobOpHooks } from '../flink/job-operations';
import { explainWith } from './explain-failure';
import { jobOf, restOf, trackedCluster, type TrackerView } from './tracked-target';

export type JobOpsDeps = Pick<ServiceContext, 'operations' | 'scheduler' | 'clock'> & { tracker: TrackerView; fetch?: typeof fetch };

async function prepare(deps: JobOpsDeps, id: string, jobIdGiven: string | undefined) {
  const view = trackedCluster(deps.tracker, id);
  const client = restOf(view, deps.fetch);
  const jobId = await jobOf(view, client, jobIdGiven);
  const hooks: JobOpHooks = {
    resource: id,
    settled: () => deps.tracker.refresh(),
    explain: explainWith(deps.tracker, id, () => jobId),
  };
  return { client, jobId, hooks };
}

export async function cancelTracked(deps: JobOpsDeps, input: { id: string; jobId?: string | undefined }) {
  const { client, jobId, hooks } = await prepare(deps, input.id, input.jobId);
  return startCancel(deps, client, { jobId }, hooks).snapshot;
}

export async function stopTracked(
  deps: JobOpsDeps,
  input: { id: string; jobId?: string | undefined; targetDirectory?: string | undefined; drain?: boolean | undefined },
) {
  const { client, jobId, hooks } = await prepare(deps, input.id, input.jobId);
  return startStopWithSavepoint(
    deps,
    client,
    { jobId, drain: input.drain ?? false, ...(input.targetDirectory ? { targetDirectory: input.targetDirectory } : {}) },
    hooks,
  ).snapshot;
}

export async function savepointTracked(
  deps: JobOpsDeps,
  input: { id: string; jobId?: string | undefined; targetDirectory?: string | undefined; formatType?: 'CANONICAL' | 'NATIVE' | undefined },
) {
  const { client, jobId, hooks } = await prepare(deps, input.id, input.jobId);
  return startSavepoint(
    deps,
    client,
    {
      jobId,
      cancelJob: false,
      ...(input.targetDirectory ? { targetDirectory: input.targetDirectory } : {}),
      ...(input.formatType ? { formatType: input.formatType } : {}),
    },
    hooks,
  ).snapshot;
}
