// The operations on a running job: cancel, take a savepoint, stop with a savepoint. Savepoints are asynchronous in
// Flink (a trigger id, then polling); as operations they show their progress and survive a reload like any other.
import type { SavepointResult } from '../../../shared/contracts/flink';
import { AppError } from '../../../shared/errors';
import type { OperationContext } from '../operations/operation-registry';
import type { ServiceContext } from '../context';
import { sleep } from './job-wait';
import { inStep } from './op-steps';
import { summarizeFlinkErrors, hintForFlinkFailure } from './rest-errors';
import type { FlinkRestClient } from './rest-client';
import { terminalJobStates } from './rest-schemas';

export type JobOpDeps = Pick<ServiceContext, 'operations' | 'scheduler' | 'clock'>;

const POLL_MS = 500;

/** What a caller adds around a job operation: tracking told when it ends, a failure told with the job's real state. */
export interface JobOpHooks {
  /** After the run, whatever its outcome (tracking polls the cluster again). */
  settled?: () => Promise<void>;
  /** The error to end with instead (the same one, saying what state the job is really in). */
  explain?: (error: unknown) => Promise<unknown>;
  /** The id shown in titles and locks instead of the REST address (a tracked cluster's). */
  resource?: string;
}

function hooked<R>(hooks: JobOpHooks | undefined, run: (ctx: OperationContext) => Promise<R>) {
  if (!hooks) return run;
  return async (ctx: OperationContext): Promise<R> => {
    try {
      const r = await run(ctx);
      await hooks.settled?.().catch(() => undefined);
      return r;
    } catch (e) {
      await hooks.settled?.().catch(() => undefined);
      throw hooks.explain ? await hooks.explain(e) : e;
    }
  };
}

/** Asks Flink to cancel; with `waitMs`, polls until the job is in a terminal state and returns it. */
export async function cancelJob(
  deps: Pick<ServiceContext, 'scheduler' | 'clock'>,
  client: FlinkRestClient,
  jobId: string,
  waitMs: number | undefined,
): Promise<{ jobId: string; state: string }> {
  await client.cancelJob(jobId);
  if (!waitMs) return { jobId, state: (await client.job(jobId)).state };
  const deadline = deps.clock.now() + waitMs;
  const signal = new AbortController().signal;
  for (;;) {
    const { state } = await client.job(jobId);
    if (terminalJobStates.includes(state)) return { jobId, state };
    if (deps.clock.now() >= deadline)
      throw new AppError({
        code: 'timeout',
        message: `Job ${jobId} was still ${state} ${Math.round(waitMs / 1000)} s after the cancel was accepted`,
        hint: 'Tasks that do not react to cancellation are interrupted by Flink after task.cancellation.timeout; see the TaskManager log',
      });
    await sleep(deps.scheduler, POLL_MS, signal);
  }
}

/** How often a running savepoint says how long it has been writing (its step's detail and log). */
const PROGRESS_EVERY_MS = 5_000;

/**
 * The one poller of Flink's asynchronous savepoint triggers (savepoint and stop-with-savepoint): until Flink says
 * COMPLETED, however long that takes (a savepoint of a large state takes minutes: StreamPark's #2560 gave up after
 * one and showed the job FAILED) — only a cancel of the operation ends it early. While it runs, the step says for
 * how long. COMPLETED with a failure cause (or no location) is a failed savepoint: its cause, hinted.
 */
export async function pollSavepointTrigger(
  deps: Pick<ServiceContext, 'scheduler' | 'clock'>,
  client: FlinkRestClient,
  jobId: string,
  triggerId: string,
  ctx: OperationContext,
  stepId: string,
): Promise<string> {
  const started = deps.clock.now();
  let toldAt = started;
  for (;;) {
    const s = await client.savepointStatus(jobId, triggerId, { signal: ctx.signal });
    if (s.status.id === 'COMPLETED') {
      const cause = s.operation?.['failure-cause'];
      if (cause || !s.operation?.location) {
        const trace = cause?.['stack-trace'] ?? cause?.class ?? '';
        if (trace) ctx.log('failure cause:', ...trace.split('\n').slice(0, 80));
        const known = hintForFlinkFailure(trace);
        throw new AppError({
          code: known?.code ?? 'internal',
          message: `The savepoint of job ${jobId} failed: ${trace ? summarizeFlinkErrors([trace]) : 'Flink gave no location and no cause'}`,
          hint:
            known?.hint ??
            'Check that the target directory is writable by the JobManager and TaskManagers (or that the cluster has execution.checkpointing.savepoint-dir)',
        });
      }
      return s.operation.location;
    }
    const now = deps.clock.now();
    if (now - toldAt >= PROGRESS_EVERY_MS) {
      toldAt = now;
      const still = `Flink is still writing the savepoint (trigger ${triggerId}): ${Math.round((now - started) / 1000)} s so far; it takes as long as the state needs`;
      ctx.step(stepId, { detail: still });
      ctx.log(still);
    }
    await sleep(deps.scheduler, POLL_MS, ctx.signal);
  }
}

