// The flink channels of the contract (shared/contracts/flink.ts), over the Flink REST client.
import type { flinkRequests } from '../../../shared/contracts/flink';
import type { ServiceContext } from '../context';
import type { Handlers } from '../rpc/dispatcher';
import { cancelJob, startSavepoint, startStopWithSavepoint } from './job-operations';
import { clusterInfo, jobDetail, jobSummary, sortJobs } from './job-view';
import { FlinkRestClient } from './rest-client';
import { startSessionSubmit } from './session-submit';

export type FlinkDeps = Pick<ServiceContext, 'operations' | 'scheduler' | 'clock' | 'logger'> & {
  /** Tests pass their own; the default is Node's. */
  fetch?: typeof fetch;
};

export function flinkHandlers(deps: FlinkDeps): Pick<Handlers, keyof typeof flinkRequests> {
  const client = (restUrl: string) => new FlinkRestClient({ restUrl, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  return {
    'flink.session.submit': (input) => startSessionSubmit(deps, input).snapshot,
    'flink.jobs': async ({ restUrl }) => {
      const c = client(restUrl);
      const [config, overview, jobs] = await Promise.all([c.config(), c.overview(), c.jobsOverview()]);
      return { cluster: clusterInfo(c.restUrl, config, overview), jobs: sortJobs(jobs.map(jobSummary)) };
    },
    'flink.job': async ({ restUrl, jobId }) => {
      const c = client(restUrl);
      const details = await c.job(jobId);
      const [exceptions, checkpoints] = await Promise.all([
        c.jobExceptions(jobId, { maxExceptions: 10 }),
        // A job without checkpointing still answers; one that never ran (failed at start) may not: then none.
        c.jobCheckpoints(jobId).catch(() => undefined),
      ]);
      return jobDetail(details, exceptions, checkpoints);
    },
    'flink.job.cancel': ({ restUrl, jobId, wait }) => cancelJob(deps, client(restUrl), jobId, wait ? 60_000 : undefined),
    'flink.job.savepoint': ({ restUrl, jobId, targetDirectory, cancelJob: cancel, formatType }) =>
      startSavepoint(deps, client(restUrl), {
        jobId,
        cancelJob: cancel,
        ...(targetDirectory ? { targetDirectory } : {}),
        ...(formatType ? { formatType } : {}),
      }).snapshot,
    'flink.job.stop': ({ restUrl, jobId, targetDirectory, drain }) =>
      startStopWithSavepoint(deps, client(restUrl), { jobId, drain, ...(targetDirectory ? { targetDirectory } : {}) }).snapshot,
  };
}
