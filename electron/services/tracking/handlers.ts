// The tracking channels (shared/contracts/tracking.ts) and the tracker behind them, registered with the lifecycle.
// The loops run in the long-lived hosts (the desktop app, the serve host); a CLI command runs them only while it
// follows (tracking.follow: `flink-desk status --watch`), so a one-off command never polls every cluster.
import type { trackingRequests } from '../../../shared/contracts/tracking';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { JobStore } from '../jobs/job-store';
import type { Handlers } from '../rpc/dispatcher';
import { entriesForSavedJobs, entryForOperation, entryOf, type NewEntry } from './hooks';
import { AccessService } from '../access';
import { InformerKubeSide, type KubeSide } from './kube-evidence';
import type { RestAccess } from './rest-access';
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
): { tracker: Tracker; access: RestAccess; handlers: Pick<Handlers, keyof typeof trackingRequests> } {
  const store = new TrackingStore(ctx.stores.tracking, ctx.stores.history);
  // Registered with the lifecycle before tracking, so it stops after the tracker (and before the Kubernetes clients).
  const access = options.access ?? new AccessService({ kube: ctx.kube, logger: ctx.logger, lifecycle: ctx.lifecycle });
  const jobs = new JobStore(ctx.stores.jobs, ctx.clock);
  const tracker = new Tracker({
    store,
    settings: ctx.settings,
    events: ctx.events,
    clock: ctx.clock,
    scheduler: ctx.scheduler,
    logger: ctx.logger,
    access,
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

  const notTracked = (id: string) =>
    new AppError({
      code: 'not-found',
      message: `Nothing tracked has the id ${id}`,
      hint: 'List what is tracked with "flink-desk status" (the first column is the id)',
    });

  return {
    tracker,
    access,
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
        const pinned = 'access' in input && input.access && input.access !== 'auto' ? input.access : undefined;
        const view = tracker.add({ ...entryOf(ref, { mode, origin: 'user' }, ctx.clock.now()), ...(pinned ? { access: pinned } : {}) });
        // Tracked already: the way asked for applies to it.
        if ('access' in input && input.access && view.access?.mode !== input.access)
          return tracker.setAccess(view.id, input.access) ?? view;
        return view;
      },
      'tracking.remove': ({ id }) => {
        if (!tracker.remove(id)) throw notTracked(id);
        return { removed: id };
      },
      'tracking.setAccess': ({ id, access: mode }) => {
        if (id.startsWith('rest:') && mode !== 'auto')
          throw new AppError({
            code: 'invalid-input',
            message: `${id} is tracked by its REST URL and is reached at that URL`,
            hint: 'A way (direct, port-forward, service proxy) can be chosen for a cluster tracked on Kubernetes (--context, --namespace, --cluster-id)',
          });
        const view = tracker.setAccess(id, mode);
        if (!view) throw notTracked(id);
        return view;
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
