// The request side of a Kubernetes client, as the capability's parts (cluster check, RBAC review and grant, server-side
// apply, logs) use it: they take this narrow interface, so a unit test can hand them a scripted test double.
import type { KubeConfig } from '@kubernetes/client-node';
import type { Agent, IncomingMessage } from 'node:http';
import type { Logger, Scheduler } from '../ports';
import type { Where } from './error-mapping';

export interface KubeReply<T = unknown> {
  status: number;
  body: T | undefined;
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface KubeRequestOptions {
  /** Sent as the request's query (undefined values are left out). */
  query?: Query;
  /** The body's media type; JSON unless said otherwise (server-side apply sends application/apply-patch+yaml). */
  contentType?: string;
  /** Overrides the connection's deadline for this request. */
  timeoutMs?: number;
}

export interface KubeConnection {
  /** The context, API server and user the next request goes to (re-read when the kubeconfig changes). */
  readonly where: Where;
  readonly timeoutMs: number;
  /** One exchange with a hard deadline (connect included); transport failures are mapped AppErrors, statuses are not. */
  request<T = unknown>(method: string, path: string, body?: unknown, options?: KubeRequestOptions): Promise<KubeReply<T>>;
  /** request() that throws a mapped AppError unless the status is 2xx. */
  expect<T = unknown>(method: string, path: string, what: string, body?: unknown, options?: KubeRequestOptions): Promise<T>;
}

/** A streamed answer (pod logs): the deadline covers the wait for the headers only. */
export interface KubeStream {
  status: number;
  /** The open response when the status is 200; otherwise the parsed error body. */
  response?: IncomingMessage;
  body?: unknown;
}

export interface KubeStreamingConnection extends KubeConnection {
  stream(path: string, options?: KubeRequestOptions & { signal?: AbortSignal }): Promise<KubeStream>;
}

/**
 * What a request streamed by its caller needs to reach the API server as this client does (the service proxy in
 * access/): the base URL, the credential headers of now and an agent with the TLS material (CA, client certificate).
 * Never leaves the main process. Release it when the exchange is over.
 */
export interface KubeRawConnection {
  readonly where: Where;
  /** The API server's URL (a path prefix in the kubeconfig's server is kept). */
  base: URL;
  secure: boolean;
  /** Authorization (a token, an exec plugin's credential) and whatever else the kubeconfig adds. */
  headers: Record<string, string>;
  /** user:password of basic auth, when the kubeconfig has it. */
  auth?: string;
  agent: Agent;
  release(): void;
}

/** Something long-lived a client opened (a watch, an informer, a log follow, a port-forward): closed with it. */
export interface Closable {
  close(): Promise<void> | void;
}

/** What the long-lived parts (watch, informer, port-forward) need from their client. */
export interface KubeClientCore extends KubeStreamingConnection {
  readonly scheduler: Scheduler;
  readonly logger: Logger;
  /** The KubeConfig of the current reading of the kubeconfig files, for client-node's own transports. */
  kubeConfig(): Promise<KubeConfig>;
  /** Gets the credential now (runs the exec plugin unless its credential is still valid); throws a mapped AppError. */
  prepare(): Promise<void>;
  /** Forgets cached credentials after a 401: the next use runs the exec plugin again and re-reads token files. */
  refreshCredentials(): void;
  /** Registers something to close with the client; returns the function that forgets it when it ends by itself. */
  track(c: Closable): () => void;
}
