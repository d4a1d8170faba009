// The service proxy builds the right requests with the user's credentials. The bench's API server refuses to proxy
// to loopback, so no real service proxy can be reached here; instead: (1) the request is built for a client
// certificate user and asserted on, without sending it anywhere; (2) a token user's requests go through the local
// proxy to a loopback stand-in of the API server (ApiServerTestDouble, a test double), which records what it got —
// the proxy path, the user's token in place of any the client sent — and answers as a Flink behind the proxy would,
// or refuses as an API server does (403, 401 with a credential refreshed and the request sent again).
import { join } from 'node:path';
import type { Agent as HttpsAgent } from 'node:https';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TrackedEntry } from '../../../shared/contracts/tracking';
import { AccessService } from '../../../electron/services/access';
import { outgoingRequest } from '../../../electron/services/access/outgoing';
import { ServiceProxyUpstream, serviceProxyPath } from '../../../electron/services/access/service-proxy';
import { KubeClients } from '../../../electron/services/kube';
import { silentLogger, systemScheduler } from '../../../electron/services/ports';
import {
  ApiServerTestDouble,
  countingCredentialPlugin,
  json,
  scratchDir,
  writeKubeconfig,
  type Recorded,
} from '../kube/api-server-test-double';

const dir = scratchDir();
const clients = new KubeClients({ env: {}, addedFiles: () => [], scheduler: systemScheduler, logger: silentLogger });
let api: ApiServerTestDouble;
let access: AccessService;

const PROXY = '/api/v1/namespaces/flink/services/orders-rest:rest/proxy';
const service = {
  kind: 'Service',
  metadata: { name: 'orders-rest', namespace: 'flink' },
  spec: { type: 'ClusterIP', ports: [{ name: 'rest', port: 8081, targetPort: 8081 }] },
};
const overview = { jobs: [{ jid: 'a'.repeat(32), name: 'orders', state: 'RUNNING' }] };

function entry(kubeconfig: string): TrackedEntry {
  return {
    id: 'kube:test/flink/orders',
    ref: { kind: 'kube', context: 'test', namespace: 'flink', clusterId: 'orders', kubeconfig },
    mode: 'application',
    origin: 'user',
    access: 'service-proxy',
    addedAt: 0,
    jobs: [],
  };
}

beforeAll(async () => {
  api = await ApiServerTestDouble.start();
});
afterAll(async () => {
  await clients.close();
  await api.close();
});
beforeEach(() => {
  api.requests.length = 0;
  access = new AccessService({ kube: clients, logger: silentLogger });
});
afterEach(async () => {
  await access.close();
});

const proxied = () => api.requests.filter((r) => r.path.startsWith(PROXY));
const signal = () => new AbortController().signal;

describe('the request, built for a client-certificate user', () => {
  it('goes to the API server over TLS at the service proxy path, with the certificate and key in its agent', async () => {
    const cert = '-----BEGIN CERTIFICATE-----\nY2VydC11c2VyIChidWlsdCwgbmV2ZXIgc2VudCk=\n-----END CERTIFICATE-----\n';
    const key = '-----BEGIN PRIVATE KEY-----\na2V5IChidWlsdCwgbmV2ZXIgc2VudCk=\n-----END PRIVATE KEY-----\n';
    const kubeconfig = writeKubeconfig(join(dir, 'cert.kubeconfig'), 'https://127.0.0.1:6443/prefix', {
      'client-certificate-data': Buffer.from(cert).toString('base64'),
      'client-key-data': Buffer.from(key).toString('base64'),
    });
    const client = await clients.for('test', { kubeconfig });
    const up = new ServiceProxyUpstream(client, { namespace: 'flink', name: 'orders-rest', port: { name: 'rest', port: 8081 } });
    const target = await up.target();
    const out = outgoingRequest(target, 'GET', '/jobs/overview?x=1', {
      authorization: 'Bearer from-the-client',
      cookie: 'a=b',
      accept: '*/*',
    });
    target.release();
    expect(out.href).toBe(`https://127.0.0.1:6443/prefix${PROXY}/jobs/overview?x=1`);
    expect(out).toMatchObject({ protocol: 'https:', hostname: '127.0.0.1', port: '6443', method: 'GET' });
    expect(out.headers).toEqual({ accept: '*/*', host: '127.0.0.1:6443' });
    const agent = out.agent as HttpsAgent & { options: { cert?: Buffer; key?: Buffer } };
    expect(agent.options.cert?.toString()).toBe(cert);
    expect(agent.options.key?.toString()).toBe(key);
    expect(up.via).toBe(`service proxy of the API server https://127.0.0.1:6443/prefix to flink/orders-rest:rest`);
  });

  it('names the port by name, else by number', () => {
    expect(serviceProxyPath('flink', 'orders-rest', 'rest')).toBe(PROXY);
    expect(serviceProxyPath('flink', 'orders-rest', 8081)).toBe('/api/v1/namespaces/flink/services/orders-rest:8081/proxy');
  });
});

