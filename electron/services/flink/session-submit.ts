// Submitting a jar to a session cluster, as a durable operation: upload the jar, run it, wait until the job runs.
// Each step says what it did (the jar's size, the job id, the task count); a failure says which step and why, with
// the root exception when the job itself failed. The uploaded jar is deleted after the run (Flink has copied it to
// its blob store by then) unless the caller keeps it.
import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { SessionSubmitResult } from '../../../shared/contracts/flink';
import { AppError } from '../../../shared/errors';
import type { OperationSnapshot } from '../../../shared/operations';
import type { ServiceContext } from '../context';
import { jarRunBody, parseFlinkVersion, type RunOptions } from './flink-version';
import { inStep } from './op-steps';
import { waitUntilRunning } from './job-wait';
import { FlinkRestClient } from './rest-client';
import type { RestoreMode } from './rest-schemas';

export interface SessionSubmitRequest {
  restUrl: string;
  jar: string;
  entryClass?: string;
  args?: string[];
  parallelism?: number;
  savepoint?: { path: string; allowNonRestoredState?: boolean; restoreMode?: RestoreMode };
  flinkConfiguration?: Record<string, string>;
  keepJar: boolean;
  wait: boolean;
  waitSec: number;
}

export type SubmitDeps = Pick<ServiceContext, 'operations' | 'scheduler' | 'clock' | 'logger'> & {
  /** Tests pass their own; the default is Node's. */
  fetch?: typeof fetch;
};

/** The jar as a readable file, or an invalid-input error naming the field (so the CLI exits 2 before any request). */
function checkJar(path: string): { path: string; size: number } {
  const abs = resolve(path);
  let size: number;
  try {
    const st = statSync(abs);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw new AppError({
      code: 'invalid-input',
      message: `jar: there is no file ${abs}`,
      hint: 'Give the path of the job jar (for a Maven project, target/<name>.jar after mvn package)',
      fields: { jar: `there is no file ${abs}` },
    });
  }
  return { path: abs, size };
}

const mib = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${Math.max(1, Math.round(n / 1024))} KiB`);

/** Upload allowance: the run request and the jar upload have their own bounds, the wait for RUNNING is the caller's. */
const SUBMIT_ALLOWANCE_MS = 12 * 60_000;

export function startSessionSubmit(
  deps: SubmitDeps,
  req: SessionSubmitRequest,
): { snapshot: OperationSnapshot; done: Promise<OperationSnapshot & { result?: SessionSubmitResult }> } {
  const jar = checkJar(req.jar);
  const client = new FlinkRestClient({ restUrl: req.restUrl, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  const name = basename(jar.path);
  return deps.operations.start<SessionSubmitResult>({
    kind: 'flink.session.submit',
    title: `Submit ${name} to ${client.restUrl}`,
    steps: [
      { id: 'upload', title: `Upload ${name}` },
      { id: 'run', title: 'Run the job' },
      { id: 'running', title: 'Wait until the job runs' },
    ],
    lock: { resource: `flink-submit:${client.restUrl}:${jar.path}`, what: `A submission of ${name} to ${client.restUrl}` },
    timeoutMs: req.waitSec * 1000 + SUBMIT_ALLOWANCE_MS,
    run: async (ctx) => {
      const { signal } = ctx;
      const upload = await inStep(ctx, 'upload', ['run', 'running'], async () => {
        ctx.step('upload', { status: 'running', detail: mib(jar.size) });
        const config = await client.config({ signal });
        ctx.log(`Flink ${config['flink-version']} at ${client.restUrl}`);
        if (config.features?.['web-submit'] === false)
          throw new AppError({
            code: 'not-available',
            message: `The session cluster at ${client.restUrl} does not accept jar submissions (web.submit.enable is false)`,
            hint: 'Set web.submit.enable: true in its Flink configuration and restart the JobManager',
          });
        const { jarId } = await client.uploadJar(jar.path, { signal });
        ctx.log(`uploaded as ${jarId}`);
        ctx.step('upload', { status: 'succeeded', detail: `${mib(jar.size)}, jar id ${jarId}` });
        return { jarId, flinkVersion: config['flink-version'] };
      });

      const jobId = await inStep(ctx, 'run', ['running'], async () => {
        ctx.step('run', { status: 'running', ...(req.entryClass ? { detail: req.entryClass } : {}) });
        const body = jarRunBody(runOptions(req), parseFlinkVersion(upload.flinkVersion));
        ctx.log(`POST /jars/${upload.jarId}/run ${JSON.stringify(body)}`);
        try {
          const { jobId } = await client.runJar(upload.jarId, body, { signal });
          ctx.step('run', { status: 'succeeded', detail: `job ${jobId}` });
          return jobId;
        } finally {
          if (!req.keepJar) await deleteQuietly(client, upload.jarId, (l) => ctx.log(l));
        }
      });

      if (!req.wait) {
        ctx.step('running', { status: 'skipped', detail: 'Not waited for: the job was submitted' });
        return { restUrl: client.restUrl, flinkVersion: upload.flinkVersion, jobId, jobName: '', state: 'SUBMITTED' };
      }
      const job = await inStep(ctx, 'running', [], async () => {
        ctx.step('running', { status: 'running' });
        try {
          const job = await waitUntilRunning(jobId, req.waitSec * 1000, {
            client,
            scheduler: deps.scheduler,
            clock: deps.clock,
            signal,
            onState: (detail) => ctx.step('running', { detail }),
            log: (...lines) => ctx.log(...lines),
          });
          ctx.step('running', { status: 'succeeded', detail: `${job.name}: ${job.state}` });
          return job;
        } catch (e) {
          if (signal.aborted) ctx.log(`job ${jobId} was submitted and keeps running on the cluster; cancel it there if it should not`);
          throw e;
        }
      });
      return {
        restUrl: client.restUrl,
        flinkVersion: upload.flinkVersion,
        jobId,
        jobName: job.name,
        state: job.state,
        ...(req.keepJar ? { jarId: upload.jarId } : {}),
      };
    },
  });
}

function runOptions(req: SessionSubmitRequest): RunOptions {
  const sp = req.savepoint;
  return {
    ...(req.entryClass ? { entryClass: req.entryClass } : {}),
    ...(req.args ? { args: req.args } : {}),
    ...(req.parallelism !== undefined ? { parallelism: req.parallelism } : {}),
    ...(sp ? { savepointPath: sp.path } : {}),
    ...(sp?.allowNonRestoredState !== undefined ? { allowNonRestoredState: sp.allowNonRestoredState } : {}),
    ...(sp?.restoreMode ? { restoreMode: sp.restoreMode } : {}),
    ...(req.flinkConfiguration ? { flinkConfiguration: req.flinkConfiguration } : {}),
  };
}

async function deleteQuietly(client: FlinkRestClient, jarId: string, log: (line: string) => void): Promise<void> {
  try {
    // Not the operation's signal: a cancelled run still cleans up after itself.
    await client.deleteJar(jarId, { timeoutMs: 10_000 });
    log(`deleted the uploaded jar ${jarId}`);
  } catch (e) {
    log(`could not delete the uploaded jar ${jarId}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
