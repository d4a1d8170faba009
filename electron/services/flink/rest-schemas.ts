// The Flink REST API as Flink Desk uses it: zod schemas of the request bodies it sends and of the answers it reads.
// Field names are Flink's own (kebab-case in most answers, camelCase in a few), taken from the message classes of
// flink-runtime and flink-runtime-web 1.17–2.3 (their FIELD_NAME_* constants), not from the generated OpenAPI file,
// which is wrong in places. Answers are parsed leniently (z.looseObject): a newer Flink adds fields, and only the
// fields read here must be present. Checked against real Flink 1.20 and 2.x by tests/integration/flink-rest.test.ts.
import { z } from 'zod';

export const jobStates = [
  'INITIALIZING',
  'CREATED',
  'RUNNING',
  'FAILING',
  'FAILED',
  'CANCELLING',
  'CANCELED',
  'FINISHED',
  'RESTARTING',
  'SUSPENDED',
  'RECONCILING',
] as const;
/** Flink's JobStatus. Kept as a string beyond these: a future Flink may add a state, and a list must still show. */
export const jobStateSchema = z.string().min(1);
export type FlinkJobState = (typeof jobStates)[number];
/** Globally terminal: the job will not run again on this cluster. */
export const terminalJobStates: readonly string[] = ['FAILED', 'CANCELED', 'FINISHED'];

const jobId = z.string().regex(/^[0-9a-f]{32}$/, 'a Flink job id is 32 hex digits');
const millis = z.number();
/**
 * A metric Flink computes as a double: Jackson writes a NaN or an infinity as a string ("NaN" — the busy time of a
 * vertex whose time is not measured yet, seen on Flink 2.x). Read as unknown, never as a wrong answer.
 */
const metric = z
  .union([z.number(), z.string()])
  .transform((v) => (typeof v === 'number' ? v : Number.isFinite(Number(v)) ? Number(v) : undefined))
  .optional();

/** GET /config — DashboardConfiguration. */
export const dashboardConfigSchema = z.looseObject({
  'refresh-interval': z.number(),
  'flink-version': z.string(),
  'flink-revision': z.string().optional(),
  'timezone-name': z.string().optional(),
  'timezone-offset': z.number().optional(),
  features: z
    .looseObject({
      'web-submit': z.boolean().optional(),
      'web-cancel': z.boolean().optional(),
      'web-rescale': z.boolean().optional(),
      'web-history': z.boolean().optional(),
    })
    .optional(),
});

/** GET /overview — ClusterOverviewWithVersion. */
export const clusterOverviewSchema = z.looseObject({
  taskmanagers: z.number(),
  'slots-total': z.number(),
  'slots-available': z.number(),
  'jobs-running': z.number(),
  'jobs-finished': z.number(),
  'jobs-cancelled': z.number(),
  'jobs-failed': z.number(),
  'flink-version': z.string().optional(),
  'flink-commit': z.string().optional(),
});

/** Per-ExecutionState task counts (lowercase keys: running, finished, …, total). */
const taskCounts = z.record(z.string(), z.number());

/** One entry of GET /jobs/overview — JobDetails. */
export const jobOverviewSchema = z.looseObject({
  jid: jobId,
  name: z.string(),
  state: jobStateSchema,
  'start-time': millis,
  'end-time': millis,
  duration: millis,
  'last-modification': millis,
  tasks: taskCounts,
});
export const jobsOverviewSchema = z.looseObject({ jobs: z.array(jobOverviewSchema) });

/** GET /jobs/:jobid — JobDetailsInfo (the vertices, not the plan, are read). */
export const jobDetailsSchema = z.looseObject({
  jid: jobId,
  name: z.string(),
  state: jobStateSchema,
  isStoppable: z.boolean().optional(),
  'start-time': millis,
  'end-time': millis,
  duration: millis,
  now: millis.optional(),
  timestamps: z.record(z.string(), z.number()).optional(),
  vertices: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string(),
      parallelism: z.number(),
      status: z.string(),
      /** Subtasks per ExecutionState (upper-case keys here, unlike the overview's). */
      tasks: taskCounts.optional(),
      /** IOMetricsInfo: records between tasks, and the time (ms, summed over subtasks) busy, idle, backpressured. */
      metrics: z
        .looseObject({
          'read-records': metric,
          'write-records': metric,
          'accumulated-backpressured-time': metric,
          'accumulated-busy-time': metric,
          'accumulated-idle-time': metric,
        })
        .optional(),
    }),
  ),
  'status-counts': z.record(z.string(), z.number()).optional(),
});

