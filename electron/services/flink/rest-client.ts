// A typed client for the Flink REST endpoints a management tool uses, over rest-transport.ts: every
// call has a timeout and takes the caller's AbortSignal, every answer is checked against its schema
// (rest-schemas.ts), and every failure is an AppError that names the URL (rest-errors.ts).
import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { defaultTransport, fetchTransport, type RestRequest, type RestTransport } from './rest-transport';
import { mapBadAnswer, mapHttpError, mapTransportError, type RestCall } from './rest-errors';
import {
  checkpointConfigSchema,
  checkpointingStatisticsSchema,
  clusterOverviewSchema,
  dashboardConfigSchema,
  jarListSchema,
  jarRunRequestSchema,
  jarRunResponseSchema,
  jarUploadSchema,
  jobDetailsSchema,
  jobExceptionsSchema,
  jobManagerConfigSchema,
  jobsOverviewSchema,
  savepointStatusSchema,
  savepointTriggerRequestSchema,
  stopRequestSchema,
  taskManagersSchema,
  triggerResponseSchema,
  type JarRunRequest,
} from './rest-schemas';

export interface FlinkRestOptions {
  /** The JobManager's REST address, e.g. http://127.0.0.1:8081 (a path prefix, as a proxy adds, is kept). */
  restUrl: string;
  /** Per request, unless a call says otherwise. */
  timeoutMs?: number;
  /** Tests pass their own, which then carries every call; the default is node:http (rest-transport.ts). */
  fetch?: typeof fetch;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** The signal of a call no caller can end (it still has its timeout). */
const NEVER = new AbortController().signal;
/** A run request executes the job's main() on the JobManager to build the job graph, which may take a while. */
const RUN_TIMEOUT_MS = 120_000;
/** Enough for a large fat jar over a slow link; the caller's signal ends it sooner. */
const UPLOAD_TIMEOUT_MS = 10 * 60_000;

interface Request<T> extends CallOptions {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  what: string;
  /** The answer's schema; none when the answer has no body worth reading (202 of a cancel). */
  schema?: z.ZodType<T>;
  json?: unknown;
  form?: FormData;
}

export class FlinkRestClient {
  readonly restUrl: string;
  private readonly base: URL;
  private readonly timeoutMs: number;
  private readonly transport: RestTransport;

