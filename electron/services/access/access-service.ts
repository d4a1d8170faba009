// The access layer's face: for each tracked cluster a ClusterAccess (route + local proxy), made on first use with the
// mode stored in its entry (auto unless the user pinned a way) and closed when the cluster is untracked or gone, or
// when the services stop (registered with the lifecycle). The tracker reaches clusters through it (the RestAccess
// seam): a cluster on Kubernetes through its local proxy, a cluster known by its REST URL at that URL. Credentials
// never leave this process: the proxy adds them upstream, its clients never see them.
import type { AccessView, TrackedEntry } from '../../../shared/contracts/tracking';
import { AppError } from '../../../shared/errors';
import type { KubeClients } from '../kube';
import type { Logger } from '../ports';
import type { Lifecycle } from '../runtime/lifecycle';
import type { RestAccess, RestEndpoint } from '../tracking/rest-access';
import { ClusterAccess } from './cluster-access';
import { ClusterRoute, type WayOpener } from './route';
import { kubeWays } from './ways';

export interface AccessDeps {
  kube: Pick<KubeClients, 'for'>;
  logger: Logger;
  lifecycle?: Pick<Lifecycle, 'register'>;
  /** Tests pass their own ways. */
  waysOf?: (entry: TrackedEntry) => WayOpener;
}

const modeOf = (e: TrackedEntry) => e.access ?? 'auto';

/** The REST URL the user gave, when it is the way: the tracker calls it as it is, without a local proxy between. */
const givenUrl = (e: TrackedEntry): string | undefined =>
  e.ref.kind === 'rest' ? e.ref.restUrl : modeOf(e) === 'auto' ? e.ref.restUrl : undefined;

export class AccessService implements RestAccess {
  private readonly clusters = new Map<string, ClusterAccess>();
  private closed = false;

  constructor(private readonly deps: AccessDeps) {
    void deps.lifecycle?.register({ name: 'access: local proxies and port-forwards', stop: () => this.close() });
  }

  async resolve(entry: TrackedEntry, signal: AbortSignal): Promise<RestEndpoint> {
    // A REST URL given: called as it is (a local proxy is opened only for the Web UI, proxyUrl()).
    const url = givenUrl(entry);
    if (url) return { restUrl: url, via: entry.ref.kind === 'rest' ? 'REST URL' : 'REST URL given', way: 'rest-url' };
    return (await this.cluster(entry)).endpoint(signal);
  }

  view(entry: TrackedEntry): AccessView {
    const url = givenUrl(entry);
    if (url) return { mode: modeOf(entry), way: 'rest-url', via: entry.ref.kind === 'rest' ? 'REST URL' : 'REST URL given', restUrl: url };
    const c = this.clusters.get(entry.id);
    if (!c) return { mode: modeOf(entry), via: 'not reached yet' };
    // Another process may have pinned a way meanwhile: the view shows the stored mode, the next resolve applies it.
    return { ...c.view(), mode: modeOf(entry) };
  }

  problem(id: string): string | undefined {
    const c = this.clusters.get(id);
    if (!c || c.route.open) return undefined;
    return c.view().problem;
  }

  /** The local proxy of a cluster (for the embedded Web UI), opened if it is not yet. */
  async proxyUrl(entry: TrackedEntry): Promise<string> {
    return (await this.cluster(entry)).proxyUrl();
  }

  async release(id: string): Promise<void> {
    const c = this.clusters.get(id);
    if (!c) return;
    this.clusters.delete(id);
    await c.close();
  }

  /** How many clusters have an access open (tests, the benchmark). */
  get size(): number {
    return this.clusters.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.clusters.values()];
    this.clusters.clear();
    await Promise.allSettled(all.map((c) => c.close()));
  }

  private async cluster(entry: TrackedEntry): Promise<ClusterAccess> {
    let c = this.clusters.get(entry.id);
    if (c) {
      await c.setMode(modeOf(entry));
      return c;
    }
    if (this.closed) throw new AppError({ code: 'cancelled', message: 'Flink Desk is shutting down' });
    const ways = this.deps.waysOf?.(entry) ?? kubeWays(this.deps.kube, entry.ref);
    c = new ClusterAccess(entry.id, new ClusterRoute(entry.id, modeOf(entry), entry.ref.restUrl, ways), this.deps.logger);
    this.clusters.set(entry.id, c);
    return c;
  }
}