export function startSavepoint(
  deps: JobOpDeps,
  client: FlinkRestClient,
  req: { jobId: string; targetDirectory?: string; cancelJob: boolean; formatType?: 'CANONICAL' | 'NATIVE' },
  hooks?: JobOpHooks,
) {
  return deps.operations.start<SavepointResult>({
    kind: 'flink.job.savepoint',
    title: `Savepoint of job ${req.jobId}${req.cancelJob ? ' and cancel' : ''}`,
    steps: [
      { id: 'trigger', title: 'Trigger the savepoint' },
      { id: 'write', title: 'Wait for the savepoint to be written' },
    ],
    lock: { resource: `flink-job:${hooks?.resource ?? client.restUrl}:${req.jobId}`, what: `An operation on job ${req.jobId}` },
    run: hooked(hooks, async (ctx) => {
      const triggerId = await inStep(ctx, 'trigger', ['write'], async () => {
        ctx.step('trigger', { status: 'running' });
        const id = await client.triggerSavepoint(
          req.jobId,
          {
            cancelJob: req.cancelJob,
            ...(req.targetDirectory ? { targetDirectory: req.targetDirectory } : {}),
            ...(req.formatType ? { formatType: req.formatType } : {}),
          },
          { signal: ctx.signal },
        );
        ctx.step('trigger', { status: 'succeeded', detail: `trigger ${id}` });
        return id;
      });
      const location = await inStep(ctx, 'write', [], async () => {
        ctx.step('write', { status: 'running' });
        const at = await pollSavepointTrigger(deps, client, req.jobId, triggerId, ctx, 'write');
        ctx.step('write', { status: 'succeeded', detail: at });
        return at;
      });
      return { jobId: req.jobId, location };
    }),
  });
}

export function startStopWithSavepoint(
  deps: JobOpDeps,
  client: FlinkRestClient,
  req: { jobId: string; targetDirectory?: string; drain: boolean },
  hooks?: JobOpHooks,
) {
  return deps.operations.start<SavepointResult>({
    kind: 'flink.job.stop',
    title: `Stop job ${req.jobId} with a savepoint${req.drain ? ' (drain)' : ''}`,
    steps: [
      { id: 'trigger', title: 'Ask Flink to stop the job with a savepoint' },
      { id: 'write', title: 'Wait for the savepoint and the job to end' },
    ],
    lock: { resource: `flink-job:${hooks?.resource ?? client.restUrl}:${req.jobId}`, what: `An operation on job ${req.jobId}` },
    run: hooked(hooks, async (ctx) => {
      const triggerId = await inStep(ctx, 'trigger', ['write'], async () => {
        ctx.step('trigger', { status: 'running' });
        const id = await client.stopWithSavepoint(
          req.jobId,
          { drain: req.drain, ...(req.targetDirectory ? { targetDirectory: req.targetDirectory } : {}) },
          { signal: ctx.signal },
        );
        ctx.step('trigger', { status: 'succeeded', detail: `trigger ${id}` });
        return id;
      });
      const location = await inStep(ctx, 'write', [], async () => {
        ctx.step('write', { status: 'running' });
        const at = await pollSavepointTrigger(deps, client, req.jobId, triggerId, ctx, 'write');
        // The savepoint completes first; the job then reaches FINISHED a moment later.
        for (;;) {
          const { state } = await client.job(req.jobId, { signal: ctx.signal });
          if (terminalJobStates.includes(state)) {
            ctx.step('write', { status: 'succeeded', detail: `${at}; job ${state}` });
            return at;
          }
          await sleep(deps.scheduler, POLL_MS, ctx.signal);
        }
      });
      return { jobId: req.jobId, location };
    }),
  });
}

/** Cancel as an operation: ask Flink, then follow the job until it has ended (a RESTARTING or FAILING job too). */
export function startCancel(deps: JobOpDeps, client: FlinkRestClient, req: { jobId: string }, hooks?: JobOpHooks) {
  return deps.operations.start<{ jobId: string; state: string }>({
    kind: 'flink.job.cancel',
    title: `Cancel job ${req.jobId}`,
    steps: [
      { id: 'cancel', title: 'Ask Flink to cancel the job' },
      { id: 'wait', title: 'Wait for the job to end' },
    ],
    lock: { resource: `flink-job:${hooks?.resource ?? client.restUrl}:${req.jobId}`, what: `An operation on job ${req.jobId}` },
    run: hooked(hooks, async (ctx) => {
      await inStep(ctx, 'cancel', ['wait'], async () => {
        ctx.step('cancel', { status: 'running' });
        await client.cancelJob(req.jobId, { signal: ctx.signal });
        ctx.step('cancel', { status: 'succeeded' });
      });
      const state = await inStep(ctx, 'wait', [], async () => {
        ctx.step('wait', { status: 'running' });
        let last = '';
        for (;;) {
          const { state } = await client.job(req.jobId, { signal: ctx.signal });
          if (state !== last) ctx.step('wait', { detail: `The job is ${(last = state)}` });
          if (terminalJobStates.includes(state)) {
            ctx.step('wait', { status: 'succeeded', detail: `The job is ${state}` });
            return state;
          }
          await sleep(deps.scheduler, POLL_MS, ctx.signal);
        }
      });
      return { jobId: req.jobId, state };
    }),
  });
}
