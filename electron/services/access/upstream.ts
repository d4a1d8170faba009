// An upstream is one way to a cluster's REST endpoint, as the local proxy uses it: per request it gives a target (a
// base URL with any path prefix, headers to add, an agent) and, for an answer that did not come from Flink (the API
// server refusing the service proxy), the problem it means. The plain one here serves the REST URL given, the direct
// address and the local end of a port-forward: a base URL and a keep-alive agent of its own.
import { Agent as HttpAgent, type Agent, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { AccessWay } from '../../../shared/contracts/tracking';

export interface UpstreamTarget {
  /** Origin and path prefix; the request's path and query are appended. */
  base: URL;
  /** Added to the request (the API server credentials of the service proxy); they replace the client's. */
  headers: Record<string, string>;
  auth?: string;
  /** The upstream authenticates with credentials of its own (the service proxy): the client's never pass. */
  ownCredentials?: boolean;
  agent: Agent;
  /** Called once the exchange is over. */
  release(): void;
}

export interface Upstream {
  readonly way: AccessWay;
  /** The way in words, for the user. */
  readonly via: string;
  /** A request through it succeeded: after a failure it is re-resolved rather than given up. */
  worked: boolean;
  target(): Promise<UpstreamTarget>;
  /**
   * An answer that is not Flink's but says this way does not work (the API server's 401, 403 or 503 Status), with the
   * answer's body already read; undefined: pass it on. Only the service proxy has such answers.
   */
  refusal?(res: IncomingMessage, body: Buffer): string | undefined;
  /** Whether to read the body of this answer for refusal() (small error answers only). */
  mayRefuse?(res: IncomingMessage): boolean;
  /** A 401 from the API server: get fresh credentials before the next try. */
  unauthorized?(): void;
  /** Better words for a failed connection than the socket error, when the way knows them (the pod's side). */
  lastProblem?(): string | undefined;
  close(): Promise<void>;
}

/** A fixed base URL with a keep-alive agent of its own. */
export class HttpUpstream implements Upstream {
  worked = false;
  private readonly agent: Agent;
  private readonly base: URL;

  constructor(
    readonly way: AccessWay,
    readonly via: string,
    url: string,
    private readonly onClose: () => Promise<void> | void = () => {},
    keepAlive = true,
  ) {
    this.base = new URL(url);
    this.agent =
      this.base.protocol === 'https:' ? new HttpsAgent({ keepAlive, maxSockets: 16 }) : new HttpAgent({ keepAlive, maxSockets: 16 });
  }

  target(): Promise<UpstreamTarget> {
    return Promise.resolve({ base: this.base, headers: {}, agent: this.agent, release: () => {} });
  }

  async close(): Promise<void> {
    this.agent.destroy();
    await this.onClose();
  }
}