  constructor(options: FlinkRestOptions) {
    this.base = new URL(options.restUrl.endsWith('/') ? options.restUrl : `${options.restUrl}/`);
    this.restUrl = this.base.href.replace(/\/$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.transport = options.fetch ? fetchTransport(options.fetch) : defaultTransport;
  }

  config(o: CallOptions = {}) {
    return this.call({ ...o, method: 'GET', path: 'config', what: 'read the cluster configuration', schema: dashboardConfigSchema });
  }

  overview(o: CallOptions = {}) {
    return this.call({ ...o, method: 'GET', path: 'overview', what: 'read the cluster overview', schema: clusterOverviewSchema });
  }

  async jobsOverview(o: CallOptions = {}) {
    return (await this.call({ ...o, method: 'GET', path: 'jobs/overview', what: 'list the jobs', schema: jobsOverviewSchema })).jobs;
  }

  job(jobId: string, o: CallOptions = {}) {
    return this.call({ ...o, method: 'GET', path: `jobs/${seg(jobId)}`, what: `read job ${jobId}`, schema: jobDetailsSchema });
  }

  jobExceptions(jobId: string, o: CallOptions & { maxExceptions?: number } = {}) {
    const q = o.maxExceptions ? `?maxExceptions=${o.maxExceptions}` : '';
    return this.call({
      ...o,
      method: 'GET',
      path: `jobs/${seg(jobId)}/exceptions${q}`,
      what: `read the exceptions of job ${jobId}`,
      schema: jobExceptionsSchema,
    });
  }

  jobCheckpoints(jobId: string, o: CallOptions = {}) {
    return this.call({
      ...o,
      method: 'GET',
      path: `jobs/${seg(jobId)}/checkpoints`,
      what: `read the checkpoints of job ${jobId}`,
      schema: checkpointingStatisticsSchema,
    });
  }

  jobCheckpointConfig(jobId: string, o: CallOptions = {}) {
    return this.call({
      ...o,
      method: 'GET',
      path: `jobs/${seg(jobId)}/checkpoints/config`,
      what: `read the checkpoint configuration of job ${jobId}`,
      schema: checkpointConfigSchema,
    });
  }

  /** The JobManager's effective configuration as a map (the memory sizes it runs with, among others). */
  async jobManagerConfig(o: CallOptions = {}): Promise<Map<string, string>> {
    const entries = await this.call({
      ...o,
      method: 'GET',
      path: 'jobmanager/config',
      what: 'read the JobManager configuration',
      schema: jobManagerConfigSchema,
    });
    return new Map(entries.map((e) => [e.key, e.value]));
  }

  async taskManagers(o: CallOptions = {}) {
    return (await this.call({ ...o, method: 'GET', path: 'taskmanagers', what: 'list the TaskManagers', schema: taskManagersSchema }))
      .taskmanagers;
  }

  /**
   * POST /jars/upload, multipart with the file in field `jarfile`. The part is a Blob backed by the file
   * (fs.openAsBlob), so the jar streams from disk and is never read into memory whole; its size is known, so the
   * request has a Content-Length, which Flink's multipart decoder handles best.
   */
  async uploadJar(path: string, o: CallOptions = {}): Promise<{ jarId: string; filename: string }> {
    const form = new FormData();
    form.append('jarfile', await openAsBlob(path, { type: 'application/x-java-archive' }), basename(path));
    const r = await this.call({
      timeoutMs: UPLOAD_TIMEOUT_MS,
      ...o,
      method: 'POST',
      path: 'jars/upload',
      what: `upload the jar ${basename(path)}`,
      form,
      schema: jarUploadSchema,
    });
    // The server's path of the stored jar; its last segment is the id the other /jars calls take.
    const jarId = r.filename.split(/[/\\]/).pop()!;
    return { jarId, filename: r.filename };
  }

  async listJars(o: CallOptions = {}) {
    return (await this.call({ ...o, method: 'GET', path: 'jars', what: 'list the uploaded jars', schema: jarListSchema })).files;
  }

  async runJar(jarId: string, body: JarRunRequest, o: CallOptions = {}): Promise<{ jobId: string }> {
    const r = await this.call({
      timeoutMs: RUN_TIMEOUT_MS,
      ...o,
      method: 'POST',
      path: `jars/${seg(jarId)}/run`,
      what: 'run the jar',
      json: jarRunRequestSchema.parse(body),
      schema: jarRunResponseSchema,
    });
    return { jobId: r.jobid };
  }

  async deleteJar(jarId: string, o: CallOptions = {}): Promise<void> {
    await this.call({ ...o, method: 'DELETE', path: `jars/${seg(jarId)}`, what: `delete the uploaded jar ${jarId}` });
  }

  /** PATCH /jobs/:id?mode=cancel: Flink accepts (202) and cancels in the background. */
  async cancelJob(jobId: string, o: CallOptions = {}): Promise<void> {
    await this.call({ ...o, method: 'PATCH', path: `jobs/${seg(jobId)}?mode=cancel`, what: `cancel job ${jobId}` });
  }

  /** POST /jobs/:id/stop: a savepoint, then the job ends (drain: first emit MAX_WATERMARK). Poll with savepointStatus. */
  async stopWithSavepoint(jobId: string, req: { targetDirectory?: string; drain?: boolean }, o: CallOptions = {}): Promise<string> {
    const json = stopRequestSchema.parse({
      drain: req.drain ?? false,
      ...(req.targetDirectory ? { targetDirectory: req.targetDirectory } : {}),
    });
    const r = await this.call({
      ...o,
      method: 'POST',
      path: `jobs/${seg(jobId)}/stop`,
      what: `stop job ${jobId} with a savepoint`,
      json,
      schema: triggerResponseSchema,
    });
    return r['request-id'];
  }

  /** POST /jobs/:id/savepoints; the trigger id it returns is polled with savepointStatus. */
  async triggerSavepoint(
    jobId: string,
    req: { targetDirectory?: string; cancelJob?: boolean; formatType?: 'CANONICAL' | 'NATIVE' },
    o: CallOptions = {},
  ): Promise<string> {
    const json = savepointTriggerRequestSchema.parse({
      'cancel-job': req.cancelJob ?? false,
      ...(req.targetDirectory ? { 'target-directory': req.targetDirectory } : {}),
      ...(req.formatType ? { formatType: req.formatType } : {}),
    });
    const r = await this.call({
      ...o,
      method: 'POST',
      path: `jobs/${seg(jobId)}/savepoints`,
      what: `take a savepoint of job ${jobId}`,
      json,
      schema: triggerResponseSchema,
    });
    return r['request-id'];
  }

  /** GET /jobs/:id/savepoints/:triggerId: one answer serves both the savepoint and the stop-with-savepoint trigger. */
  savepointStatus(jobId: string, triggerId: string, o: CallOptions = {}) {
    return this.call({
      ...o,
      method: 'GET',
      path: `jobs/${seg(jobId)}/savepoints/${seg(triggerId)}`,
      what: `read the savepoint of job ${jobId}`,
      schema: savepointStatusSchema,
    });
  }

  private async call<T>(req: Request<T>): Promise<T> {
    const url = new URL(req.path, this.base).href;
    const call: RestCall = { method: req.method, url, what: req.what };
    const timeoutMs = req.timeoutMs ?? this.timeoutMs;
    // The transport ends the call at the timeout or when the caller's signal aborts (rest-transport.ts).
    const init: RestRequest = { method: req.method, signal: req.signal ?? NEVER, timeoutMs, headers: { accept: 'application/json' } };
    if (req.json !== undefined) {
      init.body = JSON.stringify(req.json);
      init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    } else if (req.form) init.body = req.form;
    let status: number;
    let text: string;
    try {
      ({ status, text } = await this.transport(url, init));
    } catch (e) {
      if (req.signal?.aborted) throw cancelled(call);
      throw mapTransportError(e, call, e instanceof Error && e.name === 'TimeoutError', timeoutMs);
    }
    if (status < 200 || status >= 300) throw mapHttpError(status, text, call);
    if (!req.schema) return undefined as T;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw mapBadAnswer(call, text.trim() ? 'it is not JSON' : 'it is empty');
    }
    const parsed = req.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw mapBadAnswer(call, `${issue.path.length ? issue.path.join('.') : '(the answer)'}: ${issue.message}`);
    }
    return parsed.data;
  }
}

function seg(id: string): string {
  return encodeURIComponent(id);
}

/** The caller gave up (an operation cancelled or timed out): the operation itself reports how it ended. */
function cancelled(call: RestCall): AppError {
  return new AppError({ code: 'cancelled', message: `Stopped before Flink answered (${call.what})` });
}