const exceptionEntry = z.looseObject({
  exceptionName: z.string(),
  stacktrace: z.string(),
  timestamp: millis,
  taskName: z.string().nullish(),
  endpoint: z.string().nullish(),
  taskManagerId: z.string().nullish(),
  failureLabels: z.record(z.string(), z.string()).optional(),
});
/**
 * GET /jobs/:jobid/exceptions — JobExceptionsInfoWithHistory. `root-exception`/`all-exceptions` are the deprecated
 * part Flink 1.x still sends; 2.x sends only `exceptionHistory`.
 */
export const jobExceptionsSchema = z.looseObject({
  'root-exception': z.string().nullish(),
  timestamp: millis.nullish(),
  exceptionHistory: z.looseObject({
    entries: z.array(exceptionEntry.extend({ concurrentExceptions: z.array(exceptionEntry).optional() })),
    truncated: z.boolean(),
  }),
});

const checkpointStats = z.looseObject({
  id: z.number(),
  status: z.string(),
  is_savepoint: z.boolean(),
  trigger_timestamp: millis,
  latest_ack_timestamp: millis.optional(),
  state_size: z.number().optional(),
  end_to_end_duration: z.number().optional(),
  external_path: z.string().nullish(),
  checkpoint_type: z.string().optional(),
});
/** GET /jobs/:jobid/checkpoints — CheckpointingStatistics. */
export const checkpointingStatisticsSchema = z.looseObject({
  counts: z.looseObject({
    restored: z.number(),
    total: z.number(),
    in_progress: z.number(),
    completed: z.number(),
    failed: z.number(),
  }),
  latest: z.looseObject({
    completed: checkpointStats.nullish(),
    savepoint: checkpointStats.nullish(),
    failed: checkpointStats.extend({ failure_message: z.string().nullish() }).nullish(),
    restored: z
      .looseObject({ id: z.number(), restore_timestamp: millis, is_savepoint: z.boolean(), external_path: z.string().nullish() })
      .nullish(),
  }),
  history: z.array(checkpointStats),
});
/** GET /jobs/:jobid/checkpoints/config — CheckpointConfigInfo (the fields read; a 404 when checkpointing is off).
 * `interval` is Long.MAX_VALUE when only savepoints and checkpoints triggered by hand are taken. */
export const checkpointConfigSchema = z.looseObject({ interval: z.number() });

/** GET /jobmanager/config — the JobManager's effective configuration, as key and value strings (secrets masked). */
export const jobManagerConfigSchema = z.array(z.looseObject({ key: z.string(), value: z.string() }));

/** GET /taskmanagers — TaskManagersInfo. */
export const taskManagersSchema = z.looseObject({
  taskmanagers: z.array(
    z.looseObject({
      id: z.string(),
      path: z.string(),
      dataPort: z.number(),
      timeSinceLastHeartbeat: millis,
      slotsNumber: z.number(),
      freeSlots: z.number(),
      blocked: z.boolean().optional(),
      /** Flink 1.12 and later: the memory sizes this TaskManager was started with (bytes). */
      memoryConfiguration: z.looseObject({ totalProcessMemory: z.number().optional() }).optional(),
    }),
  ),
});

/** POST /jars/upload — JarUploadResponseBody; `filename` is the server's path, whose last segment is the jar id. */
export const jarUploadSchema = z.looseObject({ filename: z.string().min(1), status: z.literal('success') });

