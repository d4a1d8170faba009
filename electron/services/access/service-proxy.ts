// The `service-proxy` way: the API server's proxy to the rest Service,
// /api/v1/namespaces/<ns>/services/<name>:<port>/proxy/<path>, with the user's kubeconfig credentials (a token or an
// exec plugin's credential in the headers, a client certificate in the agent), taken from the Kubernetes client at
// each request so they stay fresh; they are added here, in main, and never reach the client of the local proxy. The
// API server authenticates the request and drops the Authorization header before it proxies. Its own refusals — a
// Status object with 401, 403, 404 or 5xx — mean this way does not work, unlike Flink's answers, which pass on.
import type { IncomingMessage } from 'node:http';
import type { KubeClient } from '../kube';
import type { RestService } from './rest-service';
import type { Upstream, UpstreamTarget } from './upstream';

type ProxyClient = Pick<KubeClient, 'rawConnection' | 'refreshCredentials' | 'where'>;

export const serviceProxyPath = (namespace: string, service: string, port: string | number) =>
  `/api/v1/namespaces/${encodeURIComponent(namespace)}/services/${encodeURIComponent(service)}:${encodeURIComponent(String(port))}/proxy`;

const REFUSALS = new Set([401, 403, 404, 500, 502, 503, 504]);

export class ServiceProxyUpstream implements Upstream {
  readonly way = 'service-proxy' as const;
  readonly via: string;
  worked = false;
  private readonly path: string;

  constructor(
    private readonly client: ProxyClient,
    svc: Pick<RestService, 'namespace' | 'name' | 'port'>,
  ) {
    const port = svc.port?.name || svc.port?.port || 'rest';
    this.path = serviceProxyPath(svc.namespace, svc.name, port);
    this.via = `service proxy of the API server ${client.where.server} to ${svc.namespace}/${svc.name}:${port}`;
  }

  async target(): Promise<UpstreamTarget> {
    const c = await this.client.rawConnection();
    const base = new URL(c.base.href);
    base.pathname = `${base.pathname.replace(/\/$/, '')}${this.path}`;
    base.search = '';
    return {
      base,
      headers: c.headers,
      ...(c.auth ? { auth: c.auth } : {}),
      ownCredentials: true,
      agent: c.agent,
      release: () => c.release(),
    };
  }

  mayRefuse(res: IncomingMessage): boolean {
    return REFUSALS.has(res.statusCode ?? 0) && /json/.test(res.headers['content-type'] ?? '');
  }

  refusal(res: IncomingMessage, body: Buffer): string | undefined {
    let status: { kind?: string; message?: string; reason?: string } | undefined;
    try {
      status = JSON.parse(body.toString('utf8')) as typeof status;
    } catch {
      return undefined;
    }
    if (status?.kind !== 'Status') return undefined;
    const user = this.client.where.user ? ` ${this.client.where.user}` : '';
    const said = status.message ?? status.reason ?? `HTTP ${res.statusCode}`;
    if (res.statusCode === 401)
      return `the API server ${this.client.where.server} does not accept the credentials of user${user} (${said})`;
    if (res.statusCode === 403) return `user${user} may not use the service proxy: ${said}`;
    if (res.statusCode === 404) return `the API server finds nothing to proxy to: ${said} — the Service has no endpoints, or is gone`;
    return `the API server cannot proxy to the rest Service: ${said}`;
  }

  unauthorized(): void {
    this.client.refreshCredentials();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
