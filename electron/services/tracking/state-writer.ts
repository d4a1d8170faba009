// Where the tracker's state changes go: each one is emitted at once (tracking.changed) and gathered for the store,
// which gets one write per batch — a round's results arrive over time, so writes wait flushDelayMs for the rest.
import type { Events } from '../../../shared/contract';
import type { Clock, Logger, Scheduler, TimerHandle } from '../ports';
import type { StateChange } from './apply-evidence';
import type { Runtime } from './runtime';
import type { ClusterRecord, TrackingStore, Transition } from './tracking-store';

export interface StateWriterDeps {
  store: TrackingStore;
  events: { emit<E extends 'tracking.changed'>(event: E, payload: Events[E]): void };
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  flushDelayMs: number;
  /** The runtime of a cluster id now (undefined once it is no longer tracked). */
  runtime(id: string): Runtime | undefined;
}

export class StateWriter {
  private pending: Transition[] = [];
  private dirty = new Set<string>();
  private flushTimer: TimerHandle | undefined;
  private stopped = false;

  constructor(private readonly deps: StateWriterDeps) {}

  /** Announces a change of state of `r` (or of one of its jobs) and keeps it for the history. */
  transition(r: Runtime, c: StateChange): void {
    const at = this.deps.clock.now();
    const name = c.jobName || c.appJob?.name;
    this.pending.push({ id: r.entry.id, ...(c.jobId ? { jobId: c.jobId } : {}), ...(name ? { jobName: name } : {}), at, to: c.to });
    this.deps.events.emit('tracking.changed', {
      kind: 'state',
      id: r.entry.id,
      ...(c.jobId ? { jobId: c.jobId } : {}),
      ...(c.jobName ? { jobName: c.jobName } : {}),
      ...(c.appJob ? { job: { id: c.appJob.id, name: c.appJob.name } } : {}),
      ...(c.from ? { from: { state: c.from.state, source: c.from.source } } : {}),
      to: c.to,
      at,
    });
  }

  /** The cluster's state is to be stored with the next write. */
  markDirty(id: string): void {
    this.dirty.add(id);
    if (this.flushTimer || this.stopped) return;
    this.flushTimer = this.deps.scheduler.setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, this.deps.flushDelayMs);
  }

  /** No more timed writes (flush() still writes). */
  stop(): void {
    this.stopped = true;
  }

  /** Writes the gathered states and transitions (one store write). */
  flush(): void {
    this.flushTimer?.cancel();
    this.flushTimer = undefined;
    const records: ClusterRecord[] = [];
    for (const id of this.dirty) {
      const r = this.deps.runtime(id);
      if (r)
        records.push({
          id,
          mode: r.entry.mode,
          state: r.state,
          jobs: [...r.jobs.entries()].map(([jid, j]) => ({ id: jid, name: j.name, state: j.state })),
        });
    }
    const transitions = this.pending;
    this.dirty = new Set();
    this.pending = [];
    try {
      this.deps.store.write(records, transitions);
    } catch (e) {
      this.deps.logger.error('tracking state could not be stored', { error: e instanceof Error ? e.message : String(e) });
    }
  }
}