/** GET /jars — JarListInfo: the jars uploaded to this JobManager. */
export const jarListSchema = z.looseObject({
  files: z.array(
    z.looseObject({
      id: z.string(),
      name: z.string(),
      uploaded: millis,
      entry: z.array(z.looseObject({ name: z.string(), description: z.string().nullish() })),
    }),
  ),
});

/** POST /jars/:jarid/run — JarRunResponseBody. */
export const jarRunResponseSchema = z.looseObject({ jobid: jobId });

/** 202 answers of the asynchronous operations (savepoint, stop-with-savepoint) — TriggerResponse. */
export const triggerResponseSchema = z.looseObject({ 'request-id': z.string().min(1) });

/** A Java exception as Flink serializes it (SerializedThrowable). */
const serializedThrowable = z.looseObject({ class: z.string().optional(), 'stack-trace': z.string().optional() });
/** GET /jobs/:jobid/savepoints/:triggerid — AsynchronousOperationResult<SavepointInfo>. */
export const savepointStatusSchema = z.looseObject({
  status: z.looseObject({ id: z.enum(['IN_PROGRESS', 'COMPLETED']) }),
  operation: z.looseObject({ location: z.string().nullish(), 'failure-cause': serializedThrowable.nullish() }).nullish(),
});

/** Every error answer: ErrorResponseBody. */
export const errorBodySchema = z.looseObject({ errors: z.array(z.string()) });

export type DashboardConfig = z.infer<typeof dashboardConfigSchema>;
export type ClusterOverview = z.infer<typeof clusterOverviewSchema>;
export type JobOverview = z.infer<typeof jobOverviewSchema>;
export type JobDetails = z.infer<typeof jobDetailsSchema>;
export type JobExceptions = z.infer<typeof jobExceptionsSchema>;
export type CheckpointingStatistics = z.infer<typeof checkpointingStatisticsSchema>;
export type CheckpointConfig = z.infer<typeof checkpointConfigSchema>;
export type TaskManagers = z.infer<typeof taskManagersSchema>;
export type SavepointStatus = z.infer<typeof savepointStatusSchema>;

// --- request bodies ---------------------------------------------------------------------------------------------

export const restoreModes = ['CLAIM', 'NO_CLAIM', 'LEGACY'] as const;
export type RestoreMode = (typeof restoreModes)[number];

/**
 * POST /jars/:jarid/run — JarRunRequestBody. Flink ignores a field it does not know (tried on 1.20: the job runs,
 * the field has no effect), so a wrongly named field fails silently: only the names this version reads are sent.
 * 1.17–1.19 name the savepoint restore mode `restoreMode`; 1.20 and 2.x name it `claimMode` (RecoveryClaimMode in
 * 2.x) and still read `restoreMode` as deprecated. `programArgs` (one
 * string) is gone in 2.x; `programArgsList` is in every version and needs no quoting.
 */
export const jarRunRequestSchema = z.strictObject({
  entryClass: z.string().min(1).optional(),
  programArgsList: z.array(z.string()).optional(),
  parallelism: z.number().int().positive().optional(),
  jobId: jobId.optional(),
  savepointPath: z.string().min(1).optional(),
  allowNonRestoredState: z.boolean().optional(),
  restoreMode: z.enum(restoreModes).optional(),
  claimMode: z.enum(restoreModes).optional(),
  flinkConfiguration: z.record(z.string(), z.string()).optional(),
});
export type JarRunRequest = z.infer<typeof jarRunRequestSchema>;

/** POST /jobs/:jobid/savepoints — SavepointTriggerRequestBody (kebab-case, unlike the stop request). */
export const savepointTriggerRequestSchema = z.strictObject({
  'target-directory': z.string().min(1).optional(),
  'cancel-job': z.boolean(),
  formatType: z.enum(['CANONICAL', 'NATIVE']).optional(),
});

/** POST /jobs/:jobid/stop — StopWithSavepointRequestBody (camelCase). */
export const stopRequestSchema = z.strictObject({
  targetDirectory: z.string().min(1).optional(),
  drain: z.boolean(),
  formatType: z.enum(['CANONICAL', 'NATIVE']).optional(),
});