describe('through the local proxy to a stand-in of the API server, as a token user', () => {
  const answer = (proxy: (r: Recorded) => [number, unknown]) => {
    api.handler = (req, res) => {
      if (req.path === '/api/v1/namespaces/flink/services/orders-rest') return json(res, 200, service);
      if (req.path.startsWith(PROXY)) {
        const [status, body] = proxy(req);
        return json(res, status, body);
      }
      json(res, 404, { kind: 'Status', code: 404, message: 'not found (test double)' });
    };
  };

  it('sends the user’s token (never the client’s) to the proxy path; the answer comes back as Flink sent it', async () => {
    answer(() => [200, overview]);
    const e = entry(writeKubeconfig(join(dir, 'token.kubeconfig'), api.url, { token: 'user-token' }));
    const endpoint = await access.resolve(e, signal());
    expect(endpoint).toMatchObject({ way: 'service-proxy', restUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    const res = await fetch(`${endpoint.restUrl}/jobs/overview`, { headers: { authorization: 'Bearer from-the-client' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(overview);
    expect(proxied().map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
      ['GET', `${PROXY}/jobs/overview`, 'Bearer user-token'],
    ]);
    expect(access.view(e)).toMatchObject({ mode: 'service-proxy', way: 'service-proxy', restUrl: endpoint.restUrl });
  });

  it('a 403 from the API server is the way’s refusal, not Flink’s answer: 502 naming the user and the reason', async () => {
    answer(() => [
      403,
      { kind: 'Status', code: 403, message: 'services "orders-rest" is forbidden: User "limited" cannot get resource "services/proxy"' },
    ]);
    const e = entry(writeKubeconfig(join(dir, 'limited.kubeconfig'), api.url, { token: 'limited-token' }));
    const endpoint = await access.resolve(e, signal());
    const res = await fetch(`${endpoint.restUrl}/jobs/overview`);
    expect(res.status).toBe(502);
    const body = (await res.json()) as { errors: string[] };
    expect(body.errors[0]).toMatch(/user test-user may not use the service proxy: services "orders-rest" is forbidden/);
    expect(access.problem(e.id)).toMatch(/service proxy: user test-user may not use the service proxy/);
  });

  it('Flink’s own errors pass on unchanged (a 404 of a path Flink does not know)', async () => {
    answer(() => [404, { errors: ['Not found: /nothing'] }]);
    const e = entry(writeKubeconfig(join(dir, 'token2.kubeconfig'), api.url, { token: 'user-token' }));
    const endpoint = await access.resolve(e, signal());
    const res = await fetch(`${endpoint.restUrl}/nothing`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ errors: ['Not found: /nothing'] });
  });

  it('a 401: the credential plugin runs again and the request is sent again with the new token', async () => {
    answer((r) =>
      r.headers.authorization === 'Bearer token-1' ? [401, { kind: 'Status', code: 401, message: 'Unauthorized' }] : [200, overview],
    );
    const user = countingCredentialPlugin(dir, join(dir, 'count'));
    const e = entry(writeKubeconfig(join(dir, 'exec.kubeconfig'), api.url, user));
    const endpoint = await access.resolve(e, signal());
    const res = await fetch(`${endpoint.restUrl}/jobs/overview`);
    expect(res.status).toBe(200);
    expect(proxied().map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });
});
