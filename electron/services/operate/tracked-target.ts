// The cluster an operation is about, by its tracking id: its tracked view (state, jobs, how its REST endpoint is
// reached now), its Kubernetes place, its REST client, and which job an operation means.
import type { TrackedClusterView } from '../../../shared/contracts/tracking';
import { AppError } from '../../../shared/errors';
import { FlinkRestClient } from '../flink/rest-client';
import type { JobStore } from '../jobs/job-store';
import type { Tracker } from '../tracking/tracker';

export type TrackerView = Pick<Tracker, 'list' | 'refresh'>;

export interface KubePlace {
  context: string;
  namespace: string;
  clusterId: string;
  kubeconfig?: string;
}

export function trackedCluster(tracker: TrackerView, id: string): TrackedClusterView {
  const view = tracker.list().clusters.find((c) => c.id === id);
  if (!view)
    throw new AppError({
      code: 'not-found',
      message: `Nothing tracked has the id ${id}`,
      hint: 'List what is tracked with "flink-desk status" (the first column is the id), or track the cluster first',
    });
  return view;
}

/** The REST client over the way tracking reaches the cluster now (the access layer's local proxy, a NodePort…). */
export function restOf(view: TrackedClusterView, fetchImpl?: typeof fetch): FlinkRestClient {
  const restUrl = view.access?.restUrl ?? (view.ref.kind === 'rest' ? view.ref.restUrl : view.ref.restUrl);
  if (!restUrl)
    throw new AppError({
      code: 'unreachable',
      message: `Flink Desk cannot reach the REST endpoint of ${view.id} now${view.access?.problem ? `: ${view.access.problem}` : ''}`,
      hint: 'The Jobs page shows how the cluster is reached and why not; the JobManager may still be starting',
    });
  return new FlinkRestClient({ restUrl, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
}

export function kubePlace(view: TrackedClusterView): KubePlace {
  if (view.ref.kind !== 'kube')
    throw new AppError({
      code: 'not-available',
      message: `${view.id} is tracked by its REST address only: Flink Desk does not know its Kubernetes cluster`,
      hint: 'Track it by context, namespace and cluster id (flink-desk track --context … --namespace … --cluster-id …)',
    });
  const { context, namespace, clusterId, kubeconfig } = view.ref;
  return { context, namespace, clusterId, ...(kubeconfig ? { kubeconfig } : {}) };
}

/** The job an operation acts on: the one given, an application cluster's own, or a session cluster's only running one. */
export async function jobOf(
  view: TrackedClusterView,
  rest: FlinkRestClient,
  jobId: string | undefined,
  signal?: AbortSignal,
): Promise<string> {
  if (jobId) return jobId;
  const known = view.jobs.filter((j) => !['FINISHED', 'CANCELED', 'FAILED'].includes(String(j.state.state)));
  if (view.mode === 'application' && view.jobs.length === 1) return view.jobs[0]!.id;
  if (known.length === 1) return known[0]!.id;
  const live = (await rest.jobsOverview({ ...(signal ? { signal } : {}) })).filter(
    (j) => !['FINISHED', 'CANCELED', 'FAILED'].includes(j.state),
  );
  if (live.length === 1) return live[0]!.jid;
  throw new AppError({
    code: 'invalid-input',
    message: live.length
      ? `${view.id} runs ${live.length} jobs (${live.map((j) => `${j.jid} ${j.name}`).join(', ')}): say which one`
      : `${view.id} runs no job now`,
    hint: live.length ? 'Give the job id (--job)' : 'The job may have ended; the Jobs page shows its state',
  });
}

/** The saved job a tracked cluster on Kubernetes was deployed from: its own name when tracking knows it, else the
 * saved job whose spec names the same context, namespace and cluster id (a cluster tracked by hand). */
export function savedJobNameOf(jobs: Pick<JobStore, 'list'>, view: TrackedClusterView): string | undefined {
  if (view.jobName) return view.jobName;
  if (view.ref.kind !== 'kube') return undefined;
  const { context, namespace, clusterId } = view.ref;
  try {
    return jobs.list().find((j) => {
      const s = j.latest.document.spec;
      return s.mode === 'application' && s.context === context && (s.namespace ?? 'default') === namespace && s.clusterId === clusterId;
    })?.name;
  } catch {
    return undefined;
  }
}
