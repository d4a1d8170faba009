// Long operations: an id at once, steps with status and progress, logs (the tail in memory, all of it on disk),
// cancel, a timeout, one lock per resource, and `op` events for every change. The outcome is the truth: a run that
// completes after a cancel was asked for is reported as completed. Every operation is persisted when it starts and
// when it ends, so a reload or a restart shows what happened; one left "running" by a process that is gone reads
// "interrupted".
import { randomUUID } from 'node:crypto';
import { AppError, type AppErrorInfo } from '../../../shared/errors';
import type { OperationLogPage, OperationSnapshot, OperationStep, StepStatus } from '../../../shared/operations';
import type { Clock, EventSink, Logger, Scheduler } from '../ports';
import { systemScheduler, silentLogger } from '../ports';
import type { Repository } from '../store/json-repository';
import type { OperationsDoc, PersistedOperation } from '../store/stores';
import { NO_STEP, OperationLogFiles } from './operation-log';

const MAX_LOG_LINES = 500;
const MAX_KEPT = 100;

export interface OperationContext {
  /** The operation's id (a part run inside another operation, such as a deploy's build, has the outer one's). */
  readonly id: string;
  readonly signal: AbortSignal;
  step(id: string, patch: { title?: string; status?: StepStatus; progress?: number; detail?: string; hint?: string }): void;
  /** Lines of the step that is running (or of `stepId`). */
  log(...lines: string[]): void;
  logTo(stepId: string, ...lines: string[]): void;
}

export interface OperationDefinition<R> {
  kind: string;
  title: string;
  /** Declared up front so the UI can show the whole plan from the start. */
  steps: { id: string; title: string }[];
  /** One operation per resource at a time: a second is refused with `what` in the message. */
  lock?: { resource: string; what: string };
  /** Aborts the run (reason: timeout) after this long. */
  timeoutMs?: number;
  run(ctx: OperationContext): Promise<R>;
}

export interface OperationRegistryDeps {
  events: EventSink;
  clock: Clock;
  scheduler?: Scheduler;
  logger?: Logger;
  /** Where finished operations are kept; none in tests that do not care. */
  repository?: Repository<OperationsDoc>;
  /** Where full logs go: `<data dir>/operations`. */
  logDir?: string;
  /** Is this process alive? (operations persisted by another process: the CLI and the app share the data dir) */
  isAlive?: (pid: number) => boolean;
}

type Reason = { kind: 'cancel' } | { kind: 'timeout'; ms: number } | { kind: 'stop' };

interface Running {
  snapshot: OperationSnapshot;
  abort: AbortController;
  done: Promise<OperationSnapshot>;
}

export class OperationRegistry {
  private readonly running = new Map<string, Running>();
  private readonly recent = new Map<string, OperationSnapshot>();
  private readonly logs: OperationLogFiles;
  private readonly scheduler: Scheduler;
  private readonly logger: Logger;
  private readonly isAlive: (pid: number) => boolean;

  constructor(private readonly deps: OperationRegistryDeps) {
    this.logs = new OperationLogFiles(deps.logDir);
    this.scheduler = deps.scheduler ?? systemScheduler;
    this.logger = deps.logger ?? silentLogger;
    this.isAlive = deps.isAlive ?? processAlive;
  }

