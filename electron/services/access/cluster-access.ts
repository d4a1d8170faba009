// One tracked cluster's access: its route (which way, with fallback) and its local proxy on 127.0.0.1, opened on
// first use and kept while the cluster is tracked, so the address the REST client and the Web UI use stays the same
// when the way behind it changes.
import type { AccessMode, AccessView } from '../../../shared/contracts/tracking';
import { AppError } from '../../../shared/errors';
import type { Logger } from '../ports';
import type { RestEndpoint } from '../tracking/rest-access';
import { LocalProxy } from './local-proxy';
import type { ClusterRoute } from './route';

function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(new AppError({ code: 'timeout', message: 'The round ended before a way was found' }));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AppError({ code: 'timeout', message: 'The round ended before a way was found' }));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export class ClusterAccess {
  private proxy: Promise<LocalProxy> | undefined;
  /** The proxy's URL once it listens. */
  private url: string | undefined;
  private closed = false;

  constructor(
    private readonly id: string,
    readonly route: ClusterRoute,
    private readonly logger: Logger,
  ) {}

  /** The local proxy's URL, opening it the first time. */
  async proxyUrl(): Promise<string> {
    if (this.closed) throw new AppError({ code: 'cancelled', message: `${this.id} is no longer tracked` });
    this.proxy ??= LocalProxy.open(this.route, { logger: this.logger, name: this.id });
    try {
      this.url = (await this.proxy).url;
      return this.url;
    } catch (e) {
      this.proxy = undefined;
      throw new AppError({
        code: 'internal',
        message: `Cannot open a local proxy on 127.0.0.1 for ${this.id}: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  }

  /** The local proxy's URL once a way is open (the choice made now if there is none); an AppError when none works. */
  async endpoint(signal?: AbortSignal): Promise<RestEndpoint> {
    const restUrl = await this.proxyUrl();
    const up = await abortable(this.route.acquire(), signal);
    return { restUrl, via: up.via, way: up.way };
  }

  async setMode(mode: AccessMode): Promise<void> {
    if (mode !== this.route.mode) await this.route.reset(mode);
  }

  view(): AccessView {
    const s = this.route.state();
    return { mode: this.route.mode, ...s, ...(this.url ? { restUrl: this.url } : {}) };
  }

  async close(): Promise<void> {
    this.closed = true;
    const proxy = this.proxy;
    this.proxy = undefined;
    this.url = undefined;
    await Promise.allSettled([this.route.close(), proxy?.then((p) => p.close())]);
  }
}
