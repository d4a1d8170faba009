// The build a deploy runs first (a job on image.base): the same pipeline as a build of its own, as ONE step of the
// deploy (asOneStep), kept with the job like any build (JobStore.recordBuild, under the deploy's operation id, with
// the step that holds its log), and bounded by the build time limit (build.timeout-sec): the deploy itself has no
// overall limit, so without this a stalled Maven or push would hold the deploy forever.
import type { BuildResult } from '../../../shared/contracts/build';
import { AppError } from '../../../shared/errors';
import type { JobDocument } from '../../../shared/jobs/spec';
import type { JobBuild, JobStore } from '../jobs/job-store';
import type { OperationContext } from '../operations/operation-registry';
import type { Clock, Scheduler } from '../ports';
import { asOneStep } from './as-one-step';
import { runBuild, type BuildDeps } from './pipeline';

export interface DeployBuildDeps extends BuildDeps {
  clock: Clock;
  scheduler: Scheduler;
  jobs: Pick<JobStore, 'recordBuild'>;
}

const titles: Record<string, string> = {
  resolve: 'resolving the inputs',
  artifact: 'building or checking the job jar',
  dependencies: 'resolving the dependencies',
  image: 'making the image',
  push: 'pushing the image',
};

/** How the outer operation's abort reads (the registry aborts with {kind: cancel | stop | timeout}). */
function abortOutcome(signal: AbortSignal): JobBuild['outcome'] {
  return (signal.reason as { kind?: string } | undefined)?.kind === 'stop' ? 'interrupted' : 'cancelled';
}

export async function buildInDeploy(
  deps: DeployBuildDeps,
  document: JobDocument,
  op: OperationContext,
  where: { stepId: string; version: number },
): Promise<Omit<BuildResult, 'version'>> {
  const name = document.metadata.name;
  const limitSec = deps.settings.get()['build.timeout-sec'];
  const record: JobBuild = {
    opId: op.id,
    deployStep: where.stepId,
    version: where.version,
    at: deps.clock.now(),
    outcome: 'running',
  };
  deps.jobs.recordBuild(name, record);

  // The build's own signal: the deploy's (cancel, stop), or the build time limit, whichever comes first.
  const abort = new AbortController();
  const follow = () => abort.abort(op.signal.reason);
  if (op.signal.aborted) follow();
  else op.signal.addEventListener('abort', follow, { once: true });
  let expired = false;
  const timer = deps.scheduler.setTimeout(() => {
    expired = true;
    abort.abort({ kind: 'timeout', ms: limitSec * 1000 });
  }, limitSec * 1000);
  let running = 'resolve';
  const inner = asOneStep(op, where.stepId);
  const bounded: OperationContext = {
    ...inner,
    signal: abort.signal,
    step: (id, patch) => {
      if (patch.status === 'running') running = id;
      inner.step(id, patch);
    },
  };

  try {
    const r = await runBuild(deps, document, undefined, bounded);
    deps.jobs.recordBuild(name, {
      ...record,
      outcome: 'succeeded',
      engine: r.engine,
      image: r.image,
      digest: r.digest,
      uploadedBytes: r.uploadedBytes,
      reused: r.reused,
    });
    return r;
  } catch (e) {
    const err = expired
      ? new AppError({
          code: 'timeout',
          message: `The image build took longer than the build time limit (${limitSec} s) and was stopped while ${titles[running] ?? running}`,
          hint: "Raise Settings → Build → Build time limit (build.timeout-sec), or see in this step's log where it stalled",
        })
      : e;
    const outcome = !expired && op.signal.aborted ? abortOutcome(op.signal) : 'failed';
    const info = err instanceof AppError ? err.toInfo() : undefined;
    deps.jobs.recordBuild(name, {
      ...record,
      outcome,
      ...(outcome === 'failed'
        ? { error: info ? { code: info.code, message: info.message, ...(info.hint ? { hint: info.hint } : {}) } : failedUnexpectedly }
        : {}),
    });
    throw err;
  } finally {
    timer.cancel();
    op.signal.removeEventListener('abort', follow);
  }
}

const failedUnexpectedly = { code: 'internal', message: 'The build failed unexpectedly' };
