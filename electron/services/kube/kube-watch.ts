// Watches and informers from client-node (Watch, ListWatch). Each (re)connect takes the KubeConfig of the current
// reading of the kubeconfig files and applies its credentials afresh (client-node does so per watch request, and its
// exec authenticator re-runs the plugin once the credential has expired), so an informer that runs for days follows a
// changed kubeconfig and rotating tokens. A 401 refreshes the credentials before the next attempt. Errors reach the
// caller as mapped AppErrors; everything is closed with its client.
import type { KubernetesListObject, KubernetesObject, Watch } from '@kubernetes/client-node';
import type { AppError } from '../../../shared/errors';
import { clientNode } from './client-node';
import { mapKubeError } from './error-mapping';
import type { Closable, KubeClientCore, Query } from './kube-connection';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface Watching extends Closable {
  /**
   * Settles when the watch ends: undefined when closed, when the server ends it or after 30 s without a byte (client-node's
   * idle deadline; resume from the last resourceVersion, or use an informer, which does), else the mapped error.
   */
  readonly ended: Promise<AppError | undefined>;
}

const statusOf = (e: unknown): number | undefined => {
  const s = (e as { statusCode?: unknown } | null)?.statusCode;
  return typeof s === 'number' ? s : undefined;
};

export async function watch<T = KubernetesObject>(
  client: KubeClientCore,
  path: string,
  onEvent: (type: WatchEventType, object: T) => void,
  query: Query = {},
): Promise<Watching> {
  await client.prepare();
  let controller: AbortController | undefined;
  let closed = false;
  let settle!: (e: AppError | undefined) => void;
  const ended = new Promise<AppError | undefined>((r) => (settle = r));
  const handle: Watching = {
    ended,
    close: () => {
      closed = true;
      controller?.abort();
      finish(undefined);
    },
  };
  const untrack = client.track(handle);
  let finished = false;
  const finish = (e: AppError | undefined) => {
    if (finished) return;
    finished = true;
    untrack();
    settle(e);
  };
  const begin = async (retried: boolean): Promise<void> => {
    const kc = await client.kubeConfig();
    const w = new (clientNode().Watch)(kc);
    controller = await w.watch(
      path,
      { allowWatchBookmarks: true, ...query },
      (type: string, object: T) => {
        if (!closed) onEvent(type as WatchEventType, object);
      },
      (err: unknown) => {
        if (closed || !err || (err as { name?: unknown }).name === 'TimeoutError') return finish(undefined);
        if (statusOf(err) === 401 && !retried) {
          client.refreshCredentials();
          return void begin(true).catch((e: unknown) => finish(mapKubeError(e, client.where, `watch ${path}`, client.timeoutMs)));
        }
        finish(mapKubeError(err, client.where, `watch ${path}`, client.timeoutMs));
      },
    );
    if (closed) controller.abort();
  };
  try {
    await begin(false);
  } catch (e) {
    untrack();
    throw mapKubeError(e, client.where, `watch ${path}`, client.timeoutMs);
  }
  return handle;
}

export interface InformerOptions {
  labelSelector?: string;
  fieldSelector?: string;
}

export interface KubeInformer<T> extends Closable {
  on(verb: 'add' | 'update' | 'delete' | 'change', cb: (object: T) => void): void;
  /** A failed list or watch, mapped; the informer lists and watches again after a back-off (1 s doubling to 30 s). */
  on(verb: 'error', cb: (error: AppError) => void): void;
  /** Called before each (re)list. */
  on(verb: 'connect', cb: () => void): void;
  get(name: string, namespace?: string): T | undefined;
  list(namespace?: string): readonly T[];
  /** Lists, then watches; resolves once the first list is in (or has failed and a retry is scheduled). */
  start(): Promise<void>;
}

const firstDelayMs = 1000;
const maxDelayMs = 30_000;

/** An informer over `path` (a collection, e.g. /api/v1/namespaces/N/pods); not started until start(). */
export function informer<T extends KubernetesObject>(client: KubeClientCore, path: string, options: InformerOptions = {}): KubeInformer<T> {
  const { ListWatch, Watch } = clientNode();
  const what = `list and watch ${path}`;
  const errorListeners = new Set<(e: AppError) => void>();
  let attempts = 0;
  let closed = false;
  let retry: { cancel(): void } | undefined;
  let untrack: (() => void) | undefined;
  // client-node's ListWatch calls watch() on this for every (re)connect: a Watch over the current KubeConfig.
  const current = {
    watch: async (
      p: string,
      q: Record<string, string | number | boolean | undefined>,
      cb: (t: string, o: unknown) => void,
      done: (e: unknown) => void,
    ) => {
      try {
        await client.prepare();
        const w = new Watch(await client.kubeConfig());
        return await w.watch(p, { allowWatchBookmarks: true, ...q }, cb, (e: unknown) => {
          if (statusOf(e) === 401) client.refreshCredentials();
          done(e);
        });
      } catch (e) {
        done(e);
        return new AbortController();
      }
    },
  } as unknown as Watch;
  const list = async (): Promise<KubernetesListObject<T>> => {
    const r = await client.expect<KubernetesListObject<T>>('GET', path, what, undefined, {
      query: { labelSelector: options.labelSelector, fieldSelector: options.fieldSelector },
    });
    attempts = 0;
    return r;
  };
  const lw = new ListWatch<T>(path, current, list, false, options.labelSelector, options.fieldSelector, {
    delayFn: (ms) => new Promise((r) => client.scheduler.setTimeout(r, ms)),
  });
  lw.on('error', (raw: unknown) => {
    if (closed) return;
    const e = mapKubeError(raw, client.where, what, client.timeoutMs);
    if (e.code === 'unauthorized') client.refreshCredentials();
    client.logger.warn('informer failed; listing again after a pause', { path, code: e.code });
    for (const l of errorListeners) l(e);
    const delay = Math.min(firstDelayMs * 2 ** attempts++, maxDelayMs);
    retry = client.scheduler.setTimeout(() => {
      retry = undefined;
      if (!closed) void lw.start();
    }, delay);
  });
  const handle: KubeInformer<T> = {
    on(verb: string, cb: never) {
      if (verb === 'error') errorListeners.add(cb);
      else lw.on(verb as 'add', cb);
    },
    get: (name, namespace) => lw.get(name, namespace),
    list: (namespace) => lw.list(namespace),
    async start() {
      closed = false;
      untrack ??= client.track(handle);
      await lw.start();
    },
    async close() {
      closed = true;
      retry?.cancel();
      untrack?.();
      untrack = undefined;
      await lw.stop();
    },
  };
  return handle;
}
