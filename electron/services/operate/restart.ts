// Restart from a savepoint: the job stopped with a savepoint (or the savepoint given), then started again from it —
// an application cluster deployed again from its saved job (the old Deployment gone first, and its HA ConfigMaps
// with it: left in place, Flink would recover the old checkpoints instead of the savepoint), a session job
// submitted again. The new start is the job's newest saved version, so the Jobs page shows where it came from.
import type { OperateRestartInput } from '../../../shared/contracts/operate';
import { AppError, type ErrorCode } from '../../../shared/errors';
import type { JobDocument } from '../../../shared/jobs/spec';
import type { OperationSnapshot } from '../../../shared/operations';
import type { ServiceContext } from '../context';
import { deleteCluster } from '../deploy/clusters';
import type { SavepointResult, SessionSubmitResult } from '../../../shared/contracts/flink';
import type { TrackedClusterView } from '../../../shared/contracts/tracking';
import { startStopWithSavepoint } from '../flink/job-operations';
import { sleep } from '../flink/job-wait';
import { inStep } from '../flink/op-steps';
import type { JobStore } from '../jobs/job-store';
import { operationEnded } from './await-operation';
import type { ClusterKube } from './cluster-kube';
import { explainWith } from './explain-failure';
import { jobOf, kubePlace, restOf, savedJobNameOf, trackedCluster, type TrackerView } from './tracked-target';

export type ApplyDocument = (document: JobDocument, source: string) => Promise<OperationSnapshot>;

export type RestartDeps = Pick<ServiceContext, 'operations' | 'scheduler' | 'clock' | 'events'> & {
  tracker: TrackerView;
  jobs: Pick<JobStore, 'get' | 'list'>;
  kube: ClusterKube;
  apply: ApplyDocument;
  fetch?: typeof fetch;
};

/** How long Flink gets to remove its own application cluster after the job stopped, before Flink Desk deletes it. */
const GONE_WAIT_MS = 30_000;

/** The saved job a tracked job was started from: an application cluster's own; a session job's by its submission. */
function savedJobOf(deps: RestartDeps, view: TrackedClusterView, jobId: string | undefined): string {
  for (const j of jobId ? deps.jobs.list() : []) {
    if (!j.deployed?.opId) continue;
    try {
      if ((deps.operations.get(j.deployed.opId).result as SessionSubmitResult | undefined)?.jobId === jobId) return j.name;
    } catch {
      // An operation forgotten long ago: not this one.
    }
  }
  const byPlace = view.mode !== 'session' ? savedJobNameOf(deps.jobs, view) : undefined;
  if (byPlace) return byPlace;
  throw new AppError({
    code: 'not-available',
    message: `${jobId ? `Job ${jobId} of ${view.id}` : view.id} was not started from a job saved in Flink Desk, so there is nothing to start it again from`,
    hint: 'Take a savepoint, then deploy or submit the job with that savepoint (spec.job.savepoint.path)',
  });
}

