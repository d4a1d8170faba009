// One metrics round (polling-interval-sec.cluster-metric, bounded by its own timeout): every cluster with a known REST
// endpoint, no metrics call in flight and a state that is not final gets its metrics read (metrics.ts: its running
// jobs' checkpoints when they may have changed; memory-reads.ts: the memory it runs with, once per JobManager). A
// failure keeps the last metrics with the error beside them.
import type { Clock, Scheduler } from '../ports';
import { abortScope } from '../runtime/abort-scope';
import { inSlices } from '../runtime/in-slices';
import { afterFailedMemoryRead, afterMemoryRead, jobManagersOf, memoryDue, readMemory } from './memory-reads';
import { emptyMetrics, readMetrics } from './metrics';
import { restClient } from './rest-observation';
import { SLICE, type Runtime } from './runtime';

export interface MetricsRoundDeps {
  clock: Clock;
  scheduler: Scheduler;
  fetch?: typeof fetch;
  /** Ends every call when the services stop. */
  stopSignal: AbortSignal;
  /** Counts the calls made (tests, the benchmark). */
  counted(): void;
  /** Told of the round's starting of its calls, a slice at a time (in-slices.ts), until all have started. */
  starting?(p: Promise<void>): void;
}

/** Resolves when every call of the round has settled (the loop does not wait; a refresh does). */
export function metricsRound(runtimes: Iterable<Runtime>, timeoutMs: number, deps: MetricsRoundDeps): Promise<void> {
  const round = abortScope(deps.stopSignal);
  const timer = deps.scheduler.setTimeout(() => round.controller.abort(), timeoutMs);
  const signal = round.signal;
  const polls: Promise<void>[] = [];
  const start = (r: Runtime) => {
    if (!r.endpoint || r.metricsInFlight || r.state.final || signal.aborted) return;
    deps.counted();
    const running = [...r.jobs.entries()].filter(([, j]) => j.state.state === 'RUNNING').map(([id]) => id);
    // The plans of jobs no longer listed go.
    for (const id of r.checkpointPlans.keys()) if (!r.jobs.has(id)) r.checkpointPlans.delete(id);
    const client = restClient(r.endpoint.restUrl, timeoutMs, deps.fetch);
    const p = readMetrics(client, running, r.checkpointPlans, r.metrics, signal, () => deps.clock.now())
      .then(async (m) => {
        // The memory once per JobManager (memory-reads.ts), after the overview: it says whether there are TaskManagers.
        const seen = { jobManagers: jobManagersOf(r.state.evidence.kube?.pods), taskManagers: m.taskManagers };
        if (memoryDue(r.memoryPlan, seen, deps.clock.now()))
          try {
            const memory = await readMemory(client, m.taskManagers, signal);
            r.memoryPlan = afterMemoryRead(seen, deps.clock.now());
            m = { ...m, memory };
          } catch {
            r.memoryPlan = afterFailedMemoryRead(seen, deps.clock.now());
          }
        r.metrics = m;
      })
      .catch((e: unknown) => {
        const message = signal.aborted
          ? `no answer within the metrics round timeout (${Math.round(timeoutMs / 1000)} s)`
          : e instanceof Error
            ? e.message
            : String(e);
        r.metrics = { ...(r.metrics ?? emptyMetrics(deps.clock.now())), error: message };
      })
      .finally(() => (r.metricsInFlight = undefined));
    r.metricsInFlight = p;
    polls.push(p);
  };
  const started = inSlices([...runtimes], SLICE, start);
  deps.starting?.(started);
  return started
    .then(() => Promise.allSettled(polls))
    .then(() => {
      timer.cancel();
      round.dispose();
    });
}
