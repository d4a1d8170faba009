// Flink session jobs over Flink's REST API (issue: Jobs and Deploy): submit a jar to a session cluster, list its
// jobs, read one, cancel it, take a savepoint, stop it with one. A cluster is named by its REST URL; a session
// cluster on Kubernetes is resolved to one by the caller (the access layer) before these channels are called.
import { z } from 'zod';
import { channel } from '../channel';
import type { OperationSnapshot } from '../operations';

/** http(s), no credentials in it (Flink's REST API has none, and a URL is shown and logged). */
export const restUrlSchema = z
  .string()
  .trim()
  .min(1, 'Enter the REST URL of the session cluster, e.g. http://127.0.0.1:8081')
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:8081' }))
  .refine((u) => {
    const url = new URL(u);
    return !url.username && !url.password;
  }, 'must not carry a user name or password')
  .refine((u) => !new URL(u).search && !new URL(u).hash, 'must be the address only, without ?query or #fragment');

const jobId = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{32}$/, 'must be a Flink job id: 32 hex digits')
  .transform((s) => s.toLowerCase());
const javaClass = z
  .string()
  .trim()
  .regex(/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/, 'must be a Java class name such as com.example.Main');
const directory = z.string().trim().min(1, 'must not be empty').max(4096);
export const restoreModeSchema = z.enum(['CLAIM', 'NO_CLAIM', 'LEGACY'], { error: 'must be CLAIM, NO_CLAIM or LEGACY' });

export const sessionSubmitInput = z
  .object({
    restUrl: restUrlSchema,
    /** A jar on this machine; uploaded to the JobManager, then run. */
    jar: z
      .string()
      .trim()
      .min(1, 'Choose the jar to submit')
      .regex(/\.jar$/i, 'must be a .jar file (Flink accepts only those)'),
    entryClass: javaClass.optional(),
    args: z.array(z.string().max(100_000)).max(10_000).optional(),
    parallelism: z
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(32768, 'must be at most 32768')
      .optional(),
    savepoint: z
      .object({
        path: directory,
        allowNonRestoredState: z.boolean().optional(),
        restoreMode: restoreModeSchema.optional(),
      })
      .strict()
      .optional(),
    /** Flink configuration for this job only (Flink 1.17+ accepts it on the run request). */
    flinkConfiguration: z.record(z.string().regex(/^\S+$/, 'a Flink key has no spaces'), z.string()).optional(),
    /** Keep the uploaded jar on the JobManager after the run (the Web UI lists it); by default it is deleted. */
    keepJar: z.boolean().default(false),
    /** Wait until the job runs; false returns once Flink has accepted it (as `flink run --detached` does). */
    wait: z.boolean().default(true),
    /** How long to wait for the job to run, in seconds. */
    waitSec: z.number().int().min(1).max(3600).default(180),
  })
  .strict();

const clusterRef = z.object({ restUrl: restUrlSchema }).strict();
const jobRef = z.object({ restUrl: restUrlSchema, jobId }).strict();
const cancelInput = jobRef.extend({ wait: z.boolean().default(false) }).strict();
const savepointInput = jobRef
  .extend({
    /** Where to write it; the cluster's execution.checkpointing.savepoint-dir (state.savepoints.dir) when left out. */
    targetDirectory: directory.optional(),
    cancelJob: z.boolean().default(false),
    formatType: z.enum(['CANONICAL', 'NATIVE']).optional(),
  })
  .strict();
const stopInput = jobRef.extend({ targetDirectory: directory.optional(), drain: z.boolean().default(false) }).strict();

export interface FlinkClusterInfo {
  restUrl: string;
  flinkVersion: string;
  taskManagers: number;
  slotsTotal: number;
  slotsAvailable: number;
  jobsRunning: number;
  /** Does this cluster take jar submissions (web.submit.enable)? */
  webSubmit: boolean;
}

export interface FlinkJobSummary {
  id: string;
  name: string;
  /** Flink's JobStatus (RUNNING, FAILED, …) as the cluster reports it. */
  state: string;
  startTime: number;
  /** Absent while the job runs. */
  endTime?: number;
  durationMs: number;
  lastModification: number;
  tasks: { total: number; running: number; finished: number; failed: number; canceled: number };
}

export interface FlinkJobsResult {
  cluster: FlinkClusterInfo;
  jobs: FlinkJobSummary[];
}

export interface FlinkException {
  /** e.g. java.lang.ClassNotFoundException */
  name: string;
  /** The message lines, without the stack frames. */
  message: string;
  at: number;
  task?: string;
  stacktrace: string;
}

export interface FlinkCheckpointInfo {
  id: number;
  status: string;
  savepoint: boolean;
  at: number;
  path?: string;
  stateSize?: number;
}

export interface FlinkJobDetail extends FlinkJobSummary {
  vertices: {
    id: string;
    name: string;
    parallelism: number;
    status: string;
    /** Counters since the job started (the job page charts their rates): records between tasks, and ms busy,
     * idle and backpressured summed over the subtasks. */
    metrics?: { readRecords: number; writeRecords: number; busyMs: number; idleMs: number; backpressuredMs: number };
  }[];
  /** The most recent first; the root cause of each failure, with its concurrent ones left out. */
  exceptions: FlinkException[];
  checkpoints: {
    counts: { total: number; completed: number; failed: number; inProgress: number; restored: number };
    latestCompleted?: FlinkCheckpointInfo;
    latestSavepoint?: FlinkCheckpointInfo;
    restoredFrom?: { id: number; savepoint: boolean; path?: string };
    /** The recent checkpoints and savepoints Flink remembers, newest first. */
    history: (FlinkCheckpointInfo & { durationMs?: number })[];
  };
}

/** What a session submission's operation ends with (`snapshot.result`). */
export interface SessionSubmitResult {
  restUrl: string;
  flinkVersion: string;
  jobId: string;
  jobName: string;
  /** RUNNING, FINISHED for a job that ended before it was seen running, SUBMITTED when not waited for. */
  state: string;
  /** Present when keepJar was set. */
  jarId?: string;
}

export interface SavepointResult {
  jobId: string;
  location: string;
}

export const flinkRequests = {
  /** Uploads the jar, runs it, and waits until the job is RUNNING (or says why not): an operation. */
  'flink.session.submit': channel<typeof sessionSubmitInput, OperationSnapshot>(sessionSubmitInput),
  /** The cluster's overview and every job it knows, the newest first. */
  'flink.jobs': channel<typeof clusterRef, FlinkJobsResult>(clusterRef),
  /** One job: state, vertices, root exceptions and checkpoints. */
  'flink.job': channel<typeof jobRef, FlinkJobDetail>(jobRef),
  /** Asks Flink to cancel the job; with wait, returns once it is CANCELED (or another terminal state). */
  'flink.job.cancel': channel<typeof cancelInput, { jobId: string; state: string }>(cancelInput),
  /** Triggers a savepoint and polls it until it is written: an operation whose result is a SavepointResult. */
  'flink.job.savepoint': channel<typeof savepointInput, OperationSnapshot>(savepointInput),
  /** Stop with a savepoint (drain optional): an operation whose result is a SavepointResult. */
  'flink.job.stop': channel<typeof stopInput, OperationSnapshot>(stopInput),
} as const;

export type SessionSubmitInput = z.input<typeof sessionSubmitInput>;
