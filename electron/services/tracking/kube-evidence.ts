// The Kubernetes side of tracking: per (kubeconfig, context, namespace) with a tracked cluster, informers on the
// Deployments and pods labelled type=flink-native-kubernetes and on the namespace's events, through ctx.kube (one
// client per context, so several clusters are tracked at once: StreamPark's #3870). A deleted Deployment is reported
// at once. "Gone" is never concluded from a cache alone: an informer that has not listed yet, or has failed, knows
// nothing — before the inference may read "no Deployment", one GET to the API server confirms it (404), and an
// error there means "the API server cannot be read", never "the cluster is gone" (StreamPark's #3618).
import type { KubernetesObject } from '@kubernetes/client-node';
import type { ContainerEvidence, DeploymentEvidence, EventEvidence, KubeEvidence, PodEvidence } from '../../../shared/contracts/tracking';
import { AppError } from '../../../shared/errors';
import type { KubeClients, KubeInformer } from '../kube';
import type { Clock, Logger } from '../ports';

export interface KubeRef {
  context: string;
  namespace: string;
  clusterId: string;
  kubeconfig?: string;
}

export type KubeChange = { ref: KubeRef; what: 'deployment-deleted' | 'changed' };

/** What the tracker needs from Kubernetes; tests pass a named test double. */
export interface KubeSide {
  /** Watch the namespace of `ref` (idempotent); namespaces no ref needs any more are closed. */
  follow(refs: KubeRef[]): void;
  /** The evidence now. `confirm`: read the Deployment from the API server too (one request). */
  evidence(ref: KubeRef, options: { confirm: boolean; signal: AbortSignal }): Promise<KubeEvidence>;
  onChange(listener: (change: KubeChange) => void): () => void;
  close(): Promise<void>;
}

interface Meta {
  name: string;
  namespace?: string;
  uid?: string;
  creationTimestamp?: string | Date;
  labels?: Record<string, string>;
}
type Obj = KubernetesObject & { metadata: Meta };
interface DeploymentObj extends Obj {
  spec?: { replicas?: number; template?: { spec?: { containers?: { name: string; args?: string[]; command?: string[] }[] } } };
  status?: { readyReplicas?: number; conditions?: { type: string; status: string; reason?: string; message?: string }[] };
}
interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: object;
  terminated?: { reason?: string; exitCode?: number; finishedAt?: string | Date; message?: string };
}
export interface PodObj extends Obj {
  status?: {
    phase?: string;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
    containerStatuses?: { name: string; ready?: boolean; restartCount?: number; state?: ContainerState; lastState?: ContainerState }[];
  };
}
export interface EventObj extends Obj {
  involvedObject?: { kind?: string; name?: string };
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  lastTimestamp?: string | Date;
  eventTime?: string | Date;
  firstTimestamp?: string | Date;
}

const LABEL = 'type=flink-native-kubernetes';
export const MAX_EVENTS = 20;

const time = (t: string | Date | undefined): number | undefined => {
  if (!t) return undefined;
  const n = t instanceof Date ? t.getTime() : Date.parse(t);
  return Number.isNaN(n) ? undefined : n;
};

export function deploymentEvidence(d: DeploymentObj): DeploymentEvidence {
  const main = d.spec?.template?.spec?.containers?.find((c) => c.name === 'flink-main-container');
  const start = [...(main?.command ?? []), ...(main?.args ?? [])].join(' ');
  const mode = start.includes('kubernetes-session') ? 'session' : start.includes('kubernetes-application') ? 'application' : undefined;
  const createdAt = time(d.metadata.creationTimestamp);
  return {
    name: d.metadata.name,
    ...(d.metadata.uid ? { uid: d.metadata.uid } : {}),
    ...(createdAt !== undefined ? { createdAt } : {}),
    replicas: d.spec?.replicas ?? 1,
    readyReplicas: d.status?.readyReplicas ?? 0,
    conditions: (d.status?.conditions ?? []).map((c) => ({
      type: c.type,
      status: c.status,
      ...(c.reason ? { reason: c.reason } : {}),
      ...(c.message ? { message: c.message } : {}),
    })),
    ...(mode ? { mode } : {}),
  };
}

function containerEvidence(c: NonNullable<NonNullable<PodObj['status']>['containerStatuses']>[number]): ContainerEvidence {
  const s = c.state ?? {};
  const state: ContainerEvidence['state'] = s.waiting ? 'waiting' : s.running ? 'running' : s.terminated ? 'terminated' : 'unknown';
  const detail = s.waiting ?? s.terminated;
  const last = c.lastState?.terminated;
  const lastAt = time(last?.finishedAt);
  return {
    name: c.name,
    ready: c.ready ?? false,
    restartCount: c.restartCount ?? 0,
    state,
    ...(detail?.reason ? { reason: detail.reason } : {}),
    ...(detail?.message ? { message: detail.message.slice(0, 500) } : {}),
    ...(s.terminated?.exitCode !== undefined ? { exitCode: s.terminated.exitCode } : {}),
    ...(last
      ? {
          lastTermination: {
            ...(last.reason ? { reason: last.reason } : {}),
            ...(last.exitCode !== undefined ? { exitCode: last.exitCode } : {}),
            ...(lastAt !== undefined ? { at: lastAt } : {}),
          },
        }
      : {}),
  };
}

