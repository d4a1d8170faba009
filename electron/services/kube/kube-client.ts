// A client for one kubeconfig context, long-lived (KubeClients caches it). client-node does the kubeconfig part —
// CA, client certificates, tokens, exec credential plugins — through applyToHTTPSOptions, applied to every request
// (not once per connection: its exec authenticator keeps the credential until its expirationTimestamp, then runs the
// plugin again, so a loop that runs for days always sends a valid one). A 401 forgets the cached credential and retries
// once when that yields a different one, as client-go does. The kubeconfig files are re-read at the first request
// after they change. Requests are plain node:http(s) with a hard deadline, so a failure keeps its Node error code for
// error-mapping.ts; watches, informers, logs and port-forwards build on the same credentials.
import type { Cluster, KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import { statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { Writable } from 'node:stream';
import type { Logger, Scheduler } from '../ports';
import { mapCredentialError, mapHttpError, mapTransportError, type Where } from './error-mapping';
import { AgentPool, digestOf, type TlsMaterial } from './http-agents';
import type {
  Closable,
  KubeClientCore,
  KubeConnection,
  KubeRawConnection,
  KubeReply,
  KubeRequestOptions,
  KubeStream,
} from './kube-connection';
import { kubeConfigFor, loadKubeconfigs, type KubeconfigSource } from './kubeconfig-loader';
import { informer, watch, type InformerOptions, type KubeInformer, type Watching, type WatchEventType } from './kube-watch';
import { podLog, readPodLog, type PodLog, type PodLogOptions } from './pod-logs';
import { portForward, type PortForwardOptions, type PortForwarding } from './port-forward';
import { applyAt, ResourcePaths, type Applied, type ApplyOptions, type Manifest } from './server-side-apply';

export type { KubeConnection, KubeReply } from './kube-connection';

export const defaultTimeoutMs = 10_000;

export interface KubeClientOptions {
  context: string;
  /** The kubeconfig files, in precedence order (kubeconfigSources). */
  sources: KubeconfigSource[];
  timeoutMs?: number;
  scheduler: Scheduler;
  logger: Logger;
}

/** One reading of the kubeconfig files. */
interface Reading {
  fingerprint: string;
  kc: KubeConfig;
  cluster: Cluster;
  where: Where;
  base: URL;
  secure: boolean;
  execCommand: string | undefined;
  paths: ResourcePaths;
}

interface Credentials {
  headers: Record<string, string>;
  auth: string | undefined;
  tls: TlsMaterial;
  /** A digest of all of the above: "did a refresh give us anything new?" */
  digest: string;
}

export class KubeClient implements KubeClientCore {
  readonly context: string;
  readonly timeoutMs: number;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  private readonly sources: KubeconfigSource[];
  private reading: Reading;
  private readonly agents = new AgentPool();
  private readonly open = new Set<Closable>();
  private closed = false;

  /** Reads the kubeconfig; throws the loader's AppError when the context is not there. */
  constructor(options: KubeClientOptions) {
    this.context = options.context;
    this.sources = options.sources;
    this.timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    this.scheduler = options.scheduler;
    this.logger = options.logger;
    this.reading = this.read();
  }

  get where(): Where {
    return this.current().where;
  }

  async kubeConfig(): Promise<KubeConfig> {
    return this.current().kc;
  }

  async prepare(): Promise<void> {
    await this.credentials(this.current());
  }

  refreshCredentials(): void {
    // A new KubeConfig has a new exec authenticator (empty credential cache) and re-reads token files.
    this.reading = this.read();
  }

  track(c: Closable): () => void {
    this.open.add(c);
    return () => void this.open.delete(c);
  }

  /**
   * The credentials and agent the next request would use, for a request the caller streams itself (the API server's
   * service proxy). After a 401 the caller calls refreshCredentials() and asks again, as request() does.
   */
  async rawConnection(): Promise<KubeRawConnection> {
    this.assertOpen();
    const r = this.current();
    const creds = await this.credentials(r);
    const lease = this.agents.acquire(r.secure, creds.tls);
    return {
      where: r.where,
      base: new URL(r.base.href),
      secure: r.secure,
      headers: { ...creds.headers },
      ...(creds.auth ? { auth: creds.auth } : {}),
      agent: lease.agent,
      release: () => lease.release(),
    };
  }

  /** The same client with another deadline per request (a check's --timeout). */
  withTimeout(timeoutMs: number): KubeConnection {
    const where = () => this.where;
    return {
      get where() {
        return where();
      },
      timeoutMs,
      request: (method, path, body, options) => this.request(method, path, body, { timeoutMs, ...options }),
      expect: (method, path, what, body, options) => this.expect(method, path, what, body, { timeoutMs, ...options }),
    };
  }

  async request<T = unknown>(method: string, path: string, body?: unknown, options: KubeRequestOptions = {}): Promise<KubeReply<T>> {
    const r = await this.send(method, path, body, options, undefined);
    return { status: r.status, body: r.body as T };
  }

  async expect<T = unknown>(method: string, path: string, what: string, body?: unknown, options: KubeRequestOptions = {}): Promise<T> {
    const r = await this.request<T>(method, path, body, options);
    if (r.status < 200 || r.status > 299) throw mapHttpError(r.status, r.body, this.where, what);
    return r.body as T;
  }

  stream(path: string, options: KubeRequestOptions & { signal?: AbortSignal } = {}): Promise<KubeStream> {
    return this.send('GET', path, undefined, options, options.signal ?? new AbortController().signal);
  }

  /** Server-side apply of one object (fieldManager flink-desk); its resource path found by API discovery. */
  async apply<T = Manifest>(manifest: Manifest, options: ApplyOptions = {}): Promise<Applied<T>> {
    const reading = this.current();
    return applyAt<T>(this, await reading.paths.pathOf(manifest), manifest, options);
  }

  /** The resource path of an object (…/namespaces/N/configmaps/NAME), by API discovery. */
  pathOf(manifest: Pick<Manifest, 'apiVersion' | 'kind' | 'metadata'>, named = true): Promise<string> {
    return this.current().paths.pathOf(manifest, named);
  }

  watch<T = KubernetesObject>(
    path: string,
    onEvent: (type: WatchEventType, object: T) => void,
    query?: Record<string, string>,
  ): Promise<Watching> {
    this.assertOpen();
    return watch<T>(this, path, onEvent, query);
  }

  informer<T extends KubernetesObject>(path: string, options?: InformerOptions): KubeInformer<T> {
    this.assertOpen();
    return informer<T>(this, path, options);
  }

  podLog(namespace: string, pod: string, out: Writable, options?: PodLogOptions): Promise<PodLog> {
    this.assertOpen();
    return podLog(this, namespace, pod, out, options);
  }

  readPodLog(namespace: string, pod: string, options?: Omit<PodLogOptions, 'follow'>): Promise<string> {
    return readPodLog(this, namespace, pod, options);
  }

  portForward(namespace: string, pod: string, remotePort: number, options?: PortForwardOptions): Promise<PortForwarding> {
    this.assertOpen();
    return portForward(this, namespace, pod, remotePort, options);
  }

  /** Closes every watch, informer, log follow and port-forward it opened, and its connections. */
  async close(): Promise<void> {
    this.closed = true;
    const open = [...this.open];
    this.open.clear();
    await Promise.allSettled(open.map(async (c) => c.close()));
    this.agents.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`the client of context '${this.context}' is closed`);
  }

  private fingerprint(): string {
    return this.sources
      .map((s) => {
        try {
          const st = statSync(s.path, { bigint: true });
          return `${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
        } catch {
          return '-';
        }
      })
      .join('|');
  }

  private read(): Reading {
    const fingerprint = this.fingerprint();
    const { kc, cluster } = kubeConfigFor(loadKubeconfigs(this.sources), this.context);
    const user = kc.getCurrentUser();
    const where: Where = { context: this.context, server: cluster.server, ...(user ? { user: user.name } : {}) };
    let base: URL;
    try {
      base = new URL(cluster.server);
    } catch {
      throw mapTransportError(Object.assign(new Error('invalid URL'), { code: 'ERR_INVALID_URL' }), where, this.timeoutMs);
    }
    const execCommand = (user as { exec?: { command?: string } } | null)?.exec?.command;
    return { fingerprint, kc, cluster, where, base, secure: base.protocol === 'https:', execCommand, paths: new ResourcePaths(this) };
  }

  /** The reading of the files as they are now: read again when any of them changed (or appeared, or went away). */
  private current(): Reading {
    if (this.fingerprint() !== this.reading.fingerprint) {
      this.reading = this.read();
      this.agents.reset();
      this.logger.info('kubeconfig re-read', { context: this.context });
    }
    return this.reading;
  }

  private async credentials(r: Reading): Promise<Credentials> {
    const opts: RequestOptions = { headers: {} };
    try {
      await r.kc.applyToHTTPSOptions(opts);
    } catch (e) {
      throw mapCredentialError(e, r.where, r.execCommand);
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.headers ?? {})) if (typeof v === 'string') headers[k] = v;
    const tls: TlsMaterial = {
      ca: opts.ca,
      cert: opts.cert,
      key: opts.key,
      servername: opts.servername,
      rejectUnauthorized: opts.rejectUnauthorized,
    };
    const digest = digestOf(JSON.stringify([headers, opts.auth ?? '', digestOf(opts.cert), digestOf(opts.key)]));
    return { headers, auth: opts.auth ?? undefined, tls, digest };
  }

  private async send(
    method: string,
    path: string,
    body: unknown,
    options: KubeRequestOptions,
    stream: AbortSignal | undefined,
  ): Promise<KubeStream> {
    const reading = this.current();
    const creds = await this.credentials(reading);
    const first = await this.exchange(reading, creds, method, path, body, options, stream);
    if (first.status !== 401) return first;
    this.refreshCredentials();
    const again = this.reading;
    const fresh = await this.credentials(again);
    if (fresh.digest === creds.digest) return first;
    this.logger.info('kube credentials refreshed after a 401', { context: this.context });
    return this.exchange(again, fresh, method, path, body, options, stream);
  }

  private exchange(
    r: Reading,
    creds: Credentials,
    method: string,
    path: string,
    body: unknown,
    options: KubeRequestOptions,
    stream: AbortSignal | undefined,
  ): Promise<KubeStream> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    return new Promise((resolve, reject) => {
      const url = new URL(r.base.origin + r.base.pathname.replace(/\/$/, '') + path);
      for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
      const data = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string | number> = { accept: 'application/json', 'user-agent': 'flink-desk', ...creds.headers };
      if (data !== undefined) {
        headers['content-type'] = options.contentType ?? 'application/json';
        headers['content-length'] = Buffer.byteLength(data);
      }
      const lease = this.agents.acquire(r.secure, creds.tls);
      const fail = (e: unknown) => {
        clearTimeout(timer);
        lease.release();
        reject(mapTransportError(e, r.where, timeoutMs));
      };
      const send = r.secure ? httpsRequest : httpRequest;
      const req = send(
        url,
        { method, agent: lease.agent, headers, ...(creds.auth ? { auth: creds.auth } : {}), ...(stream ? { signal: stream } : {}) },
        (res) => {
          if (stream && res.statusCode === 200) {
            // A stream (a log follow) may stay open for days: the deadline covered the wait for the headers.
            clearTimeout(timer);
            res.once('close', () => lease.release());
            resolve({ status: 200, response: res });
            return;
          }
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', fail);
          res.on('end', () => {
            clearTimeout(timer);
            lease.release();
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              parsed = { message: text.slice(0, 200) };
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      // One deadline for the whole exchange, connect included.
      const timer = setTimeout(() => req.destroy(Object.assign(new Error('timeout'), { code: 'FD_TIMEOUT' })), timeoutMs);
      req.on('error', fail);
      req.end(data);
    });
  }
}
