// The webui channels (shared/contracts/webui.ts): a tracked cluster's Flink Web UI through its local proxy (the
// access layer: every exposed type, ClusterIP included), shown by the front end's WebUiHost. Opening checks that the
// cluster answers first, so the page shows why it does not instead of a broken frame. A cluster no longer tracked
// has its UI closed (its local proxy is closed by the access layer at the same time).
import type { webUiRequests } from '../../../shared/contracts/webui';
import type { TrackedClusterView, TrackedEntry } from '../../../shared/contracts/tracking';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { trackedCluster, type TrackerView } from '../operate/tracked-target';
import type { Handlers } from '../rpc/dispatcher';
import type { RestAccess } from '../tracking/rest-access';
import { TrackingStore } from '../tracking/tracking-store';
import { probeWebUi } from './probe';
import type { WebUiHost, WebUiTarget } from './web-ui-host';

type Deps = Pick<ServiceContext, 'stores' | 'events' | 'lifecycle' | 'logger'>;

export interface WebUiParts {
  tracker: TrackerView;
  access: RestAccess;
  /** The front end's way of showing it; absent (the CLI): the channels say there is none. */
  host?: WebUiHost;
  fetch?: typeof fetch;
}

export function clusterName(view: Pick<TrackedClusterView, 'ref'>): string {
  return view.ref.kind === 'kube' ? view.ref.clusterId : view.ref.restUrl.replace(/^https?:\/\//, '');
}

export function webUiHandlers(ctx: Deps, parts: WebUiParts): Pick<Handlers, keyof typeof webUiRequests> {
  const store = new TrackingStore(ctx.stores.tracking, ctx.stores.history);
  const host = (): WebUiHost => {
    if (parts.host) return parts.host;
    throw new AppError({
      code: 'not-available',
      message: 'The Flink Web UI is shown by the desktop app and the serve host, not here',
      hint: 'Run "npm start" or "npm run serve"; the REST URL in "flink-desk status --json" works in a browser too',
    });
  };
  const entryOf = (id: string): TrackedEntry => {
    const entry = store.read().tracked.find((e) => e.id === id);
    if (!entry) throw new AppError({ code: 'not-found', message: `Nothing tracked has the id ${id}` });
    return entry;
  };
  /** The cluster, its local proxy (opened now if it is not yet) and the title. */
  const target = async (id: string): Promise<{ view: TrackedClusterView; target: WebUiTarget }> => {
    const view = trackedCluster(parts.tracker, id);
    const proxyUrl = parts.access.proxyUrl ? await parts.access.proxyUrl(entryOf(id)) : view.access?.restUrl;
    if (!proxyUrl)
      throw new AppError({
        code: 'unreachable',
        message: `Flink Desk has no way to ${clusterName(view)} yet${view.access?.problem ? `: ${view.access.problem}` : ''}`,
      });
    return { view, target: { id, title: `Flink Web UI · ${clusterName(view)}`, proxyUrl } };
  };

  const off = ctx.events.on('tracking.changed', (c) => {
    if (c.kind !== 'removed' || !parts.host) return;
    parts.host.close(c.id).catch((e: unknown) => ctx.logger.warn('closing a Web UI failed', { id: c.id, error: String(e) }));
  });
  void ctx.lifecycle.register({
    name: 'webui',
    stop: async () => {
      off();
      await parts.host?.closeAll();
    },
  });

  return {
    'webui.open': async ({ id }) => {
      const h = host();
      const { view, target: t } = await target(id);
      await probeWebUi(t.proxyUrl, clusterName(view), parts.access.problem?.(id) ?? view.access?.problem, parts.fetch);
      const opened = await h.open(t);
      const via = parts.access.view?.(entryOf(id)).via ?? view.access?.via;
      return {
        id,
        title: t.title,
        embed: h.embed,
        ...(opened.url ? { url: opened.url } : {}),
        ...(via ? { via } : {}),
      };
    },
    'webui.place': ({ id, bounds, visible }) => ({ placed: host().place(id, bounds, visible) }),
    'webui.close': async ({ id }) => ({ closed: await host().close(id) }),
    'webui.external': async ({ id }) => host().external((await target(id)).target),
  };
}
