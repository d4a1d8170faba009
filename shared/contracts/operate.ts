// Operating a tracked cluster and its jobs (issue: Operate), by the id tracking gives it: cancel, stop with a
// savepoint, savepoint, restart from a savepoint, delete; and what explains a failure: the Kubernetes events of its
// Deployment, ReplicaSet and pods, the JobManager and TaskManager logs (follow, previous container), the diagnosis.
// The REST endpoint is the one tracking reaches the cluster by (the access layer); Kubernetes requests go with the
// cluster's own context. Long ones are operations; each ends with tracking polled again, so the list shows it.
import { z } from 'zod';
import { channel } from '../channel';
import type { OperationSnapshot } from '../operations';
import type { Diagnosis } from './diagnosis';
import type { EventEvidence, PodEvidence } from './tracking';

const id = z.string().min(1, 'Give the tracked cluster’s id (flink-desk status lists them)');
const jobId = z
  .string()
  .regex(/^[0-9a-f]{32}$/, 'A Flink job id is 32 hex digits')
  .optional();
const targetDirectory = z.string().min(1).max(4096).optional();
const restoreMode = z.enum(['CLAIM', 'NO_CLAIM', 'LEGACY'], { error: 'The restore mode must be CLAIM, NO_CLAIM or LEGACY' }).optional();
const component = z.enum(['jobmanager', 'taskmanager']).optional();

const target = z.strictObject({ id, jobId });
const stopInput = z.strictObject({ id, jobId, targetDirectory, drain: z.boolean().optional() });
const savepointInput = z.strictObject({ id, jobId, targetDirectory, formatType: z.enum(['CANONICAL', 'NATIVE']).optional() });
const restartInput = z.strictObject({
  id,
  jobId,
  /** A savepoint or retained checkpoint to start from; absent: a new savepoint is taken as the job stops. */
  savepoint: z.string().min(1).max(4096).optional(),
  restoreMode,
  allowNonRestoredState: z.boolean().optional(),
  targetDirectory,
});
const deleteInput = z.strictObject({ id, withHa: z.boolean().optional() });
const logInput = z.strictObject({
  id,
  /** A pod of the cluster by name; or the first pod of a component (default the JobManager). */
  pod: z.string().min(1).max(253).optional(),
  component,
  container: z.string().min(1).max(63).optional(),
  /** The log of the container's previous run (after a restart: what the crash said). */
  previous: z.boolean().optional(),
  tailLines: z.number().int().min(1).max(100_000).optional(),
});
const streamInput = z.strictObject({ streamId: z.string().min(1) });

export interface OperatePods {
  pods: PodEvidence[];
  at: number;
}

export interface OperateLog {
  pod: string;
  container: string;
  previous: boolean;
  lines: string[];
}

export interface LogStream {
  streamId: string;
  pod: string;
  container: string;
}

export interface OperateEvents {
  /** Newest first: the Deployment's, its ReplicaSets', its pods' and its Services' events. */
  events: EventEvidence[];
  at: number;
}

export interface OperateDiagnosis {
  diagnoses: Diagnosis[];
  /** What was read: the pods, events, logs; what could not be read, and why. */
  read: string[];
  at: number;
}

export interface DeleteResult {
  deleted: string[];
  haConfigMapsKept: string[];
}

export const operateRequests = {
  /** Cancels the job (an application cluster's, or one of a session cluster's) and waits until Flink says it ended. */
  'operate.cancel': channel<typeof target, OperationSnapshot>(target),
  /** Stops the job with a savepoint (into targetDirectory, or the cluster's default), draining when asked. */
  'operate.stop': channel<typeof stopInput, OperationSnapshot>(stopInput),
  /** Triggers a savepoint and follows it until Flink says COMPLETED or FAILED, however long it takes. */
  'operate.savepoint': channel<typeof savepointInput, OperationSnapshot>(savepointInput),
  /** Stops the job with a savepoint (or takes the one given) and starts it again from it: an application cluster
   * is deployed again from its saved job, a session job submitted again. */
  'operate.restart': channel<typeof restartInput, OperationSnapshot>(restartInput),
  /** Deletes the cluster's Deployment (the rest goes by garbage collection), and its HA ConfigMaps when asked. */
  'operate.delete': channel<typeof deleteInput, DeleteResult>(deleteInput),
  'operate.pods': channel<z.ZodObject<{ id: typeof id }>, OperatePods>(z.strictObject({ id })),
  'operate.events': channel<z.ZodObject<{ id: typeof id }>, OperateEvents>(z.strictObject({ id })),
  /** A container's log (or its tail) as lines. */
  'operate.logs': channel<typeof logInput, OperateLog>(logInput),
  /** Follows a container's log: lines arrive as `operate.log` events until operate.logs.close or the log ends. */
  'operate.logs.follow': channel<typeof logInput, LogStream>(logInput),
  'operate.logs.close': channel<typeof streamInput, { closed: boolean }>(streamInput),
  /** The common failure signatures found in the cluster's evidence, each with what to change. */
  'operate.diagnose': channel<z.ZodObject<{ id: typeof id }>, OperateDiagnosis>(z.strictObject({ id })),
} as const;

export type OperateRestartInput = z.input<typeof restartInput>;

export interface OperateEventsMap {
  /** New lines of a followed log; `ended` once, when it ends (with why, when it broke off). */
  'operate.log': { streamId: string; lines: string[]; ended?: { error?: { code: string; message: string; hint?: string } } };
}
export const operateEventNames: (keyof OperateEventsMap)[] = ['operate.log'];
