// Waiting on a job: until it runs (every task deployed and RUNNING), until it ends, and what to say when it will
// not. A job's state is Flink's answer; when Flink reports FAILED, the root exception from /exceptions is the reason.
import { AppError } from '../../../shared/errors';
import type { Clock, Scheduler } from '../ports';
import { exceptionsOf } from './job-view';
import { hintForFlinkFailure } from './rest-errors';
import type { FlinkRestClient } from './rest-client';
import { terminalJobStates, type JobDetails } from './rest-schemas';

export interface WaitDeps {
  client: FlinkRestClient;
  scheduler: Scheduler;
  clock: Clock;
  signal: AbortSignal;
  /** Between two polls. */
  intervalMs?: number;
  /** For the step's detail: "RUNNING, 2 of 3 tasks running". */
  onState?: (detail: string) => void;
  log?: (...lines: string[]) => void;
}

/** Resolves after `ms`, or rejects at once when `signal` aborts. */
export function sleep(scheduler: Scheduler, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(stopped());
    const onAbort = () => {
      timer.cancel();
      reject(stopped());
    };
    const timer = scheduler.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function stopped(): AppError {
  return new AppError({ code: 'cancelled', message: 'Stopped while waiting' });
}

/** Subtasks per state, summed over the vertices; the total is the sum of parallelisms. */
function taskCounts(d: JobDetails): { total: number; running: number; finished: number } {
  let total = 0;
  let running = 0;
  let finished = 0;
  for (const v of d.vertices) {
    total += v.parallelism;
    const per = v.tasks ?? { [v.status]: v.parallelism };
    running += per.RUNNING ?? 0;
    finished += per.FINISHED ?? 0;
  }
  return { total, running, finished };
}

/** Transient failures (a dropped connection, a slow answer) are retried this many times in a row. */
const TRANSIENT_RETRIES = 3;

/**
 * Polls GET /jobs/:id until the job is RUNNING with every subtask RUNNING (or FINISHED, for a bounded source done
 * early), or FINISHED as a whole. FAILED, CANCELED, SUSPENDED reject with the root exception; so does running out of
 * time, with the last state seen.
 */
export async function waitUntilRunning(jobId: string, waitMs: number, deps: WaitDeps): Promise<{ state: string; name: string }> {
  const { client, scheduler, signal } = deps;
  const interval = deps.intervalMs ?? 500;
  const deadline = deps.clock.now() + waitMs;
  let transient = 0;
  let last: JobDetails | undefined;
  let lastDetail = '';
  for (;;) {
    try {
      last = await client.job(jobId, { signal });
      transient = 0;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      // Right after a run request the dispatcher may not list the job yet; a blip of the network is retried too.
      const retry = e.code === 'not-found' ? last === undefined : e.code === 'unreachable' || e.code === 'timeout';
      if (e.code === 'cancelled' || !retry || ++transient > TRANSIENT_RETRIES) throw e;
    }
    if (last) {
      const tasks = taskCounts(last);
      const detail = `${last.state}, ${tasks.running} of ${tasks.total} tasks running`;
      if (detail !== lastDetail) {
        deps.onState?.(detail);
        deps.log?.(`job ${jobId}: ${detail}`);
        lastDetail = detail;
      }
      if (last.state === 'RUNNING' && tasks.total > 0 && tasks.running + tasks.finished === tasks.total)
        return { state: 'RUNNING', name: last.name };
      if (last.state === 'FINISHED') return { state: 'FINISHED', name: last.name };
      if (terminalJobStates.includes(last.state) || last.state === 'SUSPENDED') throw await jobEnded(client, jobId, last, signal, deps.log);
    }
    if (deps.clock.now() >= deadline) throw await notRunningInTime(client, jobId, last, waitMs, signal, deps.log);
    await sleep(scheduler, interval, signal);
  }
}

/** The most recent root exception of the job, as a short sentence plus its whole trace for the log. */
export async function rootCause(
  client: FlinkRestClient,
  jobId: string,
  signal: AbortSignal,
): Promise<{ summary: string; stacktrace: string } | undefined> {
  try {
    const first = exceptionsOf(await client.jobExceptions(jobId, { signal, maxExceptions: 5 }))[0];
    return first ? { summary: first.message, stacktrace: first.stacktrace } : undefined;
  } catch {
    return undefined;
  }
}

const MAX_TRACE_LINES = 80;

async function jobEnded(
  client: FlinkRestClient,
  jobId: string,
  d: JobDetails,
  signal: AbortSignal,
  log?: (...lines: string[]) => void,
): Promise<AppError> {
  const cause = await rootCause(client, jobId, signal);
  if (cause) log?.(`root exception of job ${jobId}:`, ...cause.stacktrace.split('\n').slice(0, MAX_TRACE_LINES));
  const known = cause ? hintForFlinkFailure(cause.stacktrace) : undefined;
  if (d.state === 'CANCELED')
    return new AppError({
      code: 'cancelled',
      message: `Job '${d.name}' (${jobId}) was cancelled before it ran`,
      hint: 'Someone (the Web UI, another tool) cancelled it; submit it again if that was a mistake',
    });
  return new AppError({
    code: known?.code ?? 'internal',
    message: `Job '${d.name}' (${jobId}) ${d.state}${cause ? `: ${cause.summary}` : ' without an exception Flink could report'}`,
    hint: known?.hint ?? "The whole root exception is in this step's log; the JobManager and TaskManager logs have the rest",
  });
}

async function notRunningInTime(
  client: FlinkRestClient,
  jobId: string,
  d: JobDetails | undefined,
  waitMs: number,
  signal: AbortSignal,
  log?: (...lines: string[]) => void,
): Promise<AppError> {
  const cause = d ? await rootCause(client, jobId, signal) : undefined;
  if (cause) log?.(`latest exception of job ${jobId}:`, ...cause.stacktrace.split('\n').slice(0, MAX_TRACE_LINES));
  const known = cause ? hintForFlinkFailure(cause.stacktrace) : undefined;
  const tasks = d ? taskCounts(d) : undefined;
  return new AppError({
    code: 'timeout',
    message: `Job ${jobId} was not running after ${Math.round(waitMs / 1000)} s${
      d && tasks ? `: it is ${d.state}, ${tasks.running} of ${tasks.total} tasks running` : ''
    }${cause ? `; latest exception: ${cause.summary}` : ''}`,
    hint:
      known?.hint ??
      'The job keeps trying on the cluster. Tasks that do not start usually mean too few free task slots (lower the parallelism, or free or add slots); RESTARTING means it fails and retries (see its exceptions)',
  });
}
