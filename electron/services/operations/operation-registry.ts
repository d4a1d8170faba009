// Long operations: an id at once, steps with status and progress, bounded logs, cancel, and `op` events for every
// change. The renderer can ask for a snapshot after a reload.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { OperationSnapshot, OperationStep, StepStatus } from '../../../shared/operations';
import type { Clock, EventSink } from '../ports';

const MAX_LOG_LINES = 500;
const MAX_FINISHED_KEPT = 50;

export interface OperationContext {
  readonly signal: AbortSignal;
  step(id: string, patch: { title?: string; status?: StepStatus; progress?: number; detail?: string; hint?: string }): void;
  log(...lines: string[]): void;
}

export interface OperationDefinition<R> {
  kind: string;
  title: string;
  /** Declared up front so the UI can show the whole plan from the start. */
  steps: { id: string; title: string }[];
  run(ctx: OperationContext): Promise<R>;
}

export class OperationRegistry {
  private readonly ops = new Map<string, { snapshot: OperationSnapshot; abort: AbortController }>();

  constructor(
    private readonly events: EventSink,
    private readonly clock: Clock,
  ) {}

  /** Starts the operation and returns its first snapshot; `done` resolves when it ends (never rejects). */
  start<R>(def: OperationDefinition<R>): { snapshot: OperationSnapshot; done: Promise<OperationSnapshot> } {
    const id = randomUUID();
    const abort = new AbortController();
    const snapshot: OperationSnapshot = {
      id,
      kind: def.kind,
      title: def.title,
      status: 'running',
      steps: def.steps.map((s) => ({ ...s, status: 'pending' })),
      startedAt: this.clock.now(),
      log: [],
    };
    this.ops.set(id, { snapshot, abort });
    this.prune();
    this.events.emit('op', { opId: id, type: 'started', snapshot: clone(snapshot) });

    const ctx: OperationContext = {
      signal: abort.signal,
      step: (stepId, patch) => {
        let step = snapshot.steps.find((s) => s.id === stepId);
        if (!step) {
          step = { id: stepId, title: patch.title ?? stepId, status: 'pending' };
          snapshot.steps.push(step);
        }
        const wasRunning = step.status === 'running';
        Object.assign(step, stripUndefined(patch));
        if (patch.status === 'running' && !wasRunning) step.startedAt = this.clock.now();
        if (patch.status && patch.status !== 'running' && patch.status !== 'pending') step.endedAt = this.clock.now();
        this.events.emit('op', { opId: id, type: 'step', step: { ...step } });
      },
      log: (...lines) => {
        snapshot.log.push(...lines);
        if (snapshot.log.length > MAX_LOG_LINES) snapshot.log.splice(0, snapshot.log.length - MAX_LOG_LINES);
        this.events.emit('op', { opId: id, type: 'log', lines });
      },
    };

    const done = def.run(ctx).then(
      (result) => this.finish(snapshot, abort.signal.aborted ? 'cancelled' : 'succeeded', result),
      (e: unknown) => this.finish(snapshot, abort.signal.aborted ? 'cancelled' : 'failed', undefined, e),
    );
    return { snapshot: clone(snapshot), done };
  }

  list(): OperationSnapshot[] {
    return [...this.ops.values()].map((o) => clone(o.snapshot)).sort((a, b) => b.startedAt - a.startedAt);
  }

  get(id: string): OperationSnapshot {
    return clone(this.entry(id).snapshot);
  }

  cancel(id: string): OperationSnapshot {
    const entry = this.entry(id);
    if (entry.snapshot.status === 'running') entry.abort.abort();
    return clone(entry.snapshot);
  }

  private entry(id: string) {
    const entry = this.ops.get(id);
    if (!entry)
      throw new AppError({
        code: 'not-found',
        message: `No operation with id ${id}`,
        hint: 'It may have finished long ago and been forgotten',
      });
    return entry;
  }

  private finish(snapshot: OperationSnapshot, status: OperationSnapshot['status'], result?: unknown, e?: unknown): OperationSnapshot {
    snapshot.status = status;
    snapshot.endedAt = this.clock.now();
    for (const s of snapshot.steps) if (s.status === 'running') s.status = status === 'succeeded' ? 'succeeded' : 'failed';
    if (status === 'succeeded') snapshot.result = result;
    else {
      const info = e instanceof AppError ? e.toInfo() : undefined;
      snapshot.error =
        status === 'cancelled'
          ? { code: 'cancelled', message: 'Cancelled' }
          : info
            ? { code: info.code, message: info.message, ...(info.hint ? { hint: info.hint } : {}) }
            : { code: 'internal', message: e instanceof Error ? e.message : String(e) };
    }
    this.events.emit('op', { opId: snapshot.id, type: status === 'succeeded' ? 'done' : 'error', snapshot: clone(snapshot) });
    return clone(snapshot);
  }

  private prune(): void {
    const finished = [...this.ops.values()].filter((o) => o.snapshot.status !== 'running');
    finished.sort((a, b) => a.snapshot.startedAt - b.snapshot.startedAt);
    for (const o of finished.slice(0, Math.max(0, finished.length - MAX_FINISHED_KEPT))) this.ops.delete(o.snapshot.id);
  }
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export type { OperationStep };