export async function startRestart(deps: RestartDeps, input: OperateRestartInput): Promise<OperationSnapshot> {
  const view = trackedCluster(deps.tracker, input.id);
  let jobId = input.jobId;
  if (view.mode !== 'application' && !jobId) jobId = await jobOf(view, restOf(view, deps.fetch), undefined);
  const name = savedJobOf(deps, view, jobId);
  const saved = deps.jobs.get(name).latest.document;
  const application = saved.spec.mode === 'application';
  const { snapshot } = deps.operations.start({
    kind: 'operate.restart',
    title: `Restart ${name} from a savepoint`,
    steps: [
      { id: 'savepoint', title: input.savepoint ? 'Use the savepoint given' : 'Stop the job with a savepoint' },
      ...(application ? [{ id: 'remove', title: 'Remove the stopped cluster and its HA data' }] : []),
      { id: 'start', title: application ? 'Deploy again from the savepoint' : 'Submit again from the savepoint' },
    ],
    lock: { resource: `restart:${view.id}`, what: `A restart of ${view.id}` },
    run: async (ctx) => {
      const later = application ? ['remove', 'start'] : ['start'];
      const explain = explainWith(deps.tracker, view.id, () => jobId);
      try {
        const savepoint = await inStep(ctx, 'savepoint', later, async () => {
          ctx.step('savepoint', { status: 'running' });
          if (input.savepoint) {
            ctx.step('savepoint', { status: 'succeeded', detail: input.savepoint });
            return input.savepoint;
          }
          const client = restOf(view, deps.fetch);
          jobId = await jobOf(view, client, jobId, ctx.signal);
          const stop = startStopWithSavepoint(deps, client, {
            jobId,
            drain: false,
            ...(input.targetDirectory ? { targetDirectory: input.targetDirectory } : {}),
          });
          ctx.log(`stopping job ${jobId} with a savepoint (operation ${stop.snapshot.id})`);
          const end = await operationEnded(deps, stop.snapshot.id, ctx.signal);
          if (end.status !== 'succeeded' || !end.result)
            throw new AppError({
              code: (end.error?.code as ErrorCode | undefined) ?? 'internal',
              message: end.error?.message ?? 'The stop with a savepoint did not complete',
              ...(end.error?.hint ? { hint: end.error.hint } : {}),
            });
          const at = (end.result as SavepointResult).location;
          ctx.step('savepoint', { status: 'succeeded', detail: at });
          return at;
        });
        if (application)
          await inStep(ctx, 'remove', ['start'], async () => {
            ctx.step('remove', { status: 'running' });
            const place = kubePlace(view);
            const client = await deps.kube.client(place);
            const path = `/apis/apps/v1/namespaces/${place.namespace}/deployments/${place.clusterId}`;
            const until = deps.clock.now() + GONE_WAIT_MS;
            while ((await client.request('GET', path)).status !== 404 && deps.clock.now() < until)
              await sleep(deps.scheduler, 1000, ctx.signal);
            const removed = await deleteCluster(client, place.namespace, place.clusterId, true).catch((e: unknown) => {
              if (e instanceof AppError && e.code === 'not-found') return { deleted: [], haConfigMapsKept: [] };
              throw e;
            });
            ctx.log(...(removed.deleted.length ? removed.deleted.map((d) => `deleted ${d}`) : ['nothing left to delete']));
            ctx.step('remove', { status: 'succeeded', detail: removed.deleted.join(', ') || 'Flink had removed it' });
          });
        return await inStep(ctx, 'start', [], async () => {
          ctx.step('start', { status: 'running' });
          const document: JobDocument = {
            ...saved,
            spec: {
              ...saved.spec,
              job: {
                ...saved.spec.job,
                savepoint: {
                  path: savepoint,
                  ...(input.restoreMode ? { restoreMode: input.restoreMode } : {}),
                  ...(input.allowNonRestoredState !== undefined ? { allowNonRestoredState: input.allowNonRestoredState } : {}),
                },
              },
            },
          };
          const started = await deps.apply(document, `restart from ${savepoint}`);
          ctx.log(`${application ? 'deploying' : 'submitting'} again (operation ${started.id})`);
          const end = await operationEnded(deps, started.id, ctx.signal);
          if (end.status !== 'succeeded')
            throw new AppError({
              code: (end.error?.code as ErrorCode | undefined) ?? 'internal',
              message: end.error?.message ?? `The ${application ? 'deploy' : 'submission'} did not complete`,
              ...(end.error?.hint ? { hint: end.error.hint } : {}),
            });
          ctx.step('start', { status: 'succeeded', detail: `from ${savepoint}` });
          return { savepoint, startedBy: started.id };
        });
      } catch (e) {
        throw await explain(e);
      } finally {
        await deps.tracker.refresh().catch(() => undefined);
      }
    },
  });
  return snapshot;
}