export function podEvidence(p: PodObj): PodEvidence {
  const component = p.metadata.labels?.component;
  const unscheduled = p.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
  const createdAt = time(p.metadata.creationTimestamp);
  return {
    name: p.metadata.name,
    component: component === 'jobmanager' || component === 'taskmanager' ? component : 'other',
    phase: p.status?.phase ?? 'Pending',
    ...(createdAt !== undefined ? { createdAt } : {}),
    ...(unscheduled ? { unschedulable: unscheduled.message ?? unscheduled.reason ?? 'no node fits' } : {}),
    containers: (p.status?.containerStatuses ?? []).map(containerEvidence),
  };
}

export function eventEvidence(e: EventObj): EventEvidence {
  return {
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    message: (e.message ?? '').slice(0, 500),
    object: `${e.involvedObject?.kind ?? '?'}/${e.involvedObject?.name ?? '?'}`,
    count: e.count ?? 1,
    at: time(e.lastTimestamp) ?? time(e.eventTime) ?? time(e.firstTimestamp) ?? time(e.metadata.creationTimestamp) ?? 0,
  };
}

export const belongs = (name: string | undefined, clusterId: string) => !!name && (name === clusterId || name.startsWith(`${clusterId}-`));

interface Namespace {
  key: string;
  refs: Set<string>;
  deployments: KubeInformer<DeploymentObj>;
  pods: KubeInformer<PodObj>;
  events: KubeInformer<EventObj>;
  /** The last informer error since it last delivered anything; undefined while healthy. */
  error?: string;
  synced: boolean;
  /** The pods and events of each cluster, made from the caches when first asked after a change (indexOf). */
  index?: ClusterIndex;
}

export interface ClusterIndex {
  /** By the pods' `app` label (the cluster id). */
  pods: Map<string, PodEvidence[]>;
  /** By every prefix of the involved object's name that ends before a '-' (and the whole name): what `belongs` says. */
  events: Map<string, EventEvidence[]>;
}

/** Each cluster's pods and newest events, in one pass over the namespace's pods and events: asked for every cluster
 * each round, a filter over the namespace per cluster would cost clusters × (pods + events). The same as filtering by
 * the `app` label and by `belongs` (the unit tests compare the two). */
export function clusterIndex(podList: readonly PodObj[], eventList: readonly EventObj[]): ClusterIndex {
  const pods = new Map<string, PodEvidence[]>();
  for (const p of podList) {
    const app = p.metadata.labels?.app;
    if (!app) continue;
    const list = pods.get(app);
    if (list) list.push(podEvidence(p));
    else pods.set(app, [podEvidence(p)]);
  }
  const events = new Map<string, EventEvidence[]>();
  for (const e of eventList) {
    const name = e.involvedObject?.name;
    if (!name) continue;
    const evidence = eventEvidence(e);
    for (let i = name.indexOf('-'); ; i = name.indexOf('-', i + 1)) {
      const prefix = i < 0 ? name : name.slice(0, i);
      const list = events.get(prefix);
      if (list) list.push(evidence);
      else events.set(prefix, [evidence]);
      if (i < 0) break;
    }
  }
  for (const [k, list] of events) events.set(k, list.sort((a, b) => b.at - a.at).slice(0, MAX_EVENTS));
  return { pods, events };
}

/** No pods, no events: one empty list, frozen, since it is shared. */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/** Each Deployment object's evidence, made once (the informer replaces the object when the Deployment changes). */
const deploymentEvidences = new WeakMap<DeploymentObj, DeploymentEvidence>();
function cachedEvidence(d: DeploymentObj): DeploymentEvidence {
  let e = deploymentEvidences.get(d);
  if (!e) deploymentEvidences.set(d, (e = deploymentEvidence(d)));
  return e;
}

const indexOf = (ns: Namespace, namespace: string): ClusterIndex =>
  (ns.index ??= clusterIndex(ns.pods.list(namespace), ns.events.list(namespace)));

export class InformerKubeSide implements KubeSide {
  private readonly namespaces = new Map<string, Namespace | Promise<Namespace | undefined>>();
  private readonly listeners = new Set<(c: KubeChange) => void>();
  private closed = false;

  constructor(private readonly deps: { kube: Pick<KubeClients, 'for'>; clock: Clock; logger: Logger }) {}

  follow(refs: KubeRef[]): void {
    const wanted = new Map<string, KubeRef[]>();
    for (const r of refs) wanted.set(nsKey(r), [...(wanted.get(nsKey(r)) ?? []), r]);
    for (const [key, rs] of wanted) if (!this.namespaces.has(key)) this.namespaces.set(key, this.open(key, rs[0]!));
    for (const [key, ns] of this.namespaces)
      if (!wanted.has(key)) {
        this.namespaces.delete(key);
        void Promise.resolve(ns).then((n) => n && closeNs(n));
      }
  }

