// Long work (build, push, deploy, savepoint, verification) returns an operation id at once and streams events.
// The renderer can also fetch the current snapshot after a reload; finished operations are kept, so a restart of
// the app still shows what happened. The outcome is the truth: a run that completed after a cancel was asked for
// is `succeeded` (with `cancelRequested`), never `cancelled`.
export type OperationStatus = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
export type StepStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';

export interface OperationStep {
  id: string;
  title: string;
  status: StepStatus;
  /** 0..1 when known. */
  progress?: number;
  detail?: string;
  hint?: string;
  startedAt?: number;
  endedAt?: number;
  /** How many log lines this step has written in all (the full log is kept on disk: operations.log). */
  logLines?: number;
}

export interface OperationSnapshot {
  id: string;
  kind: string;
  title: string;
  status: OperationStatus;
  steps: OperationStep[];
  startedAt: number;
  endedAt?: number;
  /** The resource this operation holds (one deploy per cluster at a time), e.g. `deploy:dev/flink/orders`. */
  resource?: string;
  /** The user asked to cancel; `status` still says how it really ended. */
  cancelRequested?: boolean;
  /** The last lines of log output (bounded); the whole log per step is on disk. */
  log: string[];
  result?: unknown;
  error?: { code: string; message: string; hint?: string };
}

export interface OperationLogPage {
  lines: string[];
  /** Index of the line after the last one returned; pass it as `from` for more. */
  next: number;
  total: number;
}

export type OperationEvent =
  | { opId: string; type: 'started'; snapshot: OperationSnapshot }
  | { opId: string; type: 'step'; step: OperationStep }
  | { opId: string; type: 'progress'; stepId: string; progress: number; detail?: string }
  | { opId: string; type: 'log'; lines: string[]; stepId?: string }
  | { opId: string; type: 'done'; snapshot: OperationSnapshot }
  | { opId: string; type: 'error'; snapshot: OperationSnapshot };
