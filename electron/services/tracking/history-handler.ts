// tracking.history: the transitions tracking-store.ts appended to the history log for one tracked cluster, read
// back newest first. Lines written by an older version, or torn, are skipped rather than shown half.
import type { trackingHistoryRequests, TrackingTransition } from '../../../shared/contracts/tracking-history';
import type { ServiceContext } from '../context';
import type { Handlers } from '../rpc/dispatcher';
import type { HistoryEntry } from '../store/history-log';
import { HISTORY_KIND } from './tracking-store';

const source = (v: unknown) => (v === 'flink' || v === 'inferred' ? v : undefined);

export function transitionOf(e: HistoryEntry): TrackingTransition | undefined {
  const to = typeof e.to === 'string' ? e.to : undefined;
  const toSource = source(e.source);
  if (!to || !toSource) return undefined;
  const fromSource = source(e.fromSource);
  return {
    at: e.at,
    ...(typeof e.jobId === 'string' ? { jobId: e.jobId } : {}),
    ...(typeof e.jobName === 'string' && e.jobName ? { jobName: e.jobName } : {}),
    ...(typeof e.from === 'string' && fromSource ? { from: { state: e.from, source: fromSource } } : {}),
    to: { state: to, source: toSource },
    reason: typeof e.reason === 'string' ? e.reason : '',
  };
}

export function trackingHistoryHandlers(
  ctx: Pick<ServiceContext, 'stores'>,
  tracker?: { flush(): void },
): Pick<Handlers, keyof typeof trackingHistoryRequests> {
  return {
    'tracking.history': ({ id, jobId, limit }) => {
      // The transitions gathered but not yet written first: the page asks for the history when a change event
      // arrives, which can come before the round's one store write (it read the history without that change).
      tracker?.flush();
      // Read past what is shown: a session cluster's other jobs share the subject.
      const entries = ctx.stores.history.recent({ kind: HISTORY_KIND, subject: id }, jobId ? 5000 : (limit ?? 200));
      const transitions = entries
        .filter((e) => !jobId || e.jobId === jobId)
        .map(transitionOf)
        .filter((t): t is TrackingTransition => t !== undefined)
        .slice(0, limit ?? 200);
      return { transitions };
    },
  };
}
