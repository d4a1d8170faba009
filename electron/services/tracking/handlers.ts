// The tracking channels (shared/contracts/tracking.ts) and the tracker behind them, registered with the lifecycle.
// The loops run in the long-lived hosts (the desktop app, the serve host); a CLI command runs them only while it
// follows (tracking.follow: `flink-desk status --watch`), so a one-off command never polls every cluster.
import type { trackingRequests } from '../../../shared/contracts/tracking';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { JobStore } from '../jobs/job-store';
import type { Handlers } from '../rpc/dispatcher';
import { entriesForSavedJobs, entryForOperation, entryOf, type NewEntry } from './hooks';
import { InformerKubeSide, type KubeSide } from './kube-evidence';
import { DirectRestAccess, type RestAccess } from './rest-access';
import { Tracker } from './tracker';
import { TrackingStore } from './tracking-store';

type Deps = Pick<ServiceContext, 'stores' | 'settings' | 'events' | 'clock' | 'scheduler' | 'logger' | 'lifecycle' | 'kube'>;

export interface TrackingOptions {
  /** Run the loops from the start (the app and the serve host), not only when asked (the CLI). */
  background: boolean;
  /** Test doubles: Flink's REST endpoints, the Kubernetes side, the access layer. */
  fetch?: typeof fetch;
  kubeSide?: KubeSide;
  access?: RestAccess;
}

export function createTracking(
  ctx: Deps,
  options: TrackingOptions,
): { tracker: Tracker; handlers: Pick<Handlers, keyof typeof trackingRequests> } {
  const store = new TrackingStore(ctx.stores.tracking, ctx.stores.history);
  const jobs = new JobStore(ctx.stores.jobs, ctx.clock);
  const tracker = new Tracker({
    store,
    settings: ctx.settings,
    events: ctx.events,
    clock: ctx.clock,
    scheduler: ctx.scheduler,
    logger: ctx.logger,
    access: options.access ?? new DirectRestAccess(ctx.kube),
    kube: options.kubeSide ?? new InformerKubeSide({ kube: ctx.kube, clock: ctx.clock, logger: ctx.logger }),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const track = (e: NewEntry) => {
    const entry = entryOf(e.ref, { mode: e.mode, origin: e.origin, ...(e.jobName ? { jobName: e.jobName } : {}) }, ctx.clock.now());
    const doc = store.read();
    if (doc.tracked.some((t) => t.id === entry.id) || (e.origin === 'saved-job' && doc.dismissed.includes(entry.id))) return;
    tracker.add(entry);
  };
  const offOp = ctx.events.on('op', (e) => {
    const entry = entryForOperation(e, (opId) => safe(() => jobs.list().find((j) => j.deployed?.opId === opId)?.name));
    if (entry) track(entry);
  });
  const offSettings = ctx.events.on('settings.changed', () => tracker.settingsChanged());
  void ctx.lifecycle.register({
    name: 'tracking',
    start: () => {
      for (const e of safe(() => entriesForSavedJobs(jobs.list())) ?? []) track(e);
      if (options.background) tracker.follow();
    },
    stop: async () => {
      offOp();
      offSettings();
      await tracker.stop();
    },
  });

  return {
    tracker,
    handlers: {
      'tracking.list': async (input) => {
        if (input?.refresh) await tracker.refresh();
        return tracker.list();
      },
      'tracking.add': (input) => {
        const ref =
          'context' in input
            ? {
                kind: 'kube' as const,
                context: input.context,
                namespace: input.namespace,
                clusterId: input.clusterId,
                ...(input.kubeconfig ? { kubeconfig: input.kubeconfig } : {}),
                ...(input.restUrl ? { restUrl: input.restUrl.replace(/\/+$/, '') } : {}),
              }
            : { kind: 'rest' as const, restUrl: input.restUrl.replace(/\/+$/, '') };
        const mode = 'mode' in input && input.mode ? input.mode : 'unknown';
        return tracker.add(entryOf(ref, { mode, origin: 'user' }, ctx.clock.now()));
      },
      'tracking.remove': ({ id }) => {
        if (!tracker.remove(id))
          throw new AppError({
            code: 'not-found',
            message: `Nothing tracked has the id ${id}`,
            hint: 'List what is tracked with "flink-desk status" (the first column is the id)',
          });
        return { removed: id };
      },
      'tracking.follow': () => {
        tracker.follow();
        return { following: tracker.isFollowing };
      },
    },
  };
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
