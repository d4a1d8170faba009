// One metrics round (polling-interval-sec.cluster-metric, bounded by its own timeout): every cluster with a known REST
// endpoint, no metrics call in flight and a state that is not final gets its metrics read (metrics.ts). A failure
// keeps the last metrics with the error beside them.
import type { Clock, Scheduler } from '../ports';
import { abortScope } from '../runtime/abort-scope';
import { emptyMetrics, readMetrics } from './metrics';
import { restClient } from './rest-observation';
import type { Runtime } from './runtime';

export interface MetricsRoundDeps {
  clock: Clock;
  scheduler: Scheduler;
  fetch?: typeof fetch;
  /** Ends every call when the services stop. */
  stopSignal: AbortSignal;
  /** Counts the calls made (tests, the benchmark). */
  counted(): void;
}

/** Resolves when every call of the round has settled (the loop does not wait; a refresh does). */
export function metricsRound(runtimes: Iterable<Runtime>, timeoutMs: number, deps: MetricsRoundDeps): Promise<void> {
  const round = abortScope(deps.stopSignal);
  const timer = deps.scheduler.setTimeout(() => round.controller.abort(), timeoutMs);
  const signal = round.signal;
  const polls = [...runtimes]
    .filter((r) => r.endpoint && !r.metricsInFlight && !r.state.final)
    .map((r) => {
      deps.counted();
      const running = [...r.jobs.entries()].filter(([, j]) => j.state.state === 'RUNNING').map(([id]) => id);
      const p = readMetrics(restClient(r.endpoint!.restUrl, timeoutMs, deps.fetch), running, signal, () => deps.clock.now())
        .then((m) => void (r.metrics = m))
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
      return p;
    });
  return Promise.allSettled(polls).then(() => {
    timer.cancel();
    round.dispose();
  });
}
