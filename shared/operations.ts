// Long work (build, push, deploy, savepoint, verification) returns an operation id at once and streams events.
// The renderer can also fetch the current snapshot after a reload.
export type OperationStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';
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
}

export interface OperationSnapshot {
  id: string;
  kind: string;
  title: string;
  status: OperationStatus;
  steps: OperationStep[];
  startedAt: number;
  endedAt?: number;
  /** The last lines of log output (bounded). */
  log: string[];
  result?: unknown;
  error?: { code: string; message: string; hint?: string };
}

export type OperationEvent =
  | { opId: string; type: 'started'; snapshot: OperationSnapshot }
  | { opId: string; type: 'step'; step: OperationStep }
  | { opId: string; type: 'progress'; stepId: string; progress: number; detail?: string }
  | { opId: string; type: 'log'; lines: string[] }
  | { opId: string; type: 'done'; snapshot: OperationSnapshot }
  | { opId: string; type: 'error'; snapshot: OperationSnapshot };