  onChange(listener: (c: KubeChange) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  async evidence(ref: KubeRef, { confirm, signal }: { confirm: boolean; signal: AbortSignal }): Promise<KubeEvidence> {
    const now = this.deps.clock.now();
    const ns = await this.namespaces.get(nsKey(ref));
    const cached = ns?.synced && !ns.error ? ns.deployments.get(ref.clusterId, ref.namespace) : undefined;
    // The index's own lists and the cached Deployment's evidence, not copies made at every poll: a poll's evidence
    // is kept until the next (the old space of a thousand clusters), and nothing changes them (a change to the pods
    // or events makes a new index; an update, a new Deployment object).
    const index = ns && indexOf(ns, ref.namespace);
    const pods = index?.pods.get(ref.clusterId) ?? NONE;
    const events = index?.events.get(ref.clusterId) ?? NONE;
    if (!confirm && ns?.synced && !ns.error)
      return { observedAt: now, reachable: true, deployment: cached ? cachedEvidence(cached) : null, pods, events };
    // Read it from the API server itself: the only way "no Deployment" is ever concluded without a healthy cache.
    try {
      if (signal.aborted) throw new AppError({ code: 'timeout', message: 'the round ended first' });
      const client = await this.deps.kube.for(ref.context, { kubeconfig: ref.kubeconfig });
      const r = await client.request<DeploymentObj>('GET', `/apis/apps/v1/namespaces/${ref.namespace}/deployments/${ref.clusterId}`);
      if (r.status === 404) return { observedAt: now, reachable: true, deployment: null, pods: NONE, events };
      if (r.status !== 200) {
        const body = r.body as { message?: string } | undefined;
        return { observedAt: now, reachable: false, error: `HTTP ${r.status}${body?.message ? `: ${body.message}` : ''}`, pods, events };
      }
      return { observedAt: now, reachable: true, deployment: deploymentEvidence(r.body!), pods, events };
    } catch (e) {
      return { observedAt: now, reachable: false, error: e instanceof Error ? e.message : String(e), pods, events };
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.namespaces.values()];
    this.namespaces.clear();
    await Promise.allSettled(all.map(async (n) => (await n) && closeNs((await n)!)));
  }

  private emit(change: KubeChange): void {
    for (const l of this.listeners) l(change);
  }

  private async open(key: string, first: KubeRef): Promise<Namespace | undefined> {
    const { namespace } = first;
    let client;
    try {
      client = await this.deps.kube.for(first.context, { kubeconfig: first.kubeconfig });
    } catch (e) {
      // No such context (any more): evidence() says so at each poll; following again retries.
      this.deps.logger.warn('tracking: no Kubernetes client', {
        context: first.context,
        error: e instanceof Error ? e.message : String(e),
      });
      this.namespaces.delete(key);
      return undefined;
    }
    const ns: Namespace = {
      key,
      refs: new Set(),
      deployments: client.informer<DeploymentObj>(`/apis/apps/v1/namespaces/${namespace}/deployments`, { labelSelector: LABEL }),
      pods: client.informer<PodObj>(`/api/v1/namespaces/${namespace}/pods`, { labelSelector: LABEL }),
      events: client.informer<EventObj>(`/api/v1/namespaces/${namespace}/events`),
      synced: false,
    };
    const refOf = (clusterId: string): KubeRef => ({ ...first, clusterId });
    const healthy = () => (ns.error = undefined);
    ns.deployments.on('delete', (d) => {
      healthy();
      this.emit({ ref: refOf(d.metadata.name), what: 'deployment-deleted' });
    });
    // Any change to the pods or the events: the index is made again when next asked.
    for (const inf of [ns.pods, ns.events] as KubeInformer<Obj>[]) inf.on('change', () => (ns.index = undefined));
    for (const verb of ['add', 'update'] as const) {
      ns.deployments.on(verb, (d) => (healthy(), this.emit({ ref: refOf(d.metadata.name), what: 'changed' })));
      ns.pods.on(verb, (p) => {
        healthy();
        const app = p.metadata.labels?.app;
        if (app) this.emit({ ref: refOf(app), what: 'changed' });
      });
    }
    for (const inf of [ns.deployments, ns.pods, ns.events] as KubeInformer<Obj>[])
      inf.on('error', (e) => {
        ns.error = e.message;
      });
    if (this.closed) return undefined;
    // The first list: until it is in (without an error), the cache is not evidence of anything.
    await Promise.allSettled([ns.deployments.start(), ns.pods.start(), ns.events.start()]);
    ns.synced = ns.error === undefined;
    if (!ns.synced) {
      // After a failed first list, the first event delivered proves a later list worked.
      const mark = () => (ns.synced = true);
      ns.deployments.on('change', mark);
      ns.pods.on('change', mark);
    }
    return ns;
  }
}

const nsKey = (r: KubeRef) => JSON.stringify([r.kubeconfig ?? '', r.context, r.namespace]);

async function closeNs(n: Namespace): Promise<void> {
  await Promise.allSettled([n.deployments.close(), n.pods.close(), n.events.close()]);
}