  /** Starts the operation and returns its first snapshot; `done` resolves when it ends (never rejects). */
  start<R>(def: OperationDefinition<R>): { snapshot: OperationSnapshot; done: Promise<OperationSnapshot & { result?: R }> } {
    if (def.lock) this.checkLock(def.lock);
    const id = randomUUID();
    const abort = new AbortController();
    const now = () => this.deps.clock.now();
    const snapshot: OperationSnapshot = {
      id,
      kind: def.kind,
      title: def.title,
      status: 'running',
      steps: def.steps.map((s) => ({ ...s, status: 'pending' })),
      startedAt: now(),
      ...(def.lock ? { resource: def.lock.resource } : {}),
      log: [],
    };
    const emit = this.deps.events;
    let current: string = NO_STEP;

    const ctx: OperationContext = {
      id,
      signal: abort.signal,
      step: (stepId, patch) => {
        let step = snapshot.steps.find((s) => s.id === stepId);
        if (!step) {
          step = { id: stepId, title: patch.title ?? stepId, status: 'pending' };
          snapshot.steps.push(step);
        }
        const before = { status: step.status, title: step.title, hint: step.hint };
        Object.assign(step, stripUndefined(patch));
        if (patch.status === 'running') {
          current = stepId;
          if (before.status !== 'running') step.startedAt = now();
        }
        if (patch.status && patch.status !== 'running' && patch.status !== 'pending') step.endedAt = now();
        const onlyProgress = before.status === step.status && before.title === step.title && before.hint === step.hint;
        if (onlyProgress && patch.progress !== undefined) {
          emit.emit('op', {
            opId: id,
            type: 'progress',
            stepId,
            progress: patch.progress,
            ...(step.detail ? { detail: step.detail } : {}),
          });
        } else emit.emit('op', { opId: id, type: 'step', step: { ...step } });
      },
      log: (...lines) => ctx.logTo(current, ...lines),
      logTo: (stepId, ...lines) => {
        if (lines.length === 0) return;
        snapshot.log.push(...lines);
        if (snapshot.log.length > MAX_LOG_LINES) snapshot.log.splice(0, snapshot.log.length - MAX_LOG_LINES);
        const step = snapshot.steps.find((s) => s.id === stepId);
        if (step) step.logLines = (step.logLines ?? 0) + lines.length;
        this.logs.append(id, stepId, lines);
        emit.emit('op', { opId: id, type: 'log', lines, ...(stepId !== NO_STEP ? { stepId } : {}) });
      },
    };

    const timer = def.timeoutMs
      ? this.scheduler.setTimeout(() => this.abortWith(abort, { kind: 'timeout', ms: def.timeoutMs! }), def.timeoutMs)
      : undefined;
    const entry: Running = { snapshot, abort, done: undefined as unknown as Promise<OperationSnapshot> };
    this.running.set(id, entry);
    this.persist(snapshot);
    emit.emit('op', { opId: id, type: 'started', snapshot: clone(snapshot) });

    let run: Promise<R>;
    try {
      run = def.run(ctx);
    } catch (e) {
      run = Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    const done = run.then(
      (result) => this.finish(entry, 'succeeded', result),
      (e: unknown) => this.finish(entry, undefined, undefined, e),
    );
    entry.done = done.finally(() => timer?.cancel());
    return { snapshot: clone(snapshot), done: entry.done as Promise<OperationSnapshot & { result?: R }> };
  }

  list(): OperationSnapshot[] {
    const byId = new Map<string, OperationSnapshot>();
    for (const p of this.persisted()) byId.set(p.id, p);
    for (const s of this.recent.values()) byId.set(s.id, clone(s));
    for (const r of this.running.values()) byId.set(r.snapshot.id, clone(r.snapshot));
    return [...byId.values()].sort((a, b) => b.startedAt - a.startedAt);
  }

  get(id: string): OperationSnapshot {
    const live = this.running.get(id)?.snapshot ?? this.recent.get(id);
    if (live) return clone(live);
    const stored = this.persisted().find((o) => o.id === id);
    if (stored) return stored;
    throw new AppError({
      code: 'not-found',
      message: `No operation with id ${id}`,
      hint: 'It may have finished long ago and been forgotten',
    });
  }

  log(id: string, stepId: string | undefined, from?: number): OperationLogPage {
    this.get(id);
    return this.logs.read(id, stepId ?? NO_STEP, from);
  }

  cancel(id: string): OperationSnapshot {
    const entry = this.running.get(id);
    if (!entry) return this.get(id);
    entry.snapshot.cancelRequested = true;
    this.abortWith(entry.abort, { kind: 'cancel' });
    return clone(entry.snapshot);
  }

  /** Aborts every running operation and waits (bounded) for them to record how they ended. */
  async stop(waitMs = 5_000): Promise<void> {
    const all = [...this.running.values()];
    for (const r of all) this.abortWith(r.abort, { kind: 'stop' });
    if (all.length === 0) return;
    let timer: { cancel(): void } | undefined;
    await Promise.race([
      Promise.all(all.map((r) => r.done)),
      new Promise<void>((resolve) => (timer = this.scheduler.setTimeout(resolve, waitMs))),
    ]);
    timer?.cancel();
    for (const r of this.running.values()) this.finish(r, 'interrupted', undefined, undefined);
  }

  private abortWith(abort: AbortController, reason: Reason): void {
    if (!abort.signal.aborted) abort.abort(reason);
  }

  private checkLock(lock: { resource: string; what: string }): void {
    const holder =
      [...this.running.values()].map((r) => r.snapshot).find((s) => s.resource === lock.resource) ??
      this.persisted().find((o) => o.status === 'running' && o.resource === lock.resource);
    if (holder)
      throw new AppError({
        code: 'conflict',
        message: `${lock.what} is already running ("${holder.title}", since ${new Date(holder.startedAt).toLocaleTimeString()})`,
        hint: 'Wait for it to end, or cancel it, then try again',
      });
  }

  private finish(entry: Running, outcome: 'succeeded' | 'interrupted' | undefined, result?: unknown, e?: unknown): OperationSnapshot {
    const { snapshot } = entry;
    if (!this.running.has(snapshot.id)) return clone(snapshot);
    this.running.delete(snapshot.id);
    const reason = entry.abort.signal.aborted ? (entry.abort.signal.reason as Reason) : undefined;
    let status: OperationSnapshot['status'];
    if (outcome) status = outcome;
    else if (reason?.kind === 'cancel') status = 'cancelled';
    else if (reason?.kind === 'stop') status = 'interrupted';
    else status = 'failed';
    snapshot.status = status;
    snapshot.endedAt = this.deps.clock.now();
    for (const s of snapshot.steps) {
      if (s.status === 'running') {
        s.status = status === 'succeeded' ? 'succeeded' : 'failed';
        s.endedAt = snapshot.endedAt;
      }
    }
    if (status === 'succeeded') {
      if (result !== undefined) snapshot.result = result;
    } else snapshot.error = this.errorFor(status, reason, e);
    this.recent.set(snapshot.id, snapshot);
    if (this.recent.size > MAX_KEPT) this.recent.delete(this.recent.keys().next().value!);
    this.persist(snapshot);
    this.deps.events.emit('op', { opId: snapshot.id, type: status === 'succeeded' ? 'done' : 'error', snapshot: clone(snapshot) });
    return clone(snapshot);
  }

  private errorFor(status: OperationSnapshot['status'], reason: Reason | undefined, e: unknown): NonNullable<OperationSnapshot['error']> {
    if (status === 'cancelled') return { code: 'cancelled', message: 'Cancelled' };
    if (status === 'interrupted') return { code: 'cancelled', message: 'Interrupted: Flink Desk stopped while it ran' };
    if (reason?.kind === 'timeout')
      return {
        code: 'timeout',
        message: `Timed out after ${Math.round(reason.ms / 1000)} s`,
        hint: 'Raise the time limit in Settings, or look at the log for where it stalled',
      };
    if (e instanceof AppError) return pick(e.toInfo());
    this.logger.error('operation failed unexpectedly', { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    return {
      code: 'internal',
      message: 'The operation failed unexpectedly',
      hint: this.logger.file ? `The details are in the log: ${this.logger.file}` : 'This is a bug in Flink Desk',
    };
  }

  private persisted(): OperationSnapshot[] {
    const repo = this.deps.repository;
    if (!repo) return [];
    return repo.read().operations.map((p) => {
      const { pid, ...snap } = p;
      if (snap.status === 'running' && !this.running.has(snap.id) && (pid === process.pid || !this.isAlive(pid))) {
        return { ...snap, status: 'interrupted', error: { code: 'cancelled', message: 'Interrupted: Flink Desk stopped while it ran' } };
      }
      return snap;
    });
  }

  private persist(snapshot: OperationSnapshot): void {
    const repo = this.deps.repository;
    if (!repo) return;
    try {
      // The tail of the log is enough here: the whole of it is in the log files.
      const record: PersistedOperation = { ...clone(snapshot), log: snapshot.log.slice(-50), pid: process.pid };
      const dropped: string[] = [];
      repo.update((doc) => {
        const rest = doc.operations.filter((o) => o.id !== snapshot.id);
        const all = [record, ...rest].sort((a, b) => b.startedAt - a.startedAt);
        for (const o of all.slice(MAX_KEPT)) dropped.push(o.id);
        return { operations: all.slice(0, MAX_KEPT) };
      });
      for (const id of dropped) this.logs.remove(id);
    } catch (e) {
      this.logger.warn('could not persist an operation', { id: snapshot.id, error: e instanceof Error ? e.message : String(e) });
    }
  }
}

function pick(info: AppErrorInfo): NonNullable<OperationSnapshot['error']> {
  return { code: info.code, message: info.message, ...(info.hint ? { hint: info.hint } : {}) };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export type { OperationStep };
